"""Cache tags as a CDN sees them: short header tokens, and the purge of retired ones.

Cached pages go out with their tags in ``Surrogate-Key`` (space-separated: Fastly and
others) and ``Cache-Tag`` (comma-separated: Cloudflare), each tag shortened (``story:123``
is ``s123``, ``stories:actor:45`` is ``La45``) to keep headers small. When a change
commits, ``retired()`` (a common.generation.on_retire hook) is given its tags; with
``NEWSROOM_CDN_PURGE_URL`` set they are POSTed there as JSON ``{"tags": [...]}`` (short forms), with
``NEWSROOM_CDN_PURGE_TOKEN`` as a bearer token, from a background thread: a slow or failing
CDN is logged and never delays or fails an editor's save. Tags retired while a purge is
under way go out together in the next one.
"""

import json
import logging
import queue
import threading
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

SHORT = {
    "story": "s",
    "actor": "a",
    "topic": "t",
    "section": "c",
    "user": "u",
    "stories": "L",
    "actors": "A",
    "topics": "T",
    "all": "X",
    "any": "Y",
}
TIMEOUT_SECONDS = 3.0
IDLE_SECONDS = 30.0


def short(tag: str) -> str:
    """``stories:section:3`` -> ``Lc3``: each word by its letter, numbers as they are."""
    return "".join(SHORT.get(part, part) for part in tag.split(":"))


def headers(tags) -> dict[str, str]:
    tokens = sorted(short(tag) for tag in tags)
    return {"Surrogate-Key": " ".join(tokens), "Cache-Tag": ",".join(tokens)}


def send(tags) -> None:
    """POST the retired tags to the CDN now; a failure is logged."""
    url = settings.NEWSROOM_CDN_PURGE_URL
    if not url.startswith(("https://", "http://")):
        logger.warning("NEWSROOM_CDN_PURGE_URL is not an http(s) address: nothing purged")
        return
    body = json.dumps({"tags": sorted(short(tag) for tag in tags)}).encode()
    request = urllib.request.Request(  # noqa: S310 - an http(s) address, checked above
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    token = getattr(settings, "NEWSROOM_CDN_PURGE_TOKEN", "")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            answer.read()
    except Exception:  # noqa: BLE001 - the CDN's copies then expire by themselves
        logger.warning("CDN purge of %d tags failed", len(tags), exc_info=True)


_waiting: queue.SimpleQueue = queue.SimpleQueue()
_worker_lock = threading.Lock()
_worker: threading.Thread | None = None


def retired(tags) -> None:
    """``common.generation.on_retire`` hook: purge when a CDN is configured."""
    if getattr(settings, "NEWSROOM_CDN_PURGE_URL", ""):
        purge(tags)


def purge(tags) -> None:
    """Queue ``tags`` for the CDN; a background thread sends them."""
    global _worker
    _waiting.put(frozenset(tags))
    with _worker_lock:
        if _worker is None:
            _worker = threading.Thread(target=_send_waiting, name="cdn-purge", daemon=True)
            _worker.start()


def _send_waiting() -> None:
    global _worker
    while True:
        try:
            tags = set(_waiting.get(timeout=IDLE_SECONDS))
        except queue.Empty:
            with _worker_lock:  # idle: the next purge starts a new thread
                if _waiting.empty():
                    _worker = None
                    return
            continue
        while True:  # everything retired meanwhile goes in the same request
            try:
                tags |= _waiting.get_nowait()
            except queue.Empty:
                break
        send(tags)

"""The page cache's process-local tier: hot pages served with no round trip, never stale.

A cache hit through Redis or the file cache costs a round trip (or file reads) to learn
whether the page is still current. Each server process therefore also keeps the pages it
served last in memory, each with the *change sequence* read before it was last found
current. The sequence is eight bytes in a memory-mapped file that every process of the
machine shares: whenever cached pages are retired (``newsroom.pagecache`` calls
``changed()`` once the change has committed), it takes a new random value. A local copy is
served only while the sequence still holds the value it was checked under; reading it is a
memory access, not a system call. Any change at all sends the next request for each page
back to the shared cache, which knows exactly which pages the change retired, so the local
tier is as exact as the shared one and precise invalidation decides what is rendered again.

Several machines sharing Redis learn of each other's changes through a Redis channel: a
thread in each process listens and moves the machine's sequence on. While that thread is
not connected (Redis down, or not yet subscribed) the local tier serves nothing, since it
could miss a change made elsewhere.
"""

import logging
import os
import tempfile
import threading
import time
from collections import OrderedDict
from hashlib import sha256

from django.conf import settings

from common.sequence import ChangeSequence

logger = logging.getLogger(__name__)

CHANNEL = "newsroom:pages-retired"
RECONNECT_SECONDS = 1.0


class LocalPages:
    """Pages in this process's memory, most recently served last, bounded in count and size."""

    def __init__(self, sequence: ChangeSequence, max_entries: int, max_bytes: int):
        self.sequence = sequence
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._pages: OrderedDict[str, tuple[bytes, tuple]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.listening = True  # False while a Redis fan-out is needed but not connected
        self.closed = False  # set when the tier is dropped: its listener then stops

    def get(self, key: str, now: float):
        """The stored page at ``key`` if nothing has changed since it was found current."""
        if not self.listening:
            return None
        found = self._pages.get(key)
        if found is None:
            return None
        checked_under, stored = found
        if checked_under != self.sequence.value() or stored_expires(stored) <= now:
            return None
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
        return stored

    def put(self, key: str, checked_under: bytes, stored: tuple) -> None:
        """Keep ``stored``, found current under the sequence value ``checked_under``.

        The value must be read *before* the shared cache was asked (or the page rendered):
        a change committing in between then leaves this copy behind.
        """
        size = len(stored_content(stored))
        if size > self.max_bytes // 8:
            return  # one huge page must not push out all the others
        with self._lock:
            previous = self._pages.pop(key, None)
            if previous is not None:
                self._bytes -= len(stored_content(previous[1]))
            self._pages[key] = (checked_under, stored)
            self._bytes += size
            while self._pages and (
                len(self._pages) > self.max_entries or self._bytes > self.max_bytes
            ):
                _key, (_seq, oldest) = self._pages.popitem(last=False)
                self._bytes -= len(stored_content(oldest))

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0


def stored_expires(stored: tuple) -> float:
    return stored[1]


def stored_content(stored: tuple) -> bytes:
    return stored[-1]


# The process's tier -------------------------------------------------------------------

_tier: LocalPages | None = None
_tier_lock = threading.Lock()


def enabled() -> bool:
    return getattr(settings, "NEWSROOM_PAGE_CACHE_LOCAL_ENTRIES", 0) > 0


def sequence_path() -> str:
    """One file per site: the pages cache's location names it unless a setting does."""
    configured = getattr(settings, "NEWSROOM_PAGE_CACHE_SEQUENCE", "")
    if configured:
        return configured
    pages = settings.CACHES["pages"]
    where = f"{settings.BASE_DIR}|{pages['BACKEND']}|{pages.get('LOCATION', '')}"
    digest = sha256(where.encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"newsroom-pages-{digest}.seq")


def tier() -> LocalPages | None:
    """This process's local tier, created on first use; None when it is switched off."""
    global _tier
    if not enabled():
        return None
    if _tier is None:
        with _tier_lock:
            if _tier is None:
                local = LocalPages(
                    ChangeSequence(sequence_path()),
                    max_entries=settings.NEWSROOM_PAGE_CACHE_LOCAL_ENTRIES,
                    max_bytes=getattr(settings, "NEWSROOM_PAGE_CACHE_LOCAL_BYTES", 64 << 20),
                )
                if _redis_client() is not None:
                    local.listening = False
                    _start_listener(local)
                _tier = local
    return _tier


def changed() -> None:
    """Cached pages were retired: every local copy must be checked again before it is served.

    Called after the change has committed, in the process that made it. Other processes of
    the machine see the new sequence at once; other machines hear of it through Redis.
    """
    local = tier()
    if local is not None:
        local.sequence.advance()
    elif getattr(settings, "NEWSROOM_PAGE_CACHE", False):
        # This process keeps no local copies (a command, a worker), but the machine's
        # servers may: they share the sequence file.
        ChangeSequence(sequence_path()).advance()
    else:
        return
    client = _redis_client()
    if client is not None:
        try:
            client.publish(CHANNEL, b"1")
        except Exception:  # Redis down: the listeners of other machines are down too
            logger.warning("page cache: could not announce a change on Redis", exc_info=True)


def retired(tags: frozenset[str]) -> None:
    """``common.generation.on_retire`` hook: whatever was retired, check every local copy."""
    changed()


def reset() -> None:
    """Forget this process's tier (tests switch settings between cases)."""
    global _tier
    with _tier_lock:
        if _tier is not None:
            _tier.closed = True
        _tier = None


# Fan-out between machines sharing Redis -------------------------------------------------


def _redis_client():
    """A Redis client when the pages cache is Redis (several machines may share it)."""
    pages = settings.CACHES["pages"]
    if "redis" not in pages["BACKEND"].lower():
        return None
    import redis

    location = pages["LOCATION"]
    location = location[0] if isinstance(location, (list, tuple)) else location
    # The listener pings every few seconds: a Redis that hangs rather than refuses is noticed.
    return redis.Redis.from_url(
        location, socket_connect_timeout=0.5, socket_timeout=5, health_check_interval=2
    )


def _start_listener(local: LocalPages) -> None:
    thread = threading.Thread(target=_listen, args=(local,), name="page-cache-fan-out", daemon=True)
    thread.start()


def _listen(local: LocalPages) -> None:
    """Move this machine's sequence on for every change announced; serve nothing while deaf."""
    client = _redis_client()
    while not local.closed:
        try:
            pubsub = client.pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(CHANNEL)
            # Changes made while this process was not listening are unknown: check them all.
            local.sequence.advance()
            local.listening = True
            while not local.closed:
                message = pubsub.get_message(timeout=1.0)
                if message is not None and message.get("type") == "message":
                    local.sequence.advance()
                pubsub.check_health()
        except Exception:
            if local.listening:
                logger.warning("page cache: lost the Redis change channel", exc_info=True)
            local.listening = False
            time.sleep(RECONNECT_SECONDS)
    local.listening = False

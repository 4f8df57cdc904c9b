"""The reader page cache: whole pages for anonymous readers, never stale.

A page is stored with its *cache tags* (common.generation), what it shows: ``story:12``,
``actor:4``, ``stories:section:3`` (a section's list), ``all``; each with the version it had
when the page was rendered. It is served only while every one of them is still current
(two round trips: the page, then its tags' versions). A change a reader could see retires
only the tags it touches once its transaction commits: editing a story retires its page
and the lists it is in, not the page of an unrelated story; nothing has to find and delete
a page. Changes with no precise rule (pictures, relationship kinds, sections, which every
page names in its navigation) retire ``all``. Saving a draft that was never published
retires nothing. Each app says what its rows tag a page with and which tags each change
retires from its ``AppConfig.ready()`` (``articles/cachetags.py``, ``actors/cachetags.py``);
this module only collects a page's tags and serves pages.

A page learns its tags after rendering, from the rows in its template context and from its
URL's name (``generation.lists``). A page whose URL declares nothing (robots.txt, a new view)
carries ``any``, which every change retires: nothing goes stale by omission. The tags go
out in ``Surrogate-Key`` and ``Cache-Tag`` headers for a CDN, which common.cdn purges.

While one request renders a retired page again, the others asking for it get the previous
copy (``X-Page-Cache: stale``) instead of waiting, as a CDN's grace mode does, unless the
change withdrew something from readers (a story unpublished, a row deleted, a change with no
precise rule): those wait for the new copy (``common.generation.withdrawn_since``).

Time changes pages too: a scheduled story appears when its time comes. A page is therefore
kept no longer than until the next scheduled publication (and ``NEWSROOM_PAGE_CACHE_SECONDS``
at most).

The content generation (the version of ``any``) is read before the page is rendered and
again, after its tags' versions, before it is stored: a page rendered while a change
committed is not stored, since it may show the data from before the change with versions
from after it.

Query parameters that only trackers read (``TRACKING_PARAMETERS``: ``utm_source``,
``fbclid``, …) are left out of the cache key, so a shared link's variants share one copy.

Only anonymous GET requests are served from the cache: any request carrying a session or a
message cookie, or credentials (an ``Authorization`` or ``X-API-Key`` header: an API key may
read drafts), goes to the view and is never stored, and only 200 answers without cookies and
without ``private``/``no-store``/``no-cache`` are stored. Under ``/api/`` the format asked
for by ``Accept`` (ninjs or the newsroom's JSON) is part of the key.

Several app servers share the cache through Redis (``REDIS_URL``); without it each server
process keeps its own copy and versions, which is only correct with a single process
(``runserver``; the settings give ``make serve`` a file cache shared by the processes of one
machine).
"""

import hashlib
import logging
import time
from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_request

from api.http import wants_ninjs
from common import cdn, generation
from common.generation import page_cache, seconds_to_live
from newsroom import localpages

logger = logging.getLogger(__name__)

UNSAFE_DIRECTIVES = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Page-Cache"
# While one request renders a missing page, others asking for it wait for its copy as long
# as the renderer holds its lock (rendering it again alongside would only slow both down);
# the lock lapses by itself if its holder dies.
RENDER_LOCK_SECONDS = 30
WAIT_SECONDS = RENDER_LOCK_SECONDS
WAIT_STEP_SECONDS = 0.02
# Clocks of several machines disagree a little: a copy stored up to this long after a
# withdrawal (by the clocks) is still taken to predate it, and never served out of date.
GRACE_CLOCK_SKEW_SECONDS = 5
# Read by trackers, never by a page: not part of the cache key.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "igshid", "yclid"}
    | {"twclid", "ref_src"}
)
TRACKING_PREFIXES = ("utm_",)
# Who sends the request: an API key (Bearer or X-API-Key), or HTTP authentication.
CREDENTIAL_HEADERS = ("HTTP_AUTHORIZATION", "HTTP_X_API_KEY")
API_PREFIX = "/api/"


def enabled() -> bool:
    return getattr(settings, "NEWSROOM_PAGE_CACHE", False)


# Serving --------------------------------------------------------------------------------


@cache
def _skip_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, "messages")


def carries_credentials(request) -> bool:
    """A request that says who sends it (an API key, HTTP authentication): its answer may
    hold what others must not see, so it is neither served from nor stored in the cache."""
    return any(name in request.META for name in CREDENTIAL_HEADERS)


def _format(request) -> str:
    """For the API: the format ``Accept`` asks for, when the query does not name one."""
    if not request.path.startswith(API_PREFIX) or "format" in request.GET:
        return ""
    return "ninjs" if wants_ninjs(request) else ""


def _tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def _cache_key(request) -> str:
    language = get_language_from_request(request)
    query = request.META.get("QUERY_STRING", "")
    if query:
        kept = [part for part in query.split("&") if not _tracking(part.split("=", 1)[0])]
        query = "&".join(kept)
    # "tagged": entries stored before cache tags have another shape and are never read.
    where = f"tagged {request.scheme}://{request.get_host()}{request.path}?{query}"
    accepted = _format(request)
    if accepted:
        where += f" accept:{accepted}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:40]
    return f"page:{language}:{digest}"


def _lookup(key: str) -> tuple[tuple | None, tuple | None]:
    """(the page stored at ``key`` if every tag it carries still has the version it was
    stored with, else None; the out-of-date copy, else None). Past its own expiry a copy is
    neither."""
    stored = page_cache().get(key)
    if stored is None or stored[1] <= timezone.now().timestamp():
        return None, None
    tagged = stored[0]
    current = generation.versions(tag for tag, _version in tagged)
    retired = [tag for tag, version in tagged if current[tag] != version]
    if retired:
        return None, (stored, retired)
    return stored, None


def _stored_at(stored: tuple) -> float:
    # Copies stored before the time was kept (five items) are never served out of date.
    return stored[4] if len(stored) == 6 else 0.0


def _graceable(out_of_date: tuple | None) -> tuple | None:
    """The out-of-date copy, if what retired it took nothing away from readers."""
    if out_of_date is None:
        return None
    stored, retired = out_of_date
    since = _stored_at(stored) - GRACE_CLOCK_SKEW_SECONDS
    if since <= 0 or generation.withdrawn_since(retired, since):
        return None
    return stored


def _tags(request, response) -> set[str]:
    """What the page shows: from its URL's name and the rows its template was given."""
    match = request.resolver_match
    try:
        return generation.page_tags(
            match.view_name if match else None,
            match.kwargs if match else {},
            getattr(response, "context_data", None),
        )
    except Exception:  # a tagger's bug must not leave a stale page: every change retires it
        logger.exception("page tags unavailable for %s", request.path)
        return {generation.ALL, generation.ANY}


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if any(directive in response.get("Cache-Control", "") for directive in UNSAFE_DIRECTIVES):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or carries_credentials(request):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class PageCacheMiddleware:
    """Answer anonymous readers' GET requests from the page cache (see the module docstring).

    Placed after WhiteNoise (static files never reach it) and before the session middleware,
    so that a hit costs one cache round trip and no database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or request.method != "GET" or self._personal(request):
            return self.get_response(request)
        local = localpages.tier()
        checked_under = b""
        try:
            key = _cache_key(request)
            if local is not None:
                # Read before the shared cache is asked: see newsroom/localpages.py.
                checked_under = local.sequence.value()
                kept = local.get(key, time.time())
                if kept is not None:
                    return self._replay(request, kept)
            stored, out_of_date = _lookup(key)
        except Exception:  # a cache outage must not take the site down: render instead
            logger.exception("page cache unavailable")
            return self.get_response(request)
        # The expiry is checked here as well as by the cache: the site's clock decides when a
        # scheduled story appears, and a page must not outlive that moment.
        if stored is not None:
            if local is not None:
                local.put(key, checked_under, stored)
            return self._replay(request, stored)
        # A page nobody has yet: one request renders it while the others asking for it
        # wait for its copy, instead of all rendering (and counting) it at once when a
        # spike hits a cold cache.
        lock = f"rendering:{key}"
        try:
            rendering_elsewhere = not page_cache().add(lock, 1, timeout=RENDER_LOCK_SECONDS)
        except Exception:
            rendering_elsewhere = False
        if rendering_elsewhere:
            # Another request is rendering the new copy: give the previous one meanwhile,
            # unless the change withdrew something (see the module docstring).
            try:
                grace = _graceable(out_of_date)
            except Exception:
                grace = None
            if grace is not None:
                return self._replay(request, grace, state="stale")
            waited = self._wait_for(request, key, lock)
            if waited is not None:
                return waited
            return self._render(request, key, local, checked_under)
        try:
            return self._render(request, key, local, checked_under)
        finally:
            try:
                page_cache().delete(lock)
            except Exception:
                logger.exception("page cache unavailable")

    def _wait_for(self, request, key: str, lock: str):
        """The page another request is rendering, once stored; None if it never comes."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP_SECONDS)
            try:
                stored, _out_of_date = _lookup(key)
                if stored is not None:
                    return self._replay(request, stored)
                if page_cache().get(lock) is None:
                    return None  # rendered but not storable (an error page, a cookie)
            except Exception:
                return None
        return None

    def _render(self, request, key: str, local=None, checked_under: bytes = b""):
        try:
            since = generation.generation()  # before rendering: see the module docstring
        except Exception:
            logger.exception("page cache unavailable")
            return self.get_response(request)
        response = self.get_response(request)
        if _storable(request, response):
            tags = _tags(request, response)
            for name, value in cdn.headers(tags).items():
                response[name] = value
            match = request.resolver_match
            stored = self._store(key, response, tags, since, match.view_name if match else None)
            if stored is not None and local is not None:
                local.put(key, checked_under, stored)
            response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _store(
        key: str, response, tags: set[str], since: str, view_name: str | None = None
    ) -> tuple | None:
        """Store the page in the shared cache; the stored tuple, or None if it was not."""
        timeout = seconds_to_live(view_name)
        if timeout <= 0:
            return None
        expires = timezone.now().timestamp() + timeout
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("set-cookie", STATUS_HEADER.lower())
        ]
        try:
            current = generation.versions_for_storing(tags, since=since)
            if current is None:
                return None  # a change committed while the page rendered
            tagged = tuple(sorted((tag, current[tag]) for tag in tags))
            stored = (tagged, expires, response.status_code, headers, time.time(), response.content)
            page_cache().set(key, stored, timeout)
        except Exception:
            logger.exception("page cache unavailable")
            return None
        return stored

    @staticmethod
    def _personal(request) -> bool:
        return carries_credentials(request) or any(
            name in request.COOKIES for name in _skip_cookies()
        )

    @staticmethod
    def _replay(request, stored, state: str = "hit"):
        status, headers, content = stored[2], stored[3], stored[-1]
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[STATUS_HEADER] = state
        last_modified = response.get("Last-Modified")
        conditional = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )
        return conditional

"""The reader page cache: whole pages for anonymous readers, never stale.

A page is stored with the *content generation*, a token in the shared cache, that was current
when it was rendered, and served only while that token is still current (one round trip
reads both). Every change a reader could see replaces the token once its transaction
commits: a story published, edited, unpublished or deleted, its tags, actors, related links
or corrections, an actor, alias or relationship, a section, a tag, a picture. A page rendered
before the change carries the old token and is never served again; nothing has to find and
delete it. Saving a draft that was never published changes nothing a reader sees, so it keeps
the cache. Each app says which of its models readers see from its ``AppConfig.ready()``
(``common.generation.watch``); this module only serves pages.

Time changes pages too: a scheduled story appears when its time comes. A page is therefore
kept no longer than until the next scheduled publication (and ``NEWSROOM_PAGE_CACHE_SECONDS``
at most).

The generation is read before the page is rendered, and a page is stored with the
generation read then: a page rendered from data that an edit is committing at the same time
carries a generation that the edit's bump has already left behind.

Only anonymous GET requests are served from the cache: any request carrying a session or a
message cookie goes to the view, and only 200 answers without cookies and without
``private``/``no-store``/``no-cache`` are stored. Several app servers share the cache through
Redis (``REDIS_URL``); without it each server process keeps its own copy and generation, which
is only correct with a single process (``runserver``; the settings give ``make serve`` a file
cache shared by the processes of one machine).
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

from common.generation import GENERATION_KEY, generation, page_cache, seconds_to_live

logger = logging.getLogger(__name__)

UNSAFE_DIRECTIVES = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Page-Cache"
# While one request renders a missing page, others asking for it wait for its copy as long
# as the renderer holds its lock (rendering it again alongside would only slow both down);
# the lock lapses by itself if its holder dies.
RENDER_LOCK_SECONDS = 30
WAIT_SECONDS = RENDER_LOCK_SECONDS
WAIT_STEP_SECONDS = 0.02


def enabled() -> bool:
    return getattr(settings, "NEWSROOM_PAGE_CACHE", False)


# Serving --------------------------------------------------------------------------------


@cache
def _skip_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, "messages")


def _cache_key(request) -> str:
    language = get_language_from_request(request)
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:40]
    return f"page:{language}:{digest}"


def _lookup(key: str) -> tuple[str, tuple | None]:
    """The current generation and the page stored at ``key``, in one round trip.

    A page records the generation it was rendered under; it is served only while that is
    still the current one (and before its own expiry).
    """
    found = page_cache().get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stored = found.get(key)
    if stored is None or stored[0] != current or stored[1] <= timezone.now().timestamp():
        return current, None
    return current, stored


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if any(directive in response.get("Cache-Control", "") for directive in UNSAFE_DIRECTIVES):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
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
        try:
            key = _cache_key(request)
            current, stored = _lookup(key)
        except Exception:  # a cache outage must not take the site down: render instead
            logger.exception("page cache unavailable")
            return self.get_response(request)
        # The expiry is checked here as well as by the cache: the site's clock decides when a
        # scheduled story appears, and a page must not outlive that moment.
        if stored is not None:
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
            waited = self._wait_for(request, key, lock)
            if waited is not None:
                return waited
            return self._render(request, key, current)
        try:
            return self._render(request, key, current)
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
                _current, stored = _lookup(key)
                if stored is not None:
                    return self._replay(request, stored)
                if page_cache().get(lock) is None:
                    return None  # rendered but not storable (an error page, a cookie)
            except Exception:
                return None
        return None

    def _render(self, request, key: str, current: str):
        response = self.get_response(request)
        if _storable(request, response):
            timeout = seconds_to_live()
            if timeout > 0:
                expires = timezone.now().timestamp() + timeout
                headers = [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in ("set-cookie", STATUS_HEADER.lower())
                ]
                try:
                    page_cache().set(
                        key,
                        (current, expires, response.status_code, headers, response.content),
                        timeout,
                    )
                except Exception:
                    logger.exception("page cache unavailable")
            response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _personal(request) -> bool:
        return any(name in request.COOKIES for name in _skip_cookies())

    @staticmethod
    def _replay(request, stored):
        _generation, _expires, status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[STATUS_HEADER] = "hit"
        last_modified = response.get("Last-Modified")
        conditional = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )
        return conditional

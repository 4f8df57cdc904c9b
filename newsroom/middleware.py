"""The request id every log line and error page carries, HTTP caching for the reader site
(shareable for anonymous readers, private for staff), the answer to a database too busy to
take a write, the refusal of NUL characters and of dates beyond the calendar in filters."""

from django.contrib import messages
from django.db import OperationalError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.log import log_response
from django.utils.translation import gettext as _

from newsroom.logging import request_id_from, request_id_var
from newsroom.pagecache import API_PREFIX, carries_credentials

# Pages change when an editor publishes; five minutes is fresh enough for news, and a CDN may
# serve a slightly stale copy while it fetches a new one.
PUBLIC_MAX_AGE = 300
STALE_WHILE_REVALIDATE = 60
NOT_FOUND_MAX_AGE = 60
CACHEABLE_STATUSES = {200, 301, 304, 404, 410}
CREDENTIAL_VARY = ["Authorization", "X-API-Key"]


class RequestIdMiddleware:
    """Give each request an id: the proxy's ``X-Request-ID`` when it is sane, else a new one.

    It is set for the log records of the request (``newsroom.logging.request_id_var``), kept
    on ``request.request_id`` for the 500 page, and sent back as ``X-Request-ID`` so a reader
    or a proxy log can name the request. First in MIDDLEWARE: every line logged while the
    request is handled, even by another middleware, carries it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.headers.get("X-Request-ID"))
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
            if response.status_code >= 400:
                # Django logs a 4xx/5xx answered without an exception only after the last
                # middleware returns, when the id is gone; logged here, it keeps it (and
                # Django, seeing it logged, does not log it twice).
                log_response(
                    "%s: %s",
                    response.reason_phrase,
                    request.path,
                    response=response,
                    request=request,
                )
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


class ReaderCacheMiddleware:
    """Set Cache-Control on GET/HEAD responses that have none.

    Anonymous readers get ``public`` with a max-age (and stale-while-revalidate) so a CDN can
    serve them. Anyone logged in gets ``private, no-store``: a staff member's page may show
    drafts or editing links and must never be stored, let alone shared; so does a request
    with credentials (an API key in ``Authorization`` or ``X-API-Key``: it may read drafts),
    whatever the view said, with ``Vary`` on those headers, which every API answer carries.
    ``Vary: Cookie`` keeps a logged-in request (or a language chosen by cookie) from being
    answered from the shared copy. Responses that set a cookie are never marked public.

    Listed first in MIDDLEWARE so that it sees the response last, cookies included (the CSRF
    and session middlewares add theirs on the way out).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if request.path.startswith(API_PREFIX):
            # Another key, or another format, gets another answer: shared caches keep them
            # apart (an anonymous copy is never served to a key that reads drafts).
            patch_vary_headers(response, ["Accept", *CREDENTIAL_VARY])
        if carries_credentials(request):
            # An API key may read drafts: whatever it gets is for it alone.
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, CREDENTIAL_VARY)
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "public" in response.get("Cache-Control", "") or not response.has_header(
                "Cache-Control"
            ):
                response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ["Cookie"])
            return response
        if response.has_header("Cache-Control"):
            return response
        sets_cookie = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if response.status_code in CACHEABLE_STATUSES and not sets_cookie:
            max_age = PUBLIC_MAX_AGE if response.status_code < 400 else NOT_FOUND_MAX_AGE
            patch_cache_control(
                response,
                public=True,
                max_age=max_age,
                stale_while_revalidate=STALE_WHILE_REVALIDATE,
            )
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response


class DatabaseBusyMiddleware:
    """A write that waited its whole turn for SQLite's lock is answered 503, not 500.

    The transaction was rolled back, so nothing was half-written; the page says so and asks
    to try again (PostgreSQL waits on row locks instead, and never raises this).
    """

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError) or "database is locked" not in str(
            exception
        ):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class RefuseNulMiddleware:
    """A NUL character in the path or the query string is answered 400.

    No text column can hold one (PostgreSQL refuses even to compare it), so such a request
    can only fail further in; it is refused before the reader cache or any view sees it, and
    the refusal itself is never stored. Posted forms are left to their fields, which refuse
    a NUL by name and give the editor back what they typed (common.text.check_storable).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            # Before LocaleMiddleware: the reader's language is read here (cookie, header).
            with translation.override(translation.get_language_from_request(request)):
                text = _("Bad request: the address contains a NUL character.")
            response = HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)

    def _has_nul(self, request) -> bool:
        if "\x00" in request.path_info or "\x00" in request.path:
            return True
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        )


class OutOfRangeFilterMiddleware:
    """A filter in the address that no date can hold (``?publish_at__lt=0001-01-01``,
    ``?publish_at__year=99999``) is refused by name, not answered 500.

    The admin's date filters pass such values to the database layer, which raises while the
    list is counted or drawn. The list comes back without its filters, saying which were
    dropped; elsewhere the answer is a 400.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        out_of_range = isinstance(exception, OverflowError) or (
            isinstance(exception, ValueError) and "out of range" in str(exception)
        )
        if not out_of_range or request.method != "GET" or not request.GET:
            return None
        given = ", ".join(sorted(request.GET))
        if getattr(request.resolver_match, "namespace", "") == "admin":
            messages.error(
                request,
                _(
                    "A date in the filters (%(names)s) is outside the calendar this site can "
                    "store; the list is shown without its filters."
                )
                % {"names": given},
            )
            return HttpResponseRedirect(request.path)
        return HttpResponseBadRequest(
            _("A date in the address (%(names)s) is outside the calendar this site can store.")
            % {"names": given},
            content_type="text/plain; charset=utf-8",
        )

"""HTTP for the API's answers: what an answer shows (the page cache's tags), when it last
changed (Last-Modified), its ETag, conditional requests (304), CORS and the ninjs ``Accept``.

Two middlewares, because the page cache stores an answer under its URL only:

- ``ApiHttpMiddleware``, inside the page cache, gives a 200 answer its ETag (a strong hash of
  the body), its Last-Modified and the rows it showed (``response.context_data``), so the
  stored copy carries them and is retired with the reader pages showing the same rows;
- ``ApiEdgeMiddleware``, outside it (listed before ``RefuseNulMiddleware``), does what
  depends on the caller rather than the URL: CORS (the allowed origin is echoed per caller,
  ``Vary: Origin``), preflight ``OPTIONS`` (204, no key needed), ``Accept:
  application/ninjs+json`` turned into ``?format=ninjs`` before the page cache looks the URL
  up, and the 304 to ``If-None-Match``/``If-Modified-Since`` (so that the 200 it answers
  for is still stored for everyone else).

A list's Last-Modified is the newest change among the stories it shows: a story leaving the
list (unpublished) does not move it forward, so ``If-None-Match`` (the body's hash) is the
validator to prefer; both are sent.

Every other error under ``/api/`` (an unknown path, a method not allowed, a NUL in the
address) is answered as JSON too, in ``api.errors``' shape: the edge middleware is listed
before ``RefuseNulMiddleware`` to see its refusals.
"""

import json

from django.conf import settings
from django.http import HttpResponse, QueryDict
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _

from api.errors import error_body

PREFIX = "/api/"
NINJS_TYPES = ("application/ninjs+json", "application/vnd.iptc.ninjs+json")
READ_METHODS = ("GET", "HEAD")
PREFLIGHT_MAX_AGE = 86400
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After, X-Request-ID"


def shows(request, *rows) -> None:
    """Remember the rows (model instances, lists or querysets of them) an answer shows: the
    page cache tags the answer with them, as it does a page with its template's rows."""
    request.api_rows = [*getattr(request, "api_rows", []), *rows]


def last_modified(request, moment) -> None:
    """Remember the newest change among what the answer shows (None: unknown)."""
    if moment is not None:
        current = getattr(request, "api_last_modified", None)
        request.api_last_modified = moment if current is None else max(current, moment)


def lists(request, *tags: str) -> None:
    """Cache tags an answer carries beyond its rows' (read by the routes' ``CACHE_LISTS``)."""
    request.api_tags = {*getattr(request, "api_tags", ()), *tags}


def cache_context(context) -> set[str]:
    """The tags ``lists()`` recorded, from an answer's context (for ``CACHE_LISTS``)."""
    return set((context or {}).get("tags", ()))


def wants_ninjs(request) -> bool:
    accept = request.headers.get("Accept", "")
    return any(media_type in accept for media_type in NINJS_TYPES)


def _is_api(request) -> bool:
    return request.path_info.startswith(PREFIX)


def _json_error(status: int, detail: str, errors=()) -> HttpResponse:
    response = HttpResponse(json.dumps(error_body(detail, errors)), status=status)
    response["Content-Type"] = "application/json; charset=utf-8"
    return response


def _nul_parameters(request) -> list[str]:
    return [
        name
        for name, values in request.GET.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    ]


def _as_json(request, response) -> HttpResponse:
    """An error answered before or beside the API (an unknown path, a method not allowed, a
    NUL in the address refused by ``RefuseNulMiddleware``), in the API's error shape."""
    if response.status_code < 400 or "json" in response.get("Content-Type", ""):
        return response
    if response.status_code == 404:
        detail = _("Not found.")
    elif response.status_code == 405:
        detail = _("Method not allowed: use %(allowed)s.") % {
            "allowed": response.get("Allow", "GET")
        }
    elif response.get("Content-Type", "").startswith("text/plain") and not response.streaming:
        detail = response.content.decode(errors="replace").strip()
    else:
        detail = response.reason_phrase
    named = _nul_parameters(request) if response.status_code == 400 else []
    converted = _json_error(response.status_code, detail, [(name, detail) for name in named])
    for name in ("Allow", "Retry-After", "Cache-Control"):
        if name in response:
            converted[name] = response[name]
    return converted


class ApiHttpMiddleware:
    """ETag, Last-Modified and the rows shown, on the API's successful answers (inside the
    page cache: see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _is_api(request):
            return response
        if response.status_code == 200 and not response.streaming:
            response.context_data = {
                "rows": getattr(request, "api_rows", []),
                "tags": getattr(request, "api_tags", set()),
            }
            if request.method in READ_METHODS:
                set_response_etag(response)
                moment = getattr(request, "api_last_modified", None)
                if moment is not None:
                    response["Last-Modified"] = http_date(moment.timestamp())
        return response


def _allowed_origin(request) -> str | None:
    origins = getattr(settings, "NEWSROOM_API_CORS_ORIGINS", [])
    if "*" in origins:
        return "*"
    origin = request.headers.get("Origin")
    return origin if origin and origin in origins else None


def _cors(request, response) -> None:
    origins = getattr(settings, "NEWSROOM_API_CORS_ORIGINS", [])
    if not origins:
        return
    allowed = _allowed_origin(request)
    if "*" not in origins:
        # Another origin gets another answer: shared caches must keep them apart.
        patch_vary_headers(response, ["Origin"])
    if allowed is not None:
        response["Access-Control-Allow-Origin"] = allowed
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


def _preflight(request) -> HttpResponse:
    response = HttpResponse(status=204)
    _cors(request, response)
    if "Access-Control-Allow-Origin" in response:
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        asked = request.headers.get("Access-Control-Request-Headers")
        if asked:
            response["Access-Control-Allow-Headers"] = asked
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


def _format_from_accept(request) -> None:
    """``Accept: application/ninjs+json`` as ``?format=ninjs``: the page cache keys on the URL."""
    if "format" in request.GET or not wants_ninjs(request):
        return
    query = request.GET.copy()
    query["format"] = "ninjs"
    request.META["QUERY_STRING"] = query.urlencode()
    request.GET = QueryDict(request.META["QUERY_STRING"])


class ApiEdgeMiddleware:
    """CORS, preflights, the ninjs ``Accept`` and 304s for ``/api/`` (outside the page cache:
    see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_api(request):
            return self.get_response(request)
        if request.method == "OPTIONS":
            return _preflight(request)
        head = request.method == "HEAD"
        if head:
            # Answered as the GET without its body: the same headers, ETag included.
            request.method = "GET"
        if request.method in READ_METHODS:
            _format_from_accept(request)
        response = _as_json(request, self.get_response(request))
        if request.method in READ_METHODS:
            patch_vary_headers(response, ["Accept"])
            if response.status_code == 200:
                stamp = response.get("Last-Modified")
                response = get_conditional_response(
                    request,
                    etag=response.get("ETag"),
                    last_modified=parse_http_date_safe(stamp) if stamp else None,
                    response=response,
                )
        _cors(request, response)
        if head and not response.streaming:
            length = response.get("Content-Length")
            response.content = b""
            if length is not None:
                response["Content-Length"] = length
        return response

"""HTTP for the API's answers (stub; the API core fills it in): what an answer shows, for the
page cache's tags, and when it last changed, for Last-Modified."""


def shows(request, *rows) -> None:
    """Remember the rows (model instances, lists or querysets of them) an answer shows: the
    page cache tags the answer with them, as it does a page with its template's rows."""
    request.api_rows = [*getattr(request, "api_rows", []), *rows]


def last_modified(request, moment) -> None:
    """Remember the newest change among what the answer shows (None: unknown)."""
    if moment is not None:
        current = getattr(request, "api_last_modified", None)
        request.api_last_modified = moment if current is None else max(current, moment)


class ApiHttpMiddleware:
    """Stub: passes answers through (the API core adds ETag, Last-Modified, CORS, tags)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

"""The partners' content API (``/api/v1/``): one NinjaAPI instance and its routers.

Each router lives in its own module and only reads: what a caller may see is decided in
``api.access`` (the site's own definitions of public, widened for a key with the export
permission), and every answer goes through ``api.http`` (ETag, Last-Modified, Cache-Control,
CORS, the page cache's tags).
"""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from api import actors, errors, keys, search, stories, vocabulary


class ContentAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Keys are optional: every operation also accepts no key at all (an empty security
        requirement), so the document says what the API does for anonymous callers."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                security = operation.get("security") if isinstance(operation, dict) else None
                if security and {} not in security:
                    security.append({})
        return schema


api = ContentAPI(
    title="newsroom content API",
    version="1",
    description=_(
        "Read the newsroom's public stories, actors and relationships. Without a key you see "
        "what readers see; a key with the export permission also reads drafts."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
    auth=keys.AUTH,
    throttle=keys.THROTTLES,
)
errors.install(api)
api.add_router("/stories", stories.router)
api.add_router("/actors", actors.router)
api.add_router("/", vocabulary.router)
api.add_router("/search", search.router)

"""What a caller of the API may see: the site's definitions of public, widened by a key.

Anonymous callers see exactly what readers see (``Article.objects.published()``,
``Actor.objects.public()``, ``Relationship.objects.public()``): no second definition of public
lives here. A valid key whose owner holds the export permission also reads drafts, stories
in review and scheduled stories.
"""

from articles.models import Article

EXPORT_PERMISSION = "articles.export_article"


def can_read_unpublished(request) -> bool:
    """True when the request carries a valid key whose owner may export stories.

    ``api.keys`` sets ``request.api_key`` to a key it accepted (unknown, revoked and expired
    keys never get this far). The owner is loaded with the key on each request, so a
    permission taken away applies to the next request.
    """
    key = getattr(request, "api_key", None)
    return bool(key is not None and key.owner.is_active and key.owner.has_perm(EXPORT_PERMISSION))


def stories(request):
    """The stories this caller may read."""
    if can_read_unpublished(request):
        return Article.objects.all()
    return Article.objects.published()

"""What contributors tag cached pages with, and which tags a change to one retires.

A contributor shown on a page (a story's byline, their own page) tags it
``contributor:<id>``; their page also carries ``stories:contributor:<id>``, the list of the
stories they sign, which a change to a story or to its byline retires (articles.cachetags).
Wired from ``ContributorsConfig.ready()`` (common.generation).
"""

from common import generation
from contributors.models import Contributor, ContributorRedirect

LISTS = "contributors"


def contributor(pk) -> str:
    return f"contributor:{pk}"


def contributor_retires(row: Contributor) -> set[str]:
    return {contributor(row.pk), LISTS}


def _by_slug(kwargs) -> int | None:
    return Contributor.objects.filter(slug=kwargs["slug"]).values_list("pk", flat=True).first()


def page_lists(kwargs, context) -> set[str]:
    found = (context or {}).get("contributor")
    pk = found.pk if isinstance(found, Contributor) else _by_slug(kwargs)
    return {f"stories:contributor:{pk}", contributor(pk)}


def feed_lists(kwargs, context) -> set[str]:
    return page_lists(kwargs, context) | {"topics"}  # feed items name their topics


def index_lists(kwargs, context) -> set[str]:
    # Every public contributor (``contributors``), and the stories that make them public.
    return {LISTS, "stories"}


def register(app_config) -> None:
    """Called from ``ContributorsConfig.ready()``."""
    generation.watch(Contributor, retires=contributor_retires)
    generation.watch(ContributorRedirect, retires=lambda row: {contributor(row.contributor_id)})
    generation.shows(Contributor, lambda row: {contributor(row.pk)})
    generation.lists("contributors:detail", page_lists)
    generation.lists("contributors:rss", feed_lists)
    generation.lists("contributors:atom", feed_lists)
    generation.lists("contributors:index", index_lists)

"""RSS and Atom feeds of the public stories that tag an actor, and of those that report the
relationships between two actors.

The feeds are story feeds (articles.feeds), looked up when first asked for: actors sits
below articles and does not import it when it loads.
"""

from functools import cache

from django.utils.module_loading import import_string


@cache
def _feed(name: str, module: str = "articles.feeds"):
    return import_string(f"{module}.{name}")()


def actor_rss(request, slug):
    return _feed("ActorFeed")(request, slug=slug)


def actor_atom(request, slug):
    return _feed("ActorAtomFeed")(request, slug=slug)


def pair_rss(request, slug_a, slug_b):
    return _feed("RelationshipFeed", "articles.pair_feeds")(request, slug_a=slug_a, slug_b=slug_b)


def pair_atom(request, slug_a, slug_b):
    return _feed("RelationshipAtomFeed", "articles.pair_feeds")(
        request, slug_a=slug_a, slug_b=slug_b
    )

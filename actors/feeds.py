"""RSS and Atom feeds of the public stories that tag an actor.

The feeds are story feeds (articles.feeds), looked up when first asked for: actors sits
below articles and does not import it when it loads.
"""

from functools import cache

from django.utils.module_loading import import_string


@cache
def _feed(name: str):
    return import_string(f"articles.feeds.{name}")()


def actor_rss(request, slug):
    return _feed("ActorFeed")(request, slug=slug)


def actor_atom(request, slug):
    return _feed("ActorAtomFeed")(request, slug=slug)

"""Which lists each API route's answers show (``common.generation.lists``), so that the page
cache retires them with the reader pages that show the same rows. Each router module says
it in ``CACHE_LISTS`` ({view name: tags(url_kwargs, context)}); a route named nowhere carries
``any`` and goes with every change, so nothing is stale by omission."""

from common import generation


def register() -> None:
    from api import actors, search, stories, vocabulary

    for module in (stories, actors, vocabulary, search):
        for view_name, tags in getattr(module, "CACHE_LISTS", {}).items():
            generation.lists(view_name, tags)

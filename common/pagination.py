"""Reader lists count their stories once per content change, not on every request.

"Page 3 of 41,512" needs the number of stories in the list, and counting the published
stories of a million-story archive (or the 200,000 that tag a busy actor) took 0.6 to 1.2 s
on every page of the home page, sections, tags and actors. The count is kept in the cache
under the reader page cache's content generation (common.generation), which every change a
reader can see replaces, and no longer than until the next scheduled publication: it is
never stale.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from common import generation


def count_key(name: str) -> str:
    """Where the count of the list ``name`` is kept under the current content generation."""
    return f"list-count:{generation.generation()}:{name}"


def counted_once(names: dict, count_missing) -> dict:
    """The counts of several lists at once (``names``: a key of the caller's to the list's
    name): from the cache, the missing ones by one call of ``count_missing(keys)``."""
    if not settings.NEWSROOM_LIST_COUNT_CACHE:
        return count_missing(list(names))
    where = {key: count_key(name) for key, name in names.items()}
    found = cache.get_many(where.values())
    counts = {key: found[where[key]] for key in names if where[key] in found}
    missing = [key for key in names if key not in counts]
    if missing:
        counted = count_missing(missing)
        counts.update(counted)
        timeout = generation.seconds_to_live()
        if timeout > 0:
            cache.set_many({where[key]: value for key, value in counted.items()}, timeout)
    return counts


class CountedOncePaginator(Paginator):
    """A Paginator whose ``count`` comes from the cache when the list's key is known."""

    def __init__(self, object_list, per_page, *, count_key: str | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        if not self.count_key or not settings.NEWSROOM_LIST_COUNT_CACHE:
            return super().count
        key = count_key(self.count_key)
        counted = cache.get(key)
        if counted is None:
            counted = super().count
            timeout = generation.seconds_to_live()
            if timeout > 0:
                cache.set(key, counted, timeout)
        return counted


class CountedOnceMixin:
    """For ListViews: name the list (``count_key()``) and its count is cached."""

    paginator_class = CountedOncePaginator

    def count_key(self) -> str | None:
        return None

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kw):
        return self.paginator_class(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=self.count_key(),
            **kw,
        )

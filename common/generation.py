"""The content generation: a token that every change a reader could see replaces.

Whatever is kept for readers (whole pages in newsroom.pagecache, list counts in
common.pagination) is stored under the generation current when it was computed, and used
only while that generation is still current: nothing has to find and delete it. Domain apps
say which of their writes readers can see (``watch()`` from their ``AppConfig.ready()``) and
when their next scheduled change falls (``schedule()``); this module knows no model.
"""

import uuid
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

CACHE_ALIAS = "pages"
GENERATION_KEY = "content-generation"

# Callables answering the next moment something scheduled becomes visible (or None).
_schedules: list[Callable[[], datetime | None]] = []


def page_cache():
    return caches[CACHE_ALIAS]


def generation() -> str:
    value = page_cache().get(GENERATION_KEY)
    if value is None:  # first use, or the cache was flushed
        value = uuid.uuid4().hex
        if not page_cache().add(GENERATION_KEY, value, timeout=None):
            value = page_cache().get(GENERATION_KEY, value)
    return value


def bump() -> None:
    """Leave everything stored behind (after the current transaction commits)."""
    transaction.on_commit(bump_now)


def bump_now() -> None:
    # A value never used before, not an increment: two bumps racing through a cache without
    # an atomic increment (the file cache) can each only move the generation somewhere new.
    page_cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def schedule(next_change: Callable[[], datetime | None]) -> None:
    """Register when an app's next scheduled change becomes visible (a story's publish_at)."""
    if next_change not in _schedules:
        _schedules.append(next_change)


def seconds_to_live() -> int:
    """NEWSROOM_PAGE_CACHE_SECONDS, or less if something scheduled becomes visible sooner."""
    longest = settings.NEWSROOM_PAGE_CACHE_SECONDS
    now = timezone.now()
    upcoming = [moment for moment in (next_change() for next_change in _schedules) if moment]
    if not upcoming:
        return longest
    return max(0, min(longest, int((min(upcoming) - now).total_seconds())))

"""The content generation: a token that every change a reader could see replaces.

Whatever is kept for readers (whole pages in newsroom.pagecache, list counts in
common.pagination) is stored under the generation current when it was computed, and used
only while that generation is still current: nothing has to find and delete it. Domain apps
say which of their writes readers can see (``watch()`` from their ``AppConfig.ready()``) and
when their next scheduled change falls (``schedule()``); this module knows no model.
"""

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone

CACHE_ALIAS = "pages"
GENERATION_KEY = "content-generation"

# Callables answering the next moment something scheduled becomes visible (or None).
_schedules: list[Callable[[], datetime | None]] = []
# Models readers see, each with the rule saying which of its rows they see (None: all).
_watched: dict[type[models.Model], Callable[[models.Model], bool] | None] = {}


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


# Invalidation ---------------------------------------------------------------------------


def watch(
    model: type[models.Model],
    *,
    visible: Callable[[models.Model], bool] | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Bump after every committed write to ``model`` that readers could see.

    Deletes, and many-to-many changes made from one of its rows, always bump. With
    ``visible`` (a rule on a row, reading only ``fields``), a save bumps only when readers see
    the row before or after it: a draft that was never published saves without a bump, an
    unpublished one bumps.
    """
    _watched[model] = visible
    uid = f"generation-{model._meta.label_lower}"
    if visible is not None:
        only = tuple(fields)

        def remember(sender, instance, **kwargs):
            instance._generation_seen = instance.pk is not None and (
                visible(instance) or _stored_is_visible(sender, instance.pk, visible, only)
            )

        pre_save.connect(remember, sender=model, weak=False, dispatch_uid=f"{uid}-pre-save")
    post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-post-save")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-post-delete")
    # Sent with the link table as sender: one receiver checks the row the change is made from.
    m2m_changed.connect(_links_changed, dispatch_uid="generation-m2m")


def _stored_is_visible(model, pk, visible, fields) -> bool:
    stored = model._default_manager.filter(pk=pk).only(*fields).order_by()[:1]
    return any(visible(row) for row in stored)


def _saved(sender, instance, **kwargs):
    visible = _watched.get(sender)
    if visible is None or visible(instance) or getattr(instance, "_generation_seen", False):
        bump()


def _deleted(sender, **kwargs):
    bump()


def _links_changed(sender, instance=None, action="", **kwargs):
    if action.startswith("post_") and type(instance) in _watched:
        bump()

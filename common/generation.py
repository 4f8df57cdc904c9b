"""Cache tags: what each cached page shows, and which changes retire it.

A page kept for readers (newsroom.pagecache) records what it shows as *tags*: ``story:12``,
``actor:4``, ``stories:section:3`` (the list of a section's stories), ``all`` (every page).
Each tag has a version, a token in the shared cache; a page is served only while every tag it
carries still has the version read when it was rendered. A change that readers could see
retires (gives a new version to) only the tags it touches, once its transaction commits;
nothing has to find and delete the pages themselves.

The *content generation* is the version of ``any``, the tag every change retires: what
declares nothing more precise (list counts in common.pagination, a page whose view says
nothing) is kept under it and left behind by every change, as all pages once were.

Domain apps say, from their ``AppConfig.ready()``, which of their writes readers see and what
each retires (``watch()``), what a row shown on a page tags it with (``shows()``), which
lists a URL shows (``lists()``) and when their next scheduled change falls
(``schedule()``); this module knows no model.
"""

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.utils import timezone

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "content-generation"
ANY = "any"  # retired by every change: carried by what declares nothing more precise
ALL = "all"  # carried by every page: retired by changes with no precise rule
EVERYTHING = frozenset({ALL})

Tags = Iterable[str]

# Callables answering the next moment something scheduled becomes visible (or None).
_schedules: list[Callable[[], datetime | None]] = []


class _Watch(NamedTuple):
    """A model readers see: which rows they see, the tags a change retires, the fields those
    rules read, and which changes withdraw something (see ``watch``)."""

    visible: Callable | None
    retires: Callable | None
    only: tuple
    withdraws: Callable | None


_watched: dict[type[models.Model], _Watch] = {}
# What a row shown on a page tags it with, and what a URL's lists tag it with.
_shown: dict[type[models.Model], Callable[[models.Model], Tags]] = {}
_listed: dict[str, Callable[[dict, dict | None], Tags]] = {}
_max_ages: dict[str, Callable[[], int]] = {}
# Told the tags each committed change retired (the CDN purge, a process-local tier).
_retire_hooks: list[Callable[[frozenset[str]], None]] = []


def page_cache():
    return caches[CACHE_ALIAS]


def version_key(tag: str) -> str:
    return GENERATION_KEY if tag == ANY else f"tag:{tag}"


def generation() -> str:
    """The version of ``any``: a token that every change a reader could see replaces."""
    value = page_cache().get(GENERATION_KEY)
    if value is None:  # first use, or the cache was flushed
        value = _create(GENERATION_KEY)
    return value


def _create(key: str) -> str:
    value = uuid.uuid4().hex
    if not page_cache().add(key, value, timeout=None):
        value = page_cache().get(key, value)
    return value


def versions(tags: Iterable[str]) -> dict[str, str | None]:
    """The current version of each tag, in one round trip (None: unknown, never current)."""
    tags = list(tags)
    found = page_cache().get_many([version_key(tag) for tag in tags])
    return {tag: found.get(version_key(tag)) for tag in tags}


def withdrawn_key(tag: str) -> str:
    return f"withdrawn:{tag}"


def withdrawn_since(tags: Iterable[str], moment: float) -> bool:
    """Whether a change retiring one of ``tags`` has withdrawn something since ``moment``
    (a time.time()); also when the cache cannot tell (a flushed cache, an outage)."""
    try:
        found = page_cache().get_many([withdrawn_key(tag) for tag in tags])
        if not page_cache().get(GENERATION_KEY):
            return True  # flushed, or unreachable: nothing is known
    except Exception:
        return True
    return any(value >= moment for value in found.values())


def versions_for_storing(tags: Iterable[str], *, since: str) -> dict[str, str] | None:
    """The current versions of ``tags`` for a page rendered after ``any`` read ``since``.

    None when a change committed in between: the page may show data from before it, yet
    read versions from after it. ``any`` is read last, and retiring writes it first.
    """
    tags = [tag for tag in dict.fromkeys(tags) if tag != ANY]
    current = versions([*tags, ANY])
    missing = [tag for tag, value in current.items() if value is None and tag != ANY]
    for tag in missing:
        current[tag] = _create(version_key(tag))
    if missing:  # a change may have written one of them first: ``any`` says so
        current[ANY] = page_cache().get(GENERATION_KEY)
    return current if current[ANY] == since else None


# Retiring -------------------------------------------------------------------------------


def retire(tags: Tags, *, withdrawn: bool = False) -> None:
    """Retire ``tags`` (and ``any``) once the current transaction commits; not on rollback.

    ``withdrawn``: the change takes something away from readers (a story unpublished, a row
    deleted), so no page carrying these tags may be served while it is rendered again.
    """
    tags = frozenset(tags)
    transaction.on_commit(lambda: retire_now(tags, withdrawn=withdrawn))


def retire_now(tags: Tags, *, withdrawn: bool = False) -> None:
    tags = frozenset(tags) | {ANY}
    # ``any`` first: a page rendered meanwhile that reads a new version of one of its tags
    # then reads a new ``any`` too, and is not stored (newsroom.pagecache). New values, never
    # increments: two writers racing through the file cache can only move a tag somewhere new.
    ordered = [ANY, *sorted(tags - {ANY})]
    values = {version_key(tag): uuid.uuid4().hex for tag in ordered}
    if withdrawn or ALL in tags:  # changes with no precise rule may withdraw anything
        # Before the versions: a copy found out of date is then known to be withdrawn.
        now = time.time()
        page_cache().set_many({withdrawn_key(tag): now for tag in ordered}, timeout=None)
    page_cache().set_many(values, timeout=None)
    for hook in _retire_hooks:
        try:
            hook(tags)
        except Exception:  # the change is committed: telling others must not undo the save
            logger.exception("retire hook %r failed", hook)


def bump() -> None:
    """Leave everything stored behind (after the current transaction commits)."""
    retire(EVERYTHING)


def bump_now() -> None:
    retire_now(EVERYTHING)


def on_retire(callback: Callable[[frozenset[str]], None]) -> None:
    """Call ``callback(tags)`` after every committed change, with the tags it retired.

    The tags always hold ``any``; ``all`` means every page. Called in the committing
    thread once the new versions are stored; an exception is logged, never raised.
    """
    if callback not in _retire_hooks:
        _retire_hooks.append(callback)


# Scheduled changes ----------------------------------------------------------------------


def schedule(next_change: Callable[[], datetime | None]) -> None:
    """Register when an app's next scheduled change becomes visible (a story's publish_at)."""
    if next_change not in _schedules:
        _schedules.append(next_change)


def seconds_to_live(view_name: str | None = None) -> int:
    """NEWSROOM_PAGE_CACHE_SECONDS, or less if something scheduled becomes visible sooner,
    or if the pages at ``view_name`` declared a shorter life (``lists(max_age=…)``)."""
    longest = settings.NEWSROOM_PAGE_CACHE_SECONDS
    max_age = _max_ages.get(view_name or "")
    if max_age is not None:
        longest = min(longest, max_age())
    now = timezone.now()
    upcoming = [moment for moment in (next_change() for next_change in _schedules) if moment]
    if not upcoming:
        return longest
    return max(0, min(longest, int((min(upcoming) - now).total_seconds())))


# What pages show ------------------------------------------------------------------------


def shows(model: type[models.Model], tags: Callable[[models.Model], Tags]) -> None:
    """A ``model`` row found in a page's context tags the page with ``tags(row)``."""
    _shown[model] = tags


def lists(
    view_name: str,
    tags: Callable[[dict, dict | None], Tags],
    *,
    max_age: Callable[[], int] | None = None,
) -> None:
    """A page at ``view_name`` ("articles:section") carries ``tags(url_kwargs, context)``.

    Only pages whose view name is registered are tagged precisely: any other page carries
    ``any`` and goes with every change, so nothing is stale by omission. ``max_age()``, in
    seconds, bounds how long its copies live: for a part of the page that a change should
    reach within that time rather than at once (a story page's related stories).
    """
    _listed[view_name] = tags
    if max_age is not None:
        _max_ages[view_name] = max_age


def page_tags(view_name: str | None, url_kwargs: dict, context: dict | None) -> set[str]:
    """The tags of a page, from its URL and the rows its template was given."""
    listed = _listed.get(view_name or "")
    if listed is None:
        return {ALL, ANY}
    tags = {ALL, *listed(url_kwargs, context)}
    if context:
        tags |= _context_tags(context.values())
    return tags


MAX_DEPTH = 4  # relationship groups: a list of dicts holding lists of dicts of rows
MAX_ITEMS = 5000


def _context_tags(values) -> set[str]:
    tags: set[str] = set()
    seen = 0
    stack = [(value, 0) for value in values]
    while stack and seen < MAX_ITEMS:
        value, depth = stack.pop()
        seen += 1
        if isinstance(value, models.Model):
            shown = _shown.get(value._meta.concrete_model)
            if shown is not None:
                tags.update(shown(value))
            continue
        if depth >= MAX_DEPTH or isinstance(value, str | bytes):
            continue
        if isinstance(value, models.QuerySet):
            items = value._result_cache or ()  # only what the page evaluated, no new query
        elif isinstance(value, dict):
            items = value.values()
        elif isinstance(value, list | tuple | set | frozenset):
            items = value
        elif hasattr(value, "object_list") and hasattr(value, "number"):  # a paginator Page
            items = (value.object_list,)
        else:
            continue
        stack.extend((item, depth + 1) for item in items)
    return tags


# Invalidation ---------------------------------------------------------------------------


def watch(
    model: type[models.Model],
    *,
    visible: Callable[[models.Model], bool] | None = None,
    fields: Iterable[str] = (),
    retires: Callable[[models.Model], Tags] | None = None,
    withdraws: Callable[[models.Model, models.Model], bool] | None = None,
) -> None:
    """Retire tags after every committed write to ``model`` that readers could see.

    ``retires(row)`` names the tags a change to ``row`` retires; it is asked with the row as
    stored before the change (reading only ``fields``) and as it is after, so that a story
    moved between sections retires both; without it, every page goes. With ``visible`` (a rule
    on a row, reading only ``fields``), a change retires something only when readers see the
    row before or after it: a draft that was never published saves without a trace.
    Deletes and many-to-many changes made from a row are changes too.

    A change *withdraws* (``retire(withdrawn=True)``: no previous copy of its pages is given
    while they render again) when it deletes, removes links, hides a row readers saw, or
    when ``withdraws(stored, row)`` says so; without that rule, every change to a row
    readers saw is taken to withdraw.
    """
    only = tuple(fields)
    _watched[model] = _Watch(visible, retires, only, withdraws)
    uid = f"generation-{model._meta.label_lower}"
    pre_save.connect(_saving, sender=model, dispatch_uid=f"{uid}-pre-save")
    post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-post-save")
    pre_delete.connect(_deleting, sender=model, dispatch_uid=f"{uid}-pre-delete")
    # Sent with the link table as sender: one receiver checks the row the change is made from.
    m2m_changed.connect(_links_changed, dispatch_uid="generation-m2m")


def _retired_by(model, row) -> set[str]:
    retires = _watched[model].retires
    return set(EVERYTHING if retires is None else retires(row))


def _stored(model, pk):
    if pk is None:
        return None
    only = _watched[model].only
    query = model._default_manager.filter(pk=pk).order_by()
    return (query.only(*only) if only else query).first()


def _before_with_row(model, instance) -> tuple[set[str], models.Model | None]:
    """What the row as stored now retires (nothing if readers do not see it), and that row."""
    visible, retires = _watched[model].visible, _watched[model].retires
    if visible is None and retires is None:
        return set(EVERYTHING), None
    stored = _stored(model, instance.pk)
    if stored is None or (visible is not None and not visible(stored)):
        return set(), stored
    return _retired_by(model, stored), stored


def _before(model, instance) -> set[str]:
    return _before_with_row(model, instance)[0]


def _after(model, instance) -> set[str]:
    visible = _watched[model].visible
    if visible is not None and not visible(instance):
        return set()
    return _retired_by(model, instance)


def _saving(sender, instance, raw=False, **kwargs):
    instance._retiring_before, instance._stored_before = _before_with_row(sender, instance)


def _saved(sender, instance, **kwargs):
    before = getattr(instance, "_retiring_before", set())
    stored = getattr(instance, "_stored_before", None)
    after = _after(sender, instance)
    instance._retiring_before, instance._stored_before = set(), None
    if before or after:
        withdraws = _watched[sender].withdraws
        # Only what readers saw can be withdrawn; without a rule, any change may withdraw.
        withdrawn = bool(before) and (
            not after or stored is None or withdraws is None or withdraws(stored, instance)
        )
        retire(before | after, withdrawn=withdrawn)


def _deleting(sender, instance, **kwargs):
    tags = _before(sender, instance)
    if tags:
        retire(tags, withdrawn=True)


def _links_changed(sender, instance=None, action="", **kwargs):
    model = type(instance)
    if model not in _watched or not action.startswith(("pre_", "post_")):
        return
    # Asked before and after: the lists a story leaves and the lists it joins.
    tags = _before(model, instance)
    if action.startswith("pre_"):
        instance._retiring_links = tags
    else:
        tags |= getattr(instance, "_retiring_links", set())
        instance._retiring_links = set()
        if tags:
            retire(tags, withdrawn=action in ("post_remove", "post_clear"))

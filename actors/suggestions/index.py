"""The process-wide matcher, rebuilt when actors or aliases change.

Each call checks a cheap stamp: a generation number in the shared cache, bumped after any
write of an actor or alias through the ORM commits (signals, plus the services and the
admin). Writes that bypass the ORM's signals (``update()``, raw SQL, bulk loads) are caught
by the table stamp, counts and latest change of the two tables, which each process reads
again at most every ``TABLE_CHECK_SECONDS``: counting 100,000 actors and 200,000 aliases on
every call cost more than scanning the story.
"""

import threading
import time
from itertools import chain

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max

from actors.models import Actor, Alias
from actors.suggestions.engine import ActorMatcher

GENERATION_KEY = "actors:suggestions:generation"

_lock = threading.Lock()
_built: tuple[tuple, ActorMatcher] | None = None


TABLE_CHECK_SECONDS = 30
_tables: dict = {"checked": None, "stamp": None}


def table_stamp() -> tuple:
    actors = Actor.objects.order_by().aggregate(n=Count("pk"), changed=Max("updated_at"))
    aliases = Alias.objects.order_by().aggregate(n=Count("pk"), last=Max("pk"))
    return (actors["n"], actors["changed"], aliases["n"], aliases["last"])


def stamp() -> tuple:
    now = time.monotonic()
    checked = _tables["checked"]
    if checked is None or now - checked >= TABLE_CHECK_SECONDS:
        _tables["stamp"], _tables["checked"] = table_stamp(), now
    return (cache.get(GENERATION_KEY, 0), *_tables["stamp"])


# What a suggestion shows of an actor, kept with the matcher: a long story names a thousand
# actors, and reading them back by id cost more than finding them. In the model's field order,
# as Model.from_db() takes them.
SHOWN_FIELDS = tuple(
    field.attname
    for field in Actor._meta.concrete_fields
    if field.name in ("id", "name", "kind", "slug")
)
_NAME, _KIND = SHOWN_FIELDS.index("name"), SHOWN_FIELDS.index("kind")


def build() -> ActorMatcher:
    """The matcher from the tables, with each actor's shown fields (``ActorMatcher.shown``)."""
    rows = Actor.objects.order_by().values_list(*SHOWN_FIELDS)
    # One string per kind, not one per actor.
    kinds = {kind: kind for kind in Actor.Kind.values}
    shown = {}
    for values in rows.iterator(chunk_size=5000):
        if values[_KIND] in kinds:
            values = (*values[:_KIND], kinds[values[_KIND]], *values[_KIND + 1 :])
        shown[values[0]] = values
    # An actor's own name follows its capitals; an alias may match in any case.
    aliases = Alias.objects.order_by().values_list("actor_id", "name", "any_case")
    built = ActorMatcher(
        chain(
            ((pk, values[_NAME], False) for pk, values in shown.items()),
            aliases.iterator(chunk_size=5000),
        ),
        persons=[pk for pk, values in shown.items() if values[_KIND] == Actor.Kind.PERSON],
        places=[pk for pk, values in shown.items() if values[_KIND] == Actor.Kind.PLACE],
    )
    built.shown, built.db = shown, rows.db
    return built


def matcher() -> ActorMatcher:
    """The matcher for the current actors and aliases, built at most once per change."""
    global _built
    current = stamp()
    built = _built
    if built is not None and built[0] == current:
        return built[1]
    with _lock:
        if _built is None or _built[0] != current:
            _built = (current, build())
        return _built[1]


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def invalidate(**kwargs) -> None:
    """Mark every process's matcher stale once the current transaction commits (a
    rebuild before the commit would read the old rows and look fresh). Also a receiver of
    the actors' and aliases' save and delete signals (actors.apps)."""
    transaction.on_commit(_bump)

"""The process-wide matcher, rebuilt when actors or aliases change.

Each call checks a cheap stamp: a generation number in the shared cache (bumped by the
services and the admin after they write actors or aliases) plus counts and latest
change of the two tables, which also catches writes made outside them.
"""

import threading

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max

from actors.models import Actor, Alias
from actors.suggestions.engine import ActorMatcher

GENERATION_KEY = "actors:suggestions:generation"

_lock = threading.Lock()
_built: tuple[tuple, ActorMatcher] | None = None


def stamp() -> tuple:
    actors = Actor.objects.order_by().aggregate(n=Count("pk"), changed=Max("updated_at"))
    aliases = Alias.objects.order_by().aggregate(n=Count("pk"), last=Max("pk"))
    return (
        cache.get(GENERATION_KEY, 0),
        actors["n"],
        actors["changed"],
        aliases["n"],
        aliases["last"],
    )


def entries():
    yield from Actor.objects.order_by().values_list("pk", "name").iterator(chunk_size=5000)
    yield from Alias.objects.order_by().values_list("actor_id", "name").iterator(chunk_size=5000)


def matcher() -> ActorMatcher:
    """The matcher for the current actors and aliases, built at most once per change."""
    global _built
    current = stamp()
    built = _built
    if built is not None and built[0] == current:
        return built[1]
    with _lock:
        if _built is None or _built[0] != current:
            _built = (current, ActorMatcher(entries()))
        return _built[1]


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def invalidate() -> None:
    """Mark every process's matcher stale once the current transaction commits (a
    rebuild before the commit would read the old rows and look fresh)."""
    transaction.on_commit(_bump)

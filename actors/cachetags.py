"""What actors tag cached pages with, and which tags a change to an actor retires.

An actor shown anywhere (its page, a story's actors, the other side of a relationship)
tags the page ``actor:<id>``; its page and feeds also carry ``stories:actor:<id>``, the
list of stories tagging it, which stories retire (articles.cachetags). Sitemaps, search and
the actors index list actors (``actors``). Relationship kinds are named on many pages: a
change to one retires everything. Wired from ``ActorsConfig.ready()`` (common.generation).
"""

from actors.models import Actor, ActorRedirect, Alias, Relationship
from common import generation


def actor(pk) -> str:
    return f"actor:{pk}"


def actor_retires(row: Actor) -> set[str]:
    # Its list too: a merge moves stories to the actor it keeps without saving them.
    return {actor(row.pk), f"stories:actor:{row.pk}", "actors"}


def alias_retires(row: Alias) -> set[str]:
    return {actor(row.actor_id), "actors"}  # search finds actors by their aliases


def relationship_retires(row: Relationship) -> set[str]:
    # Being party to a public relationship makes an actor public (sitemaps, search).
    return {actor(row.source_id), actor(row.target_id), "actors"}


def evidence_retires(row) -> set[str]:
    parties = Relationship.objects.filter(pk=row.relationship_id).values_list(
        "source_id", "target_id"
    )
    # New evidence can make the relationship public, and its actors (sitemaps, the index).
    return {actor(pk) for pair in parties for pk in pair} | {"actors"}


def relationship_shows(row: Relationship) -> set[str]:
    tags = {actor(row.source_id), actor(row.target_id)}
    tags.update(f"story:{story.pk}" for story in getattr(row, "public_evidence", ()))
    return tags


def _by_slug(kwargs) -> int | None:
    return Actor.objects.filter(slug=kwargs["slug"]).values_list("pk", flat=True).first()


def page_lists(kwargs, context) -> set[str]:
    found = (context or {}).get("object")
    pk = found.pk if isinstance(found, Actor) else _by_slug(kwargs)
    return {f"stories:actor:{pk}", actor(pk)}


def feed_lists(kwargs, context) -> set[str]:
    return page_lists(kwargs, context) | {"topics"}  # feed items name their topics


def index_lists(kwargs, context) -> set[str]:
    # Every public actor (``actors``), and the stories that make actors public and count in
    # "most covered" (``stories``, which every change to a public story retires).
    return {"actors", "stories"}


def index_max_age() -> int:
    return 3600  # "most covered" slides with the clock: a story leaves its window unsaved


def pair_lists(kwargs, context) -> set[str]:
    """A pair's page and feeds: both actors (a relationship between them recorded, edited or
    removed retires them) and their story lists (a story reporting one of their
    relationships retires them when it is published)."""
    context = context or {}
    if isinstance(context.get("actor_a"), Actor) and isinstance(context.get("actor_b"), Actor):
        pks = [context["actor_a"].pk, context["actor_b"].pk]
    else:
        slugs = [kwargs["slug_a"], kwargs["slug_b"]]
        pks = list(Actor.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    return {tag for pk in pks for tag in (actor(pk), f"stories:actor:{pk}")}


def pair_feed_lists(kwargs, context) -> set[str]:
    return pair_lists(kwargs, context) | {"topics"}  # feed items name their topics


RETIRES = {
    Actor: actor_retires,
    Alias: alias_retires,
    ActorRedirect: lambda row: {actor(row.actor_id)},
    Relationship: relationship_retires,
    Relationship.evidence.through: evidence_retires,
}


def register(app_config) -> None:
    """Called from ``ActorsConfig.ready()``."""
    for model in app_config.get_models(include_auto_created=True):
        # Anything unmapped (relationship kinds) retires everything.
        generation.watch(model, retires=RETIRES.get(model))
    generation.shows(Actor, lambda row: {actor(row.pk)})
    generation.shows(Relationship, relationship_shows)
    generation.lists("actors:detail", page_lists)
    generation.lists("actors:rss", feed_lists)
    generation.lists("actors:atom", feed_lists)
    generation.lists("actors:relationship", pair_lists)
    generation.lists("actors:relationship-rss", pair_feed_lists)
    generation.lists("actors:relationship-atom", pair_feed_lists)
    generation.lists("actors:index", index_lists, max_age=index_max_age)

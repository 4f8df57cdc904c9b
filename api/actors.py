"""Actors: the public ones, whoever asks (a key widens stories, not actors), each with its
public relationships read from its side as on its page, and the connection finder.

Every actor comes from ``Actor.objects.public()`` and every relationship from
``Relationship.objects.public()``; a relationship's evidence lists public stories only.
"""

import re

from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _
from ninja import Query, Router

from actors import cachetags, connections
from actors.directory import MAX_NAME_FILTER
from actors.models import Actor, Relationship
from api import actor_rows, vocabulary_paging
from api.actor_schemas import ActorDetail, ActorPage, ConnectionsOut, Kind
from api.errors import ERROR_RESPONSES, BadParameter
from api.http import last_modified, shows

router = Router(tags=["actors"])

WIKIDATA = re.compile(r"Q[1-9][0-9]{0,18}")


def _actors_lists(kwargs, context) -> set[str]:
    return cachetags.index_lists(kwargs, context)


def _actor_lists(kwargs, context) -> set[str]:
    return cachetags.page_lists(kwargs, None)


CACHE_LISTS = {
    "api:actors": _actors_lists,
    "api:actor": _actor_lists,
    # A chain may go through any public relationship: any of them, or a story making one
    # public, may change the answer.
    "api:actor-connections": _actors_lists,
}


def _name_filter(q: str | None) -> str:
    text = " ".join((q or "").split())
    if len(text) > MAX_NAME_FILTER:
        raise BadParameter(
            "q",
            _("A name to look for has at most %(max)d characters.") % {"max": MAX_NAME_FILTER},
        )
    return text


@router.get(
    "/",
    response={200: ActorPage, 304: None, **ERROR_RESPONSES},
    url_name="actors",
    summary="Public actors, A to Z",
)
def actor_list(
    request,
    kind: Kind | None = None,
    q: str | None = Query(None, description="Part of a name or alias, any case or accents."),
    wikidata: str | None = Query(None, description="A Wikidata id, as Q317521."),
    cursor: str | None = Query(None, description="The ``next`` link's cursor."),
    limit: int = Query(vocabulary_paging.DEFAULT_LIMIT, ge=1, le=vocabulary_paging.MAX_LIMIT),
):
    actors = Actor.objects.public()
    if kind:
        actors = actors.filter(kind=kind)
    name = _name_filter(q)
    if name:
        actors = actors.named_like(name)
    if wikidata is not None:
        if not WIKIDATA.fullmatch(wikidata):
            raise BadParameter(
                "wikidata", _("A Wikidata id looks like Q317521: the letter Q and digits.")
            )
        actors = actors.filter(wikidata_id=wikidata)
    after = vocabulary_paging.decode(cursor, str, int)
    if after:
        actors = actors.filter(vocabulary_paging.after("name_folded", *after))
    ordered = actor_rows.actors_for_listing(actors.order_by("name_folded", "pk"))
    rows, more = vocabulary_paging.take(ordered, limit)
    shows(request, rows)
    for row in rows:
        last_modified(request, row.updated_at)
    last = rows[-1] if more else None
    return {
        "results": [actor_rows.actor_item(request, actor) for actor in rows],
        "next": vocabulary_paging.next_link(
            request, last and vocabulary_paging.encode(last.name_folded, last.pk)
        ),
    }


def public_actor(slug: str) -> Actor:
    """The public actor at ``slug`` with its aliases, or 404 (also for an actor known only
    from a draft: the API says no more than the site)."""
    found = Actor.objects.public().filter(slug=slug).prefetch_related("aliases").first()
    if found is None:
        raise Http404(_("No public actor has this slug."))
    return found


@router.get(
    "/{slug}",
    response={200: ActorDetail, 301: None, 304: None, **ERROR_RESPONSES},
    url_name="actor",
    summary="One public actor, with its public relationships",
    description="A merged actor's old slug answers 301 to the actor it became.",
)
def actor_detail(request, slug: str):
    try:
        actor = public_actor(slug)
    except Http404:
        # A merged actor's old address leads to the actor it became, as its page does.
        moved = Actor.objects.public().redirected_from(slug).first()
        if moved is None:
            raise
        return HttpResponsePermanentRedirect(actor_rows.api_url(request, f"actors/{moved.slug}"))
    shown = actor_rows.RELATIONSHIPS_SHOWN
    found = Relationship.objects.public().involving(actor)
    relationships = actor_rows.with_public_evidence(
        found.for_display()[: shown + 1], actor_rows.EVIDENCE_SHOWN
    )
    more, relationships = len(relationships) > shown, relationships[:shown]
    shows(request, actor, relationships)
    last_modified(request, actor.updated_at)
    actor_rows.changed(request, relationships)
    return actor_rows.actor_detail(request, actor, relationships, more=more)


@router.get(
    "/{slug}/connections/",
    response={200: ConnectionsOut, 304: None, **ERROR_RESPONSES},
    url_name="actor-connections",
    summary="How is this actor connected to another?",
    description=(
        "The shortest chains of public relationships (at most three steps) to the actor "
        "``to`` names: its slug, its name or an alias (any case or accents), or part of its "
        "name. When ``to`` names several actors, they are listed as ``candidates``."
    ),
)
def actor_connections(request, slug: str, to: str = Query(..., description="Slug or name.")):
    actor = public_actor(slug)
    text = to.strip()
    if not text:
        raise BadParameter("to", _("Name the actor to connect to: its slug or its name."))
    if len(text) > connections.MAX_NAME:
        raise BadParameter(
            "to",
            _("That name is too long: an actor's name has at most %(max)d characters.")
            % {"max": connections.MAX_NAME},
        )
    found = connections.resolve(text)
    if not found:
        raise BadParameter("to", _("No public actor has this name or slug."))
    answer = {
        "source": actor_rows.actor_ref(request, actor),
        "target": None,
        "candidates": [],
        "more_candidates": False,
        "max_steps": connections.MAX_STEPS,
        "steps": None,
        "chains": [],
        "more": False,
    }
    if len(found) > 1:
        shortlist = found[: connections.CANDIDATES]
        shows(request, actor, shortlist)
        answer["candidates"] = [actor_rows.actor_ref(request, other) for other in shortlist]
        answer["more_candidates"] = len(found) > connections.CANDIDATES
        return answer
    other = found[0]
    if other.pk == actor.pk:
        raise BadParameter("to", _("An actor is not connected to itself: name another actor."))
    result = connections.find_connections(actor, other)
    rels = [rel for chain in result.chains for step in chain for rel in step.relationships]
    actor_rows.fill_uuids([story for rel in rels for story in rel.public_evidence])
    shows(request, actor, other, rels)
    answer.update(
        target=actor_rows.actor_ref(request, other),
        steps=result.steps,
        more=result.more,
        chains=[{"steps": [_step(request, step) for step in chain]} for chain in result.chains],
    )
    return answer


def _step(request, step) -> dict:
    return {
        "origin": actor_rows.actor_ref(request, step.origin),
        "other": actor_rows.actor_ref(request, step.other),
        "labels": step.labels,
        "relationships": [rel.pk for rel in step.relationships],
        "sources": [actor_rows.story_data(request, story) for story in step.stories],
    }

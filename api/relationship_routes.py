"""Relationships: the public ones (``Relationship.objects.public()``), oldest recorded first,
each with its public evidence. Mounted at ``/relationships`` by ``api.vocabulary``."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router

from actors.models import Actor, Relationship, RelationshipKind
from api import actor_rows, vocabulary_paging
from api.actor_schemas import RelationshipOut, RelationshipPage
from api.errors import ERROR_RESPONSES, BadParameter
from api.http import shows

router = Router(tags=["relationships"])

MAX_SLUG = 200


def _lists(kwargs, context) -> set[str]:
    # A relationship recorded, edited or given evidence retires ``actors``; a story that
    # makes one public retires ``stories``.
    return {"actors", "stories"}


def _one_lists(kwargs, context) -> set[str]:
    raw = str(kwargs.get("id", ""))  # the URL's text: the route has not parsed it yet
    pk = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else 0
    if not pk:
        return set()
    pair = Relationship.objects.filter(pk=pk).values_list("source_id", "target_id").first() or ()
    # Its actors' tags go with any change to it; their story lists with new public evidence.
    return {tag for actor in pair for tag in (f"actor:{actor}", f"stories:actor:{actor}")}


CACHE_LISTS = {"api:relationships": _lists, "api:relationship": _one_lists}


def _slug(parameter: str, value: str | None) -> str:
    if value is not None and len(value) > MAX_SLUG:
        raise BadParameter(
            parameter, _("A slug has at most %(max)d characters.") % {"max": MAX_SLUG}
        )
    return value or ""


@router.get(
    "/",
    response={200: RelationshipPage, 304: None, **ERROR_RESPONSES},
    url_name="relationships",
    summary="Public relationships",
)
def relationship_list(
    request,
    actor: str | None = Query(None, description="An actor's slug: its relationships, either way."),
    kind: str | None = Query(None, description="A relationship kind's slug, as rival-of."),
    cursor: str | None = Query(None, description="The ``next`` link's cursor."),
    limit: int = Query(vocabulary_paging.DEFAULT_LIMIT, ge=1, le=vocabulary_paging.MAX_LIMIT),
):
    found = Relationship.objects.all()
    if slug := _slug("actor", actor):
        # Only a public actor: the slug of one known only from a draft is no clue.
        party = Actor.objects.public().filter(slug=slug).only("pk").first()
        if party is None:
            raise BadParameter(
                "actor", _("No public actor has the slug “%(slug)s”.") % {"slug": slug}
            )
        found = found.involving(party)
    if slug := _slug("kind", kind):
        chosen = RelationshipKind.objects.filter(slug=slug).only("pk").first()
        if chosen is None:
            raise BadParameter("kind", _("Unknown relationship kind “%(slug)s”.") % {"slug": slug})
        found = found.filter(kind=chosen)
    after = vocabulary_paging.decode(cursor, int)
    rows, more = _public_page(found, after[0] if after else 0, limit)
    shows(request, rows)
    actor_rows.changed(request, rows)
    return {
        "results": [actor_rows.relationship_data(request, rel) for rel in rows],
        "next": vocabulary_paging.next_link(
            request, vocabulary_paging.encode(rows[-1].pk) if more else None
        ),
    }


# Ids read ahead per page, widened by this factor while too few of them are public.
GROWTH = 4


def _public_page(found, after: int, limit: int) -> tuple[list, bool]:
    """The next ``limit`` public relationships among ``found``, in id order, and whether more
    follow. Asked of the next ids in a window (an index range) rather than of the whole
    table: over every relationship, PostgreSQL tests ``public()`` by hashing all the public
    evidence first (a second at 300,000 evidence rows), however short the page."""
    rows: list = []
    window = limit + 1
    while len(rows) <= limit:
        ids = list(found.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:window])
        if not ids:
            break
        public = Relationship.objects.public().filter(pk__in=ids).order_by("pk")
        rows += actor_rows.relationships_for_display(public)
        if len(ids) < window:
            break
        after, window = ids[-1], window * GROWTH
    return rows[:limit], len(rows) > limit


@router.get(
    "/{id}",
    response={200: RelationshipOut, 304: None, **ERROR_RESPONSES},
    url_name="relationship",
    summary="One public relationship",
)
def relationship_detail(request, id: int):  # noqa: A002 - the path says {id}
    pk = id
    if not 0 < pk <= vocabulary_paging.MAX_ID:
        raise Http404(_("No public relationship has this id."))
    found = actor_rows.relationships_for_display(Relationship.objects.public().filter(pk=pk))
    rel = found[0] if found else None
    if rel is None:
        raise Http404(_("No public relationship has this id."))
    shows(request, rel)
    actor_rows.changed(request, [rel])
    return actor_rows.relationship_data(request, rel)

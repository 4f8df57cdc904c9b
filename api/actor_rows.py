"""Actors and relationships as the API writes them, from rows fetched in a constant number of
queries: ``actors_for_listing()`` and ``relationships_for_display()`` say what to fetch, the
``*_data`` functions only read what was fetched."""

from functools import lru_cache

from django.apps import apps
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import get_script_prefix, reverse
from django.utils.translation import pgettext

from actors.models import Actor, Relationship
from api.http import last_modified

SLUG = "00slug00"  # stands for a slug in a reversed pattern (a slug cannot hold it twice)


def _site(request) -> str:
    """The site the caller asked, once per request (the stories' answers and the exports
    name it too): an actor with 400 relationships names some 5,000 links."""
    if not hasattr(request, "_api_site"):
        request._api_site = request.build_absolute_uri("/").rstrip("/")
    return request._api_site


def absolute(request, path: str) -> str:
    return f"{_site(request)}{path}"


@lru_cache(maxsize=64)
def _pattern(name: str, prefix: str) -> tuple[str, str]:
    """A named URL's path around its slug, reversed once per script prefix rather than once
    per link (reverse() was 40% of a busy actor's answer)."""
    before, _, after = reverse(name, kwargs={"slug": SLUG}).partition(SLUG)
    return before, after


def page_url(request, name: str, slug: str) -> str:
    before, after = _pattern(name, get_script_prefix())
    return f"{_site(request)}{before}{slug}{after}"


@lru_cache(maxsize=8)
def _api_root(prefix: str) -> str:
    return reverse("api:openapi-json").rsplit("/", 1)[0]


def api_url(request, path: str) -> str:
    """The absolute address of ``path`` under the API's root (``/api/v1/``)."""
    return f"{_site(request)}{_api_root(get_script_prefix())}/{path}"


def story_data(request, story) -> dict:
    return {
        "uuid": story.uuid,
        "title": story.title,
        "language": story.language,
        "published_at": story.publish_at,
        "url": page_url(request, "articles:detail", story.slug),
        "api_url": api_url(request, f"stories/{story.uuid}"),
    }


def fill_uuids(stories) -> None:
    """Give stories fetched without their uuid (the connection finder's) their uuid in one
    query, rather than one deferred load per story."""
    missing = [story for story in stories if "uuid" not in story.__dict__]
    if not missing:
        return
    Article = apps.get_model("articles", "Article")
    uuids = dict(Article.objects.filter(pk__in={s.pk for s in missing}).values_list("pk", "uuid"))
    for story in missing:
        story.uuid = uuids.get(story.pk)


# What one actor's answer carries at most: its busiest actor has 400 relationships reported
# by 2,400 stories (1.4 s to write out); the relationships route lists them all, a page at a
# time, each relationship's own answer all its evidence.
RELATIONSHIPS_SHOWN = 50
EVIDENCE_SHOWN = 5


def with_public_evidence(relationships, limit: int | None = None) -> list:
    """The relationships, each with its public stories newest first (``public_evidence``),
    never a draft's title; with ``limit``, one more than that, to tell that more exist.

    The stories are asked for by id, those the evidence table names for these
    relationships: joined from the relationships, SQLite (never ANALYZEd, as on a small
    site) walked every published story first (2.5 s at 100,000 stories, then 45 ms)."""
    rows = list(relationships)
    if not rows:
        return rows
    Article = apps.get_model("articles", "Article")  # named at call time, as actors/ does
    through = Relationship.evidence.through.objects.filter(relationship_id__in=[r.pk for r in rows])
    ids = set(through.values_list("article_id", flat=True))
    shown = ("uuid", "title", "slug", "language", "publish_at", "updated_at")
    stories = Article.objects.published().filter(pk__in=ids).only(*shown)
    stories = stories.order_by("-publish_at", "-pk")
    if limit is not None:
        stories = stories[: limit + 1]  # one window query for every relationship
    prefetch_related_objects(
        rows, Prefetch("evidence", queryset=stories, to_attr="public_evidence")
    )
    return rows


def actors_for_listing(queryset):
    return queryset.only(
        "slug", "name", "kind", "description", "wikidata_id", "name_folded", "updated_at"
    ).prefetch_related(Prefetch("aliases", to_attr="alias_rows"))


def changed(request, relationships) -> None:
    """Last-Modified: the newest change to the relationships or the public stories they name
    (a story's new headline changes the answer)."""
    for rel in relationships:
        last_modified(request, rel.updated_at)
        for story in rel.public_evidence:
            last_modified(request, story.updated_at)


def relationships_for_display(queryset, *, evidence: int | None = None) -> list:
    return with_public_evidence(queryset.for_display(), evidence)


def actor_ref(request, actor: Actor) -> dict:
    return {
        "slug": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "url": page_url(request, "actors:detail", actor.slug),
        "api_url": api_url(request, f"actors/{actor.slug}"),
    }


def actor_item(request, actor: Actor) -> dict:
    aliases = getattr(actor, "alias_rows", None)
    if aliases is None:
        aliases = list(actor.aliases.all())
    return {
        **actor_ref(request, actor),
        "description": actor.description,
        "wikidata_id": actor.wikidata_id or None,
        "aliases": [alias.name for alias in aliases],
    }


def actor_detail(request, actor: Actor, relationships, *, more: bool) -> dict:
    return {
        **actor_item(request, actor),
        "sort_name": actor.sort_name,
        "wikidata_url": actor.wikidata_url or None,
        "website": actor.website or None,
        "updated_at": actor.updated_at,
        "connections_url": api_url(request, f"actors/{actor.slug}/connections/"),
        "relationships": [from_side(request, actor, rel) for rel in relationships],
        "more_relationships": more,
        "relationships_url": api_url(request, f"relationships/?actor={actor.slug}"),
    }


def facts(request, rel: Relationship) -> dict:
    kind = rel.kind
    return {
        "id": rel.pk,
        "api_url": api_url(request, f"relationships/{rel.pk}"),
        "kind": {
            "slug": kind.slug,
            "label": pgettext("relationship", kind.label),
            "inverse_label": pgettext("relationship", kind.label_from(as_source=False)),
            "symmetric": kind.symmetric,
        },
        "started_on": rel.started_on,
        "ended_on": rel.ended_on,
        "amount": None if rel.amount is None else str(rel.amount),
        "currency": rel.currency or None,
        "status": rel.status,
        "note": rel.note,
        "evidence": [story_data(request, story) for story in rel.public_evidence],
    }


def from_side(request, actor: Actor, rel: Relationship) -> dict:
    """Read from ``actor``'s side, with the label its page gives it (actors.views)."""
    as_source = rel.source_id == actor.pk
    shown = rel.public_evidence[:EVIDENCE_SHOWN]
    return {
        **facts(request, rel),
        "evidence": [story_data(request, story) for story in shown],
        "more_evidence": len(rel.public_evidence) > EVIDENCE_SHOWN,
        "label": pgettext("relationship", rel.kind.label_from(as_source=as_source)),
        "direction": "outgoing" if as_source else "incoming",
        "other": actor_ref(request, rel.target if as_source else rel.source),
    }


def relationship_data(request, rel: Relationship) -> dict:
    data = facts(request, rel)
    return {
        **data,
        "source": actor_ref(request, rel.source),
        "target": actor_ref(request, rel.target),
        "label": data["kind"]["label"],
        "inverse_label": data["kind"]["inverse_label"],
    }

"""What a bundle holds besides the stories: one JSON Lines member per kind of row.

Each kind is a ``Rows``: the member's name, the rows a set of stories needs (a queryset the
export iterates in chunks) and the record of one row. Adding a kind of row to bundles is
adding one ``Rows`` to ``ROWS`` and its restoring function in ``restoring``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from taggit.models import Tag

from actors.models import Actor, Relationship, RelationshipKind
from articles.models import ArticleOldSlug, Section
from contributors.models import Contributor
from exports.records import iso
from pictures.models import Picture

FORMAT = "newsroom-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
STORIES = "stories.jsonl"
PICTURE_FILES = "pictures/"


@dataclass(frozen=True)
class Rows:
    member: str
    # (the exported stories, the ids of pictures their bodies show) -> the rows to write
    select: Callable[[QuerySet, set[int]], QuerySet]
    record: Callable[[Any], dict]


def _stamps(row) -> dict:
    return {"created_at": iso(getattr(row, "created_at", None)), "updated_at": iso(row.updated_at)}


def section_record(section: Section) -> dict:
    return {
        "slug": section.slug,
        "name": section.name,
        "description": section.description,
        "position": section.position,
        "version": section.version,
        "updated_at": iso(section.updated_at),
    }


def topic_record(tag: Tag) -> dict:
    return {"slug": tag.slug, "name": tag.name}


def kind_record(kind: RelationshipKind) -> dict:
    return {
        "slug": kind.slug,
        "label": kind.label,
        "inverse_label": kind.inverse_label,
        "symmetric": kind.symmetric,
        "version": kind.version,
        "updated_at": iso(kind.updated_at),
    }


def actor_key(actor: Actor) -> dict:
    return {"slug": actor.slug, "wikidata_id": actor.wikidata_id}


def actor_record(actor: Actor) -> dict:
    return {
        "slug": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "sort_name": actor.sort_name,
        "description": actor.description,
        "wikidata_id": actor.wikidata_id,
        "website": actor.website,
        "listed": actor.listed,
        "portrait": None if actor.portrait is None else str(actor.portrait.uuid),
        "aliases": sorted(
            ({"name": alias.name, "any_case": alias.any_case} for alias in actor.aliases.all()),
            key=lambda alias: alias["name"],
        ),
        "old_slugs": sorted(redirect.old_slug for redirect in actor.redirects.all()),
        "version": actor.version,
        **_stamps(actor),
    }


def relationship_record(relationship: Relationship) -> dict:
    return {
        "kind": relationship.kind.slug,
        "source": actor_key(relationship.source),
        "target": actor_key(relationship.target),
        "started_on": iso(relationship.started_on),
        "ended_on": iso(relationship.ended_on),
        "amount": None if relationship.amount is None else str(relationship.amount),
        "currency": relationship.currency,
        "status": relationship.status,
        "note": relationship.note,
        "needs_review": relationship.needs_review,
        "evidence": sorted(str(story.uuid) for story in relationship.evidence.all()),
        "version": relationship.version,
        **_stamps(relationship),
    }


def contributor_record(contributor: Contributor) -> dict:
    return {
        "slug": contributor.slug,
        "name": contributor.name,
        "role": contributor.role,
        "bio": contributor.bio,
        "portrait": None if contributor.portrait is None else str(contributor.portrait.uuid),
        # The desk account, linked again if the newsroom has one of that name.
        "username": None if contributor.user is None else contributor.user.get_username(),
        "old_slugs": sorted(redirect.old_slug for redirect in contributor.redirects.all()),
        "version": contributor.version,
        **_stamps(contributor),
    }


def story_slug_record(old: ArticleOldSlug) -> dict:
    """A slug a story left: its old URL keeps answering 301 in the other newsroom."""
    return {"story": str(old.article.uuid), "slug": old.slug, "created_at": iso(old.created_at)}


def picture_member(name: str) -> str:
    """A stored file's member: its storage name, which starts with pictures/ already."""
    return name if name.startswith(PICTURE_FILES) else PICTURE_FILES + name


def picture_record(picture: Picture) -> dict:
    return {
        "uuid": str(picture.uuid),
        # The number a story body shows it by ([[picture:42]]): the import maps it.
        "number": picture.pk,
        "content_hash": picture.content_hash,
        "file": picture_member(picture.file.name),
        "format": picture.format,
        "width": picture.width,
        "height": picture.height,
        "alt_text": picture.alt_text,
        "caption": picture.caption,
        "credit": picture.credit,
        "source": picture.source,
        "version": picture.version,
        "uploaded_at": iso(picture.uploaded_at),
        "updated_at": iso(picture.updated_at),
        "renditions": [
            {
                "spec": rendition.spec,
                "file": picture_member(rendition.file.name),
                "width": rendition.width,
                "height": rendition.height,
                "media_type": rendition.media_type,
                "size": rendition.size,
            }
            for rendition in sorted(picture.renditions.all(), key=lambda r: (r.width, r.spec))
        ],
    }


# --- which rows a set of stories needs -------------------------------------------------------


def _relationships(stories: QuerySet, _pictures: set[int]) -> QuerySet:
    # The ones the stories report, and the ones an editor recorded without evidence (public).
    return Relationship.objects.filter(
        Q(evidence__in=stories) | Q(evidence__isnull=True)
    ).distinct()


def _actors(stories: QuerySet, pictures: set[int]) -> QuerySet:
    relationships = _relationships(stories, pictures).order_by().values("pk")
    return Actor.objects.filter(
        Q(article_tags__article__in=stories)
        | Q(listed=True)
        | Q(relationships_out__in=relationships)
        | Q(relationships_in__in=relationships)
    ).distinct()


def _contributors(stories: QuerySet, _pictures: set[int]) -> QuerySet:
    return Contributor.objects.filter(bylines__article__in=stories).distinct()


def _pictures(stories: QuerySet, pictures: set[int]) -> QuerySet:
    portraits = _actors(stories, pictures).order_by().values("portrait")
    signed = _contributors(stories, pictures).order_by().values("portrait")
    return Picture.objects.filter(
        Q(pk__in=pictures)
        | Q(pk__in=stories.order_by().values("lead_image"))
        | Q(pk__in=portraits)
        | Q(pk__in=signed)
    )


ROWS: tuple[Rows, ...] = (
    Rows("pictures.jsonl", _pictures, picture_record),
    Rows("sections.jsonl", lambda stories, _: Section.objects.all(), section_record),
    Rows(
        "topics.jsonl",
        lambda stories, _: Tag.objects.filter(
            articles_taggedarticle_items__content_object__in=stories
        ).distinct(),
        topic_record,
    ),
    Rows("contributors.jsonl", _contributors, contributor_record),
    Rows("relationship_kinds.jsonl", lambda *_: RelationshipKind.objects.all(), kind_record),
    Rows("actors.jsonl", _actors, actor_record),
    Rows("relationships.jsonl", _relationships, relationship_record),
    Rows(
        "story_slugs.jsonl",
        lambda stories, _: ArticleOldSlug.objects.filter(article__in=stories),
        story_slug_record,
    ),
)

# Per kind of row: what the records need read with each chunk.
PREFETCH = {
    "pictures.jsonl": ("renditions",),
    "actors.jsonl": ("aliases", "redirects", "portrait"),
    "contributors.jsonl": ("portrait", "user", "redirects"),
    "story_slugs.jsonl": ("article",),
    "relationships.jsonl": ("kind", "source", "target", "evidence"),
}
# Rows are written, and so made again, in the order they were made here: pages that list
# equals (same date, same name) in that order show them the same way after a move.
ORDER = {rows.member: ("pk",) for rows in ROWS}

"""A story as plain data: the JSON Lines record, and the helpers every format shares.

The record is the project's full, lossless form of a story: imports read it back and a
round trip (export, empty database, import, export) gives the same bytes. Lists are sorted in
Python, not by the database, so that SQLite and PostgreSQL collations give the same order.
"""

import datetime as dt
import html
import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import nh3
from django.conf import settings
from django.db.models import Prefetch

from actors.models import Actor, Relationship
from articles.models import (
    Article,
    ArticleActor,
    Byline,
    Correction,
    RelatedArticle,
    TaggedArticle,
)
from contributors.models import Contributor
from exports import bulk

Record = dict[str, Any]

# Prefetched into plain lists (to_attr): Django then skips building a queryset per story and
# relation, a third of an export's time. Every reader below takes the lists from these names.
BYLINES = Prefetch(
    "bylines", queryset=Byline.objects.select_related("contributor"), to_attr="export_bylines"
)
TAGS = Prefetch(
    "tagged_items", queryset=TaggedArticle.objects.select_related("tag"), to_attr="export_tags"
)
ACTOR_TAGS = Prefetch(
    "actor_tags", queryset=ArticleActor.objects.select_related("actor"), to_attr="export_actors"
)
ACTOR_TAGS_WITH_ALIASES = Prefetch(
    "actor_tags",
    queryset=ArticleActor.objects.select_related("actor").prefetch_related(
        Prefetch("actor__aliases", to_attr="export_aliases")
    ),
    to_attr="export_actors",
)
# Only what a link needs (id, title, URL, visibility), not the related stories' bodies.
RELATED_LINKS = Prefetch(
    "related_links",
    queryset=RelatedArticle.objects.select_related("to_article").only(
        "position",
        "from_article",
        "to_article__uuid",
        "to_article__slug",
        "to_article__title",
        "to_article__status",
        "to_article__publish_at",
    ),
    to_attr="export_related",
)
# Readers' corrections only: proposed and withdrawn ones are not published content.
CORRECTIONS = Prefetch(
    "corrections", queryset=Correction.objects.public(), to_attr="export_corrections"
)
RELATIONSHIPS = Prefetch(
    "evidenced_relationships",
    queryset=Relationship.objects.select_related("kind", "source", "target").order_by(),
    to_attr="export_relationships",
)
# The lead image's renditions; the picture itself comes with the story (select_related).
LEAD_IMAGE_RENDITIONS = Prefetch("lead_image__renditions")
RECORD_PREFETCH = (
    BYLINES,
    LEAD_IMAGE_RENDITIONS,
    TAGS,
    ACTOR_TAGS_WITH_ALIASES,
    RELATED_LINKS,
    CORRECTIONS,
    RELATIONSHIPS,
)


# The same relations read for a whole chunk at a time (exports.bulk): what the
# export writers use. The Prefetch forms above serve single stories (imports).
RECORD_LOADERS = (
    bulk.load_bylines,
    LEAD_IMAGE_RENDITIONS,
    bulk.load_tags,
    bulk.load_actor_tags,
    bulk.load_related,
    bulk.load_corrections,
    bulk.load_relationships,
)


# Set for one export made from the staff page: the host the staff member reached it at.
_BASE_URL: ContextVar[str | None] = ContextVar("export_base_url", default=None)


def base_url() -> str:
    """Where exported links point: the request's site, else ``NEWSROOM_BASE_URL``."""
    chosen = _BASE_URL.get() or getattr(settings, "NEWSROOM_BASE_URL", "http://127.0.0.1:8000")
    return chosen.rstrip("/")


@contextmanager
def exported_from(url: str | None):
    """Links written inside the block start with ``url`` (None: the setting's)."""
    token = _BASE_URL.set(url)
    try:
        yield
    finally:
        _BASE_URL.reset(token)


def absolute_url(article: Article) -> str:
    return base_url() + article.get_absolute_url()


def absolute_media_url(url: str) -> str:
    """A stored file's URL, absolute (a local MEDIA_URL is relative; an object store's not)."""
    return url if "://" in url else base_url() + ("" if url.startswith("/") else "/") + url


def picture_record(picture) -> Record | None:
    """A library picture as plain data: what it is, who made it, and where its files are.

    Imports find the picture again by ``uuid`` (or ``content_hash``) in the library; the
    URLs are derived (they depend on the site and its storage).
    """
    if picture is None:
        return None
    return {
        "uuid": str(picture.uuid),
        "content_hash": picture.content_hash,
        "url": absolute_media_url(picture.file.url),
        "media_type": picture.media_type,
        "width": picture.width,
        "height": picture.height,
        "alt_text": picture.alt_text,
        "caption": picture.caption,
        "credit": picture.credit,
        "source": picture.source,
        "renditions": [
            {
                "name": rendition.spec,
                "url": absolute_media_url(rendition.url),
                "media_type": rendition.media_type,
                "width": rendition.width,
                "height": rendition.height,
                "size": rendition.size,
            }
            for rendition in sorted(picture.renditions.all(), key=lambda r: (r.width, r.spec))
        ],
    }


def iso(value: dt.date | dt.datetime | None) -> str | None:
    """ISO 8601 / RFC 3339; datetimes in UTC with a Z, so that every database writes the same."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


_BLANK_LINES = re.compile(r"\n{3,}")
_BLOCK_END = re.compile(r"</(p|h[1-6]|blockquote|pre|ul|ol|table|hr)>\n?")


def plain_text(body_html: str) -> str:
    """The rendered body without markup, a blank line between paragraphs and headings."""
    spaced = _BLOCK_END.sub(lambda match: match.group(0).rstrip("\n") + "\n\n", body_html)
    text = html.unescape(nh3.clean(spaced, tags=set()))
    if "\n\n\n" in text:  # rare, and a scan for it far cheaper than the regex's
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def contributors_of(article: Article) -> list[Contributor]:
    """Who signs the story, in byline order."""
    return [row.contributor for row in article.export_bylines]


def byline(article: Article, separator: str = ", ") -> str:
    """The byline as readers read it: the contributors' names in order."""
    return separator.join(contributor.name for contributor in contributors_of(article))


def contributor_record(contributor: Contributor) -> Record:
    return {
        "name": contributor.name,
        "slug": contributor.slug,
        "role": contributor.role,
        "url": f"{base_url()}{contributor.get_absolute_url()}",
    }


def tag_names(article: Article) -> list[str]:
    return sorted(item.tag.name for item in article.export_tags)


def actor_tags(article: Article) -> list[ArticleActor]:
    return article.export_actors


def corrections_of(article: Article) -> list:
    return article.export_corrections


def actor_ref(actor: Actor) -> Record:
    """Enough to find or create the actor at the other end of a relationship."""
    return {
        "slug": actor.slug,
        "name": actor.name,
        "kind": actor.kind,
        "wikidata_id": actor.wikidata_id,
    }


def actor_tag_record(tag) -> Record:
    actor = tag.actor
    return {
        **actor_ref(actor),
        "role": tag.role,
        "position": tag.position,
        "sort_name": actor.sort_name,
        "description": actor.description,
        "website": actor.website,
        "aliases": sorted(alias.name for alias in actor.export_aliases),
    }


def relationship_record(relationship: Relationship) -> Record:
    kind = relationship.kind
    return {
        "kind": {
            "slug": kind.slug,
            "label": kind.label,
            "inverse_label": kind.inverse_label,
            "symmetric": kind.symmetric,
        },
        "source": actor_ref(relationship.source),
        "target": actor_ref(relationship.target),
        "started_on": iso(relationship.started_on),
        "ended_on": iso(relationship.ended_on),
        "amount": None if relationship.amount is None else str(relationship.amount),
        "currency": relationship.currency,
        "status": relationship.status,
        "note": relationship.note,
    }


def _relationship_key(relationship: Relationship) -> tuple:
    return (
        relationship.kind.slug,
        relationship.source.slug,
        relationship.target.slug,
        iso(relationship.started_on) or "",
    )


def related_links(article: Article) -> list:
    """The editor's picks made on this story, in their order (the other end lists its own)."""
    return article.export_related


def story_record(article: Article) -> Record:
    """The full JSON Lines record of a story prefetched with ``RECORD_PREFETCH``."""
    section = article.section
    relationships = sorted(article.export_relationships, key=_relationship_key)
    return {
        "uuid": str(article.uuid),
        "url": absolute_url(article),
        "slug": article.slug,
        "kicker": article.kicker,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "body_html": article.body_html,
        "language": article.language,
        "status": article.status,
        "section": None if section is None else {"slug": section.slug, "name": section.name},
        "publish_at": iso(article.publish_at),
        "first_published_at": iso(article.first_published_at),
        "created_at": iso(article.created_at),
        "updated_at": iso(article.updated_at),
        "version": article.version,
        "canonical_url": article.canonical_url,
        "lead_image": picture_record(article.lead_image),
        "contributors": [contributor_record(c) for c in contributors_of(article)],
        "tags": tag_names(article),
        "actors": [actor_tag_record(tag) for tag in actor_tags(article)],
        "related": [str(link.to_article.uuid) for link in related_links(article)],
        "corrections": [
            {"text": correction.text, "published_at": iso(correction.published_at)}
            for correction in corrections_of(article)
        ],
        "relationships": [relationship_record(r) for r in relationships],
    }

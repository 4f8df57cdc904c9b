"""What an export reads about a chunk of stories, as plain rows instead of model instances.

Prefetching built some twenty model instances per story (its actor tags, each actor and its
aliases, its tags, bylines, links, corrections, relationships), which was most of an export's
time. Each loader here reads one relation for a whole chunk with ``values_list`` and attaches
small objects with the same attributes the records read (``tag.actor.name``,
``link.to_article.uuid``...), so that ``records.story_record`` and the writers work on either.
Things many stories share (actors with their aliases, tags, contributors, relationships,
pictures) are looked up once per export, in an ``ExportCache`` whose size is capped: memory
stays flat however many stories are exported.
"""

import json
import re

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from taggit.models import Tag

from actors.models import Actor, Alias, Relationship
from articles.models import (
    ArticleActor,
    Byline,
    Correction,
    RelatedArticle,
    Section,
    TaggedArticle,
    story_is_public,
)
from contributors.models import Contributor
from pictures.models import Picture

# Entries kept per kind of shared thing; a full cache is emptied and filled again. Large
# enough that a chunk's actors (a thousand stories name a few thousand) seldom empty it,
# small enough (some 10 MB) to be full, and memory flat, early in a large export.
CACHE_LIMIT = 10_000
# A picture comes with its renditions, ten times an actor's size.
PICTURE_CACHE_LIMIT = 1_000
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class _Urls:
    """``reverse(view, slug=...)`` for many slugs: the URL reversed once, the slug put in."""

    def __init__(self, view: str):
        self.view = view
        head, _, tail = reverse(view, kwargs={"slug": "slug"}).rpartition("slug")
        self.head, self.tail = head, tail

    def __call__(self, slug: str) -> str:
        if _SLUG.fullmatch(slug):  # what <slug:> accepts, and what quoting leaves alone
            return self.head + slug + self.tail
        return reverse(self.view, kwargs={"slug": slug})


class ExportCache:
    """Shared rows met by an export so far, by kind and id (bounded by ``CACHE_LIMIT``).

    Made for one export: the URLs it makes follow the script prefix of the request then.
    """

    def __init__(self):
        self.kinds: dict[str, dict] = {}
        self.story_url = _Urls("articles:detail")
        self.contributor_url = _Urls("contributors:detail")

    def fetch(self, kind: str, ids, load, limit: int = CACHE_LIMIT) -> dict:
        """The objects of ``ids``: cached ones, and ``load(missing_ids)`` for the others."""
        cached = self.kinds.setdefault(kind, {})
        missing = [pk for pk in set(ids) if pk not in cached]
        if missing:
            if len(cached) + len(missing) > limit:
                cached.clear()
                missing = list(set(ids))
            cached.update(load(missing))
        return cached


def _in(column: str, ids) -> Q:
    """``column IN ids`` with the ids as one parameter, so that the SQL is the same text
    whatever they are. Each distinct text is a statement the driver prepares and keeps (on
    SQLite a hundred, each as large as its list): an export's growing memory.
    """
    ids = sorted(ids)
    if connection.vendor == "postgresql":
        return Q(**{f"{column}__in": RawSQL("SELECT unnest(%s::bigint[])", (ids,))})
    if connection.vendor == "sqlite":
        return Q(**{f"{column}__in": RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))})
    return Q(**{f"{column}__in": ids})


class _Row:
    """A shared row's columns as attributes: ``_Row(slug=..., name=...)``."""

    def __init__(self, **values):
        self.__dict__.update(values)


class _Named:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


_ACTOR_FIELDS = ("slug", "name", "kind", "wikidata_id", "sort_name", "description", "website")


class _Contributor:
    __slots__ = ("name", "slug", "role", "url")

    def __init__(self, name, slug, role, url):
        self.name, self.slug, self.role, self.url = name, slug, role, url

    def get_absolute_url(self) -> str:
        return self.url


class _Signed:
    """A byline row: its contributor (as the Prefetch's Byline rows give it)."""

    __slots__ = ("contributor",)

    def __init__(self, contributor):
        self.contributor = contributor


class _TagItem:
    __slots__ = ("tag",)

    def __init__(self, tag):
        self.tag = tag


class _ActorTag:
    __slots__ = ("actor", "role", "position")

    def __init__(self, actor, role, position):
        self.actor, self.role, self.position = actor, role, position


class _Correction:
    __slots__ = ("text", "published_at")

    def __init__(self, text, published_at):
        self.text, self.published_at = text, published_at


class _LinkedStory:
    """The far end of a related link: what a link shows, and whether readers may see it."""

    __slots__ = ("uuid", "slug", "title", "status", "publish_at", "url")

    def __init__(self, uuid, slug, title, status, publish_at, url):
        self.uuid, self.slug, self.title = uuid, slug, title
        self.status, self.publish_at, self.url = status, publish_at, url

    @property
    def is_public(self) -> bool:
        return story_is_public(self.status, self.publish_at)

    def get_absolute_url(self) -> str:
        return self.url


class _Link:
    __slots__ = ("to_article", "position")

    def __init__(self, to_article, position):
        self.to_article, self.position = to_article, position


def _attach(chunk, name: str, rows, make) -> None:
    """Give each story of ``chunk`` the list ``name`` of ``make(row)`` for its rows (the
    story's id first in each row), in the rows' order."""
    grouped = {article.pk: [] for article in chunk}
    for row in rows:
        found = grouped.get(row[0])
        if found is not None:  # None: a story in the chunk's range but not in the export
            found.append(make(row))
    for article in chunk:
        setattr(article, name, grouped[article.pk])


def _of(chunk, column: str) -> Q:
    """The filter for the rows of ``chunk``'s stories (in primary-key order).

    A range when the chunk is dense, as it is in a whole-archive export: Django prepares
    every value of an IN list one by one, a fifth of the time it took to read the chunk.
    """
    first, last = chunk[0].pk, chunk[-1].pk
    if last - first < 2 * len(chunk):
        return Q(**{f"{column}__gte": first, f"{column}__lte": last})
    return _in(column, [article.pk for article in chunk])


def load_bylines(chunk, cache: ExportCache) -> None:
    """Each story's contributors in byline order (``export_bylines``, as the Prefetch)."""
    rows = list(
        Byline.objects.filter(_of(chunk, "article_id"))
        .order_by("article_id", "position", "id")
        .values_list("article_id", "contributor_id")
    )

    def load(ids):
        url = cache.contributor_url
        return {
            pk: _Contributor(name, slug, role, url(slug))
            for pk, name, slug, role in Contributor.objects.filter(_in("pk", ids)).values_list(
                "pk", "name", "slug", "role"
            )
        }

    contributors = cache.fetch("contributors", [row[1] for row in rows], load)
    _attach(chunk, "export_bylines", rows, lambda row: _Signed(contributors[row[1]]))


def _load_tags(ids) -> dict:
    return {
        pk: _Named(name)
        for pk, name in Tag.objects.filter(_in("pk", ids)).values_list("pk", "name")
    }


def load_tags(chunk, cache: ExportCache) -> None:
    rows = list(
        TaggedArticle.objects.filter(_of(chunk, "content_object_id"))
        .order_by("content_object_id", "id")
        .values_list("content_object_id", "tag_id")
    )
    tags = cache.fetch("tags", [row[1] for row in rows], _load_tags)
    _attach(chunk, "export_tags", rows, lambda row: _TagItem(tags[row[1]]))


class _Actor:
    """What a record says of a tagged actor (slots: a cache holds thousands)."""

    __slots__ = (*_ACTOR_FIELDS, "export_aliases")

    def __init__(self, values):
        for name, value in zip(_ACTOR_FIELDS, values, strict=True):
            setattr(self, name, value)
        self.export_aliases = []


def _load_actors(ids) -> dict:
    actors = {
        pk: _Actor(values)
        for pk, *values in Actor.objects.filter(_in("pk", ids)).values_list("pk", *_ACTOR_FIELDS)
    }
    for actor_id, name in Alias.objects.filter(_in("actor_id", ids)).values_list(
        "actor_id", "name"
    ):
        actors[actor_id].export_aliases.append(_Named(name))
    return actors


def load_actor_tags(chunk, cache: ExportCache) -> None:
    rows = list(
        ArticleActor.objects.filter(_of(chunk, "article_id"))
        .order_by("article_id", "position", "id")
        .values_list("article_id", "actor_id", "role", "position")
    )
    actors = cache.fetch("actors", [row[1] for row in rows], _load_actors)
    _attach(chunk, "export_actors", rows, lambda row: _ActorTag(actors[row[1]], row[2], row[3]))


def load_related(chunk, cache: ExportCache) -> None:
    rows = (
        RelatedArticle.objects.filter(_of(chunk, "from_article_id"))
        .order_by("from_article_id", "position", "id")
        .values_list(
            "from_article_id",
            "position",
            "to_article__uuid",
            "to_article__slug",
            "to_article__title",
            "to_article__status",
            "to_article__publish_at",
        )
    )
    url = cache.story_url
    _attach(
        chunk,
        "export_related",
        rows,
        lambda row: _Link(_LinkedStory(*row[2:], url(row[3])), row[1]),
    )


def load_corrections(chunk, cache: ExportCache) -> None:
    rows = (
        Correction.objects.public()
        .filter(_of(chunk, "article_id"))
        .order_by("article_id", "published_at", "id")
        .values_list("article_id", "text", "published_at")
    )
    _attach(chunk, "export_corrections", rows, lambda row: _Correction(row[1], row[2]))


_ACTOR_REF = ("slug", "name", "kind", "wikidata_id")
_KIND = ("slug", "label", "inverse_label", "symmetric")
_RELATIONSHIP = ("started_on", "ended_on", "amount", "currency", "status", "note")
_EVIDENCE_COLUMNS = (
    "article_id",
    *(f"relationship__kind__{name}" for name in _KIND),
    *(f"relationship__source__{name}" for name in _ACTOR_REF),
    *(f"relationship__target__{name}" for name in _ACTOR_REF),
    *(f"relationship__{name}" for name in _RELATIONSHIP),
)


def _relationship(row) -> _Row:
    kind, source, target, own = row[1:5], row[5:9], row[9:13], row[13:]
    return _Row(
        kind=_Row(**dict(zip(_KIND, kind, strict=True))),
        source=_Row(**dict(zip(_ACTOR_REF, source, strict=True))),
        target=_Row(**dict(zip(_ACTOR_REF, target, strict=True))),
        **dict(zip(_RELATIONSHIP, own, strict=True)),
    )


def load_relationships(chunk, cache: ExportCache) -> None:
    """Each story's relationships, read with the chunk (one query, joined): most are the
    evidence of one or two stories, so that a cache of them would only grow."""
    rows = (
        Relationship.evidence.through.objects.filter(_of(chunk, "article_id"))
        .order_by("article_id", "id")
        .values_list(*_EVIDENCE_COLUMNS)
    )
    _attach(chunk, "export_relationships", rows, _relationship)


def _load_sections(ids) -> dict:
    rows = Section.objects.filter(_in("pk", ids)).values_list("pk", "slug", "name")
    return {pk: _Row(slug=slug, name=name) for pk, slug, name in rows}


def _load_pictures(ids) -> dict:
    # Pictures are few and shared (a library, not a row per story): kept as instances.
    pictures = Picture.objects.filter(_in("pk", ids)).prefetch_related("renditions")
    return {picture.pk: picture for picture in pictures}


def load_sections_and_pictures(chunk, cache: ExportCache) -> None:
    """Each story row's ``section`` and ``lead_image`` (with its renditions), or None."""
    sections = cache.fetch("sections", {a.section_id for a in chunk} - {None}, _load_sections)
    pictures = cache.fetch(
        "pictures",
        {a.lead_image_id for a in chunk} - {None},
        _load_pictures,
        limit=PICTURE_CACHE_LIMIT,
    )
    for article in chunk:
        article.section = sections.get(article.section_id)
        article.lead_image = pictures.get(article.lead_image_id)

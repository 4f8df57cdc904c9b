"""What an export reads about a chunk of stories, as plain rows instead of model instances.

Prefetching built some twenty model instances per story (its actor tags, each actor and its
aliases, its tags, bylines, links, corrections, relationships), which was most of an export's
time. Each loader here reads one relation for a whole chunk with ``values_list`` and attaches
small objects with the same attributes the records read (``tag.actor.name``,
``link.to_article.uuid``...), so that ``records.story_record`` and the writers work on either.
Things many stories share (actors with their aliases, tags, contributors, relationships) are
looked up once per export, in an ``ExportCache`` whose size is capped: memory stays flat
however many stories are exported.
"""

from django.urls import reverse
from taggit.models import Tag

from actors.models import Actor, Alias, Relationship
from articles.models import (
    ArticleActor,
    Byline,
    Correction,
    RelatedArticle,
    TaggedArticle,
    story_is_public,
)
from contributors.models import Contributor

# Entries kept per kind of shared thing; a full cache is emptied and filled again.
CACHE_LIMIT = 5_000


class ExportCache:
    """Shared rows met by an export so far, by kind and id (bounded by ``CACHE_LIMIT``)."""

    def __init__(self):
        self.kinds: dict[str, dict] = {}

    def fetch(self, kind: str, ids, load) -> dict:
        """The objects of ``ids``: cached ones, and ``load(missing_ids)`` for the others."""
        cached = self.kinds.setdefault(kind, {})
        missing = [pk for pk in set(ids) if pk not in cached]
        if missing:
            if len(cached) + len(missing) > CACHE_LIMIT:
                cached.clear()
                missing = list(set(ids))
            cached.update(load(missing))
        return cached


class _Named:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name


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

    __slots__ = ("uuid", "slug", "title", "status", "publish_at")

    def __init__(self, uuid, slug, title, status, publish_at):
        self.uuid, self.slug, self.title = uuid, slug, title
        self.status, self.publish_at = status, publish_at

    @property
    def is_public(self) -> bool:
        return story_is_public(self.status, self.publish_at)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})


class _Link:
    __slots__ = ("to_article", "position")

    def __init__(self, to_article, position):
        self.to_article, self.position = to_article, position


def _attach(chunk, name: str, rows, make) -> None:
    """Give each story of ``chunk`` the list ``name`` of ``make(row)`` for its rows (the
    story's id first in each row), in the rows' order."""
    grouped = {article.pk: [] for article in chunk}
    for row in rows:
        grouped[row[0]].append(make(row))
    for article in chunk:
        setattr(article, name, grouped[article.pk])


def _ids(chunk) -> list[int]:
    return [article.pk for article in chunk]


def _attach_linked(chunk, cache: ExportCache, name: str, through, column: str, load) -> None:
    """Give each story the shared rows a link table points it to (``load``ed once per export)."""
    rows = list(
        through.objects.filter(article_id__in=_ids(chunk))
        .order_by("article_id", "id")
        .values_list("article_id", column)
    )
    shared = cache.fetch(name, [row[1] for row in rows], load)
    _attach(chunk, name, rows, lambda row: shared[row[1]])


def load_bylines(chunk, cache: ExportCache) -> None:
    """Each story's contributors in byline order (``export_bylines``, as the Prefetch)."""
    rows = list(
        Byline.objects.filter(article_id__in=_ids(chunk))
        .order_by("article_id", "position", "id")
        .values_list("article_id", "contributor_id")
    )
    contributors = cache.fetch(
        "contributors", [row[1] for row in rows], Contributor.objects.in_bulk
    )
    _attach(chunk, "export_bylines", rows, lambda row: _Signed(contributors[row[1]]))


def load_tags(chunk, cache: ExportCache) -> None:
    rows = list(
        TaggedArticle.objects.filter(content_object_id__in=_ids(chunk))
        .order_by("content_object_id", "id")
        .values_list("content_object_id", "tag_id")
    )
    tags = cache.fetch("tags", [row[1] for row in rows], Tag.objects.in_bulk)
    _attach(chunk, "export_tags", rows, lambda row: _TagItem(tags[row[1]]))


def _load_actors(ids) -> dict[int, Actor]:
    actors = Actor.objects.in_bulk(ids)
    for actor in actors.values():
        actor.export_aliases = []
    for actor_id, name in Alias.objects.filter(actor_id__in=ids).values_list("actor_id", "name"):
        actors[actor_id].export_aliases.append(_Named(name))
    return actors


def load_actor_tags(chunk, cache: ExportCache) -> None:
    rows = list(
        ArticleActor.objects.filter(article_id__in=_ids(chunk))
        .order_by("article_id", "position", "id")
        .values_list("article_id", "actor_id", "role", "position")
    )
    actors = cache.fetch("actors", [row[1] for row in rows], _load_actors)
    _attach(chunk, "export_actors", rows, lambda row: _ActorTag(actors[row[1]], row[2], row[3]))


def load_related(chunk, cache: ExportCache) -> None:
    rows = (
        RelatedArticle.objects.filter(from_article_id__in=_ids(chunk))
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
    _attach(chunk, "export_related", rows, lambda row: _Link(_LinkedStory(*row[2:]), row[1]))


def load_corrections(chunk, cache: ExportCache) -> None:
    rows = (
        Correction.objects.public()
        .filter(article_id__in=_ids(chunk))
        .order_by("article_id", "published_at", "id")
        .values_list("article_id", "text", "published_at")
    )
    _attach(chunk, "export_corrections", rows, lambda row: _Correction(row[1], row[2]))


def _load_relationships(ids) -> dict[int, Relationship]:
    return Relationship.objects.select_related("kind", "source", "target").in_bulk(ids)


def load_relationships(chunk, cache: ExportCache) -> None:
    evidence, load = Relationship.evidence.through, _load_relationships
    _attach_linked(chunk, cache, "export_relationships", evidence, "relationship_id", load)

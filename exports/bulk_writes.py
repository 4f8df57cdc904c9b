"""Writing many rows at once, and doing explicitly what the save signals would have done.

``insert`` writes with COPY on PostgreSQL (ids drawn from the table's sequence first, so the
rows can be linked and recorded in the history) and ``bulk_create`` elsewhere. Neither sends
``post_save``: ``stories_created`` then tells what listens to new stories, once for the batch
(common.generation's cache tags, hence the related rankings; the history), and sends
``articles.signals.stories_created`` for the rest (webhooks).
"""

import json
from collections.abc import Iterable

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, router
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from reversion.models import Revision, Version

from articles.cachetags import LISTS, public_now_or_later, story
from articles.models import Article
from articles.signals import stories_created as created
from common import generation

# What an Article's history version follows (articles.admin.stories registers it so).
FOLLOWED = ("bylines", "actor_tags", "related_links", "tagged_items")


def _stamped(field: models.Field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _prepare(model: type[models.Model], rows: list[models.Model]) -> None:
    """Foreign keys to rows saved since they were linked take their ids; automatic times
    left empty take now (a record's own times are kept)."""
    now = timezone.now()
    relations = [f for f in model._meta.concrete_fields if f.is_relation and f.many_to_one]
    stamps = [f for f in model._meta.concrete_fields if _stamped(f)]
    for row in rows:
        for field in relations:
            target = field.get_cached_value(row, None)
            if target is not None and getattr(row, field.attname) is None:
                setattr(row, field.attname, target.pk)
        for field in stamps:
            if getattr(row, field.attname) is None:
                setattr(row, field.attname, now)


def insert(model: type[models.Model], rows: list[models.Model]) -> None:
    """Write new ``rows`` of ``model``; each gets its id."""
    if not rows:
        return
    stamps = [f.attname for f in model._meta.concrete_fields if _stamped(f)]
    own = any(getattr(row, name) is not None for row in rows for name in stamps)
    _prepare(model, rows)
    if connection.vendor != "postgresql":
        kept = [[getattr(row, name) for name in stamps] for row in rows]
        model._default_manager.bulk_create(rows)
        # bulk_create sets automatic times to now: put the rows' own back, in one statement.
        changed = False
        for row, values in zip(rows, kept, strict=True):
            for name, value in zip(stamps, values, strict=True):
                changed |= getattr(row, name) != value
                setattr(row, name, value)
        if own and changed:
            _restamp(model, rows, stamps)
        return
    _copy(model, rows)


def _restamp(model: type[models.Model], rows: list[models.Model], stamps: list[str]) -> None:
    """One UPDATE a row, sent at once (bulk_update's CASE grows with the square of the
    rows on SQLite)."""
    meta, quote = model._meta, connection.ops.quote_name
    fields = [meta.get_field(name) for name in stamps]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    # Names from the model's metadata; every value is a parameter.
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
    values = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _copy(model: type[models.Model], rows: list[models.Model]) -> None:
    meta = model._meta
    quote = connection.ops.quote_name
    new = [row for row in rows if row.pk is None]
    with connection.cursor() as cursor:
        if new:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(new)],
            )
            for row, (pk,) in zip(new, cursor.fetchall(), strict=True):
                row.pk = pk
        fields = meta.concrete_fields
        columns = ", ".join(quote(field.column) for field in fields)
        # Table and column names from the model's metadata; every value goes through COPY.
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        field.get_db_prep_save(getattr(row, field.attname), connection)
                        for field in fields
                    ]
                )
    for row in rows:
        row._state.adding, row._state.db = False, connection.alias


def record_in_history(
    stories: list[Article], *, known: dict[str, dict], fast: bool, relationships: list
) -> list:
    """The history of new stories, with the rows their versions follow, loaded in one query
    per kind of row for the batch, not one per story.

    ``known`` holds the actors, contributors, topics and stories the rows name, by id
    (``{"actor": {id: actor}, ...}``): a version's label names them without a query each.
    ``fast``: the first story goes into the open revision (so that there is one), the others
    come back as unsaved versions, for ``save_versions`` once the revision is saved;
    django-reversion's own way copies the revision's versions at every object added.
    ``relationships`` took new evidence: their versions list it, as after ``evidence.add``.
    """
    if relationships:
        evidence = Prefetch("evidence", queryset=Article.objects.only("pk"))
        prefetch_related_objects(relationships, evidence)
    if not stories:
        return []
    prefetch_related_objects(stories, *FOLLOWED)
    targets = {link.to_article_id for a in stories for link in a.related_links.all()}
    linked = {**known.get("to_article", {})}
    linked.update(Article.objects.only("title").in_bulk(targets - set(linked)))
    known = {**known, "to_article": linked}
    rows = []
    for article in stories:
        for name in FOLLOWED:
            for row in getattr(article, name).all():
                for field, found in known.items():
                    target = found.get(getattr(row, f"{field}_id", None))
                    if target is not None:
                        setattr(row, field, target)
                rows.append(row)
    if not fast:
        for obj in [*stories, *relationships]:
            reversion.add_to_revision(obj)
        return []
    reversion.add_to_revision(stories[0])
    first = {(type(row), row.pk) for row in [stories[0], *_followed(stories[0])]}
    objects = [obj for obj in [*stories, *rows] if (type(obj), obj.pk) not in first]
    objects += relationships
    return _versions(objects)


def _followed(article: Article) -> list:
    return [row for name in FOLLOWED for row in getattr(article, name).all()]


def _versions(objects: list[models.Model]) -> list[Version]:
    """Unsaved versions of ``objects``, as ``reversion.add_to_revision`` makes them: each
    serialized in Django's JSON form (the python serializer once for all, then each dumped
    as the JSON serializer dumps it)."""
    versions = []
    by_model: dict[type, list] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    db = router.db_for_write(Article)
    for model, rows in by_model.items():
        content_type = ContentType.objects.get_for_model(model)
        for row, data in zip(rows, serializers.serialize("python", rows), strict=True):
            text = json.dumps([data], cls=DjangoJSONEncoder, ensure_ascii=False)
            versions.append(
                Version(
                    content_type=content_type,
                    object_id=str(row.pk),
                    db=db,
                    format="json",
                    serialized_data=text,
                    object_repr=str(row),
                )
            )
    return versions


def save_versions(versions: list[Version], revision: Revision) -> None:
    for version in versions:
        version.revision = revision
    insert(Version, versions)


def stories_created(
    stories: list[Article], *, lists: dict[int, set[str]], links: Iterable[str]
) -> None:
    """What the save signals of these new stories and of their rows would have done.

    ``lists[pk]`` are the cache tags a story's rows retire beyond its own (its actors',
    topics' and contributors' lists), as articles.cachetags says, only if readers see the
    story now or later; ``links`` the pages its related links reach, whatever the story.
    """
    retired = set(links)
    for article in stories:
        if public_now_or_later(article):
            retired |= {LISTS, story(article.pk), *lists.get(article.pk, ())}
            if article.section_id is not None:
                retired.add(f"{LISTS}:section:{article.section_id}")
    if retired:
        # New rows never withdraw what readers saw; pages go once the import commits.
        generation.retire(retired)
    created.send(sender=Article, stories=stories)

"""An export's stories as rows: one query per chunk, no model instance per story.

A ``StoryRow`` has the attributes and the few methods of ``Article`` that the formats read
(``records.story_record``, ``ninjs.story_document``, the CSV row), so that every format keeps
one definition whether it is given a story or a row. Building model instances (the story, its
section, its picture, and a dozen related rows each) was most of an export's time.
"""

from collections.abc import Iterator

from django.db.models import QuerySet

from articles.models import Article, story_is_public
from articles.rendering import render_markdown
from exports import bulk

STORY_FIELDS = (
    "pk",
    "uuid",
    "slug",
    "kicker",
    "title",
    "standfirst",
    "body",
    "body_rendered",
    "language",
    "status",
    "publish_at",
    "first_published_at",
    "created_at",
    "updated_at",
    "version",
    "canonical_url",
    "section_id",
    "lead_image_id",
)


class StoryRow:
    """One story's columns, its URL path, and what the loaders attach (``export_*``)."""

    __slots__ = (
        *STORY_FIELDS,
        "path",
        "section",
        "lead_image",
        "export_bylines",
        "export_tags",
        "export_actors",
        "export_related",
        "export_corrections",
        "export_relationships",
    )

    def __init__(self, values: tuple, path: str):
        # Spelled out (in STORY_FIELDS' order): a third of the time of a setattr loop.
        (
            self.pk,
            self.uuid,
            self.slug,
            self.kicker,
            self.title,
            self.standfirst,
            self.body,
            self.body_rendered,
            self.language,
            self.status,
            self.publish_at,
            self.first_published_at,
            self.created_at,
            self.updated_at,
            self.version,
            self.canonical_url,
            self.section_id,
            self.lead_image_id,
        ) = values
        self.path = path
        self.section = self.lead_image = None

    @property
    def body_html(self) -> str:
        """As ``Article.body_html``: the stored rendering, made only if missing."""
        if self.body_rendered or not self.body:
            return self.body_rendered
        return render_markdown(self.body)

    @property
    def is_public(self) -> bool:
        return story_is_public(self.status, self.publish_at)

    @property
    def is_scheduled(self) -> bool:
        published = self.status == Article.Status.PUBLISHED and self.publish_at is not None
        return published and not self.is_public

    def get_absolute_url(self) -> str:
        return self.path


def keyset_page(queryset: QuerySet, last: int) -> QuerySet:
    """The stories of ``queryset`` after the primary key ``last``, in primary-key order.

    A subquery, not the queryset itself: filters across tags or actors could repeat rows.
    The subquery starts after ``last`` too: else the database reads it from its first row
    for every page (a merge join on PostgreSQL, a temporary index on SQLite), and a
    million-story export reads half a billion index entries.
    """
    matching = queryset.filter(pk__gt=last).order_by().values("pk")
    return Article.objects.filter(pk__in=matching, pk__gt=last).order_by("pk")


def _page(queryset: QuerySet, last: int, size: int):
    return keyset_page(queryset, last).values_list(*STORY_FIELDS)[:size]


def story_rows_in_chunks(
    *, queryset: QuerySet, loaders: tuple = (), chunk_size: int
) -> Iterator[list[StoryRow]]:
    """Lists of at most ``chunk_size`` story rows in primary-key order, each with what
    ``loaders`` (from ``exports.bulk``) attach: one query per chunk plus one per loader.

    Keyset pagination (``pk > last``) keeps every chunk's query as cheap as the first; only
    one chunk is alive at a time, and rows hold no reference cycles, so each chunk is freed
    as soon as it is written.
    """
    cache = bulk.ExportCache()
    url = cache.story_url
    loaders = (bulk.load_sections_and_pictures, *loaders)
    last = 0
    while True:
        chunk = [StoryRow(values, url(values[2])) for values in _page(queryset, last, chunk_size)]
        if chunk:
            for load in loaders:
                load(chunk, cache)
            yield chunk
        if len(chunk) < chunk_size:
            return
        last = chunk[-1].pk

"""The story list's search through the full-text index, at a million stories (issue 19).

Django's search would scan the headline, standfirst and slug of every story with LIKE: case-
and accent-sensitive on SQLite, a full read of the table on both databases. Here the words go
through the index reader search uses (search.query): the stored vectors on PostgreSQL (one per
story, drafts included, kept by a trigger), FTS5 on SQLite, with accents and case folded. A
slug typed finds its story too.

A common word matches a fifth of the archive, so a search lists the newest LIMIT matching
stories (by id, which follows creation) that pass the list's filters, in the list's own order,
and says so when there were more. articles cannot import search (it sits above), so the search
is added here, where the desk completes the story admin.
"""

from django.contrib import messages
from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.models import Article, SearchDocument
from search.query import (
    FTS_TABLE,
    WINDOW,
    WINDOW_GROWTH,
    clean_query,
    fts_match,
    matching_actor_ids,
    newest_tagging,
    search_query,
)

# Ten pages of the list: enough to pick from, and half the reading of a thousand when a filter
# leaves few matches per window.
LIMIT = 500
MAX_ACTORS = 5
SLUG_LENGTH = Article._meta.get_field("slug").max_length


def story_search(queryset, raw_query: str) -> tuple[list[int], bool]:
    """Ids of the newest LIMIT stories of ``queryset`` (already filtered) that the query
    finds, and whether there were more."""
    query = clean_query(raw_query)
    if not query:
        return [], False
    ids = (
        _postgres(queryset, query)
        if connection.vendor == "postgresql"
        else _sqlite(queryset, query)
    )
    # The stories tagging an actor the query names, whatever name their text uses; not when
    # the words are a surname hundreds of actors share (their text matches anyway).
    actor_ids = matching_actor_ids(query)
    tagged = newest_tagging(actor_ids) if len(actor_ids) <= MAX_ACTORS else set()
    if tagged:
        ids += queryset.filter(pk__in=tagged).order_by("-pk").values_list("pk", flat=True)[:LIMIT]
    ids = sorted(set(ids), reverse=True)
    # A slug typed finds its story however old (the slug's unique index).
    slug = slugify(query)[:SLUG_LENGTH]
    by_slug = list(queryset.filter(slug=slug).values_list("pk", flat=True)) if slug else []
    return [*by_slug, *(pk for pk in ids[:LIMIT] if pk not in by_slug)], len(ids) > LIMIT


def _postgres(queryset, query) -> list[int]:
    """The newest matches among the newest WINDOW ids, then a wider window (_wider), and so
    on (as search.query._newest_text_matches), with the list's filters inside each window.
    Index scans are off for the statement, as there: otherwise the planner walks the ids
    backwards testing every story's stored vector (seconds for a rare word)."""
    documents = SearchDocument.objects.filter(document=search_query(query))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Article._meta.db_table}")  # noqa: S608
        newest = cursor.fetchone()[0]
        # Put back afterwards: in an enclosing transaction SET LOCAL would outlive the block.
        cursor.execute("SELECT current_setting('enable_indexscan')")
        before = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_indexscan = off")
        try:
            window = WINDOW
            while True:
                low = newest - window
                found = documents.filter(article_id__gt=low).values("article_id")
                ids = list(
                    queryset.filter(pk__gt=low, pk__in=found)
                    .order_by("-pk")
                    .values_list("pk", flat=True)[: LIMIT + 1]
                )
                if len(ids) > LIMIT or low <= 0:
                    return ids
                window = _wider(window, len(ids))
        finally:
            cursor.execute("SELECT set_config('enable_indexscan', %s, true)", [before])


def _wider(window: int, found: int) -> int:
    """The next window: WINDOW_GROWTH times wider, or as wide as the matches found so far say
    LIMIT of them need (a filter or a rare word finds few per window; each step re-reads the
    word's posting list, so fewer, wider steps cost less)."""
    if not found:
        return window * WINDOW_GROWTH**3  # nothing yet: most likely the whole archive
    return max(window * WINDOW_GROWTH, window * 3 * LIMIT // (2 * found))


def _sqlite(queryset, query) -> list[int]:
    """FTS5 finds every match (a doclist read, milliseconds); the list's filters and order
    by id keep the newest of them."""
    match = fts_match(query)
    if not match:
        return []
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
    found = RawSQL(sql, [match])  # noqa: S611 - the table name is ours, the match a parameter
    return list(
        queryset.filter(pk__in=found).order_by("-pk").values_list("pk", flat=True)[: LIMIT + 1]
    )


class StorySearchMixin:
    """The story admin's search (DeskArticleAdmin): the full-text index, not LIKE."""

    search_help_text = _(
        "Words of the headline, standfirst or body, in any case and with or without accents; "
        "or a slug."
    )

    def get_search_results(self, request, queryset, search_term):
        if not clean_query(search_term):
            return queryset, False
        ids, more = story_search(queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if more and match and match.url_name.endswith("_changelist"):
            self.message_user(
                request,
                _(
                    "Only the %(count)s newest matching stories are listed: add a word or a "
                    "filter to find older ones."
                )
                % {"count": number_format(LIMIT, force_grouping=True)},
                messages.INFO,
            )
        return queryset.filter(pk__in=ids), False

"""Reader search: PostgreSQL full-text search, and SQLite's FTS5 where PostgreSQL is absent.

PostgreSQL stems each story with the text search configuration of its own language
(``newsroom_fr`` / ``newsroom_en``: the built-in French and English ones with ``unaccent`` in
front, created by a migration), so "election" finds "élection". The query is parsed with both
configurations because a reader may type either language. SQLite has no stemmer: there every
word of the query, case- and accent-folded, must begin a word of the headline, standfirst or
body (an FTS5 index, migration 0008). On both, a query that names an actor (or one of its
aliases) also finds the stories tagging that actor, whatever name their text uses.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchConfig,
    SearchHeadline,
    SearchQuery,
    SearchRank,
)
from django.db import connection, transaction
from django.db.models import Case, F, Func, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from actors.models import Actor, Alias
from common.text import fold

SEARCH_CONFIGS = {"fr": "newsroom_fr", "en": "newsroom_en"}
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Unlikely in a story and harmless in HTML once escaped: marks the matches in snippets.
_START, _STOP = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w+")
# A library picture in a body ([[picture:42]], or what an excerpt keeps of one) is shown as a
# figure on the page; in an excerpt it is noise, and a number only this database knows.
_MARKDOWN_NOISE = re.compile(r"\[*picture:\d+\]*|[#*_>`\[\]|]+")


# The GIN index over articles_searchdocument.document (migration 0006 creates it and the
# trigger that keeps the vectors current; PostgreSQL only).
SEARCH_INDEX_NAME = "article_search_document_gin"


def clean_query(raw: str | None) -> str:
    """What is left of a reader's query once control characters and excess length are gone."""
    text = _CONTROL.sub(" ", raw or "")[:MAX_QUERY_LENGTH]
    return " ".join(text.split()[:MAX_TERMS])


def matching_actor_ids(query: str) -> list[int]:
    """Actors whose name or one of whose aliases is the query, ignoring case and accents.

    A union of two index look-ups: an OR across the join of actors and aliases would read
    every alias.
    """
    folded = fold(query)
    if not folded:
        return []
    by_name = Actor.objects.filter(name_folded=folded).order_by().values_list("pk", flat=True)
    by_alias = Alias.objects.filter(folded=folded).order_by().values_list("actor_id", flat=True)
    return sorted(set(by_name.union(by_alias)))


# Ranking every match of a common word in a million stories took seconds: each database
# ranks only the newest CANDIDATES stories that use the words (by id, which follows
# creation), plus the newest CANDIDATES tagging each actor the query names, and the page says
# "more than" when more stories use the words.
CANDIDATES = 500
# A surname hundreds of actors share names none of them in particular: their stories are
# found by the words (as on the desk's story list, desk.story_list).
MAX_ACTORS = 5


@dataclass
class SearchResults:
    query: str
    articles: "QuerySet | RankedStories"
    actors: list[Actor]
    # More stories use the words than were ranked: the count shown is a lower bound.
    more: bool = False


def search_articles(queryset: QuerySet, raw_query: str | None) -> SearchResults:
    """Rank ``queryset`` (already limited to what the reader may see) against the query.

    The stories that tag an actor the query names come first, then the newest stories that
    use the words, best match first (ts_rank on PostgreSQL, bm25 on SQLite), then newest
    first. Only the page shown gets its excerpts (``search_headline``, matches between
    marker characters; see ``snippet``).
    """
    query = clean_query(raw_query)
    if not query:
        return SearchResults(query="", articles=queryset.none(), actors=[])
    actor_ids = matching_actor_ids(query)
    if len(actor_ids) > MAX_ACTORS:
        actor_ids = []
    tagged = newest_tagging(actor_ids)
    if connection.vendor == "postgresql":
        articles, more = _postgres(queryset, query, tagged)
    else:
        articles, more = _sqlite(queryset, query, tagged)
    actors = list(Actor.objects.public().filter(pk__in=actor_ids)) if actor_ids else []
    return SearchResults(query=query, articles=articles, actors=actors, more=more)


def search_query(query: str):
    """The reader's words parsed in both languages (websearch syntax never raises)."""
    return SearchQuery(query, config=SEARCH_CONFIGS["fr"], search_type="websearch") | SearchQuery(
        query, config=SEARCH_CONFIGS["en"], search_type="websearch"
    )


def _language_config():
    return Case(
        When(language="en", then=SearchConfig(SEARCH_CONFIGS["en"])),
        default=SearchConfig(SEARCH_CONFIGS["fr"]),
    )


def _ranked(visible, scores: dict[int, float], tagged: set[int]) -> list[int]:
    """Ids in the page's order from (id, publication, score or None) rows."""
    rank = {pk: score if score is not None else scores.get(pk, 0.0) for pk, _, score in visible}
    order = sorted(
        visible, key=lambda row: (row[0] not in tagged, -rank[row[0]], -row[1].timestamp(), -row[0])
    )
    return [pk for pk, _, _ in order]


# PostgreSQL looks for the newest matches among the newest WINDOW ids first, then a window
# WINDOW_GROWTH times wider, and so on: a common word fills the first window, a rare one
# costs a few more cheap look-ups.
WINDOW = 5_000
WINDOW_GROWTH = 8


def _newest_text_matches(search) -> list[int]:
    """Ids of the newest CANDIDATES + 1 stories whose vector matches, newest first.

    Each step intersects the GIN index with the id range (a bitmap scan). Left to itself the
    planner walks the ids backwards and tests every story's vector instead (it does not
    count the cost of reading a stored vector): 1.3 s for a word in 2% of a million stories,
    against 0.1 s. Index scans are therefore turned off for this one statement (SET LOCAL,
    inside its own transaction).
    """
    from articles.models import SearchDocument

    table = SearchDocument._meta.db_table
    matching = SearchDocument.objects.filter(document=search).values_list("article_id")
    inner, params = matching.query.sql_with_params()
    sql = (
        f"SELECT m.article_id FROM ({inner} AND article_id > %s OFFSET 0) AS m "  # noqa: S608
        f"ORDER BY m.article_id DESC LIMIT {CANDIDATES + 1}"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(article_id), 0) FROM {table}")  # noqa: S608
        newest = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_indexscan = off")
        window = WINDOW
        while True:
            cursor.execute(sql, [*params, newest - window])
            ids = [row[0] for row in cursor.fetchall()]
            if len(ids) > CANDIDATES or window >= newest:
                return ids
            window *= WINDOW_GROWTH


def newest_tagging(actor_ids) -> set[int]:
    """Ids of the newest CANDIDATES stories tagging each actor (one query, index order)."""
    from articles.models import ArticleActor

    tagged = [
        ArticleActor.objects.filter(actor_id=actor_id)
        .order_by("-article_id")
        .values_list("article_id", flat=True)[:CANDIDATES]
        for actor_id in actor_ids
    ]
    if not tagged:
        return set()
    if len(tagged) == 1 or connection.features.supports_slicing_ordering_in_compound:
        return set(tagged[0].union(*tagged[1:]))
    return {pk for query in tagged for pk in query}


def _postgres(queryset, query, tagged) -> tuple["RankedStories", bool]:
    """The candidates' ranks and publication in one query (ts_rank reads each stored vector:
    the reason there are few candidates); the page's headlines later (_headlines)."""
    search = search_query(query)
    found = _newest_text_matches(search)
    visible = list(
        queryset.filter(pk__in=[*found[:CANDIDATES], *tagged])
        .order_by()
        .values_list("pk", "publish_at", SearchRank(F("search_document__document"), search))
    )
    ranked = _ranked(visible, {}, tagged)
    return RankedStories(queryset, ranked, _headlines(search)), len(found) > CANDIDATES


def _headlines(search):
    """ts_headline for the page's stories only: it parses their whole text."""

    def annotate(stories):
        return stories.annotate(
            search_headline=SearchHeadline(
                Func(F("standfirst"), Value(" "), F("body"), function="concat"),
                search,
                config=_language_config(),
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )

    return annotate


# SQLite: an FTS5 index over the headline, standfirst and body (migration 0008), accent- and
# case-folded by its unicode61 tokenizer; each word of the query matches as a prefix, so
# "fusée" finds "fusées", and words in quotes as a phrase. As on PostgreSQL, the newest
# CANDIDATES matches are ranked (bm25, headline first): FTS5 reads its index in id order and
# stops there, where ranking every match of a common word by bm25 took 100 ms at 100,000
# stories.
FTS_TABLE = "articles_search_fts"
_BM25 = f"bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"


def fts_match(query: str) -> str:
    """The FTS5 query for the reader's words: every word as a prefix, words in quotes as a
    phrase; no operator survives."""
    parts = []
    # Odd pieces were between quotes (an unclosed quote runs to the end, as websearch reads it).
    for index, piece in enumerate(query.split('"')):
        words = _WORD.findall(fold(piece))
        if index % 2 and len(words) > 1:
            parts.append('"' + " ".join(words[:MAX_TERMS]) + '"')
        else:
            parts += [f'"{word}"*' for word in words]
    return " ".join(parts[:MAX_TERMS])


def _sqlite(queryset, query, tagged) -> tuple["RankedStories", bool]:
    match = fts_match(query)
    scores: dict[int, float] = {}
    if match:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, -{_BM25} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
                f"ORDER BY rowid DESC LIMIT {CANDIDATES + 1}",
                [match],
            )
            scores = dict(cursor.fetchall())
    more = len(scores) > CANDIDATES
    if more:
        del scores[min(scores)]
    visible = (
        queryset.filter(pk__in=set(scores) | tagged).order_by().values_list("pk", "publish_at")
    )
    ranked = _ranked([(pk, when, None) for pk, when in visible], scores, tagged)
    return RankedStories(queryset, ranked, _excerpts(match)), more


def _excerpts(match: str):
    """FTS5's own excerpts of the page's stories, matches between the marker characters."""

    def annotate(stories):
        if not match:
            return stories
        sql = (
            f"SELECT snippet({FTS_TABLE}, -1, %s, %s, ' … ', 32) FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s AND rowid = {stories.model._meta.db_table}.id"
        )
        return stories.annotate(search_headline=RawSQL(sql, [_START, _STOP, match]))  # noqa: S611

    return annotate


class RankedStories:
    """Stories in a ranked order of ids, read a page at a time (a Paginator's object list),
    each page with its excerpts."""

    def __init__(self, queryset, ids: list[int], excerpts):
        self.queryset, self.ids, self.excerpts = queryset, ids, excerpts

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        page = self.ids[index]
        found = {story.pk: story for story in self.excerpts(self.queryset.filter(pk__in=page))}
        return [found[pk] for pk in page if pk in found]

    def __iter__(self):
        return iter(self[:])


FALLBACK_CHARS = 2000


def snippet(article, query: str) -> SafeString:
    """The highlighted excerpt for one result, safe to print as HTML."""
    headline = getattr(article, "search_headline", None)
    if headline is not None:
        return _mark(_MARKDOWN_NOISE.sub("", headline))
    # A story found because it tags an actor may not use the words: the opening will do.
    return _fallback_snippet(f"{article.standfirst} {article.body}"[:FALLBACK_CHARS], query)


def _mark(text: str) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped first; only our own <mark> tags are added.
        escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def _fallback_snippet(text: str, query: str, width: int = 220) -> SafeString:
    text = " ".join(_MARKDOWN_NOISE.sub("", text).split())
    # Fold character by character so positions in the folded text map back to the original.
    folded_chars, origin = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char) or (" " if char.isspace() else ""):
            folded_chars.append(folded_char)
            origin.append(index)
    folded = "".join(folded_chars)
    spans = []
    for term in set(_WORD.findall(fold(query))):
        for match in re.finditer(re.escape(term), folded):
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            spans.append((start, end))
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - width // 3)
    end = min(len(text), begin + width)
    # Cut between words, not inside one.
    if begin > 0 and " " in text[begin:first]:
        begin = text.index(" ", begin, first) + 1
    if end < len(text) and " " in text[begin:end]:
        end = text.rindex(" ", begin, end)
    pieces, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        pieces.append(text[cursor:start] + _START + text[start:stop] + _STOP)
        cursor = stop
    pieces.append(text[cursor:end])
    excerpt = "".join(pieces)
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    return _mark(prefix + excerpt + suffix)

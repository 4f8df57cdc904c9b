"""PostgreSQL's half of reader search: the stored vectors (articles_searchdocument, GIN index).

Each story is stemmed with the text search configuration of its own language (``newsroom_fr``
/ ``newsroom_en``: the built-in French and English ones with ``unaccent`` in front, created by
a migration), so "election" finds "élection"; the query is parsed with both configurations
because a reader may type either language.
"""

from django.contrib.postgres.search import SearchConfig, SearchHeadline, SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import Case, F, Func, Value, When
from django.db.models.functions import Greatest, Substr

from common.text import fold
from search.snippets import ACCENTED, START, STOP
from search.words import WORD

SEARCH_CONFIGS = {"fr": "newsroom_fr", "en": "newsroom_en"}
# The GIN index over articles_searchdocument.document (migration 0006 creates it and the
# trigger that keeps the vectors current).
SEARCH_INDEX_NAME = "article_search_document_gin"
# The newest matches are looked for among the newest WINDOW ids first, then a window
# WINDOW_GROWTH times wider, and so on: a common word fills the first window, a rare one
# costs a few more cheap look-ups.
WINDOW = 5_000
WINDOW_GROWTH = 8
# Reader search sizes its first window by the planner's estimate, down to this.
FIRST_WINDOW = 1_000


def search_query(query: str):
    """The reader's words parsed in both languages (websearch syntax never raises)."""
    return SearchQuery(query, config=SEARCH_CONFIGS["fr"], search_type="websearch") | SearchQuery(
        query, config=SEARCH_CONFIGS["en"], search_type="websearch"
    )


def _matching(search) -> tuple[str, list]:
    from articles.models import SearchDocument

    matching = SearchDocument.objects.filter(document=search).values_list("article_id")
    inner, params = matching.query.sql_with_params()
    return inner, list(params)


_INDEXED = '"articles_searchdocument"."document" @@'
# The same test in a form the GIN index cannot serve (COALESCE of a vector that is never null).
_TESTED = 'COALESCE("articles_searchdocument"."document", \'\'::tsvector) @@'


def window_sql(search, limit: int, *, by_id: bool = False) -> tuple[str, list]:
    """The statement that finds the newest ``limit`` matches above an id (its last parameter).

    ``by_id``: the range of ids is read and each vector tested, the GIN index left out: for
    common words, whose posting lists cost more to read (two common words of a name: 180,000
    postings, 90 ms) than testing a thousand stored vectors (3 ms).
    """
    inner, params = _matching(search)
    if by_id:
        assert _INDEXED in inner, inner
        inner = inner.replace(_INDEXED, _TESTED)
    sql = (
        f"SELECT m.article_id FROM ({inner} AND article_id > %s OFFSET 0) AS m "  # noqa: S608
        f"ORDER BY m.article_id DESC LIMIT {int(limit)}"
    )
    return sql, params


def newest_text_matches(search, limit: int) -> list[int]:
    """Ids of the newest ``limit`` stories whose vector matches, newest first.

    Each step reads an id range through a bitmap scan: the first window is as wide as the
    planner's estimate of the words' frequency says ``limit`` matches need (reading a range
    costs each story's stored vector when the planner tests them one by one), the next ones
    as wide as the matches found say (_wider). Left to itself the planner walks the ids
    backwards and tests every story's vector instead (it does not count the cost of reading
    a stored vector): 1.3 s for a word in 2% of a million stories, against 0.1 s. Index
    scans are therefore
    turned off for this one statement (SET LOCAL, inside its own transaction).
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(article_id), 0) FROM articles_searchdocument")
        newest = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_indexscan = off")
        inner, inner_params = _matching(search)
        cursor.execute("EXPLAIN (FORMAT JSON) " + inner, inner_params)
        density = cursor.fetchone()[0][0]["Plan"]["Plan Rows"] / max(newest, 1)
        # Common words: the narrowest window; rare ones: as wide as their estimate says.
        window = max(FIRST_WINDOW, int(limit * 3 / (2 * max(density, 1e-9))))
        common = density * FIRST_WINDOW * 10 >= limit
        if common:
            window = FIRST_WINDOW
        sql, params = window_sql(search, limit, by_id=common)
        while True:
            cursor.execute(sql, [*params, newest - window])
            ids = [row[0] for row in cursor.fetchall()]
            if len(ids) >= limit or window >= newest:
                return ids
            window = _wider(window, len(ids), limit, newest)


def _wider(window: int, found: int, limit: int, newest: int) -> int:
    """The next window, from the density of matches the last one found (an estimate misses
    words that go together, as a name's: a window eight times too wide read 180,000 postings
    through the GIN index, 90 ms); none found: the whole archive, through the index alone."""
    if not found:
        return newest
    return max(window * 2, window * limit * 3 // (2 * found))


def ranking(queryset, ids, search):
    """(id, status, publication, ts_rank) of the stories among ``ids``: ts_rank reads each
    stored vector, the reason few are ranked."""
    return (
        queryset.filter(pk__in=ids)
        .order_by()
        .values_list(
            "pk", "status", "publish_at", SearchRank(F("search_document__document"), search)
        )
    )


# ts_headline parses the whole text it is given (1-2 ms for a 3,000-character story): it is
# given EXCERPT characters from a little before the first word of the query (accents and
# case aside, its first letters, so that "prisons" finds "prison"), or the opening.
EXCERPT, LEAD = 600, 150


def word_starts(query: str) -> str | None:
    """A PostgreSQL regular expression for where a word of the query begins in a text."""
    words = sorted(set(WORD.findall(fold(query))), key=len, reverse=True)
    stems = [word[: max(4, len(word) - 2)] for word in words]
    if not stems:
        return None
    spelled = ("".join(f"[{ACCENTED[c]}]" if c in ACCENTED else c for c in s) for s in stems)
    return r"(?i)\m(" + "|".join(spelled) + ")"


def _language_config():
    return Case(
        When(language="en", then=SearchConfig(SEARCH_CONFIGS["en"])),
        default=SearchConfig(SEARCH_CONFIGS["fr"]),
    )


def headlines(search, query: str):
    """Reads a page of stories, each with ts_headline on an excerpt around the query's words
    (in the same query)."""
    text = Func(F("standfirst"), Value(" "), F("body"), function="concat")
    pattern = word_starts(query)
    if pattern:
        found = Func(text, Func(text, Value(pattern), function="substring"), function="strpos")
        text = Substr(text, Greatest(Value(1), found - Value(LEAD)), Value(EXCERPT))

    def load(stories) -> list:
        return stories.annotate(
            search_headline=SearchHeadline(
                text,
                search,
                config=_language_config(),
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )

    return load

"""SQLite's half of reader search: an FTS5 index over the headline, standfirst and body
(migration 0008), accent- and case-folded by its unicode61 tokenizer. SQLite has no stemmer:
each word of the query matches as a prefix, so "fusée" finds "fusées", and words in quotes
as a phrase."""

from django.db import connection

from common.text import fold
from search.words import MAX_TERMS, WORD

FTS_TABLE = "articles_search_fts"
_BM25 = f"bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"


def fts_match(query: str) -> str:
    """The FTS5 query for the reader's words: every word as a prefix, words in quotes as a
    phrase; no operator survives."""
    parts = []
    # Odd pieces were between quotes (an unclosed quote runs to the end, as websearch reads it).
    for index, piece in enumerate(query.split('"')):
        words = WORD.findall(fold(piece))
        if index % 2 and len(words) > 1:
            parts.append('"' + " ".join(words[:MAX_TERMS]) + '"')
        else:
            parts += [f'"{word}"*' for word in words]
    return " ".join(parts[:MAX_TERMS])


def newest_sql(limit: int) -> str:
    """The newest ``limit`` matches with their bm25 score (headline first): FTS5 reads its
    index in id order and stops there, where ranking every match of a common word by bm25
    took 100 ms at 100,000 stories."""
    return (
        f"SELECT rowid, -{_BM25} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
        f"ORDER BY rowid DESC LIMIT {int(limit)}"
    )


def newest_matches(match: str, limit: int) -> dict[int, float]:
    if not match:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(newest_sql(limit), [match])
        return dict(cursor.fetchall())

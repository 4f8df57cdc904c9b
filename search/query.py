"""Reader search: PostgreSQL full-text search (search.postgres), and SQLite's FTS5
(search.sqlite) where PostgreSQL is absent.

Ranking every match of a common word in a million stories took seconds: each database ranks
only the newest CANDIDATES stories that use the words (by id, which follows creation), best
match first, and the page says "more than" when more stories use them. A query that names an
actor (or one of its aliases) also finds the stories tagging that actor, whatever name their
text uses, and lists them first. Only the page shown gets its excerpts.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from actors.models import Actor, Alias
from articles.models import story_is_public
from common.text import fold
from search import postgres, sqlite

# Names the desk's story list, the API and the tests use.
from search.postgres import SEARCH_CONFIGS, SEARCH_INDEX_NAME, WINDOW, WINDOW_GROWTH, search_query
from search.snippets import snippet
from search.sqlite import FTS_TABLE, fts_match
from search.words import MAX_QUERY_LENGTH, MAX_TERMS, clean_query

__all__ = [
    "FTS_TABLE",
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "SEARCH_CONFIGS",
    "SEARCH_INDEX_NAME",
    "WINDOW",
    "WINDOW_GROWTH",
    "clean_query",
    "fts_match",
    "search_query",
    "snippet",
]

CANDIDATES = 200
# A surname hundreds of actors share names none of them in particular: their stories are
# found by the words (as on the desk's story list, desk.story_list).
MAX_ACTORS = 5


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


@dataclass
class SearchResults:
    query: str
    articles: "QuerySet | RankedStories"
    actors: list[Actor]
    # More stories use the words than were ranked: the count shown is a lower bound.
    more: bool = False


def search_articles(queryset: QuerySet, raw_query: str | None) -> SearchResults:
    """The public stories the query finds, ranked; ``queryset`` loads the page's stories
    (with what the page shows of them).

    Search keeps the public ones itself, on the candidates read by primary key
    (``story_is_public``, the rule of ``published()`` for rows already loaded): SQLite, which
    keeps no statistics, would read ``published()`` through its (status, publication) index,
    every public story, to find a few hundred (50 ms at 100,000 stories).

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


def _ranked(rows, scores: dict[int, float], tagged: set[int]) -> list[int]:
    """Ids of the public stories in the page's order from (id, status, publication, score or
    None) rows."""
    visible = [row for row in rows if story_is_public(row[1], row[2])]
    rank = {pk: scores.get(pk, 0.0) if score is None else score for pk, _, _, score in visible}
    order = sorted(
        visible, key=lambda row: (row[0] not in tagged, -rank[row[0]], -row[2].timestamp(), -row[0])
    )
    return [row[0] for row in order]


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
    search = search_query(query)
    found = postgres.newest_text_matches(search, CANDIDATES + 1)
    rows = postgres.ranking(queryset, [*found[:CANDIDATES], *tagged], search)
    ranked = _ranked(rows, {}, tagged)
    excerpts = postgres.headlines(search, query)
    return RankedStories(queryset, ranked, excerpts), len(found) > CANDIDATES


def _sqlite(queryset, query, tagged) -> tuple["RankedStories", bool]:
    match = fts_match(query)
    scores = sqlite.newest_matches(match, CANDIDATES + 1)
    more = len(scores) > CANDIDATES
    if more:
        del scores[min(scores)]
    rows = queryset.filter(pk__in=set(scores) | tagged).order_by()
    rows = [(*row, None) for row in rows.values_list("pk", "status", "publish_at")]
    ranked = _ranked(rows, scores, tagged)
    # The page's excerpts are marked in Python (search.snippets): FTS5's snippet() ran the
    # match again for each story of the page (0.7 s for two common words at 100,000).
    return RankedStories(queryset, ranked, list), more


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

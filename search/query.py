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

CANDIDATES = 500
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


def _ranked(visible, scores: dict[int, float], tagged: set[int]) -> list[int]:
    """Ids in the page's order from (id, publication, score or None) rows."""
    rank = {pk: score if score is not None else scores.get(pk, 0.0) for pk, _, score in visible}
    order = sorted(
        visible, key=lambda row: (row[0] not in tagged, -rank[row[0]], -row[1].timestamp(), -row[0])
    )
    return [pk for pk, _, _ in order]


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
    visible = list(postgres.ranking(queryset, [*found[:CANDIDATES], *tagged], search))
    ranked = _ranked(visible, {}, tagged)
    excerpts = postgres.headlines(search, query)
    return RankedStories(queryset, ranked, excerpts), len(found) > CANDIDATES


def _sqlite(queryset, query, tagged) -> tuple["RankedStories", bool]:
    match = fts_match(query)
    scores = sqlite.newest_matches(match, CANDIDATES + 1)
    more = len(scores) > CANDIDATES
    if more:
        del scores[min(scores)]
    visible = (
        queryset.filter(pk__in=set(scores) | tagged).order_by().values_list("pk", "publish_at")
    )
    ranked = _ranked([(pk, when, None) for pk, when in visible], scores, tagged)
    return RankedStories(queryset, ranked, sqlite.excerpts(match)), more


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

"""The site's search (``search.query.search_articles``), in its order, a page at a time.

Every caller searches the public stories, as readers do, key or no key: the search ranks
and dates stories by their publication (a draft has none), and an export key already lists
drafts and stories in review with the stories route's filters. Snippets are plain text: the
matches the page marks with ``<mark>`` are given unmarked, and nothing is HTML-escaped.
"""

import html

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from api import actor_rows, vocabulary_paging
from api.actor_schemas import ActorRef, StoryRef
from api.errors import ERROR_RESPONSES, BadParameter
from api.http import last_modified, shows
from articles.models import Article
from search.query import MAX_QUERY_LENGTH, search_articles, snippet

router = Router(tags=["search"])

MAX_LIMIT = 50
DEFAULT_LIMIT = 20
# The search ranks at most a few thousand candidates (search.query.CANDIDATES): no page lies
# further than this.
MAX_OFFSET = 5000


def _lists(kwargs, context) -> set[str]:
    # As the search page: the stories, the actors they match, topics (articles.cachetags).
    return {"stories", "topics", "actors", "contributors"}


CACHE_LISTS = {"api:search": _lists}


class SearchHit(StoryRef):
    kicker: str
    standfirst: str
    section: str | None = Field(description="The section's slug.")
    snippet: str = Field(description="Plain text around the words found; no HTML.")


class SearchPage(Schema):
    query: str = Field(description="The words searched for, as the search read them.")
    actors: list[ActorRef] = Field(description="Public actors the words name.")
    results: list[SearchHit] = Field(description="Best match first, then newest first.")
    next: str | None = Field(description="The next page; null on the last one.")


def _words(q: str) -> str:
    if "\x00" in q:
        raise BadParameter("q", _("The search cannot hold a NUL character."))
    if len(q) > MAX_QUERY_LENGTH:
        raise BadParameter(
            "q",
            _("A search has at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH},
        )
    if not q.strip():
        raise BadParameter("q", _("Type the words to search for."))
    return q


def plain(marked: str) -> str:
    """The page's snippet (escaped HTML, matches in ``<mark>``) as plain text."""
    return html.unescape(str(marked).replace("<mark>", "").replace("</mark>", ""))


@router.get(
    "/",
    response={200: SearchPage, 304: None, **ERROR_RESPONSES},
    url_name="search",
    summary="Search the stories",
)
def search(
    request,
    q: str = Query(..., description=f"The words to find, at most {MAX_QUERY_LENGTH} characters."),
    cursor: str | None = Query(None, description="The ``next`` link's cursor."),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
):
    stories = Article.objects.published().select_related("section")
    found = search_articles(stories, _words(q))
    offset = (vocabulary_paging.decode(cursor, int) or [0])[0]
    if offset > MAX_OFFSET:
        raise vocabulary_paging.refused()
    page = list(found.articles[offset : offset + limit + 1])
    rows, more = page[:limit], len(page) > limit
    shows(request, rows, found.actors)
    for story in rows:
        last_modified(request, story.updated_at)
    return {
        "query": found.query,
        "actors": [actor_rows.actor_ref(request, actor) for actor in found.actors],
        "results": [_hit(request, story, found.query) for story in rows],
        "next": vocabulary_paging.next_link(
            request, vocabulary_paging.encode(offset + limit) if more else None
        ),
    }


def _hit(request, story, query: str) -> dict:
    return {
        **actor_rows.story_data(request, story),
        "kicker": story.kicker,
        "standfirst": story.standfirst,
        "section": story.section.slug if story.section_id else None,
        "snippet": plain(snippet(story, query)),
    }

"""Sections, topics and relationships: the vocabulary stories and actors are filed under.

Topics are those of public stories only, counted as the topics index counts them
(``articles.directory.public_story_counts``): a draft's topic could give a scoop away.
"""

from urllib.parse import quote, urlencode

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from api import actor_rows, relationship_routes, vocabulary_paging
from api.errors import ERROR_RESPONSES
from api.http import last_modified, shows
from api.vocabulary_schemas import SectionOut, TopicOut, TopicPage
from articles import cachetags as story_tags
from articles.directory import public_story_counts
from articles.models import Article, Section

router = Router(tags=["vocabulary"])
router.add_router("/relationships", relationship_routes.router)

MAX_SLUG = 200


def _sections_lists(kwargs, context) -> set[str]:
    return set()  # a change to a section retires every page (articles.cachetags)


def _topic_lists(kwargs, context) -> set[str]:
    if len(kwargs.get("slug", "")) > MAX_SLUG:
        return set()
    return story_tags.topic_lists(kwargs, None)


CACHE_LISTS = {
    "api:sections": _sections_lists,
    "api:section": _sections_lists,
    "api:topics": story_tags.all_lists,
    "api:topic": _topic_lists,
    **relationship_routes.CACHE_LISTS,
}


def _stories_url(request, **filters) -> str:
    return actor_rows.api_url(request, f"stories/?{urlencode(filters)}")


def _section(request, section: Section) -> dict:
    return {
        "slug": section.slug,
        "name": section.name,
        "description": section.description,
        "position": section.position,
        "url": actor_rows.absolute(
            request, reverse("articles:section", kwargs={"slug": section.slug})
        ),
        "stories_url": _stories_url(request, section=section.slug),
    }


@router.get(
    "/sections/",
    response={200: list[SectionOut], 304: None, **ERROR_RESPONSES},
    url_name="sections",
    summary="Sections",
)
def section_list(request):
    sections = list(Section.objects.order_by("position", "name", "pk"))
    for section in sections:
        last_modified(request, section.updated_at)
    return [_section(request, section) for section in sections]


@router.get(
    "/sections/{slug}",
    response={200: SectionOut, 304: None, **ERROR_RESPONSES},
    url_name="section",
    summary="One section",
)
def section_detail(request, slug: str):
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        raise Http404(_("No section has this slug."))
    last_modified(request, section.updated_at)
    return _section(request, section)


def _topics():
    return Article.objects.published().topics()


def _topic(request, topic, count: int) -> dict:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "public_stories": count,
        "url": actor_rows.absolute(request, reverse("articles:tag", kwargs={"slug": topic.slug})),
        "api_url": actor_rows.api_url(request, f"topics/{quote(topic.slug)}"),
        "stories_url": _stories_url(request, topic=topic.slug),
    }


@router.get(
    "/topics/",
    response={200: TopicPage, 304: None, **ERROR_RESPONSES},
    url_name="topics",
    summary="Topics of public stories, A to Z, with their number of public stories",
)
def topic_list(
    request,
    cursor: str | None = Query(None, description="The ``next`` link's cursor."),
    limit: int = Query(vocabulary_paging.DEFAULT_LIMIT, ge=1, le=vocabulary_paging.MAX_LIMIT),
):
    topics = _topics()
    after = vocabulary_paging.decode(cursor, str, int)
    if after:
        topics = topics.filter(vocabulary_paging.after("name", *after))
    rows, more = vocabulary_paging.take(topics.order_by("name", "pk"), limit)
    counts = public_story_counts(rows)
    shows(request, rows)
    return {
        "results": [_topic(request, topic, counts.get(topic.pk, 0)) for topic in rows],
        "next": vocabulary_paging.next_link(
            request, vocabulary_paging.encode(rows[-1].name, rows[-1].pk) if more else None
        ),
    }


@router.get(
    "/topics/{slug}",
    response={200: TopicOut, 304: None, **ERROR_RESPONSES},
    url_name="topic",
    summary="One topic",
)
def topic_detail(request, slug: str):
    topic = _topics().filter(slug=slug).first()
    if topic is None:
        raise Http404(_("No public story uses this topic."))
    shows(request, topic)
    return _topic(request, topic, public_story_counts([topic]).get(topic.pk, 0))

"""The stories routes: the list (the export's filters, newest first, a cursor to the next
page) and one story by uuid or slug, in the newsroom's JSON or as IPTC ninjs 3.1.

An old slug answers 301 to the story's current address, as the site does. Without a key a
draft, a story in review or a scheduled story does not exist (404).
"""

import uuid
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from api import access, cursor, story_data
from api.errors import ERROR_RESPONSES, BadParameter
from api.http import cache_context, last_modified, lists, shows, wants_ninjs
from api.story_schemas import NinjsOut, NinjsPage, StoryOut, StoryPage
from articles.models import Article
from common.text import check_storable
from exports.records import exported_from

router = Router(tags=["stories"])

DEFAULT_LIMIT, MAX_LIMIT = 20, 100
Format = Literal["json", "ninjs"]
DATE = {"description": "YYYY-MM-DD, in the newsroom's time zone.", "examples": ["2025-01-31"]}
FORMAT_HELP = (
    "json (the newsroom's) or ninjs (IPTC ninjs 3.1); also chosen by "
    "Accept: application/ninjs+json."
)


class FormatChoice(Schema):
    format: Format | None = Field(None, description=FORMAT_HELP)


class StoryFilters(FormatChoice):
    topic: list[str] = Field(None, description="A topic's slug or name; repeatable.")
    actor: list[str] = Field(None, description="An actor's slug; repeatable.")
    section: str | None = Field(None, description="A section's slug.")
    language: Article.Language | None = None
    status: list[Article.Status] = Field(
        None, description="Export keys only: draft, review, published. Repeatable."
    )
    published_since: str | None = Field(None, **DATE)
    published_until: str | None = Field(None, **DATE)
    updated_since: str | None = Field(None, **DATE)
    updated_until: str | None = Field(None, **DATE)
    cursor: str | None = Field(None, description="From a page's `next`.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _format(request, chosen: str | None) -> str:
    return chosen or ("ninjs" if wants_ninjs(request) else "json")


def _site(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _shown(request, stories: list[Article], fmt: str, *, links: bool = False) -> list[dict]:
    """The stories as the caller asked, and what the page cache and Last-Modified need.

    ``links``: tag the answer with the stories its links name (one query). A list needs not:
    it carries ``stories``, which any story's change retires."""
    story_data.load(stories)
    shows(request, story_data.rows_shown(stories))
    if links:
        lists(request, *story_data.linked_tags(stories))
    for story in stories:
        last_modified(request, story.last_changed)
        for correction in story.export_corrections:
            last_modified(request, correction.published_at)
    write = story_data.ninjs_json if fmt == "ninjs" else story_data.story_json
    with exported_from(_site(request)):
        return [write(request, story) for story in stories]


@router.get(
    "/",
    url_name="stories-list",
    response={200: StoryPage | NinjsPage, 304: None, **ERROR_RESPONSES},
    summary="List stories",
    description=(
        "Newest first. Every filter narrows the list (topics and actors: all of them). "
        "Follow `next` to the end; a page costs the same wherever it is."
    ),
)
def list_stories(request, given: Query[StoryFilters]):
    params = given.model_dump()
    stories = cursor.ordered(story_data.filtered(request, params))
    stories = cursor.after(stories, given.cursor).select_related("section", "lead_image")
    page = list(stories[: given.limit + 1])
    more, page = len(page) > given.limit, page[: given.limit]
    items = _shown(request, page, _format(request, given.format))
    following = None
    if more:
        query = request.GET.copy()
        query["cursor"] = cursor.encode(page[-1])
        following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"items": items, "next": following}


def _find(request, key: str) -> Article:
    stories = access.stories(request).select_related("section", "lead_image")
    try:
        return stories.get(uuid=uuid.UUID(key))
    except (ValueError, Article.DoesNotExist):
        pass
    try:
        check_storable(key)
        return stories.get(slug=key[:300])
    except (ValidationError, Article.DoesNotExist):
        pass
    raise BadParameter("id_or_slug", _("No story at this address."), status=404)


def _moved(request, key: str):
    """The 301 from an old slug to where the story lives now (None: no such old slug)."""
    try:
        check_storable(key)
    except ValidationError:
        return None
    story = access.stories(request).redirected_from(key[:300]).first()
    if story is None:
        return None
    url = reverse("api:stories-detail", kwargs={"id_or_slug": story.slug})
    query = request.META.get("QUERY_STRING")
    return HttpResponseRedirect(f"{url}?{query}" if query else url, status=301)


@router.get(
    "/{id_or_slug}",
    url_name="stories-detail",
    response={200: StoryOut | NinjsOut, 301: None, 304: None, **ERROR_RESPONSES},
    summary="One story",
    description=(
        "By uuid or slug. An old slug answers 301 to the story's current address. "
        "Drafts, stories in review and scheduled stories need an export key."
    ),
)
def story_detail(request, id_or_slug: str, given: Query[FormatChoice]):
    try:
        story = _find(request, id_or_slug)
    except BadParameter:
        moved = _moved(request, id_or_slug)
        if moved is None:
            raise
        return moved
    return _shown(request, [story], _format(request, given.format), links=True)[0]


def _list_tags(url_kwargs, context) -> set[str]:
    # Any story's change retires "stories"; topic, actor and contributor rows name themselves.
    return {"stories", "topics"} | cache_context(context)


def _detail_tags(url_kwargs, context) -> set[str]:
    return cache_context(context)


CACHE_LISTS = {"api:stories-list": _list_tags, "api:stories-detail": _detail_tags}

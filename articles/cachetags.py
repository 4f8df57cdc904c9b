"""What stories tag cached pages with, and which tags a change to a story retires.

A story's page carries ``story:<id>``; the lists it appears in carry ``stories`` (the home
page, the latest-stories feeds, sitemaps, search), ``stories:section:<id>``,
``stories:topic:<id>``, ``stories:actor:<id>`` (an actor's page and feeds) and
``stories:contributor:<id>`` (a contributor's page). A story's
page carries the stories it shows, related ones included, and lives at most
``NEWSROOM_RELATED_STORIES_LAG_SECONDS``: a story newly sharing its actors or topics joins
its related stories within that time. A change to a story retires its own tag and every list
it appears in, before and after the change; a change to a row hanging on a story (a tag, an
actor, a correction) retires the story. Sections name themselves in every page's
navigation: a change to one retires everything. Wired from ``ArticlesConfig.ready()``
(common.generation).
"""

from datetime import UTC, datetime

from django.conf import settings
from django.db.models import CharField, Value
from django.utils import timezone

from actors.models import Relationship
from articles.models import (
    Article,
    ArticleActor,
    ArticleOldSlug,
    Byline,
    ChangeProposal,
    Correction,
    ListChange,
    RelatedArticle,
    RelatedRanking,
    SearchDocument,
    Section,
    TaggedArticle,
    story_is_public,
)
from common import generation

LISTS = "stories"
# "Public at some time": a story readers see now or once its time comes.
END_OF_TIME = datetime.max.replace(tzinfo=UTC)


def public_now_or_later(article) -> bool:
    """Changing such a story retires cached pages, even before its time: moving a scheduled
    story moves the moment cached pages must give way to it."""
    return story_is_public(article.status, article.publish_at, now=END_OF_TIME)


def story_withdrawn(stored, article) -> bool:
    """Readers saw the story and no longer do (unpublished, or moved to a later time); an
    edit to a public story is not a withdrawal."""
    now = timezone.now()
    return story_is_public(stored.status, stored.publish_at, now) and not story_is_public(
        article.status, article.publish_at, now
    )


def story(pk) -> str:
    return f"story:{pk}"


# Changes --------------------------------------------------------------------------------


def _relations(pk) -> set[str]:
    """The lists a story appears in through its actors, topics and contributors, and the
    actor pages showing a relationship it is evidence for (one query)."""
    kind = {"output_field": CharField()}
    evidence = Relationship.evidence.through.objects.filter(article_id=pk).order_by()
    rows = (
        ArticleActor.objects.filter(article_id=pk)
        .order_by()
        .values_list(Value("actor", **kind), "actor_id")
        .union(
            TaggedArticle.objects.filter(content_object_id=pk)
            .order_by()
            .values_list(Value("topic", **kind), "tag_id"),
            evidence.values_list(Value("actor", **kind), "relationship__source_id"),
            evidence.values_list(Value("actor", **kind), "relationship__target_id"),
            Byline.objects.filter(article_id=pk)
            .order_by()
            .values_list(Value("contributor", **kind), "contributor_id"),
            all=True,
        )
    )
    return {f"{LISTS}:{what}:{pk}" for what, pk in rows}


def story_retires(article) -> set[str]:
    """A story (as stored before the change, or after it) and every list it is in."""
    tags = {story(article.pk), LISTS}
    if article.section_id is not None:
        tags.add(f"{LISTS}:section:{article.section_id}")
    return tags | _relations(article.pk)


def _story_retires_by_pk(pk) -> set[str]:
    """For a row hanging on a story: nothing while readers cannot see the story."""
    stored = Article.objects.filter(pk=pk).only("status", "publish_at", "section").first()
    if stored is None or not public_now_or_later(stored):
        return set()
    return story_retires(stored)


def tagging_retires(row: TaggedArticle) -> set[str]:
    found = _story_retires_by_pk(row.content_object_id)
    return found | {f"{LISTS}:topic:{row.tag_id}"} if found else found


def actor_tag_retires(row: ArticleActor) -> set[str]:
    found = _story_retires_by_pk(row.article_id)
    # The actor may become public (or stop being): sitemaps and search list actors.
    return found | {f"{LISTS}:actor:{row.actor_id}", "actors"} if found else found


def byline_retires(row: Byline) -> set[str]:
    found = _story_retires_by_pk(row.article_id)
    # The contributor's page lists the story, and signing it may make them public.
    return found | {f"{LISTS}:contributor:{row.contributor_id}", "contributors"} if found else found


def on_story(field: str):
    """For a row that shows only on one story's page (a correction, a related link)."""
    return lambda row: {story(getattr(row, field))}


def topic_retires(tag) -> set[str]:
    # Feeds and sitemaps name topics too (``topics``).
    return {f"topic:{tag.pk}", f"{LISTS}:topic:{tag.pk}", "topics"}


RETIRES = {
    TaggedArticle: tagging_retires,
    ArticleActor: actor_tag_retires,
    Byline: byline_retires,
    Correction: on_story("article_id"),
    # Editors' picks show on the pages at both ends of the link.
    RelatedArticle: lambda row: {story(row.from_article_id), story(row.to_article_id)},
    ArticleOldSlug: on_story("article_id"),
}


# Readers never see search vectors, reporters' proposals or what ranks related stories.
UNSEEN = (SearchDocument, ChangeProposal, ListChange, RelatedRanking)


def through_retires(model):
    """An auto-created link table hanging on stories: the story it links."""
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is Article:
            return lambda row: _story_retires_by_pk(getattr(row, field.attname))
    return None


# Pages ----------------------------------------------------------------------------------


def story_shows(article) -> set[str]:
    """A story on a page, with what the page prefetched of its topics and actors."""
    tags = {story(article.pk)}
    prefetched = getattr(article, "_prefetched_objects_cache", {})
    tags.update(f"topic:{tag.pk}" for tag in prefetched.get("tags", ()))
    tags.update(f"actor:{row.actor_id}" for row in prefetched.get("actor_tags", ()))
    tags.update(f"contributor:{row.contributor_id}" for row in prefetched.get("bylines", ()))
    return tags


# The lists a story's related stories are drawn from: its actors' and its topics'.
ACTOR_LIST, TOPIC_LIST = f"{LISTS}:actor:", f"{LISTS}:topic:"


def drawn_from(article) -> set[str]:
    return {f"{ACTOR_LIST}{row.actor_id}" for row in article.actor_tags.all()} | {
        f"{TOPIC_LIST}{tag.pk}" for tag in article.tags.all()
    }


def detail_lists(kwargs, context) -> set[str]:
    """A story's page lists nothing beyond what it shows: its related stories are drawn from
    its actors' and topics' lists, but a story joining those lists reaches the pages of
    every story sharing them only within ``related_lag()``, not at once (a busy actor's
    stories would all be rendered again on every save)."""
    article = (context or {}).get("object")
    if not isinstance(article, Article):
        return {generation.ANY}
    return set()


def related_lag() -> int:
    return settings.NEWSROOM_RELATED_STORIES_LAG_SECONDS


def _pk(queryset, slug):
    return queryset.filter(slug=slug).values_list("pk", flat=True).first()


def section_lists(kwargs, context) -> set[str]:
    section = (context or {}).get("section")
    pk = section.pk if section is not None else _pk(Section.objects, kwargs["slug"])
    return {f"{LISTS}:section:{pk}", "topics"}


def topic_lists(kwargs, context) -> set[str]:
    tag = (context or {}).get("tag")
    pk = tag.pk if tag is not None else _pk(TaggedArticle.tag_model().objects, kwargs["slug"])
    return {f"{LISTS}:topic:{pk}", f"topic:{pk}", "topics"}


def all_lists(kwargs, context) -> set[str]:
    return {LISTS, "topics"}


def sitemap_lists(kwargs, context) -> set[str]:
    return {LISTS, "topics", "actors", "contributors"}


LISTED = {
    "articles:home": all_lists,
    "articles:feed-rss": all_lists,
    "articles:feed-atom": all_lists,
    "articles:section": section_lists,
    "articles:section-rss": section_lists,
    "articles:section-atom": section_lists,
    "articles:tag": topic_lists,
    "articles:tag-rss": topic_lists,
    "articles:tag-atom": topic_lists,
    # The directories: topics and sections with the public stories they count or show.
    "articles:tags": all_lists,
    "articles:sections": all_lists,
    "sitemap": sitemap_lists,
    "sitemap-section": sitemap_lists,
    "news-sitemap": sitemap_lists,
    # The search app's page lists stories, the actors they match and topics (search/).
    "search:results": sitemap_lists,
}


def register(app_config) -> None:
    """Called from ``ArticlesConfig.ready()``."""
    from django.apps import apps

    Tag = TaggedArticle.tag_model()
    for model in app_config.get_models(include_auto_created=True):
        if model is Article:
            generation.watch(
                Article,
                visible=public_now_or_later,
                fields=("status", "publish_at", "section"),
                retires=story_retires,
                withdraws=story_withdrawn,
            )
        elif model in RETIRES:
            generation.watch(model, retires=RETIRES[model])
        elif model._meta.auto_created:
            generation.watch(model, retires=through_retires(model))
        elif model not in UNSEEN:
            generation.watch(model)  # sections, named on every page: everything goes
    for model in apps.get_app_config("taggit").get_models(include_auto_created=True):
        generation.watch(model, retires=topic_retires if model is Tag else None)
    generation.shows(Article, story_shows)
    generation.shows(Tag, lambda tag: {f"topic:{tag.pk}"})
    for view_name, tags in LISTED.items():
        generation.lists(view_name, tags)
    generation.lists("articles:detail", detail_lists, max_age=related_lag)
    # Cached pages and counts must not outlive the next scheduled publication.
    generation.schedule(Article.objects.next_scheduled_publication)

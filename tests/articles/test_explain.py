"""Article reads can be served by indexes (see tests/explain.py for how)."""

from django.db.models import Count, Exists, OuterRef
from taggit.models import Tag

from actors.models import Actor
from articles.models import Article, Section, TaggedArticle
from tests.explain import POSTGRES_ONLY, assert_uses_an_index, plan

pytestmark = POSTGRES_ONLY


def test_explain_home_listing_uses_an_index(explain_corpus):
    text = plan(Article.objects.published().for_listing().newest_first()[:20])
    assert_uses_an_index(text, "articles_article")


def test_explain_stories_tagging_an_actor_use_indexes(explain_corpus):
    busiest = Actor.objects.annotate(n=Count("article_tags")).order_by("-n").first()
    text = plan(Article.objects.published().tagging(busiest).newest_first()[:20])
    assert_uses_an_index(text, "articles_article", "articles_articleactor")


def test_explain_section_listing_uses_an_index(explain_corpus):
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    text = plan(Article.objects.published().in_section(section).newest_first()[:20])
    assert_uses_an_index(text, "articles_article")


def test_explain_story_page_looks_up_by_slug_with_an_index(explain_corpus):
    article = Article.objects.published().first()
    assert_uses_an_index(plan(Article.objects.filter(slug=article.slug)), "articles_article")


def test_explain_related_story_candidates_read_the_actor_and_tag_indexes(explain_corpus):
    """The story page's suggestions: the newest stories of each of the story's actors/topics."""
    story = Article.objects.published().filter(actor_tags__isnull=False).first()
    actor_ids = list(story.actor_tags.values_list("actor_id", flat=True))
    tag_ids = list(story.tags.values_list("pk", flat=True))
    text = plan(Article.objects.published().sharing_with(actor_ids=actor_ids, tag_ids=tag_ids)[:4])
    assert_uses_an_index(
        text, "articles_article", "articles_articleactor", "articles_taggedarticle"
    )


def test_explain_editor_picks_use_the_link_indexes(explain_corpus):
    story = Article.objects.filter(related_links__isnull=False).first()
    assert_uses_an_index(
        plan(story.related_public()), "articles_article", "articles_relatedarticle"
    )


def test_explain_tag_page_check_uses_indexes(explain_corpus):
    tag = Tag.objects.filter(articles_taggedarticle_items__isnull=False).first()
    public_use = TaggedArticle.objects.filter(
        tag=OuterRef("pk"), content_object__in=Article.objects.published()
    )
    text = plan(Tag.objects.filter(Exists(public_use), slug=tag.slug))
    assert_uses_an_index(text, "taggit_tag", "articles_taggedarticle")

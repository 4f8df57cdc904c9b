"""The main read queries can be served by indexes: EXPLAIN on PostgreSQL.

Each test builds a small synthetic newsroom, then asks the planner for its plan with
sequential scans disabled: if no index can serve the query, PostgreSQL still falls back to a
sequential scan (at a prohibitive cost) and the test fails. So these tests say that an index
*can* serve each query; `make bench` measures that it *does*, fast, at a million stories.
"""

import pytest
from django.db import connection
from django.db.models import Count

from actors.models import Actor, Alias
from articles.models import Article, Section
from bench.synthetic import generate_corpus

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="EXPLAIN plans and the trigram indexes are PostgreSQL's; SQLite has neither",
    ),
]


@pytest.fixture
def newsroom():
    generate_corpus(stories=400, actors=120, seed=4, batch=200)
    with connection.cursor() as cursor:
        # Until the end of the test's transaction only.
        cursor.execute("SET LOCAL enable_seqscan = off")


def plan(queryset) -> str:
    return queryset.explain()


def assert_uses_an_index(text: str, *tables: str):
    assert "Index" in text, text
    for table in tables:
        assert f"Seq Scan on {table}" not in text, text


def test_explain_home_listing_uses_an_index(newsroom):
    text = plan(Article.objects.published().for_listing().newest_first()[:20])
    assert_uses_an_index(text, "articles_article")


def test_explain_stories_tagging_an_actor_use_indexes(newsroom):
    busiest = Actor.objects.annotate(n=Count("article_tags")).order_by("-n").first()
    text = plan(Article.objects.published().tagging(busiest).newest_first()[:20])
    assert_uses_an_index(text, "articles_article", "articles_articleactor")


def test_explain_section_listing_uses_an_index(newsroom):
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    text = plan(Article.objects.published().in_section(section).newest_first()[:20])
    assert_uses_an_index(text, "articles_article")


def test_explain_story_and_actor_pages_look_up_by_slug_with_an_index(newsroom):
    article = Article.objects.published().first()
    assert_uses_an_index(plan(Article.objects.filter(slug=article.slug)), "articles_article")
    actor = Actor.objects.first()
    assert_uses_an_index(plan(Actor.objects.filter(slug=actor.slug)), "actors_actor")


def test_explain_actor_look_up_by_part_of_a_name_uses_the_trigram_index(newsroom):
    """Admin search and autocomplete: a folded word anywhere in the name ("LIKE '%x%'")."""
    word = Actor.objects.first().name_folded.split()[-1]
    text = plan(Actor.objects.filter(name_folded__contains=word))
    assert "actor_name_folded_trgm" in text, text


def test_explain_alias_look_up_by_part_of_a_name_uses_the_trigram_index(newsroom):
    word = Alias.objects.first().folded.split()[-1]
    text = plan(Alias.objects.filter(folded__contains=word))
    assert "alias_folded_trgm" in text, text


def test_explain_related_story_candidates_read_the_actor_and_tag_indexes(newsroom):
    """The story page's suggestions: the newest stories of each of the story's actors/topics."""
    story = Article.objects.published().filter(actor_tags__isnull=False).first()
    actor_ids = list(story.actor_tags.values_list("actor_id", flat=True))
    tag_ids = list(story.tags.values_list("pk", flat=True))
    text = plan(Article.objects.published().sharing_with(actor_ids=actor_ids, tag_ids=tag_ids)[:4])
    assert_uses_an_index(
        text, "articles_article", "articles_articleactor", "articles_taggedarticle"
    )


def test_explain_editor_picks_use_the_link_indexes(newsroom):
    story = Article.objects.filter(related_links__isnull=False).first()
    assert_uses_an_index(
        plan(story.related_public()), "articles_article", "articles_relatedarticle"
    )


def test_explain_tag_page_check_uses_indexes(newsroom):
    from django.db.models import Exists, OuterRef
    from taggit.models import Tag

    from articles.models import TaggedArticle

    tag = Tag.objects.filter(articles_taggedarticle_items__isnull=False).first()
    public_use = TaggedArticle.objects.filter(
        tag=OuterRef("pk"), content_object__in=Article.objects.published()
    )
    text = plan(Tag.objects.filter(Exists(public_use), slug=tag.slug))
    assert_uses_an_index(text, "taggit_tag", "articles_taggedarticle")

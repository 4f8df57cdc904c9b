"""Suggested related stories on the story page: bounded by recent stories, not the archive."""

import pytest

from articles.models import RECENT_PER_KEY, Article
from articles.related import related_stories
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_candidates_are_the_newest_stories_of_each_shared_actor(monkeypatch):
    monkeypatch.setattr("articles.models.stories.RECENT_PER_KEY", 3)
    musk = ActorFactory(name="Elon Musk")
    older = [ArticleFactory(title=f"Ancienne {n}") for n in range(4)]
    newer = [ArticleFactory(title=f"Récente {n}") for n in range(3)]
    for story in older + newer:
        ArticleActorFactory(article=story, actor=musk)
    suggested = Article.objects.published().sharing_with(actor_ids=[musk.pk], tag_ids=[])
    assert {story.title for story in suggested} == {story.title for story in newer}


def test_the_story_page_suggests_what_shares_most_first():
    musk, bezos = ActorFactory(name="Elon Musk"), ActorFactory(name="Jeff Bezos")
    story = ArticleFactory(title="Le dîner", tags=["espace"])
    both = ArticleFactory(title="Les deux rivaux", tags=["espace"])
    one = ArticleFactory(title="Musk seul")
    ArticleFactory(title="Sans rapport")
    for article, actors in ((story, [musk, bezos]), (both, [musk, bezos]), (one, [musk])):
        for actor in actors:
            ArticleActorFactory(article=article, actor=actor)
    titles = [article.title for article in related_stories(story)]
    assert titles == ["Les deux rivaux", "Musk seul"]
    assert RECENT_PER_KEY >= 20  # enough candidates for a page of suggestions


def test_a_story_sharing_nothing_gets_no_suggestion():
    story = ArticleFactory(title="Seule")
    ArticleFactory(title="Une autre")
    assert related_stories(story) == []

"""The live-story rule in the services the desk panels and the story form call."""

import pytest
from django.core.exceptions import PermissionDenied

from actors.models import Actor
from articles.models import Article, ArticleActor
from articles.services import (
    article_actor_save,
    article_link_related,
    article_save,
    article_tag_actor,
    article_tag_new_actor,
)
from tests.factories import ActorFactory, ArticleFactory

# The refusals are asserted in English; the desk's default language is French.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIVE = "a change to it waits for an editor's review"


def _draft():
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None)


def test_reporter_cannot_save_a_live_story(reporter):
    story = ArticleFactory(title="Vérifié")
    story.title = "Non relu"
    with pytest.raises(PermissionDenied, match=LIVE):
        article_save(article=story, by=reporter)
    assert Article.objects.get(pk=story.pk).title == "Vérifié"


def test_reporter_cannot_save_a_scheduled_story(reporter):
    story = ArticleFactory(publish_at=ArticleFactory().publish_at.replace(year=2999))
    story.title = "Non relu"
    with pytest.raises(PermissionDenied, match=LIVE):
        article_save(article=story, by=reporter)


def test_desk_panels_on_a_live_story_are_refused_for_reporters(reporter):
    story, actor = ArticleFactory(), ActorFactory()
    with pytest.raises(PermissionDenied, match=LIVE):
        article_tag_actor(article=story, actor=actor, by=reporter)
    with pytest.raises(PermissionDenied, match=LIVE):
        article_link_related(article=story, related=_draft(), by=reporter)
    with pytest.raises(PermissionDenied):
        article_tag_new_actor(article=story, name="Nouvelle", kind="person", by=reporter)
    assert not story.actor_tags.exists() and not story.related_links.exists()
    assert not Actor.objects.filter(name="Nouvelle").exists()


def test_desk_panels_on_a_draft_are_allowed_for_reporters(reporter):
    story, actor = _draft(), ActorFactory()
    article_tag_actor(article=story, actor=actor, by=reporter)
    article_link_related(article=story, related=ArticleFactory(), by=reporter)
    assert story.actor_tags.count() == 1 and story.related_links.count() == 1


def test_editors_tag_live_stories(editor):
    story = ArticleFactory()
    article_tag_actor(article=story, actor=ActorFactory(), by=editor)
    assert story.actor_tags.count() == 1


def test_inline_row_service_follows_the_live_rule(reporter, editor):
    tag = ArticleActor(article=ArticleFactory(), actor=ActorFactory())
    with pytest.raises(PermissionDenied, match=LIVE):
        article_actor_save(articleactor=tag, by=reporter)
    article_actor_save(articleactor=tag, by=editor)
    assert tag.pk is not None

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, ArticleActor, Correction
from articles.services import (
    article_create,
    article_link_related,
    article_publish,
    article_submit,
    article_tag_actor,
    correction_add,
)
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def test_same_actor_cannot_be_tagged_twice_on_a_story():
    tag = ArticleActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleActor.objects.create(article=tag.article, actor=tag.actor, role="mentions")


def test_article_slug_is_unique_in_the_database():
    ArticleFactory(slug="le-diner")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="le-diner")


def test_story_cannot_be_related_to_itself():
    article = ArticleFactory()
    with pytest.raises(ValidationError):
        article_link_related(article=article, related=article)


def test_published_story_needs_a_publication_time_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=Article.Status.PUBLISHED, publish_at=None)


def test_published_excludes_drafts_reviews_and_scheduled_stories():
    now = timezone.now()
    public = ArticleFactory(publish_at=now - timezone.timedelta(minutes=1))
    ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(status=Article.Status.REVIEW, publish_at=None)
    ArticleFactory(publish_at=now + timezone.timedelta(days=1))
    assert list(Article.objects.published()) == [public]


def test_scheduled_story_becomes_public_when_its_time_comes():
    later = timezone.now() + timezone.timedelta(hours=2)
    scheduled = ArticleFactory(publish_at=later)
    assert scheduled not in Article.objects.published()
    assert scheduled in Article.objects.published(now=later)


def test_article_create_slugifies_french_headlines():
    article = article_create(title="Musk et Bezos : la fin d'une rivalité ?", tags=["espace"])
    assert article.slug == "musk-et-bezos-la-fin-dune-rivalite"
    assert article.status == Article.Status.DRAFT
    assert list(article.tags.names()) == ["espace"]


def test_publish_sets_first_published_once(editor):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    article_publish(article=article, by=editor)
    first = article.first_published_at
    assert article.status == Article.Status.PUBLISHED and first is not None
    assert article.version == 2
    article_publish(article=article, by=editor, publish_at=timezone.now())
    assert article.first_published_at == first


def test_reporter_cannot_publish_but_can_submit(reporter):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    with pytest.raises(PermissionDenied):
        article_publish(article=article, by=reporter)
    article_submit(article=article, by=reporter)
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_tag_actor_appends_and_updates_role_without_duplicates():
    article, musk, bezos = ArticleFactory(), ActorFactory(), ActorFactory()
    article_tag_actor(article=article, actor=musk, role="about")
    article_tag_actor(article=article, actor=bezos)
    article_tag_actor(article=article, actor=musk, role="quoted")
    tags = list(article.actor_tags.values_list("actor__slug", "role", "position"))
    assert tags == [(musk.slug, "quoted", 0), (bezos.slug, "mentions", 1)]


def test_correction_moves_the_modified_date(editor):
    article = ArticleFactory()
    before = article.updated_at
    correction_add(article=article, text="Le dîner a eu lieu mercredi.", by=editor)
    article.refresh_from_db()
    assert article.updated_at > before
    assert Correction.objects.filter(article=article).count() == 1


def test_related_links_are_shown_from_both_ends():
    first, second = ArticleFactory(), ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    article_link_related(article=first, related=second)
    article_link_related(article=first, related=draft)
    assert list(first.related_public()) == [second]
    assert list(second.related_public()) == [first]
    # Linking again from the other end does not add a second row.
    article_link_related(article=second, related=first)
    assert first.related_links.count() + second.related_links.count() == 2

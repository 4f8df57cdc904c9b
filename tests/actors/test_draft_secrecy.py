"""Nothing recorded from an unpublished story reaches readers before the story does."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Relationship, RelationshipKind
from articles.models import Article
from articles.services import article_publish
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def desk(article, name):
    return reverse(f"admin:articles_article_desk_{name}", args=[article.pk])


def reader_sees(client, actor) -> dict[str, bool]:
    """Where a reader could meet the actor: its page, feeds, the sitemap and search."""
    client.logout()
    sitemap = client.get(reverse("sitemap-section", args=["actors"])).content.decode()
    search = client.get(reverse("search:results"), {"q": actor.name})
    return {
        "page": client.get(actor.get_absolute_url()).status_code == 200,
        "feed": client.get(reverse("actors:rss", args=[actor.slug])).status_code == 200,
        "sitemap": actor.get_absolute_url() in sitemap,
        "search": actor in search.context["matched_actors"],
    }


@pytest.fixture
def draft(editor):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, title="Le mariage")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos")
    sanchez = ActorFactory(name="Lauren Sánchez", slug="lauren-sanchez")
    ArticleActorFactory(article=story, actor=bezos)
    ArticleActorFactory(article=story, actor=sanchez)
    return story


def test_an_actor_created_from_a_draft_waits_for_the_story(client, editor, draft):
    client.force_login(editor)
    response = client.post(
        desk(draft, "create_actor"),
        {"name": "Government Accountability Office", "kind": "organisation", "role": "mentions"},
    )
    assert response.status_code in (200, 302)
    actor = Actor.objects.get(name="Government Accountability Office")
    assert reader_sees(client, actor) == dict.fromkeys(["page", "feed", "sitemap", "search"], False)

    article_publish(article=draft, by=editor)
    assert reader_sees(client, actor) == dict.fromkeys(["page", "feed", "sitemap", "search"], True)


def test_a_relationship_recorded_from_a_draft_waits_for_the_story(client, editor, draft):
    bezos, sanchez = Actor.objects.get(slug="jeff-bezos"), Actor.objects.get(slug="lauren-sanchez")
    married = RelationshipKind.objects.get(label="married to")
    client.force_login(editor)
    response = client.post(
        desk(draft, "relationship"),
        {"source": bezos.pk, "kind": married.pk, "target": sanchez.pk, "status": "confirmed"},
    )
    assert response.status_code in (200, 302)
    assert Relationship.objects.filter(source=bezos, target=sanchez).exists()

    client.logout()
    assert "married to" not in client.get(bezos.get_absolute_url()).content.decode()
    assert not Relationship.objects.public().filter(source=bezos).exists()

    article_publish(article=draft, by=editor)
    assert "married to" in client.get(bezos.get_absolute_url()).content.decode()


def test_a_scheduled_story_keeps_its_relationships_until_its_time(client, editor):
    later = timezone.now() + dt.timedelta(days=2)
    story = ArticleFactory(status=Article.Status.PUBLISHED, publish_at=later)
    musk, bezos = ActorFactory(listed=False), ActorFactory()
    relationship = Relationship.objects.create(
        source=musk, kind=RelationshipKind.objects.get(label="rival of"), target=bezos
    )
    relationship.evidence.add(story)
    assert not Relationship.objects.public().exists()
    assert client.get(musk.get_absolute_url()).status_code == 404
    future = timezone.now() + dt.timedelta(days=3)
    assert Article.objects.published(future).filter(pk=story.pk).exists()


def test_an_editor_may_record_a_relationship_without_evidence(client):
    musk, bezos = ActorFactory(listed=False), ActorFactory()
    Relationship.objects.create(
        source=musk, kind=RelationshipKind.objects.get(label="rival of"), target=bezos
    )
    # Party to a public relationship: the actor is public too.
    assert client.get(musk.get_absolute_url()).status_code == 200
    assert "rival of" in client.get(bezos.get_absolute_url()).content.decode()


def test_actors_listed_by_editors_are_public_without_stories(client):
    actor = ActorFactory(name="Blue Origin")
    assert reader_sees(client, actor)["page"] and reader_sees(client, actor)["sitemap"]

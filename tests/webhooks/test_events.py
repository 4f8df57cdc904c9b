"""Which changes tell partners what: published, updated, unpublished, corrected; and never a
word of a story readers cannot see."""

import json

import pytest

from articles.models import Article
from articles.services import (
    article_publish,
    article_save,
    article_unpublish,
    correction_add,
    correction_propose,
    correction_publish,
)
from tests.factories import ArticleFactory
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_endpoint_create

pytestmark = pytest.mark.django_db


def _events():
    return [d.event for d in WebhookDelivery.objects.order_by("created_at", "id")]


def _payload(event):
    return json.loads(WebhookDelivery.objects.get(event=event).body)


def test_a_public_story_saved_is_updated(endpoint, editor):
    story = ArticleFactory(title="Avant")
    WebhookDelivery.objects.all().delete()
    story.title = "Après"
    article_save(article=story, by=editor)
    assert _events() == ["updated"]
    assert _payload("updated")["story"]["title"] == "Après"


def test_a_draft_saved_tells_nobody(endpoint, editor):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, title="Secret")
    story.body = "Encore un brouillon."
    article_save(article=story, by=editor)
    assert _events() == []


def test_unpublishing_says_so_without_the_draft_that_replaces_it(endpoint, editor):
    story = ArticleFactory(title="Titre lu par les lecteurs", slug="titre-lu")
    WebhookDelivery.objects.all().delete()
    story.title = "Titre de travail confidentiel"
    story.status = Article.Status.DRAFT
    article_save(article=story, by=editor)
    assert _events() == ["unpublished"]
    body = WebhookDelivery.objects.get().body
    assert "confidentiel" not in body
    assert json.loads(body)["story"]["title"] == "Titre lu par les lecteurs"


def test_unpublish_action_and_delete_are_unpublished(endpoint, editor):
    first, second = ArticleFactory(), ArticleFactory()
    WebhookDelivery.objects.all().delete()
    article_unpublish(article=first, by=editor)
    second.delete()
    assert _events() == ["unpublished", "unpublished"]
    assert {str(d.story_uuid) for d in WebhookDelivery.objects.all()} == {
        str(first.uuid),
        str(second.uuid),
    }


def test_a_correction_made_public_is_corrected(endpoint, editor):
    story = ArticleFactory()
    WebhookDelivery.objects.all().delete()
    correction_add(article=story, text="Le dîner a eu lieu le 20, non le 19.", by=editor)
    assert _events() == ["corrected"]
    payload = _payload("corrected")
    assert payload["correction"]["text"] == "Le dîner a eu lieu le 20, non le 19."
    assert payload["story"]["uuid"] == str(story.uuid)


def test_a_proposed_correction_waits_for_its_publication(endpoint, editor, reporter):
    story = ArticleFactory()
    WebhookDelivery.objects.all().delete()
    proposed = correction_propose(article=story, text="Une coquille.", by=reporter)
    assert _events() == []
    correction_publish(correction=proposed, by=editor)
    assert _events() == ["corrected"]


def test_a_correction_on_a_draft_tells_nobody(endpoint, editor):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    correction_add(article=story, text="Corrigé avant publication.", by=editor)
    assert _events() == []


def test_only_active_endpoints_subscribed_to_the_event_get_it(db, allow_private, editor):
    published_only = webhook_endpoint_create(
        name="Newsletter", url="https://newsletter.example/hook", events=["published"]
    )
    webhook_endpoint_create(
        name="En pause", url="https://pause.example/hook", events=["published"], active=False
    )
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    article_publish(article=story, by=editor)
    story.title = "Retouché"
    article_save(article=story, by=editor)
    assert [(d.endpoint, d.event) for d in WebhookDelivery.objects.all()] == [
        (published_only, "published")
    ]

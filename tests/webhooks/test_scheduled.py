"""A scheduled story is told at its time, not before, and only if it did go public then."""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from articles.services import article_publish, article_unpublish
from tests.factories import ArticleFactory
from tests.webhooks.conftest import SECRET, run_worker
from webhooks.models import WebhookDelivery
from webhooks.tasks import deliver

pytestmark = pytest.mark.django_db


def _draft(**fields):
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None, **fields)


def test_the_delivery_waits_for_publish_at(endpoint, receiver, editor):
    at = timezone.now() + timedelta(seconds=1.5)
    story = _draft(title="Publié à l'heure dite")
    article_publish(article=story, by=editor, publish_at=at)

    delivery = WebhookDelivery.objects.get()
    assert (delivery.event, delivery.scheduled_for) == ("published", at)
    assert delivery.body == ""  # nothing of a story not yet public is written
    assert DBTaskResult.objects.get().run_after == at
    run_worker()
    assert receiver.received == []  # not before its time

    time.sleep(max(0.0, (at - timezone.now()).total_seconds()) + 0.1)
    run_worker()
    [request] = receiver.received
    assert request.signed_with(SECRET)
    payload = request.json
    assert payload["event"] == "published"
    assert payload["story"]["title"] == "Publié à l'heure dite"
    assert payload["occurred_at"] == at.isoformat()
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert json.loads(delivery.body) == payload


def test_unpublished_before_its_time_is_superseded(endpoint, receiver, editor):
    story = _draft()
    article_publish(article=story, by=editor, publish_at=timezone.now() + timedelta(hours=1))
    article_unpublish(article=story, by=editor)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "superseded"
    assert deliver.call(str(delivery.uuid)) == "skipped"  # its task, run at its time
    assert receiver.received == []


def test_rescheduled_supersedes_the_first_time(endpoint, editor):
    story = _draft()
    first, second = (timezone.now() + timedelta(hours=h) for h in (1, 2))
    article_publish(article=story, by=editor, publish_at=first)
    article_publish(article=story, by=editor, publish_at=second)
    assert sorted(WebhookDelivery.objects.values_list("scheduled_for", "status")) == [
        (first, "superseded"),
        (second, "pending"),
    ]


def test_a_story_no_longer_public_when_due_is_superseded_then(endpoint, receiver, editor):
    story = _draft()
    article_publish(article=story, by=editor, publish_at=timezone.now() + timedelta(hours=1))
    # Moved without a save the events see (an import's bulk write, say).
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    delivery = WebhookDelivery.objects.get()
    assert deliver.call(str(delivery.uuid)) == "superseded"
    delivery.refresh_from_db()
    assert delivery.status == "superseded"
    assert delivery.body == ""
    assert receiver.received == []

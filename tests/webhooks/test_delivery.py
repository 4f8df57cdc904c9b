"""Publishing a story tells partners: one signed POST per endpoint, sent by the worker after
the save, retried with backoff until the receiver answers 2xx."""

import json
import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from articles.services import article_publish
from tests.factories import ArticleFactory
from tests.webhooks.conftest import SECRET, run_worker
from webhooks.models import WebhookDelivery
from webhooks.tasks import backoff

pytestmark = pytest.mark.django_db


def _draft(**fields):
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None, **fields)


def test_publishing_queues_one_delivery_and_sends_nothing_during_the_save(
    endpoint, receiver, editor
):
    story = _draft(title="Musk et Bezos dînent à Mar-a-Lago")
    article_publish(article=story, by=editor)

    assert receiver.received == []  # nothing sent during the save
    delivery = WebhookDelivery.objects.get()
    assert (delivery.event, delivery.status, delivery.attempts) == ("published", "pending", 0)
    task = DBTaskResult.objects.get()
    assert task.queue_name == "webhooks"
    assert task.args_kwargs["args"] == [str(delivery.uuid)]


def test_the_worker_delivers_it_signed(endpoint, receiver, editor, settings):
    story = _draft(title="Musk et Bezos dînent à Mar-a-Lago", slug="diner-mar-a-lago")
    article_publish(article=story, by=editor)

    run_worker()

    [request] = receiver.received
    assert request.signed_with(SECRET)
    assert not request.signed_with("un-autre-secret-quelconque")
    headers = request.headers
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"] == "newsroom-webhooks/1"
    assert headers["X-Newsroom-Event"] == "published"
    delivery = WebhookDelivery.objects.get()
    assert headers["X-Newsroom-Delivery"] == str(delivery.uuid)
    assert abs(int(headers["X-Newsroom-Timestamp"]) - timezone.now().timestamp()) < 60
    assert request.body == delivery.body.encode()  # the stored bytes are the signed ones
    payload = request.json
    assert payload["event"] == "published"
    assert payload["delivery"] == str(delivery.uuid)
    base = settings.NEWSROOM_BASE_URL
    assert payload["story"] == {
        "uuid": str(story.uuid),
        "slug": "diner-mar-a-lago",
        "title": "Musk et Bezos dînent à Mar-a-Lago",
        "url": base + story.get_absolute_url(),
        "api_url": f"{base}/api/v1/stories/{story.uuid}",
        "published_at": story.publish_at.isoformat(),
        "updated_at": payload["story"]["updated_at"],
    }
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    assert delivery.delivered_at is not None


def test_a_receiver_failing_twice_gets_it_on_the_third_try(endpoint, receiver, editor, caplog):
    receiver.answers = [500, 500]
    article_publish(article=_draft(), by=editor)

    with caplog.at_level(logging.INFO, logger="webhooks"):
        run_worker()

    assert len(receiver.received) == 3
    assert len(receiver.valid) == 3
    # The same delivery each time, the same signed body.
    assert len({r.headers["X-Newsroom-Delivery"] for r in receiver.received}) == 1
    assert len({r.body for r in receiver.received}) == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 3, 200)
    attempts = [r.getMessage() for r in caplog.records if r.name == "webhooks"]
    assert "attempt 1: 500" in attempts[0]
    assert "attempt 2: 500" in attempts[1]
    assert "attempt 3: 200" in attempts[2]


def test_a_failure_waits_longer_each_time_then_gives_up(endpoint, receiver, editor, settings):
    settings.NEWSROOM_WEBHOOK_RETRY_SECONDS = 30
    settings.NEWSROOM_WEBHOOK_MAX_ATTEMPTS = 3
    receiver.answers = [503, 503, 503, 503]
    article_publish(article=_draft(), by=editor)

    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 503)
    assert delivery.last_error == "HTTP 503"
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert abs((retry.run_after - timezone.now()) - timedelta(seconds=30)) < timedelta(seconds=5)
    run_worker()  # not due yet: nothing sent
    assert len(receiver.received) == 1
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 120, 480]

    for _ in range(2):  # time passes
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert len(receiver.received) == 3
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_redirect_is_not_followed(endpoint, receiver, editor):
    receiver.answers = [302]
    article_publish(article=_draft(), by=editor)
    run_worker(max_tasks=1)
    delivery = WebhookDelivery.objects.get()
    assert len(receiver.received) == 1
    assert (delivery.status, delivery.last_status_code) == ("pending", 302)
    assert "redirects are not followed" in delivery.last_error


def test_the_payload_is_the_stored_json(endpoint, editor):
    article_publish(article=_draft(title="« Guillemets » et accents"), by=editor)
    body = WebhookDelivery.objects.get().body
    assert json.loads(body)["story"]["title"] == "« Guillemets » et accents"


def test_the_docs_verification_snippet_accepts_a_delivery(endpoint, receiver, editor):
    """docs/webhooks.md tells partners how to check the signature: that code works."""
    text = (repository_root() / "docs" / "webhooks.md").read_text()
    snippet = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    namespace: dict = {}
    exec(snippet, namespace)  # noqa: S102 (our own documentation's code)
    article_publish(article=_draft(), by=editor)
    run_worker()
    [request] = receiver.received
    assert namespace["verify"](SECRET, request.headers, request.body)
    assert not namespace["verify"](SECRET, request.headers, request.body + b" ")
    assert not namespace["verify"]("un-autre-secret-partage", request.headers, request.body)


def repository_root() -> Path:
    return Path(__file__).resolve().parents[2]

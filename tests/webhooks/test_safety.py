"""The editor's save is never slowed nor refused by webhooks, a rolled-back save sends
nothing, and an endpoint cannot make the server call an address inside the network."""

import logging
import time
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import connection, transaction
from django.db.models import signals
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from articles.services import article_publish
from tests.factories import ArticleFactory
from tests.webhooks.conftest import run_worker
from webhooks import events
from webhooks.delivery import forbidden_address
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_endpoint_create

pytestmark = pytest.mark.django_db


def _draft():
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None)


def test_a_rolled_back_save_sends_nothing(endpoint, receiver, editor):
    story = _draft()
    with pytest.raises(RuntimeError), transaction.atomic():
        article_publish(article=story, by=editor)
        assert WebhookDelivery.objects.count() == 1  # queued inside the transaction
        raise RuntimeError("the editor's transaction fails after the publish")
    assert not WebhookDelivery.objects.exists()
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert receiver.received == []


def test_private_addresses_are_refused_without_the_setting(endpoint, receiver, editor, settings):
    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = False
    article_publish(article=_draft(), by=editor)
    run_worker(max_tasks=1)
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1
    assert delivery.last_status_code is None
    assert "private or local address (127.0.0.1)" in delivery.last_error


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.7",
        "172.16.3.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "0.0.0.0",  # noqa: S104 (an address refused, not one listened on)
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "100.64.0.1",
    ],
)
def test_internal_addresses_are_forbidden(address):
    assert forbidden_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_are_allowed(address):
    assert not forbidden_address(address)


def test_the_save_succeeds_and_is_quick_when_the_endpoint_is_unreachable(db, editor, settings):
    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = True
    settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = 1
    # A port nothing listens on: the worker's try fails, the save never tried.
    webhook_endpoint_create(name="Éteint", url="http://127.0.0.1:9/", events=["published"])
    story = _draft()
    started = time.perf_counter()
    article_publish(article=story, by=editor)
    assert time.perf_counter() - started < 0.5
    story.refresh_from_db()
    assert story.is_public
    run_worker(max_tasks=1)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert "Connection" in delivery.last_error or "refused" in delivery.last_error.lower()


def test_the_save_succeeds_when_queueing_fails(endpoint, editor, caplog):
    story = _draft()
    with (
        mock.patch("webhooks.queueing.enqueue", side_effect=RuntimeError("queue down")),
        caplog.at_level(logging.ERROR, logger="webhooks"),
    ):
        article_publish(article=story, by=editor)
    story.refresh_from_db()
    assert story.is_public
    # The deliveries written before the failure went with their savepoint.
    assert not WebhookDelivery.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert "could not be queued" in caplog.text
    assert "queue down" in caplog.text


def _publish_queries(editor) -> int:
    story = _draft()
    story.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        article_publish(article=story, by=editor)
    return len(queries)


def test_queueing_costs_a_bounded_number_of_queries(db, editor, allow_private):
    _publish_queries(editor)  # warm per-process caches (content types, permissions)
    without = _publish_queries(editor)
    for n in range(3):
        webhook_endpoint_create(name=f"P{n}", url=f"https://p{n}.example/", events=["published"])
    with_three = _publish_queries(editor)
    # The savepoint around the writes, the deliveries in one insert and a task row each.
    assert with_three - without == 2 + 1 + 3
    for n in range(3, 6):
        webhook_endpoint_create(name=f"P{n}", url=f"https://p{n}.example/", events=["published"])
    assert _publish_queries(editor) - with_three == 3  # one task row per endpoint, no more


@contextmanager
def webhooks_disconnected():
    receivers = [
        (signals.pre_save, events.article_stored, "webhooks.a-pre"),
        (signals.post_save, events.article_saved, "webhooks.a-post"),
    ]
    for signal, _receiver, uid in receivers:
        signal.disconnect(sender=Article, dispatch_uid=uid)
    try:
        yield
    finally:
        for signal, receiver, uid in receivers:
            signal.connect(receiver, sender=Article, dispatch_uid=uid)


def test_without_endpoints_a_save_costs_two_queries_more(db, editor):
    _publish_queries(editor)
    with webhooks_disconnected():
        bare = _publish_queries(editor)
    # The row as stored before the save, and the endpoints listening (none).
    assert _publish_queries(editor) - bare == 2

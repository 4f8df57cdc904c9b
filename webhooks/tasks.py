"""The worker's side (``manage.py db_worker --queue-name webhooks``): send one delivery, and
queue the next try with backoff when it fails."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.models import Article
from webhooks import payloads
from webhooks.delivery import post
from webhooks.models import WebhookDelivery

logger = logging.getLogger("webhooks")
QUEUE = "webhooks"


def enqueue(delivery: WebhookDelivery, *, run_after=None) -> None:
    """Queue ``delivery``'s next try (a task row, in the caller's transaction)."""
    chosen = deliver.using(run_after=run_after) if run_after is not None else deliver
    chosen.enqueue(str(delivery.uuid))


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: RETRY_SECONDS, then 4 times longer."""
    return timedelta(seconds=settings.NEWSROOM_WEBHOOK_RETRY_SECONDS * 4 ** (attempts - 1))


def _supersede(delivery: WebhookDelivery, why: str) -> str:
    WebhookDelivery.objects.filter(pk=delivery.pk, status=WebhookDelivery.Status.PENDING).update(
        status=WebhookDelivery.Status.SUPERSEDED, last_error=why, next_attempt_at=None
    )
    logger.info("Webhook delivery %s superseded: %s", delivery.uuid, why)
    return WebhookDelivery.Status.SUPERSEDED


def _scheduled_body(delivery: WebhookDelivery) -> str | None:
    """A scheduled publication's payload, written when it is due, if it did happen: the
    story is public now, at the time it was queued for."""
    story = Article.objects.published().filter(uuid=delivery.story_uuid).first()
    if story is None or story.publish_at != delivery.scheduled_for:
        return None
    return payloads.body(
        event=delivery.event,
        delivery=delivery.uuid,
        occurred_at=story.publish_at,
        story=payloads.story_of(story),
    )


@task(queue_name=QUEUE)
def deliver(delivery_id: str) -> str:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(uuid=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "skipped"  # its endpoint was deleted, or it was superseded meanwhile
    if delivery.scheduled_for is not None and not delivery.body:
        body = _scheduled_body(delivery)
        if body is None:
            return _supersede(delivery, "the story was not public at its scheduled time")
        delivery.body = body
        WebhookDelivery.objects.filter(pk=delivery.pk).update(body=body)
    endpoint = delivery.endpoint
    outcome = post(
        url=endpoint.url,
        secret=endpoint.secret,
        event=delivery.event,
        delivery=str(delivery.uuid),
        body=delivery.body.encode(),
    )
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error
    if outcome.delivered:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.delivered_at, delivery.next_attempt_at = now, None
    elif delivery.attempts >= settings.NEWSROOM_WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = WebhookDelivery.Status.FAILED, None
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    logger.log(
        logging.INFO if outcome.delivered else logging.WARNING,
        "Webhook %s %s to %s, attempt %d: %s",
        delivery.event,
        delivery.uuid,
        endpoint.url,
        delivery.attempts,
        outcome.status_code or outcome.error,
    )
    fields = ["attempts", "last_status_code", "last_error", "status"]
    with transaction.atomic():
        delivery.save(update_fields=[*fields, "delivered_at", "next_attempt_at"])
        if delivery.status == WebhookDelivery.Status.PENDING:
            enqueue(delivery, run_after=delivery.next_attempt_at)
    return delivery.status

"""Deliveries are written, with their tasks, in the transaction of the change that causes
them: a rolled-back save sends nothing, and nothing is sent during the save.

Queueing never breaks the editor's save: it runs in a savepoint, and an error there is
logged and rolled back alone. Its cost is one query for the endpoints and, when one
listens, the savepoint, one insert for the deliveries and one task row per delivery.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import router, transaction
from django.utils import timezone

from webhooks import payloads
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.tasks import enqueue

logger = logging.getLogger("webhooks")


@dataclass
class Occurrence:
    """An event about one story, to tell every endpoint subscribed to it."""

    event: str
    story_uuid: object
    # The story's public fields; None for a scheduled publication (written when it is due).
    story: dict | None
    correction: dict | None = None
    scheduled_for: datetime | None = None


def _deliveries(occurrences: list[Occurrence], endpoints, now) -> list[WebhookDelivery]:
    rows = []
    for occurrence in occurrences:
        for endpoint in endpoints:
            if not endpoint.subscribes_to(occurrence.event):
                continue
            delivery = WebhookDelivery(
                endpoint=endpoint,
                event=occurrence.event,
                story_uuid=occurrence.story_uuid,
                scheduled_for=occurrence.scheduled_for,
                next_attempt_at=occurrence.scheduled_for or now,
            )
            if occurrence.story is not None:
                delivery.body = payloads.body(
                    event=occurrence.event,
                    delivery=delivery.uuid,
                    occurred_at=now,
                    story=occurrence.story,
                    correction=occurrence.correction,
                )
            rows.append(delivery)
    return rows


def _supersede(supersede: dict) -> None:
    for story_uuid, keep in supersede.items():
        pending = WebhookDelivery.objects.filter(
            story_uuid=story_uuid,
            status=WebhookDelivery.Status.PENDING,
            scheduled_for__isnull=False,
        )
        if keep is not None:
            pending = pending.exclude(scheduled_for=keep)
        pending.update(
            status=WebhookDelivery.Status.SUPERSEDED,
            last_error="unpublished or rescheduled before its time",
            next_attempt_at=None,
        )


def _write(rows: list[WebhookDelivery], supersede: dict) -> None:
    _supersede(supersede)
    if rows:
        WebhookDelivery.objects.bulk_create(rows)
    for delivery in rows:
        enqueue(delivery, run_after=delivery.scheduled_for)


def queue(occurrences: list[Occurrence], *, supersede: dict | None = None) -> None:
    """Write the deliveries and tasks for ``occurrences``; ``supersede`` maps a story's uuid
    to the scheduled time its pending scheduled publications keep (None: none keep)."""
    if not occurrences and not supersede:
        return
    try:
        rows = []
        if occurrences:
            endpoints = list(WebhookEndpoint.objects.filter(active=True).only("pk", "events"))
            rows = _deliveries(occurrences, endpoints, timezone.now())
        if not rows and not supersede:
            return  # no endpoint listens: a save costs one query more, no savepoint
        with transaction.atomic(using=router.db_for_write(WebhookDelivery)):
            _write(rows, supersede or {})
    except Exception:
        # The change is the editor's; partners' notices must never cost them their save.
        logger.exception(
            "Webhook deliveries could not be queued for %s",
            ", ".join(f"{o.event} {o.story_uuid}" for o in occurrences) or "a reschedule",
        )

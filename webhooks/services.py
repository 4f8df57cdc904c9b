"""Who may register partners' endpoints, and re-send a delivery that failed."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.services import require, revision
from common.text import validate_storable_text
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.signing import new_secret
from webhooks.tasks import enqueue

ENDPOINT_CHANGE = "webhooks.change_webhookendpoint"


def _check_and_save(endpoint: WebhookEndpoint, *, comment: str, by) -> WebhookEndpoint:
    if not endpoint.secret:
        # Generated unless the editor set one; on a change, empty keeps the stored one.
        stored = WebhookEndpoint.objects.filter(pk=endpoint.pk).values_list("secret", flat=True)
        endpoint.secret = (stored.first() if endpoint.pk else None) or new_secret()
    with revision(by=by, comment=comment):
        validate_storable_text(endpoint)
        endpoint.full_clean()
        endpoint.save()
    return endpoint


def _creator(by):
    return by if by is not None and getattr(by, "is_authenticated", False) else None


@transaction.atomic
def webhook_endpoint_create(
    *, name: str, url: str, events: list[str], secret: str = "", active: bool = True, by=None
) -> WebhookEndpoint:
    require(by, "webhooks.add_webhookendpoint")
    endpoint = WebhookEndpoint(
        name=name, url=url, events=list(events), secret=secret, active=active
    )
    endpoint.created_by = _creator(by)
    return _check_and_save(endpoint, comment=_("Created %(name)s") % {"name": name}, by=by)


@transaction.atomic
def webhook_endpoint_save(*, endpoint: WebhookEndpoint, by) -> WebhookEndpoint:
    """Save an endpoint as edited on its form (new or changed)."""
    new = endpoint.pk is None or not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()
    require(by, "webhooks.add_webhookendpoint" if new else ENDPOINT_CHANGE)
    if new and endpoint.created_by_id is None:
        endpoint.created_by = _creator(by)
    return _check_and_save(endpoint, comment=_("Saved %(name)s") % {"name": endpoint.name}, by=by)


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, by) -> None:
    """Delete an endpoint and its delivery log; pending tries find nothing to send."""
    require(by, "webhooks.delete_webhookendpoint")
    endpoint.delete()


@transaction.atomic
def webhook_delivery_retry(*, delivery: WebhookDelivery, by) -> WebhookDelivery:
    """Queue a failed delivery again, at once, with a fresh set of tries; other states are
    left as they are (a pending one is on its way, a delivered one arrived)."""
    require(by, ENDPOINT_CHANGE)
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    if delivery.status != WebhookDelivery.Status.FAILED:
        return delivery
    delivery.status = WebhookDelivery.Status.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    enqueue(delivery)
    return delivery

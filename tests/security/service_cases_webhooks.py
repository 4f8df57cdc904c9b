"""The role matrix's cases (run by test_service_matrix.py), continued for webhooks: editors
register partners' endpoints and send a failed delivery again; nobody else does."""

from tests.factories import ArticleFactory
from tests.security.service_cases import EDITORS, Case
from webhooks import services as webhooks
from webhooks.models import WebhookDelivery


def _endpoint(name: str = "Partenaire"):
    return webhooks.webhook_endpoint_create(
        name=name, url="https://partenaire.example/hooks", events=["published"], by=None
    )


def _endpoint_saved(by):
    endpoint = _endpoint()
    endpoint.events = ["published", "corrected"]
    webhooks.webhook_endpoint_save(endpoint=endpoint, by=by)


def _retried(by):
    delivery = WebhookDelivery.objects.create(
        endpoint=_endpoint(),
        event="published",
        story_uuid=ArticleFactory().uuid,
        body="{}",
        status=WebhookDelivery.Status.FAILED,
        attempts=8,
    )
    webhooks.webhook_delivery_retry(delivery=delivery, by=by)


SERVICES: dict[str, Case] = {
    "webhook_endpoint_create": Case(
        EDITORS,
        lambda by: webhooks.webhook_endpoint_create(
            name="Newsletter", url="https://newsletter.example/", events=["updated"], by=by
        ),
    ),
    "webhook_endpoint_save": Case(EDITORS, _endpoint_saved),
    "webhook_endpoint_delete": Case(
        EDITORS, lambda by: webhooks.webhook_endpoint_delete(endpoint=_endpoint(), by=by)
    ),
    "webhook_delivery_retry": Case(EDITORS, _retried),
}

"""Editors register endpoints in the admin (the secret in full on the add page only) and
read the delivery log, where they send a failed delivery again."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from reversion.models import Version

from tests.admin_forms import change_url, form_values
from tests.factories import ArticleFactory
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import webhook_endpoint_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
ADD = reverse("admin:webhooks_webhookendpoint_add")
DELIVERIES = reverse("admin:webhooks_webhookdelivery_changelist")


def test_an_editor_registers_an_endpoint_with_the_generated_secret(client, editor):
    client.force_login(editor)
    values = form_values(client.get(ADD), "webhookendpoint_form")
    generated = values["secret"][0]
    assert len(generated) >= 32
    values.update(
        name=["Partenaire régional"],
        url=["https://partenaire.example/hooks"],
        events=["published", "corrected"],
    )
    response = client.post(ADD, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret == generated
    assert endpoint.events == ["published", "corrected"]
    assert endpoint.created_by == editor
    # Shown again only masked; never kept in the history.
    page = client.get(change_url(endpoint)).content.decode()
    assert generated not in page
    assert f"…{generated[-4:]}" in page
    assert (
        generated
        not in client.get(reverse("admin:webhooks_webhookendpoint_changelist")).content.decode()
    )
    assert generated not in Version.objects.get_for_object(endpoint).get().serialized_data


def test_an_editor_sets_their_own_secret_and_keeps_it_on_later_saves(client, editor):
    client.force_login(editor)
    values = form_values(client.get(ADD), "webhookendpoint_form")
    values.update(
        name=["P"], url=["https://p.example/"], events=["updated"], secret=["mon-secret-a-moi-1234"]
    )
    assert client.post(ADD, values).status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    values = form_values(client.get(change_url(endpoint)), "webhookendpoint_form")
    values.update(name=["Partenaire renommé"])
    assert client.post(change_url(endpoint), values).status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.secret) == ("Partenaire renommé", "mon-secret-a-moi-1234")
    assert endpoint.version == 2


def test_bad_input_is_named(client, editor):
    client.force_login(editor)
    values = form_values(client.get(ADD), "webhookendpoint_form")
    values.update(name=["P"], url=["ftp://p.example/"], events=[], secret=["court"])
    response = client.post(ADD, values)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"url", "events", "secret"}
    assert not WebhookEndpoint.objects.exists()


def test_a_stale_form_does_not_overwrite(client, editor):
    endpoint = webhook_endpoint_create(name="P", url="https://p.example/", events=["published"])
    client.force_login(editor)
    values = form_values(client.get(change_url(endpoint)), "webhookendpoint_form")
    endpoint.name = "Changé ailleurs"
    endpoint.version += 1
    endpoint.save()
    values.update(name=["Mon changement"])
    response = client.post(change_url(endpoint), values)
    assert response.status_code == 200
    endpoint.refresh_from_db()
    assert endpoint.name == "Changé ailleurs"


def test_reporters_do_not_see_endpoints(client, reporter):
    client.force_login(reporter)
    assert client.get(ADD).status_code == 403
    assert client.get(DELIVERIES).status_code == 403


def _failed_delivery():
    endpoint = webhook_endpoint_create(name="P", url="https://p.example/", events=["published"])
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="published",
        story_uuid=ArticleFactory(status="draft", publish_at=None).uuid,
        body="{}",
        status=WebhookDelivery.Status.FAILED,
        attempts=8,
        last_status_code=500,
        last_error="HTTP 500",
    )


def test_the_log_shows_status_and_an_editor_retries_a_failed_delivery(client, editor):
    delivery = _failed_delivery()
    client.force_login(editor)
    page = client.get(DELIVERIES).content.decode()
    assert "failed" in page and "500" in page
    assert client.get(change_url(delivery)).status_code == 200  # read-only page
    response = client.post(
        DELIVERIES, {"action": "retry_now", "_selected_action": [delivery.pk]}, follow=True
    )
    assert "1 delivery queued again." in response.content.decode()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)
    assert DBTaskResult.objects.get(queue_name="webhooks").args_kwargs["args"] == [
        str(delivery.uuid)
    ]
    # Only what failed is retried.
    response = client.post(
        DELIVERIES, {"action": "retry_now", "_selected_action": [delivery.pk]}, follow=True
    )
    assert "only a failed delivery is sent again" in response.content.decode()
    assert DBTaskResult.objects.count() == 1


def test_a_deleted_endpoint_recovered_from_the_history_gets_a_new_secret(client, editor):
    endpoint = webhook_endpoint_create(
        name="Partenaire supprimé", url="https://p.example/", events=["published"]
    )
    old_secret = endpoint.secret
    version = Version.objects.get_for_object(endpoint).get()
    endpoint.delete()
    client.force_login(editor)
    url = reverse("admin:webhooks_webhookendpoint_recover", args=[version.pk])
    values = form_values(client.get(url), "webhookendpoint_form")
    response = client.post(url, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    recovered = WebhookEndpoint.objects.get()
    assert recovered.name == "Partenaire supprimé"
    # The history never held the secret: the recovered endpoint has a fresh one.
    assert len(recovered.secret) >= 32
    assert recovered.secret != old_secret


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:6379/", "http://169.254.169.254/latest/", "http://localhost/"]
)
def test_an_internal_address_is_refused_on_the_form(client, editor, settings, url):
    settings.NEWSROOM_WEBHOOK_ALLOW_PRIVATE = False
    client.force_login(editor)
    values = form_values(client.get(ADD), "webhookendpoint_form")
    values.update(name=["Interne"], url=[url], events=["published"])
    response = client.post(ADD, values)
    assert response.status_code == 200
    assert "only calls public addresses" in str(response.context["adminform"].form.errors["url"])
    assert not WebhookEndpoint.objects.exists()

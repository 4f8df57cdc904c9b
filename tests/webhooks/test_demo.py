"""The issue's check, on the demo newsroom: publishing its draft delivers a signed webhook to
a local receiver."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from articles.models import Article
from articles.services import article_publish
from demo.loader import load_demo
from tests.webhooks.conftest import SECRET, run_worker
from webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_publishing_the_demo_draft_delivers_a_signed_webhook(endpoint, receiver):
    with override_settings(DEBUG=True):
        load_demo()
    run_worker()  # whatever loading the demo told the partner
    receiver.received.clear()
    WebhookDelivery.objects.all().delete()
    draft = Article.objects.get(status=Article.Status.DRAFT)
    editor = get_user_model().objects.get(username="editor")

    article_publish(article=draft, by=editor)
    assert receiver.received == []
    run_worker()

    [request] = receiver.received
    assert request.signed_with(SECRET)
    assert request.headers["X-Newsroom-Event"] == "published"
    assert request.json["story"]["uuid"] == str(draft.uuid)
    assert request.json["story"]["title"] == draft.title
    assert WebhookDelivery.objects.get().status == "delivered"

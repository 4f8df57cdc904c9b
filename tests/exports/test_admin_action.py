import json
from unittest.mock import patch

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from exports.admin_actions import EXPORT_ACTIONS, export_jsonl
from tests.exports.conftest import ninjs_lines
from tests.factories import ArticleFactory

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture(autouse=True)
def export_actions(monkeypatch):
    """The actions on the story changelist, as ArticleAdmin.actions lists them once wired."""
    model_admin = admin.site._registry[Article]
    missing = [action for action in EXPORT_ACTIONS if action not in model_admin.actions]
    monkeypatch.setattr(model_admin, "actions", [*model_admin.actions, *missing])


@pytest.fixture
def selection(db):
    published = ArticleFactory(slug="en-ligne")
    draft = ArticleFactory(slug="brouillon", status=Article.Status.DRAFT)
    ArticleFactory(slug="non-choisi")
    return [published, draft]


def run(client, action, stories):
    return client.post(
        CHANGELIST,
        {"action": action, helpers.ACTION_CHECKBOX_NAME: [story.pk for story in stories]},
    )


@pytest.mark.parametrize("role", ["export_staff", "superuser"])
def test_export_staff_download_exactly_the_selection(client, selection, role, request):
    client.force_login(request.getfixturevalue(role))
    response = run(client, "export_jsonl", selection)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-selected.jsonl"')
    lines = b"".join(response.streaming_content).decode().splitlines()
    # An explicit selection exports its drafts too.
    assert {json.loads(line)["slug"] for line in lines} == {"en-ligne", "brouillon"}


def test_ninjs_and_csv_actions(client, selection, export_staff):
    client.force_login(export_staff)
    response = run(client, "export_ninjs", selection)
    assert len(ninjs_lines(b"".join(response.streaming_content).decode())) == 2
    response = run(client, "export_csv", selection)
    assert b"".join(response.streaming_content).decode().count("\r\n") == 3


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_other_staff_get_no_file_from_the_changelist(client, selection, role, request):
    client.force_login(request.getfixturevalue(role))
    response = run(client, "export_jsonl", selection)
    assert not response.streaming
    assert response.status_code == 302


@pytest.mark.parametrize("role", ["editor", "reporter"])
def test_the_action_itself_refuses_other_staff(rf, selection, role, request):
    """Even if the admin offered it, the action checks the permission before exporting."""
    user = request.getfixturevalue(role)
    http_request = rf.post(CHANGELIST)
    http_request.user = user
    model_admin = admin.site._registry[Article]
    with patch.object(model_admin, "message_user") as message_user, translation.override("en"):
        response = export_jsonl(model_admin, http_request, Article.objects.all())
    assert response is None
    message_user.assert_called_once()
    assert "not allowed to export" in message_user.call_args.args[1]

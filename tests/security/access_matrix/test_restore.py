"""Restoring history writes the status back: publishing that way takes the publish
permission, only editors restore a story readers see, and recovering a deleted story takes
the permission to delete stories."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from articles.services import article_publish, article_unpublish
from tests.admin_forms import form_values
from tests.factories import (
    ArticleFactory,
)
from tests.security.access_matrix.world import LOGIN, PUBLISHERS, ROLES, assert_answer, can

pytestmark = pytest.mark.django_db


def _history(world, how: str):
    """A story and the history entry to restore, and whether restoring it moves publication."""
    editor = world.users["editor"]
    story = ArticleFactory(
        title="Historique", slug="historique", status=Article.Status.DRAFT, publish_at=None
    )
    with reversion.create_revision():
        reversion.set_user(editor)
        story.save()
    if how == "unchanged":
        return story, Version.objects.get_for_object(story).get()
    article_publish(article=story, by=editor)
    if how == "republish":
        article_unpublish(article=story, by=editor)
        entries = Version.objects.get_for_object(story).order_by("pk")
        return story, next(v for v in entries if v.field_dict["status"] == "published")
    if how == "unpublish":
        return story, Version.objects.get_for_object(story).order_by("pk").first()
    version = Version.objects.get_for_object(story).order_by("pk").last()
    story.delete()
    return None, version


RESTORES = ["republish", "unpublish", "recover", "unchanged"]
# What a reporter is told, by the story's state when the restore is asked.
REFUSALS = {
    "republish": "Only editors can restore a version that publishes, unpublishes or "
    "reschedules the story.",
    "unpublish": "Only editors can restore a version of a published story: readers see it at once.",
}


@pytest.mark.parametrize("how", RESTORES)
@pytest.mark.parametrize("role", ROLES)
def test_restoring_history_publishes_only_for_publishers(world, clients, role, how):
    story, version = _history(world, how)
    if story is None:
        url = reverse("admin:articles_article_recover", args=[version.pk])
    else:
        url = reverse("admin:articles_article_revision", args=[story.pk, version.pk])
    was = None if story is None else (story.status, story.is_public)
    page = clients["superuser"].get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    response = clients[role].post(url, form_values(page), HTTP_ACCEPT_LANGUAGE="en")

    restored = Article.objects.filter(slug="historique").first()
    now = None if restored is None else (restored.status, restored.is_public)
    may_publish = role in PUBLISHERS
    may_restore = may_publish or (how == "unchanged" and can(role, "articles.article", "c"))
    if role == "anonymous":
        assert_answer(response, LOGIN, url)
    if may_restore:
        assert response.status_code == 302, response.context and response.context["errors"]
        assert restored is not None and restored.status == version.field_dict["status"]
        return
    assert now == was, f"{role} restored a {how} entry: {was} → {now}"
    if role == "reporter" and how == "recover":
        assert response.status_code == 403  # reporters cannot delete stories
    elif role == "reporter":
        shown = clients[role].get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
        notes = [str(message) for message in shown.context["messages"]]
        assert notes == [REFUSALS[how]]

"""Restoring history writes the status back: publishing that way takes the publish
permission, only editors restore a story readers see, and recovering a deleted story takes
the permission to delete stories."""

from datetime import timedelta

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
from tests.security.access_matrix.world import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    PUBLISHERS,
    ROLES,
    STATES,
    assert_answer,
    body,
    can,
)

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


# ---------------------------------------------------------------------------------------------
# The same rules on every story state: a restore that only brings an older headline back.

RESTORE_REFUSED = {
    "published": "Only editors can restore a version of a published story: readers see it at once.",
    "scheduled": "Only editors can restore a version of a scheduled story: readers would see "
    "it at its time, unreviewed.",
}


def _headline_history(world, state: str):
    """The state's story with two history entries that differ only by headline; the older."""
    story = Article.objects.get(pk=world.stories[state].pk)  # the world's copy stays as built
    with reversion.create_revision():
        reversion.set_user(world.users["editor"])
        story.save()
    older = Version.objects.get_for_object(story).first()
    with reversion.create_revision():
        reversion.set_user(world.users["editor"])
        story.title = f"Titre remanié, état {state}"
        story.save()
    return story, older


def _same_time(story, shape) -> bool:
    """Same status and publication time (the form keeps whole seconds)."""
    if (story.publish_at is None) != (shape.publish_at is None):
        return False
    moved = story.publish_at and abs(story.publish_at - shape.publish_at) >= timedelta(seconds=1)
    return story.status == shape.status and not moved


def _may_restore_headline(role: str, state: str) -> bool:
    if role in PUBLISHERS:
        return True
    return role == "reporter" and state in ("draft", "review")


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_restoring_an_older_headline_on_every_story_state(world, clients, role, state):
    story, older = _headline_history(world, state)
    old, new = older.field_dict["title"], story.title
    url = reverse("admin:articles_article_revision", args=[story.pk, older.pk])
    page = clients["superuser"].get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    clients[role].cookies.pop("messages", None)  # those of earlier cases, never shown

    response = clients[role].post(url, form_values(page), HTTP_ACCEPT_LANGUAGE="en")

    story.refresh_from_db()
    restored = _may_restore_headline(role, state)
    assert story.title == (old if restored else new), f"{role} on a {state} story"
    assert _same_time(story, world.stories[state])
    if role == "anonymous":
        assert_answer(response, LOGIN, url)
    elif role == "export_staff":
        assert response.status_code == FORBIDDEN, f"export staff restored on a {state} story"
    elif restored:
        assert response.status_code == 302, response.context and response.context["errors"]
    else:  # a reporter on a story readers see (or will see at its time)
        assert response["Location"] == reverse("admin:articles_article_history", args=[story.pk])
        shown = clients[role].get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
        assert [str(message) for message in shown.context["messages"]] == [RESTORE_REFUSED[state]]
    public = clients["anonymous"].get(world.stories[state].get_absolute_url())
    if state == "published":
        assert (old in body(public), new in body(public)) == (restored, not restored)
    else:
        assert public.status_code == NOT_FOUND


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_recovering_a_story_deleted_in_every_state(world, clients, role, state):
    """Undoing a delete is for those who may delete, whatever state the story was in; it
    comes back in that state."""
    shape = world.stories[state]
    story = ArticleFactory(
        title=f"Récupérable {state}",
        slug=f"recuperable-{state}",
        status=shape.status,
        publish_at=shape.publish_at,
    )
    with reversion.create_revision():
        reversion.set_user(world.users["editor"])
        story.save()
    version = Version.objects.get_for_object(story).get()
    public_url = story.get_absolute_url()
    story.delete()
    url = reverse("admin:articles_article_recover", args=[version.pk])
    page = clients["superuser"].get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200

    response = clients[role].post(url, form_values(page), HTTP_ACCEPT_LANGUAGE="en")

    back = Article.objects.filter(slug=f"recuperable-{state}").first()
    if role in ("editor", "superuser"):
        assert response.status_code == 302, response.context and response.context["errors"]
        assert back is not None and _same_time(back, shape)
    else:
        assert back is None, f"{role} recovered a story deleted while {state}"
        if role == "anonymous":
            assert_answer(response, LOGIN, url)
        else:
            assert response.status_code == FORBIDDEN
    public = clients["anonymous"].get(public_url)
    seen = state == "published" and back is not None
    assert public.status_code == (200 if seen else NOT_FOUND)

"""Corrections are public record: a restore never takes one away, reporters propose and
editors publish, a published one is withdrawn (never deleted), and restore and recover follow
the rules of the form (issue 13, items 1 and 5)."""

import io
import json

import pytest
import reversion
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from articles.models import Article, Correction
from articles.services import (
    correction_add,
    correction_delete,
    correction_propose,
    correction_publish,
    correction_save,
    correction_withdraw,
)
from exports.services import stories_export
from tests.admin_forms import change_url, form_values
from tests.factories import ActorFactory, ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db

TEXT = "Le dîner a eu lieu mercredi, pas jeudi."


def live_story_with_history(client, user, **fields):
    """A published story saved twice through the admin, so that it has an entry to go back
    to, then corrected by an editor."""
    story = ArticleFactory(status=Article.Status.PUBLISHED, title="Premier titre", **fields)
    client.force_login(user)
    client.post(change_url(story), form_values(client.get(change_url(story))))
    return story


def exported_corrections(story) -> list:
    out = io.StringIO()
    stories_export(queryset=Article.objects.filter(pk=story.pk), fmt="jsonl", out=out)
    return json.loads(out.getvalue().splitlines()[0])["corrections"]


def restore(client, story, version):
    url = reverse("admin:articles_article_revision", args=[story.pk, version.pk])
    return client.post(url, form_values(client.get(url)))


def first_entry(story):
    return Version.objects.get_for_object(story).order_by("pk").first()


@pytest.mark.parametrize("restorer", ["editor", "reporter"])
def test_restoring_an_entry_from_before_a_correction_keeps_the_correction(
    client, editor, reporter, restorer
):
    story = live_story_with_history(client, editor)
    correction_add(article=story, text=TEXT, by=editor)
    client.force_login(editor if restorer == "editor" else reporter)

    response = restore(client, story, first_entry(story))

    assert response.status_code == 302
    assert story.corrections.get().text == TEXT
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Corrections" in page and TEXT in page
    assert [c["text"] for c in exported_corrections(story)] == [TEXT]


def test_reporter_cannot_restore_a_live_story(client, english, editor, reporter):
    story = live_story_with_history(client, editor)
    Article.objects.filter(pk=story.pk).update(title="Titre actuel")
    client.force_login(reporter)

    with translation.override("en"):
        response = restore(client, story, first_entry(story))
        history = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    story.refresh_from_db()
    assert story.title == "Titre actuel"
    assert "Only editors can restore a version of a published story" in history


def test_reporter_proposes_and_readers_see_it_once_an_editor_publishes(client, editor, reporter):
    story = ArticleFactory(status=Article.Status.PUBLISHED)
    proposal = correction_propose(article=story, text=TEXT, by=reporter)

    assert TEXT not in client.get(story.get_absolute_url()).content.decode()
    assert exported_corrections(story) == []

    correction_publish(correction=proposal, by=editor)
    assert TEXT in client.get(story.get_absolute_url()).content.decode()
    assert [c["text"] for c in exported_corrections(story)] == [TEXT]


def test_a_correction_from_the_reporter_story_form_is_a_proposal(client, reporter):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    client.force_login(reporter)
    data = form_values(client.get(change_url(story)))
    data.update(
        {
            "corrections-TOTAL_FORMS": ["1"],
            "corrections-0-text": [TEXT],
            "corrections-0-published_at_0": ["2026-01-05"],
            "corrections-0-published_at_1": ["10:00:00"],
        }
    )

    response = client.post(change_url(story), data)

    assert response.status_code == 302
    assert story.corrections.get().status == Correction.Status.PROPOSED


def test_the_story_form_shows_existing_corrections_without_letting_them_change(client, editor):
    story = ArticleFactory(status=Article.Status.PUBLISHED)
    correction = CorrectionFactory(article=story, text=TEXT)
    client.force_login(editor)
    data = form_values(client.get(change_url(story)))
    data["corrections-0-text"] = ["Texte effacé"]
    data["corrections-0-DELETE"] = ["on"]

    client.post(change_url(story), data)

    correction.refresh_from_db()
    assert correction.text == TEXT


def test_withdrawing_needs_an_editor_and_stays_in_the_history(client, editor, reporter):
    story = ArticleFactory(status=Article.Status.PUBLISHED)
    correction = correction_add(article=story, text=TEXT, by=editor)

    with pytest.raises(PermissionDenied):
        correction_withdraw(correction=correction, by=reporter)
    with translation.override("en"):
        correction_withdraw(correction=correction, by=editor)

    correction.refresh_from_db()
    assert correction.status == Correction.Status.WITHDRAWN
    assert correction.withdrawn_by == editor
    assert TEXT not in client.get(story.get_absolute_url()).content.decode()
    comments = [v.revision.comment for v in Version.objects.get_for_object(correction)]
    assert "Correction withdrawn" in comments


def test_a_published_correction_cannot_be_deleted_nor_rewritten_by_a_reporter(editor, reporter):
    correction = correction_add(article=ArticleFactory(), text=TEXT, by=editor)
    with pytest.raises(PermissionDenied):
        correction_delete(correction=correction, by=editor)
    correction.text = "Autre texte"
    with pytest.raises(PermissionDenied):
        correction_save(correction=correction, by=reporter)
    assert Correction.objects.get().text == TEXT


def test_the_correction_admin_offers_no_delete_of_a_published_correction(client, editor):
    correction = CorrectionFactory()
    client.force_login(editor)
    url = reverse("admin:articles_correction_delete", args=[correction.pk])

    client.post(url, {"post": "yes"})
    assert Correction.objects.filter(pk=correction.pk).exists()


def test_reporter_cannot_recover_a_deleted_story(client, editor, reporter):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    with reversion.create_revision():
        story.save()
    version = Version.objects.get_for_object(story).get()
    story.delete()
    client.force_login(reporter)
    url = reverse("admin:articles_article_recover", args=[version.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403
    assert not Article.objects.filter(pk=version.object_id).exists()


def test_restore_page_lists_what_the_restore_changes(client, editor):
    story = ArticleFactory(status=Article.Status.PUBLISHED, title="Premier titre")
    client.force_login(editor)
    client.post(change_url(story), form_values(client.get(change_url(story))))
    musk = ActorFactory(name="Elon Musk")
    data = form_values(client.get(change_url(story)))
    data.update(
        {
            "title": ["Second titre"],
            "actor_tags-TOTAL_FORMS": [str(int(data["actor_tags-TOTAL_FORMS"][0]) + 1)],
        }
    )
    index = int(data["actor_tags-TOTAL_FORMS"][0]) - 1
    data[f"actor_tags-{index}-actor"] = [str(musk.pk)]
    data[f"actor_tags-{index}-role"] = ["about"]
    data[f"actor_tags-{index}-position"] = ["0"]
    assert client.post(change_url(story), data).status_code == 302

    url = reverse("admin:articles_article_revision", args=[story.pk, first_entry(story).pk])
    with translation.override("en"):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    start = page.index("restore-changes-title")
    changes = page[start : page.index("</section>", start)]
    assert "Second titre" in changes and "Premier titre" in changes
    assert "Elon Musk" in changes
    assert "Corrections are not affected" in changes


def test_an_editor_still_deletes_a_story_with_its_published_corrections(client, editor):
    story = ArticleFactory()
    CorrectionFactory(article=story)
    client.force_login(editor)
    url = reverse("admin:articles_article_delete", args=[story.pk])

    client.post(url, {"post": "yes"})

    assert not Article.objects.filter(pk=story.pk).exists()

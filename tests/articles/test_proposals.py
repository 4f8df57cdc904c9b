"""A reporter's change to a live story waits for an editor: readers never see unreviewed
text; the editor approves (the form saved as the editor, lock included) or rejects it."""

import pytest
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, ChangeProposal
from tests.admin_forms import change_url, form_values
from tests.factories import ActorFactory, ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _edit(client, user, story, **changes):
    """Open the story form as ``user``, change some fields, save it."""
    client.force_login(user)
    values = form_values(client.get(change_url(story)))
    for name, value in changes.items():
        values[name] = [value]
    values["_save"] = ["Save"]
    return client.post(change_url(story), values)


def _review_url(proposal, action):
    return reverse(f"admin:articles_changeproposal_{action}", args=[proposal.pk])


def _public_text(client, story) -> str:
    client.logout()
    return client.get(story.get_absolute_url()).content.decode()


def test_reporters_live_headline_waits_for_an_editor(client, reporter):
    story = ArticleFactory(title="Le titre vérifié")
    response = _edit(client, reporter, story, title="Le titre non relu")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "waiting for an editor" in page
    assert "awaits an editor" in page  # the banner on the form
    proposal = ChangeProposal.objects.get()
    assert proposal.status == "pending" and proposal.changed == ["Headline"]
    assert "csrfmiddlewaretoken" not in proposal.data
    text = _public_text(client, story)
    assert "Le titre vérifié" in text and "non relu" not in text


def test_editor_approves_and_readers_see_it_with_the_reporter_named(client, reporter, editor):
    story = ArticleFactory(title="Le titre vérifié")
    _edit(client, reporter, story, title="Le titre relu")
    proposal = ChangeProposal.objects.get()
    client.force_login(editor)
    review = client.get(change_url(proposal)).content.decode()
    assert "Le titre vérifié" in review and "Le titre relu" in review
    assert "saved after the reporter opened it" not in review
    response = client.post(_review_url(proposal, "approve"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "approved" and proposal.decided_by == editor
    assert "Le titre relu" in _public_text(client, story)
    comment = Version.objects.get_for_object(story).first().revision.get_comment()
    assert f"Proposed by {reporter.get_full_name()}" in comment


def test_approved_body_change_shows_word_diff(client, reporter, editor):
    story = ArticleFactory(body="Le ministre a parlé mardi.")
    _edit(client, reporter, story, body="Le ministre a parlé mercredi.")
    client.force_login(editor)
    review = client.get(change_url(ChangeProposal.objects.get())).content.decode()
    assert "<del>mardi.</del>" in review and "<ins>mercredi.</ins>" in review


def test_story_form_tells_who_waits_for_what(client, reporter, editor):
    story = ArticleFactory()
    client.force_login(reporter)
    assert "saving it proposes your change" in client.get(change_url(story)).content.decode()
    _edit(client, reporter, story, title="Un titre proposé")
    client.force_login(editor)
    page = client.get(change_url(story)).content.decode()
    assert "1 proposed change to this story awaits review." in page
    assert "saving it proposes" not in page


def test_editor_rejects_and_the_story_stays(client, reporter, editor):
    story = ArticleFactory(title="Le titre vérifié")
    _edit(client, reporter, story, title="Le titre refusé")
    proposal = ChangeProposal.objects.get()
    client.force_login(editor)
    client.post(_review_url(proposal, "reject"))
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    assert "refusé" not in _public_text(client, story)


def test_story_edited_after_the_proposal_approve_shows_the_conflict(client, reporter, editor):
    story = ArticleFactory(title="Le titre d'origine")
    _edit(client, reporter, story, title="Le titre du reporter")
    _edit(client, editor, story, title="Le titre de l'éditeur")
    proposal = ChangeProposal.objects.get()
    assert "saved after the reporter opened it" in client.get(change_url(proposal)).content.decode()
    response = client.post(_review_url(proposal, "approve"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Changed meanwhile: Headline. Nothing was saved" in page
    assert "Le titre du reporter" in page  # the proposed version, in the form
    assert Article.objects.get(pk=story.pk).title == "Le titre de l'éditeur"
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_double_approve_is_refused_with_a_message(client, reporter, editor):
    story = ArticleFactory()
    _edit(client, reporter, story, title="Un titre approuvé")
    proposal = ChangeProposal.objects.get()
    client.force_login(editor)
    client.post(_review_url(proposal, "approve"))
    response = client.post(_review_url(proposal, "approve"), follow=True)
    assert response.status_code == 200
    assert f"already approved by {editor.get_full_name()}" in response.content.decode()
    response = client.post(_review_url(proposal, "reject"), follow=True)
    assert "already approved" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "approved"


def test_reporter_cannot_decide(client, reporter):
    story = ArticleFactory(title="Le titre vérifié")
    _edit(client, reporter, story, title="Mon propre titre")
    proposal = ChangeProposal.objects.get()
    assert client.get(change_url(proposal)).status_code == 200  # they see their own
    assert client.post(_review_url(proposal, "approve")).status_code == 403
    assert client.post(_review_url(proposal, "reject")).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert Article.objects.get(pk=story.pk).title == "Le titre vérifié"


def test_reporter_edits_a_draft_directly(client, reporter):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    response = _edit(client, reporter, story, title="Brouillon retouché")
    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).title == "Brouillon retouché"
    assert not ChangeProposal.objects.exists()


def test_editor_edits_a_live_story_directly(client, editor):
    story = ArticleFactory()
    _edit(client, editor, story, title="Corrigé par l'éditeur")
    assert Article.objects.get(pk=story.pk).title == "Corrigé par l'éditeur"
    assert not ChangeProposal.objects.exists()


def test_reporter_tagging_an_actor_on_a_live_story_is_proposed(client, reporter, editor):
    story = ArticleFactory()
    actor = ActorFactory(name="Ada Lovelace")
    client.force_login(reporter)
    values = form_values(client.get(change_url(story)))
    values.update({"actor_tags-0-actor": [str(actor.pk)], "actor_tags-0-role": ["about"]})
    values["_save"] = ["Save"]
    client.post(change_url(story), values)
    assert not story.actor_tags.exists()
    proposal = ChangeProposal.objects.get()
    assert "Tagged actors" in proposal.changed
    client.force_login(editor)
    review = client.get(change_url(proposal)).content.decode()
    assert "+ Ada Lovelace" in review
    client.post(_review_url(proposal, "approve"))
    assert list(story.actor_tags.values_list("actor__name", flat=True)) == ["Ada Lovelace"]


def test_reporter_cannot_rename_a_topic(client, reporter):
    topic = Tag.objects.create(name="espace", slug="espace")
    client.force_login(reporter)
    response = client.post(change_url(topic), {"name": "renommé", "slug": "renomme"})
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.name == "espace"


def test_reporters_correction_on_a_live_story_is_proposed_as_a_correction(client, reporter):
    story = ArticleFactory(title="Le titre vérifié")
    client.force_login(reporter)
    values = form_values(client.get(change_url(story)))
    values.update(
        {
            "corrections-TOTAL_FORMS": ["1"],
            "corrections-0-text": ["La réunion a eu lieu mardi."],
            "corrections-0-published_at_0": ["2026-01-05"],
            "corrections-0-published_at_1": ["10:00:00"],
            "_save": ["Save"],
        }
    )
    assert client.post(change_url(story), values).status_code == 302
    # Corrections have their own review (proposed, then published by an editor).
    assert story.corrections.get().status == "proposed"
    assert not ChangeProposal.objects.exists()


def test_a_date_typed_in_french_keeps_its_day_when_an_english_editor_approves(
    client, reporter, editor
):
    story = ArticleFactory(title="Le titre vérifié")
    client.force_login(reporter)
    french = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    values = form_values(client.get(change_url(story), **french))
    values.update(
        {
            "title": ["Le titre relu"],
            "corrections-TOTAL_FORMS": ["1"],
            "corrections-0-text": ["La réunion a eu lieu mardi."],
            "corrections-0-published_at_0": ["03/12/2026"],  # 3 December, as the French write it
            "corrections-0-published_at_1": ["10:00:00"],
            "_save": ["Enregistrer"],
        }
    )
    assert client.post(change_url(story), values, **french).status_code == 302
    proposal = ChangeProposal.objects.get()
    client.force_login(editor)
    assert client.post(_review_url(proposal, "approve")).status_code == 302  # in English
    published = story.corrections.get().published_at
    assert (published.month, published.day) == (12, 3)
    story.refresh_from_db()
    assert story.title == "Le titre relu"

"""The desk signs stories with contributors: editors keep the list, reporters pick from it."""

import pytest
import reversion
from django.core.exceptions import ValidationError
from django.urls import reverse
from reversion.models import Version

from articles.admin.restore import story_revert
from articles.models import Article, ChangeProposal
from contributors.models import Contributor
from contributors.services import contributor_delete
from tests.admin_forms import change_url, form_values
from tests.factories import ArticleFactory, ContributorFactory, sign

# Messages are asserted in English (the desk works in French by default).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def people():
    return [
        ContributorFactory(name="Karim Benali", slug="karim-benali"),
        ContributorFactory(name="Léa Fontaine", slug="lea-fontaine", role="correspondent"),
        ContributorFactory(name="AFP", slug="afp", role=Contributor.Role.AGENCY),
    ]


def byline_of(story) -> list[str]:
    return [c.name for c in Article.objects.get(pk=story.pk).byline_contributors]


def sign_on_form(client, story, contributors) -> object:
    """Submit the story form with these contributors in its byline rows, in order."""
    values = form_values(client.get(change_url(story)))
    values["bylines-TOTAL_FORMS"] = [str(len(contributors))]
    for index, contributor in enumerate(contributors):
        values[f"bylines-{index}-contributor"] = [str(contributor.pk)]
        values[f"bylines-{index}-position"] = [str(index)]
    return client.post(change_url(story), values)


def test_an_editor_adds_a_freelance_correspondent_without_an_account(client, editor):
    client.force_login(editor)
    add = reverse("admin:contributors_contributor_add")
    values = form_values(client.get(add), "contributor_form")
    values.update(
        name=["Léa Fontaine"],
        slug=["lea-fontaine"],
        role=["correspondent"],
        bio=["Correspondante indépendante à Washington."],
        user=[""],
    )
    response = client.post(add, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    lea = Contributor.objects.get(slug="lea-fontaine")
    assert lea.user is None and lea.get_role_display() == "correspondent"
    assert Version.objects.get_for_object(lea).count() == 1  # in the history


def test_reporters_pick_contributors_but_do_not_edit_the_list(client, reporter, people):
    client.force_login(reporter)
    assert client.get(reverse("admin:contributors_contributor_add")).status_code == 403
    autocomplete = reverse("admin:autocomplete")
    query = "?app_label=articles&model_name=byline&field_name=contributor&term=fontaine"
    found = client.get(autocomplete + query)
    assert found.status_code == 200
    assert [r["text"] for r in found.json()["results"]] == ["Léa Fontaine"]


def test_a_reporter_signs_a_draft_in_order_on_the_story_form(client, reporter, people):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    client.force_login(reporter)
    response = sign_on_form(client, story, [people[2], people[0]])
    assert response.status_code == 302, response.content.decode()[:3000]
    assert byline_of(story) == ["AFP", "Karim Benali"]
    page = client.get(change_url(story)).content.decode()
    assert "AFP" in page and "Karim Benali" in page


def test_a_reporters_byline_change_to_a_live_story_waits_for_an_editor(client, reporter, people):
    story = ArticleFactory()
    sign(story, people[0])
    client.force_login(reporter)
    response = sign_on_form(client, story, [people[0], people[1]])
    assert response.status_code == 302, response.content.decode()[:3000]
    assert byline_of(story) == ["Karim Benali"]  # unchanged until an editor approves
    proposal = ChangeProposal.objects.get(article=story)
    assert "Bylines" in proposal.changed


def test_restoring_a_story_brings_its_byline_back(editor, people):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    sign(story, people[0], people[1])
    with reversion.create_revision():
        reversion.add_to_revision(story)
    version = Version.objects.get_for_object(story).get()
    story.bylines.all().delete()
    sign(story, people[2])
    story_revert(version.revision)
    assert byline_of(story) == ["Karim Benali", "Léa Fontaine"]


def test_a_contributor_who_signs_stories_is_not_deleted(client, editor, people):
    sign(ArticleFactory(), people[1])
    with pytest.raises(ValidationError, match="signs 1 story"):
        contributor_delete(contributor=people[1], by=editor)
    client.force_login(editor)
    delete = reverse("admin:contributors_contributor_delete", args=[people[1].pk])
    response = client.get(delete, follow=True)
    assert "signs 1 story" in response.content.decode()
    assert Contributor.objects.filter(pk=people[1].pk).exists()
    contributor_delete(contributor=people[2], by=editor)  # signs nothing: gone
    assert not Contributor.objects.filter(pk=people[2].pk).exists()


def test_bulk_delete_refuses_a_selection_with_a_contributor_who_signs(client, editor, people):
    sign(ArticleFactory(), people[0])
    client.force_login(editor)
    changelist = reverse("admin:contributors_contributor_changelist")
    selected = [str(people[0].pk), str(people[2].pk)]
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": selected, "post": "yes"}
    )
    assert "signs 1 story" in client.get(response["Location"]).content.decode()
    assert Contributor.objects.filter(pk__in=selected).count() == 2  # nothing deleted

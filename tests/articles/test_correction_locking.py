"""No lost update on corrections, sections and topics; a correction written elsewhere makes a
story form opened before it stale."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Correction, Section
from articles.services import correction_propose, correction_publish, correction_withdraw
from tests.admin_forms import change_url, form_values
from tests.editing.two_editors import both_save, refusal, two_editors
from tests.factories import ArticleFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db

TEXT = "Le dîner a eu lieu le 5 janvier, pas le 6."


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in English."""


def test_correction_second_save_is_refused_naming_who_and_keeping_the_input():
    correction = CorrectionFactory(text=TEXT, status=Correction.Status.PROPOSED)

    response = both_save(
        correction, {"text": ["Le dîner a eu lieu le 4 janvier."]}, {"text": ["Le 7 janvier."]}
    )

    message = refusal(response)
    assert "Hélène Garnier changed this" in message
    assert "Text" in message
    assert "Le 7 janvier." in response.content.decode()
    assert Correction.objects.get(pk=correction.pk).text == "Le dîner a eu lieu le 4 janvier."


def test_publishing_a_correction_makes_its_form_opened_before_stale():
    correction = CorrectionFactory(text=TEXT, status=Correction.Status.PROPOSED)
    client, _ = two_editors()
    values = form_values(client.get(change_url(correction)), "correction_form")
    correction_publish(correction=correction, by=None)  # e.g. the list's action
    values["text"] = ["Le 7 janvier."]

    assert "Someone changed this on" in refusal(client.post(change_url(correction), values))
    assert Correction.objects.get(pk=correction.pk).text == TEXT


def story_form_then(change, *, published: bool = True):
    """An editor opens the story form; ``change`` (a correction write) happens; he saves a
    new headline from the form he had open. Returns his response and the story."""
    story = ArticleFactory(title="Titre d'origine")
    correction = CorrectionFactory(article=story, text=TEXT, status=Correction.Status.PROPOSED)
    if published:
        correction_publish(correction=correction, by=None)
    client, _ = two_editors()
    url = change_url(story)
    stale = form_values(client.get(url), "article_form")
    change(correction)
    stale["title"] = ["Titre de Paul"]
    return client.post(url, stale), story


@pytest.mark.parametrize(
    ("change", "published"),
    [
        (lambda c: correction_propose(article=c.article, text="Une autre erreur.", by=None), True),
        (lambda c: correction_withdraw(correction=c, by=None), True),
        (lambda c: correction_publish(correction=c, by=None), False),
    ],
    ids=["proposed", "withdrawn", "published"],
)
def test_a_correction_written_after_the_story_form_opened_makes_it_stale(change, published):
    response, story = story_form_then(change, published=published)

    assert response.status_code == 200
    assert "changed this" in " ".join(response.context["adminform"].form.non_field_errors())
    story.refresh_from_db()
    assert story.title == "Titre d'origine"


def test_editing_a_correction_in_its_form_makes_a_story_form_opened_before_stale():
    story = ArticleFactory(title="Titre d'origine")
    correction = CorrectionFactory(article=story, text=TEXT, status=Correction.Status.PROPOSED)
    helene, paul = two_editors()
    his_story = form_values(paul.get(change_url(story)), "article_form")
    her_correction = form_values(helene.get(change_url(correction)), "correction_form")
    her_correction["text"] = ["Le dîner a eu lieu le 4 janvier."]
    assert helene.post(change_url(correction), her_correction).status_code == 302

    his_story["title"] = ["Titre de Paul"]
    response = paul.post(change_url(story), his_story)

    assert "Hélène Garnier changed this" in refusal(response)
    story.refresh_from_db()
    assert story.title == "Titre d'origine"
    assert story.corrections.get().text == "Le dîner a eu lieu le 4 janvier."


def test_deleting_a_proposed_correction_makes_a_story_form_opened_before_stale():
    story = ArticleFactory(title="Titre d'origine")
    correction = CorrectionFactory(article=story, text=TEXT, status=Correction.Status.PROPOSED)
    helene, paul = two_editors()
    his_story = form_values(paul.get(change_url(story)), "article_form")
    delete = reverse("admin:articles_correction_delete", args=[correction.pk])
    assert helene.post(delete, {"post": "yes"}).status_code == 302

    his_story["title"] = ["Titre de Paul"]
    assert "Hélène Garnier changed this" in refusal(paul.post(change_url(story), his_story))


def test_adding_a_correction_with_the_story_form_saves_both_and_the_next_form_is_fresh():
    story = ArticleFactory(title="Titre d'origine")
    client, _ = two_editors()
    url = change_url(story)
    values = form_values(client.get(url), "article_form")
    values.update(
        {
            "title": ["Titre corrigé"],
            "corrections-TOTAL_FORMS": ["1"],
            "corrections-0-text": [TEXT],
            "corrections-0-published_at_0": ["2026-01-05"],
            "corrections-0-published_at_1": ["10:00:00"],
        }
    )

    assert client.post(url, values).status_code == 302

    story.refresh_from_db()
    assert story.title == "Titre corrigé"
    assert story.corrections.get().text == TEXT
    fresh = form_values(client.get(url), "article_form")
    assert fresh["loaded_version"] == [str(story.version)]
    fresh["standfirst"] = ["Un chapeau."]
    assert client.post(url, fresh).status_code == 302


def test_section_second_save_is_refused():
    section = SectionFactory(name="Économie", position=1)

    response = both_save(section, {"name": ["Économie et finance"]}, {"position": ["5"]})

    assert "Hélène Garnier changed this" in refusal(response)
    section.refresh_from_db()
    assert (section.name, section.position) == ("Économie et finance", 1)


def test_section_list_edit_does_not_overwrite_a_change_made_meanwhile():
    """The list's position column is a form per row, locked like the change form."""
    section = SectionFactory(name="Économie", position=1)
    helene, paul = two_editors()
    changelist = reverse("admin:articles_section_changelist")
    his_list = form_values(paul.get(changelist), "changelist-form")
    her_form = form_values(helene.get(change_url(section)), "section_form")
    her_form["position"] = ["3"]
    assert helene.post(change_url(section), her_form).status_code == 302

    row = next(
        name.removesuffix("-id")
        for name, value in his_list.items()
        if name.endswith("-id") and value == [str(section.pk)]
    )
    his_list[f"{row}-position"] = ["7"]
    response = paul.post(changelist, {**his_list, "_save": ["Save"]})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Hélène Garnier changed this" in page
    assert f'name="{row}-position" value="7"' in page
    assert Section.objects.get(pk=section.pk).position == 3
    again = form_values(paul.get(changelist), "changelist-form")
    again[f"{row}-position"] = ["7"]
    assert paul.post(changelist, {**again, "_save": ["Save"]}).status_code == 302
    assert Section.objects.get(pk=section.pk).position == 7


def test_topic_without_a_version_column_is_locked_on_its_stored_row():
    """taggit's Tag has no version, no modified date and no history: the refusal says so."""
    topic = Tag.objects.create(name="Espace", slug="espace")

    response = both_save(topic, {"name": ["Conquête spatiale"]}, {"slug": ["espace-2"]})

    message = refusal(response)
    assert "Someone changed this while you were editing it." in message
    assert "Name" in message
    assert 'value="espace-2"' in response.content.decode()
    topic.refresh_from_db()
    assert (topic.name, topic.slug) == ("Conquête spatiale", "espace")


def test_a_story_version_moves_with_each_correction_write():
    story = ArticleFactory()
    start = Article.objects.get(pk=story.pk).version

    correction = correction_propose(article=story, text=TEXT, by=None)
    correction_publish(correction=correction, by=None)

    assert Article.objects.get(pk=story.pk).version == start + 2

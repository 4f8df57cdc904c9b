"""No lost updates: two editors save the same story (or actor) from the same loaded version."""

import pytest
from django.test import Client
from django.urls import reverse

from actors.models import Actor
from articles.models import Article
from articles.services import article_publish
from tests.admin_forms import form_values
from tests.factories import ActorFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def helene(db):
    return UserFactory(
        username="helene", first_name="Hélène", last_name="Garnier", groups=["Editor"]
    )


@pytest.fixture
def paul(db):
    return UserFactory(username="paul", first_name="Paul", last_name="Roux", groups=["Editor"])


def story_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_second_save_from_the_same_version_is_refused_naming_who_and_what(helene, paul):
    article = ArticleFactory(title="Titre d'origine", standfirst="Chapeau d'origine")
    first, second = logged_in(helene), logged_in(paul)
    hers = form_values(first.get(story_url(article)), "article_form")
    his = form_values(second.get(story_url(article)), "article_form")
    assert hers["loaded_version"] == his["loaded_version"] == [str(article.version)]

    hers["title"] = ["Titre d'Hélène"]
    assert first.post(story_url(article), hers).status_code == 302

    his["standfirst"] = ["Chapeau de Paul"]
    response = second.post(story_url(article), his)

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert "Hélène Garnier changed this" in errors[0]
    assert "Changed meanwhile: Headline." in errors[0]
    # His input is still on the form; nothing of his was saved, hers is intact.
    assert "Chapeau de Paul" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Titre d'Hélène"
    assert article.standfirst == "Chapeau d'origine"


def test_saving_again_after_the_warning_is_a_deliberate_overwrite(helene, paul):
    article = ArticleFactory(title="Titre d'origine")
    first, second = logged_in(helene), logged_in(paul)
    hers = form_values(first.get(story_url(article)), "article_form")
    his = form_values(second.get(story_url(article)), "article_form")
    hers["title"] = ["Titre d'Hélène"]
    first.post(story_url(article), hers)
    his["title"] = ["Titre de Paul"]

    refused = second.post(story_url(article), his)
    again = form_values(refused, "article_form")
    assert again["title"] == ["Titre de Paul"]
    accepted = second.post(story_url(article), again)

    assert accepted.status_code == 302
    article.refresh_from_db()
    assert article.title == "Titre de Paul"


def test_every_save_moves_the_version_once_and_a_service_change_makes_a_form_stale(helene):
    article = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    client = logged_in(helene)
    data = form_values(client.get(story_url(article)), "article_form")
    start = article.version

    client.post(story_url(article), data)
    article.refresh_from_db()
    assert article.version == start + 1

    stale = form_values(client.get(story_url(article)), "article_form")
    article_publish(article=article, by=helene)  # e.g. from the changelist action
    response = client.post(story_url(article), stale)

    assert response.status_code == 200
    assert "You saved this in another window or tab" in str(
        response.context["adminform"].form.non_field_errors()
    )


def test_a_missing_version_is_treated_as_stale(helene):
    article = ArticleFactory(title="Titre")
    client = logged_in(helene)
    data = form_values(client.get(story_url(article)), "article_form")
    del data["loaded_version"]
    data["title"] = ["Autre titre"]

    response = client.post(story_url(article), data)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Titre"


def test_actor_second_save_from_the_same_version_is_refused(helene, paul):
    actor = ActorFactory(name="Jeff Bezos", description="")
    url = reverse("admin:actors_actor_change", args=[actor.pk])
    first, second = logged_in(helene), logged_in(paul)
    hers = form_values(first.get(url), "actor_form")
    his = form_values(second.get(url), "actor_form")

    hers["description"] = ["Fondateur d'Amazon."]
    assert first.post(url, hers).status_code == 302
    his["website"] = ["https://www.blueorigin.com/"]
    response = second.post(url, his)

    assert response.status_code == 200
    message = str(response.context["adminform"].form.non_field_errors())
    assert "Hélène Garnier changed this" in message
    assert "Description" in message
    actor.refresh_from_db()
    assert actor.description == "Fondateur d'Amazon."
    assert actor.website == ""
    assert Actor.objects.get(pk=actor.pk).version == 2


def test_a_save_that_loses_the_race_after_validation_saves_nothing(helene, monkeypatch):
    """Between the form's check and the save someone else saves (SQLite cannot lock the row
    for the check): the claim on the version fails and nothing is written."""
    from django.db.models import F

    from editing.locking import LockedFormMixin

    article = ArticleFactory(title="Titre")
    client = logged_in(helene)
    data = form_values(client.get(story_url(article)), "article_form")
    check = LockedFormMixin.clean

    def check_then_someone_saves(form):
        cleaned = check(form)
        Article.objects.filter(pk=form.instance.pk).update(version=F("version") + 1)
        return cleaned

    monkeypatch.setattr(LockedFormMixin, "clean", check_then_someone_saves)
    data["title"] = ["Autre titre"]
    response = client.post(story_url(article), data, follow=True)

    assert response.status_code == 200
    assert "Someone saved this a moment before you" in str(list(response.context["messages"]))
    article.refresh_from_db()
    assert article.title == "Titre"

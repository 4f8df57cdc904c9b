"""Editors and reporters pick a story's byline by name."""

import pytest
from django.urls import reverse

from tests.admin_forms import change_url, form_values
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

PICKER = reverse("admin:articles_article_authors")


@pytest.fixture
def people(db):
    return [
        UserFactory(username="alovelace", first_name="Ada", last_name="Lovelace"),
        UserFactory(username="gh", first_name="Grace", last_name="Hopper"),
        UserFactory(username="nobody-named", first_name="", last_name=""),
    ]


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_desk_roles_find_people_by_name_and_see_names(client, people, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(PICKER, {"term": "ada love"})
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(people[0].pk), "text": "Ada Lovelace"}]
    everyone = client.get(PICKER).json()["results"]
    texts = [result["text"] for result in everyone]
    assert "Grace Hopper" in texts
    assert "nobody-named" in texts  # no name given: the username stands in
    assert "alovelace" not in texts


def test_the_picker_pages_through_a_large_desk(client, editor):
    for n in range(25):
        UserFactory(username=f"writer{n}", first_name="Writer", last_name=f"{n:02d}")
    client.force_login(editor)
    first = client.get(PICKER, {"term": "writer"}).json()
    second = client.get(PICKER, {"term": "writer", "page": "2"}).json()
    assert len(first["results"]) == 20 and first["pagination"]["more"] is True
    assert len(second["results"]) == 5 and second["pagination"]["more"] is False
    assert client.get(PICKER, {"page": "nonsense"}).status_code == 200


def test_staff_who_do_not_write_stories_and_visitors_are_refused(client, export_staff, people):
    client.force_login(export_staff)
    assert client.get(PICKER, {"term": "ada"}).status_code == 403
    client.logout()
    assert client.get(PICKER).status_code == 302


def test_a_reporter_sets_a_byline_and_the_form_shows_it_by_name(client, reporter, people):
    story = ArticleFactory(title="Brouillon", status="draft")
    client.force_login(reporter)
    page = client.get(change_url(story))
    assert PICKER in page.content.decode()  # the widget asks our look-up, not the user admin's
    values = form_values(page)
    values["authors"] = [str(people[1].pk)]
    response = client.post(change_url(story), values)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(story.authors.all()) == [people[1]]
    chosen = f'<option value="{people[1].pk}" selected>Grace Hopper</option>'
    assert chosen in client.get(change_url(story)).content.decode()

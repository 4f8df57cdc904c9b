"""A NUL character in a URL is refused with a 400, on both databases; in a form, by its field."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from articles.models import Section
from tests.factories import ArticleFactory

# The refusal is asserted in English; the site's default language is French.
pytestmark = pytest.mark.usefixtures("english")

AUTOCOMPLETE = {"app_label": "articles", "model_name": "articleactor", "field_name": "actor"}


@pytest.fixture
def readers(client, db):
    ArticleFactory(tags=["espace"])
    client.raise_request_exception = False
    return client


def assert_refused(response) -> None:
    assert response.status_code == 400
    assert b"NUL character" in response.content
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "url",
    [
        "/tags/a%00b/",
        "/tags/a%00b/rss/",
        "/tags/a%00b/atom/",
        "/articles/a%00b/",
        "/sections/a%00/",
        "/actors/a%00b/",
        "/search/?q=%00",
        "/tags/espace/?page=1%00",
        "/?a%00=1",
    ],
)
def test_nul_in_a_reader_url_is_a_400(readers, url):
    assert_refused(readers.get(url))


def test_a_refused_nul_url_is_never_served_from_the_cache(readers):
    first = readers.get("/tags/espace/?x=%00")
    assert_refused(first)
    assert readers.get("/tags/espace/?x=%00").status_code == 400
    assert readers.get("/tags/espace/").status_code == 200


def test_nul_in_an_admin_autocomplete_is_a_400(client, editor):
    client.force_login(editor)
    client.raise_request_exception = False
    assert_refused(client.get(reverse("admin:autocomplete"), {**AUTOCOMPLETE, "term": "\x00"}))
    ok = client.get(reverse("admin:autocomplete"), {**AUTOCOMPLETE, "term": "x"})
    assert ok.status_code == 200


def test_nul_in_a_posted_form_field_is_refused_by_the_field(client, superuser):
    """The form answers, naming the field and keeping what the editor typed."""
    client.force_login(superuser)
    client.raise_request_exception = False
    url = reverse("admin:articles_section_add")
    encoded = urlencode({"name": "Es\x00pace", "slug": "espace"})
    posts = [
        client.post(url, {"name": "Es\x00pace", "slug": "espace"}),
        client.post(url, encoded, content_type="application/x-www-form-urlencoded"),
    ]
    for response in posts:
        assert response.status_code == 200
        assert "name" in response.context["adminform"].form.errors
        assert not Section.objects.filter(slug="espace").exists()


def test_admin_search_with_nul_is_a_400(client, superuser):
    client.force_login(superuser)
    client.raise_request_exception = False
    assert_refused(client.get(reverse("admin:articles_article_changelist"), {"q": "a\x00"}))


def test_a_french_reader_is_told_in_french(client, db):
    client.raise_request_exception = False
    response = client.get("/tags/a%00b/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert "caractère NUL" in response.content.decode()

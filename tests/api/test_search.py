"""GET /api/v1/search/?q=: the site's search, in its order, with plain-text snippets."""

import pytest
from django.urls import reverse

from tests.api.conftest import API
from tests.api.test_actors import SITE, _unthrottled, refused  # noqa: F401 - the autouse fixture
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEARCH = f"{API}/search/"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_the_same_stories_in_the_same_order_as_the_search_page(client, api_world):
    ArticleFactory(title="Fusée réutilisable", body="Une fusée <b>&amp;</b> sa fusée d'appoint.")
    for q in ["fusée", "Bezos", "NASA", "espace"]:
        page = client.get(reverse("search:results"), {"q": q})
        assert titles(client.get(SEARCH, {"q": q})) == [
            story.title for story in page.context["articles"]
        ], q


def test_drafts_are_not_searched_without_a_key(client, api_world):
    assert titles(client.get(SEARCH, {"q": "Brouillon secret"})) == []


def test_snippets_are_plain_text(client, db):
    ArticleFactory(title="Fusée", body="La fusée <b>décolle</b> & « monte » vite.")
    [hit] = client.get(SEARCH, {"q": "décolle"}).json()["results"]
    assert "décolle" in hit["snippet"]
    assert "<mark>" not in hit["snippet"]
    assert "&amp;" not in hit["snippet"]
    assert "&lt;" not in hit["snippet"]


def test_the_actors_the_words_name(client, api_world):
    answer = client.get(SEARCH, {"q": "elon musk"}).json()
    assert [actor["slug"] for actor in answer["actors"]] == ["elon-musk"]
    assert answer["query"] == "elon musk"


def test_pages_follow_the_rank(client, db):
    for n in range(7):
        ArticleFactory(title=f"Satellite {n}", body="satellite")
    one_page = titles(client.get(SEARCH, {"q": "satellite", "limit": 50}))
    seen, url = [], f"{SITE}{SEARCH}?q=satellite&limit=3"
    while url:
        page = client.get(url.removeprefix(SITE)).json()
        assert len(page["results"]) <= 3
        seen += [row["title"] for row in page["results"]]
        url = page["next"]
    assert seen == one_page
    assert len(seen) == 7


@pytest.mark.parametrize("q", ["", "   ", "x" * 201, "a" * 10_000])
def test_an_empty_or_too_long_search_is_refused_by_name(client, api_world, q):
    refused(client.get(SEARCH, {"q": q}), "q")


def test_a_missing_nul_or_junk_search_is_a_4xx(client, api_world):
    refused(client.get(SEARCH), "q")
    assert client.get(SEARCH, {"q": "a\x00b"}).status_code == 400
    for junk in ["\u202e\ufeff\U0001f984", "\x01\x02", '"""', "AND OR NOT (", "*:*", "é" * 200]:
        assert client.get(SEARCH, {"q": junk}).status_code == 200, junk


def test_bad_pages_are_refused_by_name(client, api_world):
    refused(client.get(SEARCH, {"q": "fusée", "limit": 51}), "limit")
    refused(client.get(SEARCH, {"q": "fusée", "cursor": "zz"}), "cursor")


def test_a_key_searches_the_public_stories_too(client, api_world, export_key):
    # Drafts are listed by the stories route with a key; the search ranks published stories.
    assert titles(client.get(SEARCH, {"q": "Brouillon secret sur Bezos"})) == []
    assert titles(client.get(SEARCH, {"q": "fusée"})) == ["La fusée de la NASA"]

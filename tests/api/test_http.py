"""HTTP for the API: ETag and Last-Modified with 304, caching like the pages, CORS, and the
page cache retiring an API answer when what it shows changes."""

import pytest
from django.core.cache import caches
from django.utils.http import http_date

from actors.services import alias_add
from articles.services import article_publish
from tests.api.conftest import API

pytestmark = pytest.mark.django_db
LIST = f"{API}/stories/"


def test_a_repeated_request_with_its_etag_is_304(client, api_world):
    for url in (LIST, f"{LIST}?format=ninjs", f"{API}/stories/{api_world.rocket.slug}"):
        first = client.get(url)
        assert first.status_code == 200
        etag = first["ETag"]
        assert etag.startswith('"') and not etag.startswith("W/")
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == etag
        assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_last_modified_is_the_newest_change_shown_and_answers_304(client, api_world):
    story = api_world.rocket
    url = f"{API}/stories/{story.slug}"
    response = client.get(url)
    # The story or its newest public correction, whichever changed last (a correction made a
    # moment after its story may fall in the next second).
    changed = max(_changes(story))
    assert response["Last-Modified"] == http_date(changed.timestamp())
    stamp = response["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=stamp).status_code == 304
    older = http_date(changed.timestamp() - 60)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=older).status_code == 200
    newest = max(moment for s in api_world.public for moment in _changes(s))
    assert client.get(LIST)["Last-Modified"] == http_date(newest.timestamp())


def _changes(story):
    story.refresh_from_db()
    return [story.last_changed, *(c.published_at for c in story.corrections.public())]


def test_anonymous_answers_are_cached_like_pages(client, api_world):
    response = client.get(LIST)
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert "Accept" in response["Vary"]


def test_errors_are_json_everywhere_under_the_api(client, api_world):
    for url in (f"{API}/nowhere/", f"{API}/stories/a/b/c"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "errors": []}
    response = client.post(LIST)
    assert response.status_code == 405 and response.json()["detail"].startswith("Method")


def test_cors_with_any_origin(client, api_world, settings):
    settings.NEWSROOM_API_CORS_ORIGINS = ["*"]
    response = client.get(LIST, HTTP_ORIGIN="https://app.example.com")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_cors_with_a_list_echoes_allowed_origins_only(client, api_world, settings):
    settings.NEWSROOM_API_CORS_ORIGINS = ["https://app.example.com"]
    allowed = client.get(LIST, HTTP_ORIGIN="https://app.example.com")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "Origin" in allowed["Vary"]
    other = client.get(LIST, HTTP_ORIGIN="https://evil.example.net")
    assert "Access-Control-Allow-Origin" not in other
    assert "Origin" in other["Vary"]


def test_no_cors_by_default(client, api_world, settings):
    settings.NEWSROOM_API_CORS_ORIGINS = []
    assert "Access-Control-Allow-Origin" not in client.get(LIST, HTTP_ORIGIN="https://a.org")


def test_a_preflight_is_204_without_a_key(client, api_world, settings):
    settings.NEWSROOM_API_CORS_ORIGINS = ["https://app.example.com"]
    response = client.options(
        LIST,
        HTTP_ORIGIN="https://app.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "authorization"


# The page cache ---------------------------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the cache bump), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_cached_answer_costs_no_query_and_keeps_its_etag(
    client, api_world, page_cache_on, django_assert_num_queries
):
    first = client.get(LIST)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(LIST)
        revalidated = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert revalidated.status_code == 304


def test_ninjs_by_accept_has_its_own_copy(client, api_world, page_cache_on):
    plain = client.get(LIST)
    ninjs = client.get(LIST, HTTP_ACCEPT="application/ninjs+json")
    assert "uri" in ninjs.json()["items"][0] and "uri" not in plain.json()["items"][0]
    assert client.get(LIST).content == plain.content


def test_publishing_a_story_retires_the_cached_lists_and_links(
    client, api_world, page_cache_on, committed, editor
):
    detail = f"{API}/stories/{api_world.musk_bezos.slug}"
    for url in (LIST, f"{LIST}?topic=espace", f"{LIST}?format=ninjs", detail):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    with committed():
        article_publish(article=api_world.draft, by=editor)
    listed = client.get(f"{LIST}?topic=espace")
    assert listed["X-Page-Cache"] == "miss"
    assert listed.json()["items"][0]["slug"] == "brouillon-secret"
    assert client.get(LIST).json()["items"][0]["slug"] == "brouillon-secret"
    related = [link["slug"] for link in client.get(detail).json()["related"]]
    assert related == ["fusee-nasa", "brouillon-secret"]


def test_an_actors_new_alias_retires_the_lists_naming_it(
    client, api_world, page_cache_on, committed, editor
):
    client.get(LIST)
    with committed():
        alias_add(actor=api_world.bezos, name="Bezos", by=editor)
    actors = client.get(LIST).json()["items"][0]["actors"]
    assert next(a for a in actors if a["slug"] == "jeff-bezos")["aliases"] == ["Bezos"]


def test_head_answers_the_gets_headers_without_a_body(client, api_world):
    got = client.get(LIST)
    head = client.head(LIST)
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"]
    assert client.head(LIST, HTTP_IF_NONE_MATCH=got["ETag"]).status_code == 304

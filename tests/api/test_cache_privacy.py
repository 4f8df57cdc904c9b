"""The page cache and shared caches never mix a key's answers with anyone else's: a request
with a key is neither answered from the page cache nor stored in it, and its answer is
``private, no-store``; the API's answers vary on the key headers and on ``Accept``."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from api.services import apikey_create, apikey_revoke
from newsroom import pagecache

pytestmark = pytest.mark.django_db

LIST = "/api/v1/stories/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True


@pytest.fixture
def export_key(export_staff):
    return apikey_create(by=export_staff, name="Export")[1]


def vary(response) -> set[str]:
    return {name.strip().lower() for name in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("header", ["Authorization", "X-API-Key"])
def test_a_key_is_never_answered_from_the_cache_nor_stored_in_it(
    client, api_world, export_key, header
):
    headers = {header: f"Bearer {export_key}" if header == "Authorization" else export_key}
    anonymous = client.get(LIST)
    assert anonymous["X-Page-Cache"] == "miss"
    assert client.get(LIST)["X-Page-Cache"] == "hit"

    keyed = client.get(LIST, headers=headers)
    assert keyed.status_code == 200
    assert "X-Page-Cache" not in keyed
    assert api_world.draft.title in keyed.content.decode()
    assert keyed["Cache-Control"] == "private, no-store"
    assert {"authorization", "x-api-key"} <= vary(keyed)

    again = client.get(LIST)
    assert again["X-Page-Cache"] == "hit"
    assert api_world.draft.title not in again.content.decode()


def test_a_keyed_answer_on_a_cold_cache_is_not_stored_for_readers(client, api_world, export_key):
    detail = reverse("api:stories-detail", kwargs={"id_or_slug": api_world.draft.slug})
    assert client.get(detail, headers={"X-API-Key": export_key}).status_code == 200
    assert client.get(detail).status_code == 404
    keyed = client.get(LIST, headers={"Authorization": f"Bearer {export_key}"})
    assert api_world.draft.title in keyed.content.decode()
    anonymous = client.get(LIST)
    assert anonymous["X-Page-Cache"] == "miss"
    assert api_world.draft.title not in anonymous.content.decode()


def test_a_refused_key_is_not_answered_from_the_cache(client, api_world, export_staff):
    key, raw = apikey_create(by=export_staff, name="Bientôt révoquée")
    client.get(LIST)
    assert client.get(LIST)["X-Page-Cache"] == "hit"
    apikey_revoke(by=export_staff, key=key)
    refused = client.get(LIST, headers={"X-API-Key": raw})
    assert refused.status_code == 401
    assert refused["Cache-Control"] == "private, no-store"


def test_anonymous_answers_are_public_and_vary_on_key_headers_and_accept(client, api_world):
    response = client.get(LIST)
    assert "public" in response["Cache-Control"]
    assert {"accept", "authorization", "x-api-key"} <= vary(response)


def test_each_format_asked_for_by_accept_has_its_own_copy(client, api_world):
    plain = client.get(LIST)
    ninjs = client.get(LIST, HTTP_ACCEPT="application/ninjs+json")
    assert ninjs.status_code == 200
    assert ninjs.content != plain.content
    assert client.get(LIST).content == plain.content
    assert client.get(LIST, HTTP_ACCEPT="application/ninjs+json").content == ninjs.content


def test_the_cache_key_holds_the_format_accept_asks_for_under_the_api_only():
    factory = RequestFactory()

    def key(path, accept):
        return pagecache._cache_key(factory.get(path, HTTP_ACCEPT=accept))

    ninjs, json = "application/ninjs+json", "application/json"
    assert key(LIST, ninjs) != key(LIST, json)
    assert key(LIST, json) == key(LIST, "*/*")
    # A format named in the query decides: Accept no longer matters.
    assert key(LIST + "?format=ninjs", ninjs) == key(LIST + "?format=ninjs", json)
    assert key("/", ninjs) == key("/", json)


def test_credentials_send_any_page_past_the_cache(client, api_world):
    story = api_world.musk_bezos.get_absolute_url()
    client.get(story)
    assert client.get(story)["X-Page-Cache"] == "hit"
    basic = client.get(story, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert "X-Page-Cache" not in basic
    assert basic["Cache-Control"] == "private, no-store"

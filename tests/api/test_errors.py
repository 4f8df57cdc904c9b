"""Every API error is JSON in one documented shape, with a message naming what was wrong."""

import pytest
from django.core.cache import caches

from tests.api.conftest import API

pytestmark = pytest.mark.django_db
LIST = f"{API}/stories/"


def test_too_many_requests_is_429_with_retry_after(client, api_world, settings):
    settings.NEWSROOM_API_ANON_RATE = "2/min"
    caches["throttle"].clear()
    try:
        statuses = [client.get(LIST).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        refused = client.get(LIST)
        assert refused.status_code == 429
        assert int(refused["Retry-After"]) >= 1
        assert refused.json()["detail"].startswith("Too many requests")
        assert refused.json()["errors"] == []
    finally:
        caches["throttle"].clear()


def test_a_bad_key_is_401_in_the_same_shape(client, api_world):
    response = client.get(LIST, HTTP_AUTHORIZATION="Bearer nr_not-a-key")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_a_validation_error_names_each_parameter(client, api_world):
    response = client.get(f"{LIST}?limit=abc&format=pdf&language=zz")
    assert response.status_code == 400
    body = response.json()
    assert [error["parameter"] for error in body["errors"]] == ["format", "language", "limit"]
    assert body["detail"] == "Invalid parameters: format, language, limit."


def test_the_error_shape_is_documented_for_every_story_route(client):
    document = client.get(f"{API}/openapi.json").json()
    error = document["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"detail", "errors"}
    for path in ("/api/v1/stories/", "/api/v1/stories/{id_or_slug}"):
        responses = document["paths"][path]["get"]["responses"]
        for status in ("400", "404", "429"):
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)


@pytest.mark.parametrize(
    "query",
    [
        "published_since=9999-12-31&published_until=9999-12-31",
        "updated_since=0000-00-00",
        "limit=-1e309",
        "limit=1" + "0" * 400,
        "cursor=" + "%FF" * 40,
        "topic=%EF%BF%BF&actor=%F4%8F%BF%BF&section=" + "s" * 10000,
        "status=draft&status=nope",
        "language=" + "\u202e" * 50,
    ],
)
def test_hostile_input_is_never_a_500(client, api_world, query):
    response = client.get(f"{LIST}?{query}")
    assert 400 <= response.status_code < 500, response.content
    assert response.json()["errors"]


def test_a_nul_in_the_address_is_refused_in_the_apis_shape(client, api_world):
    response = client.get(f"{LIST}?topic=a%00b")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "NUL" in response.json()["detail"]
    assert [error["parameter"] for error in response.json()["errors"]] == ["topic"]

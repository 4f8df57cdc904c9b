"""Rate limits: anonymous callers per client address (the address the login throttle uses,
behind a proxy too), each key on its own at its own rate; 429 with Retry-After past the
limit; and with the cache unreachable the API keeps answering."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from api.services import apikey_create
from newsroom import cache as resilient
from tests.newsroom.test_degrade import redis_caches

pytestmark = pytest.mark.django_db

URL = "/api/v1/sections/"


@pytest.fixture(autouse=True)
def _low_rates(settings):
    # A copy from the page cache costs nothing and is not counted: every request here must
    # reach the API.
    settings.NEWSROOM_PAGE_CACHE = False
    settings.NEWSROOM_API_ANON_RATE = "3/min"
    settings.NEWSROOM_API_KEY_RATE = "5/min"
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


def calls(client, count: int, **headers) -> list:
    return [client.get(URL, headers=headers) for _ in range(count)]


def test_an_anonymous_caller_past_the_limit_gets_429_with_retry_after(client, english):
    answers = calls(client, 4)
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused["Content-Type"].startswith("application/json")
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 60
    assert f"try again in {wait} seconds" in refused.json()["detail"]
    assert "public" not in refused.get("Cache-Control", "")


def test_the_limit_is_per_address(client):
    calls(client, 3)
    assert client.get(URL, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert client.get(URL).status_code == 429


def test_the_setting_is_read_on_each_request(client, settings):
    calls(client, 3)
    settings.NEWSROOM_API_ANON_RATE = "10/min"
    assert client.get(URL).status_code == 200


def test_a_rate_that_is_not_one_falls_back_to_the_default(client, settings, caplog):
    settings.NEWSROOM_API_ANON_RATE = "beaucoup"
    assert [a.status_code for a in calls(client, 3)] == [200] * 3
    assert "NEWSROOM_API_ANON_RATE='beaucoup' is not a rate" in caplog.text


def test_behind_a_proxy_the_address_it_appended_counts(client, settings):
    """The rule of the login throttle: the right-most address of the proxy's header; what
    the client writes before it cannot dodge the limit."""
    settings.NEWSROOM_LOGIN_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        response = client.get(URL, HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.9")
        assert response.status_code == 200
    assert client.get(URL, HTTP_X_FORWARDED_FOR="4.4.4.4, 203.0.113.9").status_code == 429
    # Another client behind the same proxy (same REMOTE_ADDR) is not held up.
    assert client.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 200


def test_a_key_has_its_own_higher_limit(client, editor):
    _key, raw = apikey_create(by=editor, name="Partenaire")
    calls(client, 3)
    assert client.get(URL).status_code == 429  # the address is spent for anonymous calls
    keyed = calls(client, 6, Authorization=f"Bearer {raw}")
    assert [a.status_code for a in keyed] == [200] * 5 + [429]
    assert int(keyed[-1]["Retry-After"]) > 0
    _other, other_raw = apikey_create(by=editor, name="Autre partenaire")
    assert client.get(URL, headers={"X-API-Key": other_raw}).status_code == 200


def test_the_api_keeps_answering_while_the_cache_is_unreachable(client):
    resilient._servers.clear()
    try:
        with override_settings(CACHES=redis_caches("redis://127.0.0.1:1/0")):
            answers = calls(client, 6)
    finally:
        for server in resilient._servers.values():
            if server.retry_timer is not None:
                server.retry_timer.cancel()
        resilient._servers.clear()
    assert [a.status_code for a in answers] == [200] * 6


def test_a_cache_that_raises_lets_the_request_through(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(type(caches["throttle"]), "get", broken)
    assert [a.status_code for a in calls(client, 5)] == [200] * 5

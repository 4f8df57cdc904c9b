"""Redis down: readers still get pages, staff still log in, and the cache comes back by itself.

The caches are configured as the settings configure them with REDIS_URL
(newsroom.cache.ResilientRedisCache), first against a port nobody listens on, then against a
redis-server of the test's own that is stopped, paused and started again.
"""

import logging
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from newsroom import cache as resilient
from tests.factories import ArticleFactory, SectionFactory, UserFactory

RETRY_AFTER = 0.3
TIMEOUTS = {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}
PASSWORD = "correct-horse-battery"


def redis_caches(url: str, retry_after: float = RETRY_AFTER) -> dict:
    """The three caches of settings.py with REDIS_URL=url, retrying sooner for the tests."""
    options = {"RETRY_AFTER_SECONDS": retry_after, **TIMEOUTS}
    return {
        alias: {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": options,
        }
        for alias, prefix in [
            ("default", "newsroom"),
            ("pages", "newsroom-pages"),
            ("throttle", "newsroom-throttle"),
        ]
    }


@pytest.fixture(autouse=True)
def fresh_breakers(settings):
    """Each test starts with no remembered outage, and leaves no retry timer behind."""
    settings.NEWSROOM_PAGE_CACHE = True
    settings.NEWSROOM_LIST_COUNT_CACHE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    resilient._servers.clear()
    yield
    for server in resilient._servers.values():
        if server.retry_timer is not None:
            server.retry_timer.cancel()
    resilient._servers.clear()


@pytest.fixture
def story(db):
    section = SectionFactory(name="Politique", slug="politique")
    return ArticleFactory(section=section, title="Le budget est voté", slug="budget")


def count_connections(monkeypatch) -> list:
    attempts = []
    connect = redis.connection.AbstractConnection.connect

    def counting(self):
        attempts.append(1)
        return connect(self)

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", counting)
    return attempts


# Redis unreachable from the start ----------------------------------------------------------


@pytest.fixture
def dead_redis():
    with override_settings(CACHES=redis_caches("redis://127.0.0.1:1/0")):
        yield


@pytest.mark.django_db
def test_readers_get_pages_while_redis_is_unreachable(client, story, dead_redis):
    for url in ["/", story.get_absolute_url(), story.section.get_absolute_url(), "/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Le budget est voté" in response.content.decode(), url


@pytest.mark.django_db
def test_staff_log_in_while_redis_is_unreachable(client, dead_redis):
    UserFactory(username="camille", is_superuser=True)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "camille", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    # A wrong password is still refused (nothing is counted, but nothing breaks).
    client.logout()
    wrong = client.post("/admin/login/", {"username": "camille", "password": "guess"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_dead_redis_is_tried_once_per_interval_not_on_every_call(
    client, story, monkeypatch, caplog
):
    attempts = count_connections(monkeypatch)
    caplog.set_level(logging.WARNING, logger="newsroom.cache")
    # The production interval: twenty pages, each asking the caches several times, fit in it.
    with override_settings(CACHES=redis_caches("redis://127.0.0.1:1/0", retry_after=5)):
        started = time.perf_counter()
        for _ in range(20):
            assert client.get("/").status_code == 200
        elapsed = time.perf_counter() - started
    assert elapsed < 5
    assert len(attempts) == 1
    warnings = [r for r in caplog.records if r.name == "newsroom.cache"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].getMessage()
    assert "127.0.0.1:1" in warnings[0].getMessage()


@pytest.mark.django_db
def test_readiness_names_the_caches_that_are_down(client, dead_redis):
    assert client.get("/healthz").status_code == 200  # liveness ignores the cache
    response = client.get("/readyz")
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "unavailable"
    assert sorted(report["down"]) == ["cache:default", "cache:pages", "cache:throttle"]
    assert report["checks"]["database"] == "ok"
    assert report["checks"]["media"] == "ok"


@pytest.mark.django_db
def test_readiness_is_ok_when_every_dependency_is_up(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "down": [],
        "checks": {
            "database": "ok",
            "media": "ok",
            "cache:default": "ok",
            "cache:pages": "ok",
            "cache:throttle": "ok",
        },
    }


@pytest.mark.django_db
def test_readiness_names_unwritable_media_storage(client, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["down"] == ["media"]


@pytest.mark.django_db
def test_readiness_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/readyz").status_code == 200
    assert client.get("/").status_code == 301


# A redis-server of our own -------------------------------------------------------------


class RedisServer:
    """A redis-server on a free port; started again, it reloads what ``snapshot()`` saved."""

    def __init__(self, directory):
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        command = [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        command += ["--dir", str(self.directory)]
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            command,
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 5
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def snapshot(self):
        redis.Redis(port=self.port).save()

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not on PATH: the outage and recovery cannot be staged")
    server = RedisServer(tmp_path)
    server.start()
    try:
        with override_settings(CACHES=redis_caches(server.url)):
            yield server
    finally:
        if server.process is not None:
            server.process.send_signal(signal.SIGCONT)
        server.stop()


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local server
            return response.status, response.headers.get("X-Page-Cache", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", error.read()


def wait_until_ready(url: str) -> int:
    deadline = time.monotonic() + 5
    while (status := fetch(url)[0]) != 200 and time.monotonic() < deadline:
        time.sleep(0.05)
    return status


@pytest.mark.django_db(transaction=True)
def test_redis_stopped_and_started_again_under_a_running_server(live_server, own_redis):
    story = ArticleFactory(title="Le budget est voté", slug="budget")
    home, page, ready = (
        live_server.url + "/",
        live_server.url + story.get_absolute_url(),
        live_server.url + "/readyz",
    )
    assert fetch(ready)[0] == 200
    assert fetch(home)[1] == "miss"
    assert fetch(home)[1] == "hit"

    own_redis.stop()
    for url in (home, page, home):
        status, cached, body = fetch(url)
        assert status == 200, url
        assert "Le budget est voté" in body.decode()
        assert cached == "miss"
    assert fetch(ready)[0] == 503

    own_redis.start()
    assert wait_until_ready(ready) == 200
    assert fetch(page)[1] == "miss"
    assert fetch(page)[1] == "hit"


@pytest.mark.django_db
def test_a_change_made_while_redis_was_down_leaves_no_stale_page(
    client, own_redis, django_capture_on_commit_callbacks
):
    """Redis comes back *with its data* (its last snapshot): the pages cached before the
    change must not be served again, although the generation bump never reached Redis."""
    story = ArticleFactory(title="Le budget est voté", slug="budget")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    own_redis.snapshot()

    own_redis.stop()
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="Le ministre démissionne", slug="demission")
    while_down = client.get("/")
    assert while_down.status_code == 200
    assert "Le ministre démissionne" in while_down.content.decode()

    own_redis.start()
    assert redis.Redis(port=own_redis.port).keys("newsroom-pages:*page:*")  # the old page
    time.sleep(RETRY_AFTER + 0.05)
    after = client.get("/")
    assert "Le ministre démissionne" in after.content.decode()
    assert after["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get(story.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_lost_writes_are_replayed_without_another_request(own_redis):
    """The process that bumped the generation during the outage may serve nothing more; its
    retry still clears the old generation, so other processes stop serving old pages."""
    pages = caches["pages"]
    pages.set("content-generation", "before", timeout=None)
    own_redis.snapshot()
    own_redis.stop()
    pages.set("content-generation", "after", timeout=None)  # lost
    own_redis.start()
    other_process = redis.Redis(port=own_redis.port)
    assert other_process.keys("newsroom-pages:*content-generation")  # "before", reloaded
    deadline = time.monotonic() + 3
    while other_process.keys("newsroom-pages:*content-generation") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert other_process.keys("newsroom-pages:*content-generation") == []


@pytest.mark.django_db
def test_a_hung_redis_does_not_hang_readers(client, own_redis, monkeypatch, caplog):
    ArticleFactory(title="Le budget est voté", slug="budget")
    own_redis.process.send_signal(signal.SIGSTOP)  # accepts connections, never answers
    attempts = count_connections(monkeypatch)
    caplog.set_level(logging.WARNING, logger="newsroom.cache")
    with override_settings(CACHES=redis_caches(own_redis.url, retry_after=5)):
        started = time.perf_counter()
        for _ in range(5):
            assert client.get("/").status_code == 200
        elapsed = time.perf_counter() - started
    # One socket timeout (0.2 s here), then no more tries until the retry interval ends.
    assert len(attempts) == 1
    assert ["TimeoutError" in r.getMessage() for r in caplog.records] == [True]
    assert elapsed < 3

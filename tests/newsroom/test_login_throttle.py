"""The login throttle holds: it counts the account as Django authenticates it, locks it out
from the guessing address only, shares its counts between server processes, can be listed
and lifted by an operator, and never stands between a user and the desk when its cache fails.
"""

import logging
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.management import CommandError, call_command
from django.test import override_settings

from newsroom import throttle
from tests.factories import UserFactory
from tests.newsroom.test_settings import _production_settings

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct-horse-battery"
REFUSED = "Too many failed attempts"
HERE, ELSEWHERE = "198.51.100.7", "203.0.113.9"
VARIANTS = ["editor2 ", " editor2", "editor2\t", "ｅｄｉｔｏｒ2", "𝐞𝐝𝐢𝐭𝐨𝐫2"]


@pytest.fixture(autouse=True)
def fast_and_fresh(settings, english):
    # A fast hasher: the default one makes each of these many attempts take half a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


@pytest.fixture
def editor2():
    return UserFactory(username="editor2", groups=["Editor"])


def attempt(client, username, password, ip=HERE):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def lock_out(client, username="editor2", ip=HERE):
    for _ in range(5):
        assert REFUSED not in attempt(client, username, "guess", ip=ip).content.decode()


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_spelling_of_a_locked_account_is_refused(client, editor2, variant):
    # Django logs the variant in as editor2: without the lock, it is the right login.
    assert logged_in(attempt(client, variant, PASSWORD))
    client.logout()
    lock_out(client)
    response = attempt(client, variant, PASSWORD)
    assert not logged_in(response)
    assert REFUSED in response.content.decode()


def test_failures_under_every_spelling_count_for_the_one_account(client, editor2):
    for variant in VARIANTS:
        attempt(client, variant, "guess")
    response = attempt(client, "EDITOR2", PASSWORD)
    assert REFUSED in response.content.decode()
    assert not logged_in(attempt(client, "editor2", PASSWORD))


def test_a_lockout_from_one_address_does_not_lock_the_user_out_elsewhere(client, editor2):
    lock_out(client, ip=HERE)
    assert REFUSED in attempt(client, "editor2", PASSWORD, ip=HERE).content.decode()
    assert logged_in(attempt(client, "editor2", PASSWORD, ip=ELSEWHERE))


def test_production_counts_in_files_every_process_of_the_machine_shares():
    values = _production_settings({"NEWSROOM_THROTTLE_CACHE_DIR": "/srv/throttle"}, "CACHES")
    assert values["CACHES"]["throttle"]["BACKEND"].endswith("FileBasedCache")
    assert values["CACHES"]["throttle"]["LOCATION"] == "/srv/throttle"
    with_redis = _production_settings({"REDIS_URL": "redis://cache:6379/0"}, "CACHES")
    assert with_redis["CACHES"]["throttle"]["BACKEND"].endswith("RedisCache")


def test_two_processes_on_one_machine_add_up_their_counts(client, editor2, tmp_path, monkeypatch):
    # Two gunicorn workers: two cache clients over the same directory, taking turns.
    workers = [FileBasedCache(str(tmp_path), {}), FileBasedCache(str(tmp_path), {})]
    turn = {"next": 0}

    def next_worker():
        turn["next"] += 1
        return workers[turn["next"] % 2]

    monkeypatch.setattr(throttle, "_cache", next_worker)
    lock_out(client)
    response = attempt(client, "editor2", PASSWORD)
    assert REFUSED in response.content.decode()
    assert [entry["failures"] for entry in throttle.lockouts()] == [5]


def test_the_command_lists_the_lockouts_and_lifts_one(client, editor2):
    UserFactory(username="chief", groups=["Editor"])
    lock_out(client, "ｅｄｉｔｏｒ2", ip=HERE)
    lock_out(client, "chief", ip=ELSEWHERE)
    out = call_command_output()
    assert "editor2\t198.51.100.7\t5\t" in out
    assert "chief\t203.0.113.9\t5\t" in out

    call_command("login_lockouts", clear=True, username="EDITOR2", address=HERE)
    assert logged_in(attempt(client, "editor2", PASSWORD, ip=HERE))
    assert "editor2" not in call_command_output()
    assert REFUSED in attempt(client, "chief", PASSWORD, ip=ELSEWHERE).content.decode()


def test_the_command_lifts_them_all_but_only_when_told_which(client, editor2):
    lock_out(client)
    with pytest.raises(CommandError):
        call_command("login_lockouts", clear=True)
    call_command("login_lockouts", clear=True, all=True)
    assert "No login lockout in force." in call_command_output()
    assert logged_in(attempt(client, "editor2", PASSWORD))


def test_an_address_guessing_many_accounts_is_listed_for_every_account(client, editor2):
    for number in range(20):
        attempt(client, f"someone{number}", "guess")
    assert "*\t198.51.100.7\t20\t" in call_command_output()


def call_command_output() -> str:
    out = StringIO()
    call_command("login_lockouts", stdout=out)
    return out.getvalue()


class BrokenCache(BaseCache):
    """A cache whose server is down: every call raises."""

    def __init__(self, location, params):
        super().__init__(params)

    def __getattribute__(self, name):
        if name in {"get", "get_many", "add", "set", "incr", "touch", "delete", "delete_many"}:
            raise ConnectionError("cache server down")
        return super().__getattribute__(name)


@pytest.mark.parametrize(
    "backend",
    [
        {"BACKEND": f"{__name__}.BrokenCache"},
        # A real Redis client against a closed port.
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    ],
    ids=["raising", "redis-closed-port"],
)
def test_a_broken_cache_counts_nothing_but_never_keeps_the_user_out(
    client, editor2, settings, caplog, backend
):
    with override_settings(CACHES={**settings.CACHES, "throttle": backend}):
        for _ in range(6):
            response = attempt(client, "editor2", "guess")
            assert response.status_code == 200
            assert REFUSED not in response.content.decode()
        assert logged_in(attempt(client, "editor2", PASSWORD))
    assert "Login throttle cache unreachable" in caplog.text


def test_a_failed_login_is_logged_with_the_address_and_never_the_password(client, editor2, caplog):
    with caplog.at_level(logging.WARNING, logger="newsroom.security"):
        attempt(client, " ｅｄｉｔｏｒ2", "hunter2-secret")
    lines = [r.getMessage() for r in caplog.records if r.name == "newsroom.security"]
    assert lines == ["Failed admin login for username 'editor2' from address 198.51.100.7"]
    assert "hunter2-secret" not in caplog.text

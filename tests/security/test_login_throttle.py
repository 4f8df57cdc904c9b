"""Guessing an admin password is slowed down: repeated failures for one account from one
address, or for any account from one address, are refused for a while, whatever the password;
a success clears the account's count. Django's password validators refuse weak passwords.
(Username variants, other addresses, shared counts: tests/newsroom/test_login_throttle.py.)"""

import time
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct-horse-battery"
REFUSED_FR = "Trop de tentatives de connexion"
REFUSED_EN = "Too many failed attempts"


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    # A fast hasher: the default one makes each of these many attempts take half a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    caches["throttle"].clear()
    yield
    caches["throttle"].clear()


@pytest.fixture
def chief():
    return UserFactory(username="chief", groups=["Editor"])


def attempt(client, username, password, ip="198.51.100.7", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        headers=headers,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, chief):
    for _ in range(5):
        response = attempt(client, "chief", "guess")
        assert REFUSED_FR not in response.content.decode()
    response = attempt(client, "chief", PASSWORD)
    assert not logged_in(response)
    assert REFUSED_FR in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_message_is_in_the_readers_language(client, chief):
    for _ in range(6):
        response = attempt(client, "chief", "guess", **{"accept-language": "en"})
    assert "Too many failed attempts to log in to this account or from this address." in (
        response.content.decode()
    )
    assert "Wait 15 minutes" in response.content.decode()


def test_the_lock_counts_the_account_whatever_its_case(client, chief):
    for number in range(5):
        attempt(client, "CHIEF" if number % 2 else "chief", "guess")
    response = attempt(client, "chief", PASSWORD)
    assert REFUSED_FR in response.content.decode()


def test_a_success_before_the_limit_clears_the_count(client, chief):
    for _ in range(4):
        attempt(client, "chief", "guess")
    assert logged_in(attempt(client, "chief", PASSWORD))
    client.logout()
    for _ in range(4):
        attempt(client, "chief", "guess")
    assert logged_in(attempt(client, "chief", PASSWORD))


def test_another_account_from_elsewhere_is_not_locked_out(client, chief):
    UserFactory(username="deputy", groups=["Editor"])
    for _ in range(6):
        attempt(client, "chief", "guess")
    assert logged_in(attempt(client, "deputy", PASSWORD, ip="192.0.2.99"))


def test_one_address_trying_many_accounts_is_refused_for_all(client, chief):
    for number in range(20):
        attempt(client, f"someone{number}", "guess")
    response = attempt(client, "chief", PASSWORD)
    assert REFUSED_FR in response.content.decode()
    assert logged_in(attempt(client, "chief", PASSWORD, ip="192.0.2.99"))


def test_the_lock_opens_again_after_the_window(client, chief, monkeypatch):
    for _ in range(5):
        attempt(client, "chief", "guess")
    assert not logged_in(attempt(client, "chief", PASSWORD))
    later = time.time() + 15 * 60 + 1
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))
    assert logged_in(attempt(client, "chief", PASSWORD))


@override_settings(NEWSROOM_LOGIN_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_a_proxy_a_forged_forwarded_for_does_not_escape_the_address_limit(client, chief):
    for number in range(20):
        # The client writes what it likes first; the proxy appends the address it saw.
        forwarded = f"10.0.0.{number}, 198.51.100.7"
        attempt(client, f"someone{number}", "guess", ip="127.0.0.1", x_forwarded_for=forwarded)
    response = attempt(
        client, "chief", PASSWORD, ip="127.0.0.1", x_forwarded_for="10.9.9.9, 198.51.100.7"
    )
    assert REFUSED_FR in response.content.decode()
    other = attempt(client, "chief", PASSWORD, ip="127.0.0.1", x_forwarded_for="192.0.2.1")
    assert logged_in(other)


@pytest.mark.parametrize(
    "password, complaint",
    [
        ("12345678", "entièrement numérique"),
        ("motdepasse", "trop courant"),
        ("short1!", "trop court"),
        ("correspondant-chief", "trop semblable"),
    ],
)
def test_weak_passwords_are_refused_when_an_account_is_created(client, password, complaint):
    client.force_login(UserFactory(username="root", is_superuser=True))
    response = client.post(
        "/admin/auth/user/add/",
        {
            "username": "chief-correspondant",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    assert complaint in response.content.decode()

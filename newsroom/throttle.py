"""A brake on guessing admin passwords that an attacker can neither dodge nor turn on a user.

Failures are counted per (username, client address) and per address, in the "throttle" cache
that every server process shares (Redis, or files on one machine; see settings.CACHES). The
username is keyed as Django authenticates it, so "editor2 " or "ｅｄｉｔｏｒ2" count as
"editor2"; a lockout holds from the guessing address only, so nobody elsewhere can lock the
real user out. If the cache is unreachable the login still works: nothing is counted, and a
warning says so.
"""

import hashlib
import logging
import time
import unicodedata

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import caches
from django.utils.translation import ngettext

from common.addresses import client_ip

logger = logging.getLogger("newsroom.security")

CACHE_ALIAS = "throttle"
INDEX_KEY = "login-lockouts"
# The index only serves `manage.py login_lockouts`; bounded so a flood cannot grow it.
INDEX_SIZE = 500


def normalize_username(raw) -> str:
    """The username as the login form cleans it (stripped, NFKC), then case-folded."""
    return unicodedata.normalize("NFKC", str(raw or "").strip()).strip().casefold()


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def window() -> int:
    return _setting("NEWSROOM_LOGIN_LOCKOUT_SECONDS", 900)


def _cache():
    return caches[CACHE_ALIAS]


def _key(username: str, address: str) -> str:
    # Hashed: usernames are user input, and cache backends restrict key characters.
    digest = hashlib.sha256(f"{username}\0{address}".encode("utf-8", "replace")).hexdigest()
    return f"login-failures:{digest}"


class LoginThrottle:
    """The failure counts of one attempt: its (username, address) pair and its address.

    Each failure opens or extends a window of NEWSROOM_LOGIN_LOCKOUT_SECONDS; past a limit,
    every attempt from that address (even with the right password) is refused until the
    window after the last failure closes. A success clears the pair's count.
    """

    def __init__(self, *, username, address: str):
        self.username = normalize_username(username)
        self.address = address or ""
        # An empty username stands for "any account" in the address-wide count.
        self.counts = {
            (self.username, self.address): _setting("NEWSROOM_LOGIN_FAILURE_LIMIT", 5),
            ("", self.address): _setting("NEWSROOM_LOGIN_IP_FAILURE_LIMIT", 20),
        }

    def is_locked(self) -> bool:
        try:
            found = _cache().get_many([_key(*pair) for pair in self.counts])
        except Exception:  # noqa: BLE001 - any backend failure: degrade, never 500
            logger.warning("Login throttle cache unreachable: attempt not checked", exc_info=True)
            return False
        return any(found.get(_key(*pair), 0) >= limit for pair, limit in self.counts.items())

    def failed(self) -> None:
        logger.warning(
            "Failed admin login for username %r from address %s", self.username, self.address
        )
        try:
            for pair, limit in self.counts.items():
                if _increment(_key(*pair)) >= limit:
                    _remember(pair)
                    logger.warning(
                        "Admin login locked for username %r from address %s",
                        pair[0] or "*",
                        pair[1],
                    )
        except Exception:  # noqa: BLE001
            logger.warning("Login throttle cache unreachable: failure not counted", exc_info=True)

    def succeeded(self) -> None:
        try:
            _cache().delete(_key(self.username, self.address))
        except Exception:  # noqa: BLE001
            logger.warning("Login throttle cache unreachable: count not cleared", exc_info=True)


def _increment(key: str) -> int:
    cache = _cache()
    cache.add(key, 0, timeout=window())
    try:
        count = cache.incr(key)  # atomic on Redis
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=window())
        return 1
    # Not every backend's incr() keeps the expiry (the file cache's does not): restate it.
    cache.touch(key, timeout=window())
    return count


def _remember(pair) -> None:
    """Add a lockout to the index `login_lockouts` lists (best effort across processes)."""
    cache, now = _cache(), time.time()
    index = {key: entry for key, entry in _index().items() if entry["until"] > now}
    index[_key(*pair)] = {"username": pair[0], "address": pair[1], "until": now + window()}
    # Bounded: the lockouts closest to their end are dropped first.
    newest = sorted(index.items(), key=lambda item: item[1]["until"])[-INDEX_SIZE:]
    cache.set(INDEX_KEY, dict(newest), timeout=window())


def _index() -> dict:
    index = _cache().get(INDEX_KEY)
    return index if isinstance(index, dict) else {}


def lockouts(*, username=None, address=None) -> list[dict]:
    """The current lockouts (username "" for a whole address), optionally filtered."""
    cache, now = _cache(), time.time()
    index = _index()
    counts = cache.get_many(list(index))
    found = []
    for key, entry in index.items():
        if entry["until"] <= now or key not in counts:
            continue
        if username is not None and entry["username"] != normalize_username(username):
            continue
        if address is not None and entry["address"] != address:
            continue
        found.append({**entry, "key": key, "failures": counts[key]})
    return sorted(found, key=lambda entry: (entry["username"], entry["address"]))


def clear(entries: list[dict]) -> None:
    """Lift the given lockouts (as `lockouts()` returns them) and forget their counts."""
    cache = _cache()
    keys = [entry["key"] for entry in entries]
    cache.delete_many(keys)
    index = _index()
    for key in keys:
        index.pop(key, None)
    cache.set(INDEX_KEY, index, timeout=window())


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    def clean(self):
        throttle = LoginThrottle(
            username=self.data.get("username", ""), address=client_ip(self.request)
        )
        if throttle.is_locked():
            minutes = max(1, window() // 60)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed attempts to log in to this account or from this address. "
                    "Wait %(minutes)s minute and try again.",
                    "Too many failed attempts to log in to this account or from this address. "
                    "Wait %(minutes)s minutes and try again.",
                    minutes,
                ),
                code="throttled",
                params={"minutes": minutes},
            )
        try:
            cleaned_data = super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                throttle.failed()
            raise
        throttle.succeeded()
        return cleaned_data

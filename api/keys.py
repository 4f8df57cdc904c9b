"""Who is calling the API: a key, or nobody (anonymous), and how often each may call.

``AUTH`` is the NinjaAPI's auth list. A key comes as ``Authorization: Bearer <key>`` or as
``X-API-Key: <key>`` (both documented in the OpenAPI document); no key at all is an
anonymous reader. A key that is unknown, revoked or expired, or a header that holds no key,
is refused with a 401 naming the problem, never taken for anonymous: a partner whose key
stopped working must learn it, not silently get less.

``THROTTLES`` limits anonymous callers per client address (``NEWSROOM_API_ANON_RATE``) and
each key on its own (``NEWSROOM_API_KEY_RATE``). The counts live in the "throttle" cache the
login throttle uses (shared by the processes; Redis when configured): while it is
unreachable nothing is counted and the API keeps answering. An anonymous answer served from
the page cache costs no query and is not counted: the limit protects the database.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyHeader, HttpBearer
from ninja.throttling import AnonRateThrottle, SimpleRateThrottle

from api.models import ApiKey
from common.addresses import client_ip

logger = logging.getLogger(__name__)

CACHE_ALIAS = "throttle"
DEFAULT_KEY_RATE = "1200/min"
# last_used_at is for people (is this key still used?): a minute's precision is plenty, and
# it spares a write per request.
LAST_USED_PRECISION = timedelta(minutes=1)


class KeyRefused(HttpError):
    """A 401 whose message says what is wrong with the key sent (an HttpError: the API's
    errors answer its own message)."""

    def __init__(self, message: str):
        super().__init__(401, message)


def _key_for(request, raw: str) -> ApiKey:
    raw = raw.strip()
    if not raw:
        raise KeyRefused(_("The API key is empty."))
    # From the primary database: a revocation applies at once, not after a replica's lag.
    primary = router.db_for_write(ApiKey)
    key = ApiKey.objects.using(primary).matching(raw).select_related("owner").first()
    if key is None or not key.matches(raw):
        raise KeyRefused(_("Unknown API key: check that it was copied whole."))
    if key.is_revoked():
        raise KeyRefused(_("This API key was revoked: ask the newsroom for a new one."))
    if key.is_expired():
        raise KeyRefused(_("This API key has expired: ask the newsroom for a new one."))
    if not key.owner.is_active:
        raise KeyRefused(_("This API key's owner no longer has an account here."))
    _note_use(key)
    request.api_key = key
    return key


def _note_use(key: ApiKey) -> None:
    """Stamp last_used_at at most once a minute, never making the read wait for a lock: a
    stamp that would wait is skipped (the next request a minute on tries again)."""
    now = timezone.now()
    if key.last_used_at is not None and now - key.last_used_at < LAST_USED_PRECISION:
        return
    alias = router.db_for_write(ApiKey)
    stale = ApiKey.objects.using(alias).filter(pk=key.pk, last_used_at=key.last_used_at)
    try:
        if connections[alias].vendor == "sqlite":
            _without_waiting_sqlite(connections[alias], lambda: stale.update(last_used_at=now))
        else:
            with transaction.atomic(using=alias):
                # Only the row nobody holds: a revocation in progress wins, this waits not.
                held = stale.select_for_update(skip_locked=True).values_list("pk", flat=True)
                ApiKey.objects.using(alias).filter(pk__in=list(held)).update(last_used_at=now)
    except DatabaseError:
        logger.info("API key %s: last use not recorded (database busy)", key.prefix)
        return
    key.last_used_at = now


def _without_waiting_sqlite(connection, write) -> None:
    """Run ``write`` with SQLite's busy timeout at zero: refused at once if a save holds the
    write lock, instead of waiting for it."""
    if connection.in_atomic_block:
        write()  # inside a test's or a caller's transaction: the lock is already ours
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (waited,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout = 0")
        try:
            write()
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(waited)}")


class BearerKey(HttpBearer):
    """``Authorization: Bearer <key>``."""

    def authenticate(self, request, token):
        return _key_for(request, token or "")


class HeaderKey(APIKeyHeader):
    """``X-API-Key: <key>``."""

    param_name = "X-API-Key"

    def authenticate(self, request, key):
        if key is None:
            return None
        return _key_for(request, key)


class Anonymous:
    """What ``request.auth`` holds for a caller without a key."""

    def __bool__(self):
        return True  # ninja keeps the first truthy answer of its auth list

    def __str__(self):
        return "anonymous"


ANONYMOUS = Anonymous()


def anonymous(request):
    """No key sent: an anonymous reader. An Authorization header that is not a bearer key
    (Basic, Token…) reaches here too: refused, naming what to send."""
    if "Authorization" in request.headers:
        raise KeyRefused(
            _("Send the API key as “Authorization: Bearer <key>” or as “X-API-Key: <key>”.")
        )
    request.api_key = None
    return ANONYMOUS


AUTH = [BearerKey(), HeaderKey(), anonymous]


class _SettingRate:
    """Reads its rate from a setting on every request (a changed setting, or a test's
    override, takes effect at once) and counts in the shared "throttle" cache; a cache that
    fails lets the request through."""

    setting = ""
    default = ""

    def __init__(self):  # ninja parses the rate once here; it is read per request instead
        self.rate = None

    @property
    def cache(self):
        return caches[CACHE_ALIAS]

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, self.setting, self.default)
        try:
            self.num_requests, self.duration = self.parse_rate(self.rate)
        except ValueError:
            # A typo in the environment must not take the API down: the default holds.
            logger.error(
                "%s=%r is not a rate like 120/min: %s used", self.setting, self.rate, self.default
            )
            self.rate = self.default
            self.num_requests, self.duration = self.parse_rate(self.rate)
        self.history = []
        try:
            return super().allow_request(request)
        except Exception:  # noqa: BLE001 - a limit that cannot be counted is not enforced
            logger.warning("API rate limit cache unreachable: request not counted", exc_info=True)
            return True


class AnonymousRate(_SettingRate, AnonRateThrottle):
    """Anonymous callers, per client address."""

    setting = "NEWSROOM_API_ANON_RATE"
    default = "120/min"

    def get_cache_key(self, request):
        if isinstance(getattr(request, "auth", None), ApiKey):
            return None
        return self.cache_format % {"scope": "api-anon", "ident": client_ip(request)}


class KeyRate(_SettingRate, SimpleRateThrottle):
    """Each key on its own, at a higher rate: a partner's mirror is not a stranger."""

    setting = "NEWSROOM_API_KEY_RATE"
    default = DEFAULT_KEY_RATE

    def get_cache_key(self, request):
        key = getattr(request, "auth", None)
        if not isinstance(key, ApiKey):
            return None
        return self.cache_format % {"scope": "api-key", "ident": key.pk}


THROTTLES = [AnonymousRate(), KeyRate()]

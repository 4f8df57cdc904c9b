"""A Redis cache that turns into no cache while Redis is unreachable, and back by itself.

A cache is an optimisation: when Redis is down, readers should get pages rendered afresh,
and staff should log in, rather than an error. While a call fails with a connection error or
a timeout, this backend answers as Django's DummyCache does (a miss, a write that stores
nothing) and stops trying that server for a few seconds (``RETRY_AFTER_SECONDS``), so that
each request pays a failed round trip at most once per interval, not on every call. Short
socket timeouts keep a Redis that hangs instead of refusing from hanging requests with it.

Writes that never reached Redis are remembered and, before anything is read again, replayed
as deletes: a value that should have changed (the content generation a published story
bumps, a throttle count a login cleared, a render lock) must not come back at its old value
when Redis returns with its data. Deleting is always safe for a cache entry: the next reader
computes it again. A background retry does the same if this process serves nothing more.
"""

import logging
import math
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("newsroom.cache")

OUTAGE = (RedisConnectionError, RedisTimeoutError)
SOCKET_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
RETRY_AFTER_SECONDS = 5.0
WARN_EVERY_SECONDS = 60.0
# Entries that expire by themselves: the oldest are forgotten past this many. Entries stored
# without expiry (the content generation) are never forgotten.
LOST_KEYS = 10_000

_MISSING = object()


class _Server:
    """What every thread and cache alias of this process knows about one Redis server."""

    def __init__(self, where: str):
        self.where = where
        self.lock = threading.Lock()
        self.replaying = threading.Lock()
        self.down_until = 0.0  # time.monotonic() before which the server is not tried
        self.down_since: float | None = None
        self.warned_at = -math.inf
        self.lost: dict[str, None] = {}  # ordered: the oldest are dropped first
        self.lost_persistent: set[str] = set()
        self.retry_timer: threading.Timer | None = None

    def skipping(self) -> bool:
        return time.monotonic() < self.down_until

    def failed(self, exc: Exception, retry_after: float) -> None:
        with self.lock:
            now = time.monotonic()
            self.down_until = now + retry_after
            if self.down_since is None:
                self.down_since = now
            warn = now - self.warned_at >= WARN_EVERY_SECONDS
            if warn:
                self.warned_at = now
        if warn:
            logger.warning(
                "Redis at %s unreachable (%s): serving without this cache, retrying every %s s",
                self.where,
                type(exc).__name__,
                retry_after,
            )

    def recovered(self) -> None:
        with self.lock:
            since, self.down_since, self.down_until = self.down_since, None, 0.0
        if since is not None:
            logger.warning(
                "Redis at %s reachable again after %.1f s", self.where, time.monotonic() - since
            )

    def lose(self, keys, *, persistent: bool) -> None:
        with self.lock:
            if persistent:
                self.lost_persistent.update(keys)
                return
            for key in keys:
                self.lost.pop(key, None)
                self.lost[key] = None
            while len(self.lost) > LOST_KEYS:
                del self.lost[next(iter(self.lost))]

    def pending(self) -> list[str]:
        with self.lock:
            return [*self.lost_persistent, *self.lost]

    def forget(self, keys) -> None:
        with self.lock:
            for key in keys:
                self.lost.pop(key, None)
                self.lost_persistent.discard(key)


_servers: dict[str, _Server] = {}
_servers_lock = threading.Lock()


def _server(location: str) -> _Server:
    with _servers_lock:
        if location not in _servers:
            _servers[location] = _Server(_redacted(location))
        return _servers[location]


def _redacted(location: str) -> str:
    """The server's address for logs, without the password a Redis URL may carry."""
    shown = []
    for url in location.replace(";", ",").split(","):
        parts = urlsplit(url.strip())
        port = f":{parts.port}" if parts.port else ""
        shown.append(f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}")
    return ",".join(shown)


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, degrading to a miss while Redis is unreachable (module docstring).

    Extra OPTIONS (not passed to redis-py): ``RETRY_AFTER_SECONDS``. Socket timeouts default
    to SOCKET_TIMEOUTS unless OPTIONS set them.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER_SECONDS", RETRY_AFTER_SECONDS))
        for name, seconds in SOCKET_TIMEOUTS.items():
            options.setdefault(name, seconds)
        super().__init__(server, {**params, "OPTIONS": options})
        # Shared by every alias naming the same Redis (the settings give three).
        self._server = _server(server if isinstance(server, str) else ",".join(server))

    def _attempt(self, call, fallback, *, lost=(), version=None, persistent=False):
        """``call()``, or ``fallback`` if Redis is unreachable; ``lost`` names the keys a
        skipped or failed call would have written."""
        server = self._server
        if server.skipping():
            self._lose(lost, version, persistent)
            return fallback
        try:
            if server.lost or server.lost_persistent:
                self._replay()
            result = call()
        except OUTAGE as exc:
            server.failed(exc, self.retry_after)
            self._lose(lost, version, persistent)
            return fallback
        if server.down_since is not None:
            server.recovered()
        return result

    def _lose(self, keys, version, persistent) -> None:
        if keys:
            made = [self.make_key(key, version=version) for key in keys]
            self._server.lose(made, persistent=persistent)
            self._retry_later()

    def _replay(self) -> None:
        """Delete what was written while Redis was unreachable, before any read."""
        server = self._server
        with server.replaying:
            keys = server.pending()
            if keys:
                self._cache.delete_many(keys)
                server.forget(keys)

    def _retry_later(self) -> None:
        """Replay lost writes even if this process serves no further request."""
        server = self._server
        with server.lock:
            if server.retry_timer is not None:
                return
            timer = server.retry_timer = threading.Timer(self.retry_after, self._retry_now)
        timer.daemon = True
        timer.start()

    def _retry_now(self) -> None:
        server = self._server
        with server.lock:
            server.retry_timer = None
        if not server.pending():
            return
        if not self.reachable():
            self._retry_later()

    def reachable(self) -> bool:
        """Ask Redis now, whatever the retry interval says (the readiness check)."""
        try:
            self._replay()
            self._cache.get_client(write=True).ping()
        except OUTAGE as exc:
            self._server.failed(exc, self.retry_after)
            return False
        self._server.recovered()
        return True

    # The cache API ---------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._attempt(lambda: RedisCache.get(self, key, default, version), default)

    def get_many(self, keys, version=None):
        return self._attempt(lambda: RedisCache.get_many(self, keys, version), {})

    def has_key(self, key, version=None):
        return self._attempt(lambda: RedisCache.has_key(self, key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True, as DummyCache answers: the caller goes on as if it held the key (a render
        # lock). Nothing to remember: a failed add overwrote nothing.
        return self._attempt(lambda: RedisCache.add(self, key, value, timeout, version), True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(
            lambda: RedisCache.set(self, key, value, timeout, version),
            None,
            lost=[key],
            version=version,
            persistent=self.get_backend_timeout(timeout) is None,
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(
            lambda: RedisCache.set_many(self, data, timeout, version),
            list(data),
            lost=list(data),
            version=version,
            persistent=self.get_backend_timeout(timeout) is None,
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(lambda: RedisCache.touch(self, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._attempt(
            lambda: RedisCache.delete(self, key, version),
            False,
            lost=[key],
            version=version,
        )

    def delete_many(self, keys, version=None):
        self._attempt(
            lambda: RedisCache.delete_many(self, keys, version),
            None,
            lost=list(keys),
            version=version,
        )

    def incr(self, key, delta=1, version=None):
        result = self._attempt(
            lambda: RedisCache.incr(self, key, delta, version),
            _MISSING,
            lost=[key],
            version=version,
        )
        if result is _MISSING:
            raise ValueError(f"Key '{key}' not found (cache unreachable)")
        return result

    def clear(self):
        return self._attempt(lambda: RedisCache.clear(self), False)

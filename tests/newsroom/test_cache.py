"""The shared Redis cache that REDIS_URL turns on, against the local Redis server.

The cache is configured by evaluating newsroom/settings.py with REDIS_URL set, so these tests
exercise exactly what production gets. They use Redis database 15 and only keys they create.
"""

import os
import runpy
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SETTINGS_FILE = Path(__file__).resolve().parents[2] / "newsroom" / "settings.py"


def redis_client():
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.ping()
    except redis.RedisError:
        return None
    return client


pytestmark = pytest.mark.skipif(
    redis_client() is None, reason=f"no Redis server answers at {REDIS_URL} (TEST_REDIS_URL)"
)


@pytest.fixture
def redis_caches(monkeypatch):
    """CACHES as newsroom/settings.py builds it when REDIS_URL is set."""
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    return runpy.run_path(str(SETTINGS_FILE))["CACHES"]


@pytest.fixture
def cache(redis_caches):
    created = []
    with override_settings(CACHES=redis_caches):
        cache = caches["default"]
        original_set = cache.set

        def tracking_set(key, *args, **kwargs):
            created.append(key)
            return original_set(key, *args, **kwargs)

        cache.set = tracking_set
        yield cache
        cache.delete_many(created)
        cache.close()


@pytest.fixture
def key():
    return f"test-cache-{uuid.uuid4().hex}"


def test_settings_use_django_redis_cache_when_redis_url_is_set(redis_caches):
    default = redis_caches["default"]
    # Django's RedisCache, degrading to no cache while Redis is unreachable (test_degrade.py).
    assert default["BACKEND"] == "newsroom.cache.ResilientRedisCache"
    assert default["LOCATION"] == REDIS_URL
    assert default["KEY_PREFIX"] == "newsroom"


def test_settings_fall_back_to_local_memory_without_redis_url(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    caches_setting = runpy.run_path(str(SETTINGS_FILE))["CACHES"]
    assert caches_setting["default"]["BACKEND"].endswith("LocMemCache")


def test_redis_cache_sets_gets_and_deletes(cache, key):
    assert isinstance(cache, RedisCache)
    assert cache.get(key) is None
    value = {"headline": "Élection à Paris", "ids": [1, 2, 3]}
    cache.set(key, value, timeout=60)
    assert cache.get(key) == value
    assert cache.delete(key) is True
    assert cache.get(key, "gone") == "gone"


def test_redis_cache_add_does_not_overwrite_and_incr_counts(cache, key):
    cache.set(key, 1, timeout=60)
    assert cache.add(key, 99) is False
    assert cache.incr(key) == 2
    assert cache.get(key) == 2


def test_redis_cache_is_shared_between_processes_under_the_newsroom_prefix(cache, key):
    """What another gunicorn worker or app server sees: the same entry, in Redis itself."""
    cache.set(key, "partagé", timeout=60)
    other_worker = RedisCache(REDIS_URL, {"KEY_PREFIX": "newsroom"})
    assert other_worker.get(key) == "partagé"
    stored = redis_client().keys(f"newsroom:*:{key}")
    assert len(stored) == 1
    # The expiry is stored with the entry, so Redis evicts it on time.
    assert 0 < redis_client().ttl(stored[0]) <= 60
    other_worker.close()

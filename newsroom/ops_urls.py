"""Endpoints for machines: health checks, robots.txt and sitemaps."""

import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.cache import never_cache

from articles import sitemaps


@never_cache
def healthz(request):
    """Liveness and database reachability for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok"})


logger = logging.getLogger("newsroom.readiness")


def _database_up() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return True


def _cache_up(alias: str) -> bool:
    cache = caches[alias]
    if hasattr(cache, "reachable"):  # newsroom.cache.ResilientRedisCache: asks Redis now
        return cache.reachable()
    probe, token = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(probe, token, 10)
    found = cache.get(probe)
    cache.delete(probe)
    return found == token


def _media_up() -> bool:
    storage = storages["default"]
    if isinstance(storage, FileSystemStorage):
        # The directory is made at the first upload: its nearest existing parent must take it.
        place = Path(storage.location)
        while not place.exists() and place != place.parent:
            place = place.parent
        return place.is_dir() and os.access(place, os.W_OK | os.X_OK)
    storage.exists("readyz-probe")  # a bucket answers (False) when it is reachable
    return True


def _checks() -> dict:
    checks = {"database": _database_up, "media": _media_up}
    for alias in settings.CACHES:
        checks[f"cache:{alias}"] = lambda alias=alias: _cache_up(alias)
    return checks


@never_cache
def readyz(request):
    """Each dependency the site uses, "ok" or "down"; 503 naming what is down.

    Unlike /healthz, a cache outage shows here, although the site keeps serving without it
    (newsroom/cache.py): for monitors and deploy gates, not for taking servers out of rotation.
    """
    report = {}
    for name, check in _checks().items():
        try:
            up = check()
        except Exception:  # noqa: BLE001 - any failure of a dependency means "down"
            logger.warning("Readiness: %s is down", name, exc_info=True)
            up = False
        report[name] = "ok" if up else "down"
    down = [name for name, state in report.items() if state != "ok"]
    return JsonResponse(
        {"status": "unavailable" if down else "ok", "down": down, "checks": report},
        status=503 if down else 200,
    )


def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {
            "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
            "news_sitemap_url": request.build_absolute_uri(reverse("news-sitemap")),
        },
        content_type="text/plain; charset=utf-8",
    )


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_root, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news-sitemap"),
]

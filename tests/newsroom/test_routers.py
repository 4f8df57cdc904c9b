"""Read replica routing (newsroom.routers), configured by DATABASE_REPLICA_URL alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.contrib.sessions.models import Session
from django.db import connections

from actors.models import Actor
from articles.models import Article
from newsroom.routers import ReplicaRouter

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.db import router, transaction
from articles.models import Article
outside = Article.objects.all().db
with transaction.atomic():
    inside = Article.objects.all().db
print(json.dumps({
    "aliases": sorted(settings.DATABASES),
    "routers": settings.DATABASE_ROUTERS,
    "replica_name": str(settings.DATABASES.get("replica", {}).get("NAME", "")),
    "replica_mirror": settings.DATABASES.get("replica", {}).get("TEST", {}).get("MIRROR"),
    "read": outside,
    "read_in_transaction": inside,
    "write": router.db_for_write(Article),
}))
"""


def probe(tmp_path, **env_overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'primary.sqlite3'}",
        PYTHONPATH=str(ROOT),
        **env_overrides,
    )
    result = subprocess.run(  # noqa: S603 - runs the fixed PROBE script above
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_replica_url_there_is_one_database_and_no_router(tmp_path):
    config = probe(tmp_path)
    assert config["aliases"] == ["default"]
    assert config["routers"] == []
    assert config["read"] == "default"


def test_a_replica_url_adds_the_replica_and_routes_reads_to_it(tmp_path):
    replica = tmp_path / "replica.sqlite3"
    config = probe(tmp_path, DATABASE_REPLICA_URL=f"sqlite:///{replica}")
    assert config["aliases"] == ["default", "replica"]
    assert config["routers"] == ["newsroom.routers.ReplicaRouter"]
    assert config["replica_name"] == str(replica)
    # The test suite runs on one database: the replica alias reads the primary's test copy.
    assert config["replica_mirror"] == "default"
    assert config["read"] == "replica"
    assert config["read_in_transaction"] == "default"
    assert config["write"] == "default"


def test_router_reads_from_the_replica_and_writes_to_the_primary():
    router = ReplicaRouter()
    assert router.db_for_read(Article) == "replica"
    assert router.db_for_read(Actor) == "replica"
    assert router.db_for_write(Article) == "default"
    assert router.db_for_write(Actor) == "default"


def test_router_reads_inside_a_transaction_from_the_primary(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert ReplicaRouter().db_for_read(Article) == "default"


def test_router_reads_sessions_from_the_primary():
    """A session written by the login request must be found by the next one."""
    assert ReplicaRouter().db_for_read(Session) == "default"


def test_router_follows_relations_of_an_object_just_written_on_the_primary():
    router = ReplicaRouter()
    saved = Article(title="x")
    saved._state.db = "default"
    loaded = Article(title="y")
    loaded._state.db = "replica"
    assert router.db_for_read(Actor, instance=saved) == "default"
    assert router.db_for_read(Actor, instance=loaded) == "replica"


def test_router_allows_relations_across_primary_and_replica_only():
    router = ReplicaRouter()
    primary, replica, elsewhere = Article(), Article(), Article()
    primary._state.db, replica._state.db, elsewhere._state.db = "default", "replica", "other"
    assert router.allow_relation(primary, replica) is True
    assert router.allow_relation(replica, replica) is True
    assert router.allow_relation(primary, elsewhere) is False


def test_router_migrates_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica", "articles") is False

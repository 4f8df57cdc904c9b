"""Migrations apply from zero, undo to zero and apply again, on the suite's own database kind.

A new installation starts from an empty database; a deploy that goes wrong is rolled back
with `migrate <app> <previous>`. Both run here in a separate process on a database of their
own (an SQLite file, or a new PostgreSQL database next to the test database), so the test
database is not touched. The roles and relationship kinds the data migrations install must
be there after each climb, and nothing may be left for `makemigrations` to write.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.security.databases import scratch_postgres

ROOT = Path(__file__).resolve().parents[2]
# Our apps, each taken to zero (Django first unapplies what depends on it).
APPS = ["articles", "contributors", "actors", "pictures"]

CHECK = """
import json
import django
django.setup()
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from actors.models import RelationshipKind

executor = MigrationExecutor(connection)
plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
print(json.dumps({
    "unapplied": [str(migration) for migration, _ in plan],
    "roles": {g.name: g.permissions.count() for g in Group.objects.all()},
    "kinds": RelationshipKind.objects.count(),
}))
"""


def run(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    done = subprocess.run(  # noqa: S603 - our own interpreter, manage.py and fixed arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done.stdout


def state(url: str) -> dict:
    return json.loads(run(url, "-c", CHECK).splitlines()[-1])


@pytest.fixture
def empty_database(tmp_path):
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    with scratch_postgres("migrations") as url:
        yield url


def tables(url: str) -> set[str]:
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {name for (name,) in rows}
    with psycopg.connect(url) as db:
        rows = db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {name for (name,) in rows}


def test_migrations_apply_from_zero_undo_to_zero_and_apply_again(empty_database):
    run(empty_database, "manage.py", "migrate", "--noinput", "-v0")
    first = state(empty_database)
    assert first["unapplied"] == []
    assert {"Reporter", "Editor", "Export staff"} <= set(first["roles"])
    assert all(first["roles"][role] > 0 for role in ("Reporter", "Editor", "Export staff"))
    assert first["kinds"] >= 14  # the default vocabulary (rival of, owns, …)
    assert {"articles_article", "actors_actor"} <= tables(empty_database)

    for app in APPS:
        run(empty_database, "manage.py", "migrate", app, "zero", "--noinput", "-v0")
    left = {name for name in tables(empty_database) if name.split("_")[0] in APPS}
    assert left == set(), f"tables left after migrating to zero: {left}"

    run(empty_database, "manage.py", "migrate", "--noinput", "-v0")
    assert state(empty_database) == first
    run(empty_database, "manage.py", "makemigrations", "--check", "--dry-run")

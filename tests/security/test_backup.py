"""Backup and restore on PostgreSQL, as docs/operations.md tells an operator to do them.

The demo newsroom is loaded into the test database, `make backup` dumps it, `make restore`
loads the archive into a new database, and a separate process pointed at each database
serves the same pages and exports the same stories. Restoring over a database that holds
data is refused unless forced.
"""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from tests.factories import ArticleFactory
from tests.security.databases import database_url, scratch_postgres
from tests.security.test_concurrency import migration_data  # noqa: F401 (an autouse fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="make backup and make restore use pg_dump and pg_restore: PostgreSQL only",
    ),
]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_database():
    with scratch_postgres("restored") as url:
        yield url


def make(target: str, *, url: str, **variables) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    args = ["make", "--no-print-directory", "-s", target]
    args += [f"{key}={value}" for key, value in variables.items()]
    # make from PATH with fixed targets; the variables are the test's own paths and URLs.
    return subprocess.run(  # noqa: S603
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


# What a process pointed at a database serves: a few pages and the full JSON Lines export.
SNAPSHOT = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from io import StringIO
from articles.models import Section

pages = {url: Client().get(url) for url in sys.argv[1:]}
export = StringIO()
call_command(
    "export_stories", format="jsonl", status=["draft", "review", "published"], output="-",
    stdout=export,
)
executor = MigrationExecutor(connection)
unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
# The sequences came back too: a new row gets a new id.
Section.objects.create(name="Contrôle", slug="controle-sauvegarde").delete()
print(json.dumps({
    "pages": {url: [r.status_code, r.content.decode()] for url, r in pages.items()},
    "export": export.getvalue(),
    "unapplied": [str(migration) for migration, _ in unapplied],
}))
"""

CSRF = re.compile(r'(csrfmiddlewaretoken" value=|csrftoken=)"?[\w-]+')


def snapshot(url: str, paths: list[str]) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    for name in ("REDIS_URL", "DATABASE_REPLICA_URL"):
        env.pop(name, None)
    done = subprocess.run(  # noqa: S603 - our own interpreter and the fixed SNAPSHOT script
        [sys.executable, "-c", SNAPSHOT, *paths],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    shot = json.loads(done.stdout.splitlines()[-1])
    for page in shot["pages"].values():
        page[1] = CSRF.sub(r"\1(token)", page[1])
    return shot


def test_a_restored_backup_serves_the_same_pages_and_exports_the_same_stories(
    tmp_path, fresh_database
):
    call_command("load_demo", force=True, verbosity=0)
    story = Article.objects.published().filter(actor_tags__isnull=False).first()
    actor = story.actor_tags.first().actor
    paths = ["/", story.get_absolute_url(), actor.get_absolute_url(), "/feeds/rss/"]
    source = database_url(connection.settings_dict["NAME"])
    archive = tmp_path / "newsroom.dump"

    started = time.monotonic()
    backup = make("backup", url=source, BACKUP=archive)
    took = time.monotonic() - started
    assert backup.returncode == 0, backup.stdout + backup.stderr
    assert f"Backup written to {archive}" in backup.stdout
    print(f"backup: {archive.stat().st_size} bytes in {took:.2f} s")

    started = time.monotonic()
    restore = make("restore", url=fresh_database, BACKUP=archive)
    print(f"restore: {time.monotonic() - started:.2f} s")
    assert restore.returncode == 0, restore.stdout + restore.stderr

    before, after = snapshot(source, paths), snapshot(fresh_database, paths)
    assert after["unapplied"] == []  # the restored schema is the code's
    for path in paths:
        assert before["pages"][path][0] == 200, path
        assert after["pages"][path] == before["pages"][path], path
    assert story.title in after["pages"][story.get_absolute_url()][1]
    lines = after["export"].splitlines()
    assert len(lines) == Article.objects.count() > 1
    assert after["export"] == before["export"]


def test_restore_refuses_a_database_that_holds_data_unless_forced(tmp_path, fresh_database):
    ArticleFactory.create_batch(3)
    source = database_url(connection.settings_dict["NAME"])
    archive = tmp_path / "newsroom.dump"
    assert make("backup", url=source, BACKUP=archive).returncode == 0
    assert make("restore", url=fresh_database, BACKUP=archive).returncode == 0
    with psycopg.connect(fresh_database, autocommit=True) as restored:
        restored.execute("UPDATE articles_article SET title = 'Écrasé ?'")

    refused = make("restore", url=fresh_database, BACKUP=archive)
    assert refused.returncode != 0
    assert "refusing to restore over it" in refused.stdout
    with psycopg.connect(fresh_database) as restored:
        sql = "SELECT count(*) FROM articles_article WHERE title = 'Écrasé ?'"
        assert restored.execute(sql).fetchone()[0] == Article.objects.count()  # untouched

    forced = make("restore", url=fresh_database, BACKUP=archive, FORCE=1)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    with psycopg.connect(fresh_database) as restored:
        assert restored.execute(sql).fetchone()[0] == 0


def test_backup_and_restore_need_a_postgresql_url_and_an_archive(tmp_path):
    sqlite = make("backup", url=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert sqlite.returncode != 0 and "PostgreSQL" in sqlite.stdout
    missing = make("restore", url=database_url("postgres"), BACKUP=tmp_path / "none.dump")
    assert missing.returncode != 0 and "BACKUP=path/to/file.dump" in missing.stdout

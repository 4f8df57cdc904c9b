"""Build the benchmark database once and reuse it while the corpus it holds is still wanted.

A marker file next to it records what was generated (counts, seed, a digest of the generator's
code) and how long it took; a change to any of them rebuilds from an empty database.
"""

import hashlib
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url

from bench.config import BENCH_DIR, PYTHON, ROOT, Scale, django_env, scale_from_env


def _generator_digest() -> str:
    digest = hashlib.sha256()
    # The generator and its word lists; it moved here from articles/corpus, whose empty glob
    # had made every change to it look like no change.
    generator = ROOT / "bench" / "synthetic"
    for path in sorted(generator.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(generator)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _stories_in(scale: Scale) -> int | None:
    """Stories in the bench database, or None when it or its tables do not exist."""
    config = dj_database_url.parse(scale.database_url)
    try:
        if scale.vendor == "sqlite":
            if not Path(config["NAME"]).exists():
                return None
            with sqlite3.connect(config["NAME"]) as connection:
                return connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        import psycopg

        with psycopg.connect(_pg_dsn(config, config["NAME"]), connect_timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles_article").fetchone()[0]
    except (sqlite3.Error, OSError, Exception):  # missing database or table: build it
        return None


def _pg_dsn(config: dict, dbname: str) -> str:
    import psycopg

    parts = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": dbname,
    }
    return psycopg.conninfo.make_conninfo(**{k: v for k, v in parts.items() if v})


def _reset_database(scale: Scale) -> None:
    config = dj_database_url.parse(scale.database_url)
    name = config["NAME"]
    if "bench" not in Path(str(name)).name:
        raise SystemExit(
            f"Refusing to rebuild {name!r}: the benchmark database's name must contain 'bench'."
        )
    if scale.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg
    from psycopg import sql

    with psycopg.connect(_pg_dsn(config, "postgres"), autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(scale: Scale, *args: str, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=django_env(scale),
        stdout=subprocess.PIPE if capture else None,
        text=True,
        check=True,
    )
    return result.stdout or ""


def ensure_corpus(scale: Scale, log) -> dict:
    """Migrate, and generate the corpus unless the database already holds the one wanted."""
    BENCH_DIR.mkdir(exist_ok=True)
    marker = BENCH_DIR / f"corpus-{scale.name}.json"
    wanted = {
        "database_url": scale.database_url,
        "stories": scale.stories,
        "actors": scale.actors,
        "seed": scale.seed,
        "generator": _generator_digest(),
    }
    built = json.loads(marker.read_text()) if marker.exists() else {}
    if {key: built.get(key) for key in wanted} == wanted and _stories_in(scale) == scale.stories:
        log(f"Reusing the corpus of {scale.stories:,} stories in {scale.database_url}")
        manage(scale, "migrate", "--noinput", "-v0")
        return built

    log(f"Building the corpus: {scale.stories:,} stories, {scale.actors:,} actors")
    marker.unlink(missing_ok=True)
    _reset_database(scale)
    manage(scale, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    output = manage(
        scale,
        "generate_corpus",
        f"--stories={scale.stories}",
        f"--actors={scale.actors}",
        f"--seed={scale.seed}",
        capture=True,
    )
    seconds = time.perf_counter() - started
    sys.stdout.write(output)
    built = {
        **wanted,
        "seconds": round(seconds, 1),
        "stories_per_second": round(scale.stories / seconds) if seconds else None,
        "report": output.strip().splitlines(),
    }
    marker.write_text(json.dumps(built, indent=2))
    return built


def standalone_row(scale_name: str, row) -> None:
    """Run one bench row on its own (``python -m bench.<row> --scale NAME``): the migrated
    database of that scale, the row's table and its raw result."""
    from bench.report import table

    scale = scale_from_env(scale_name)
    manage(scale, "migrate", "--noinput", "-v0")
    rows: list = []
    result = row(scale, rows)
    print(table(rows))
    print(json.dumps(result, indent=2))


def rows_main(argv: list[str], module: str, rows, measure) -> None:
    """A bench row module's command line: ``measure N`` (the child: prints JSON) or
    ``--scale NAME`` (on its own: static files collected, then ``standalone_row``)."""
    if len(argv) > 2 and argv[1] == "--scale":
        # The pages need the collected static files (production settings).
        manage(scale_from_env(argv[2]), "collectstatic", "--noinput", "-v0")
        standalone_row(argv[2], rows)
        return
    if len(argv) > 2 and argv[1] == "measure":
        import django

        django.setup()
        print(json.dumps(measure(int(argv[2])), default=str))
        return
    raise SystemExit(f"usage: python -m {module} measure N | --scale default|large")

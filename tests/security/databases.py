"""Databases of a test's own, next to the test database, for the processes a test starts."""

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import psycopg
from django.db import connection


def database_url(name: str) -> str:
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = settings["HOST"] or "localhost"
    port = settings["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{name}"


def maintenance(sql: str) -> None:
    """Run CREATE/DROP DATABASE from the server's maintenance database."""
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        admin.execute(sql)


@contextmanager
def scratch_postgres(suffix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database named after the test database, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_{suffix}"
    maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    maintenance(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        maintenance(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

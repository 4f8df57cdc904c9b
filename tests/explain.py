"""EXPLAIN on PostgreSQL: can an index serve the main read queries?

The explain_corpus fixture (tests/conftest.py) builds a small synthetic newsroom, then
disables sequential scans: if no index can serve a query, PostgreSQL still falls back to a
sequential scan (at a prohibitive cost) and the test fails. So these tests say that an index
*can* serve each query; `make bench` measures that it *does*, fast, at a million stories.
"""

import pytest
from django.db import connection

POSTGRES_ONLY = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="EXPLAIN plans and the trigram indexes are PostgreSQL's; SQLite has neither",
    ),
]


def plan(queryset) -> str:
    return queryset.explain()


def assert_uses_an_index(text: str, *tables: str):
    assert "Index" in text, text
    for table in tables:
        assert f"Seq Scan on {table}" not in text, text

"""Search's bench rows, on a small synthetic newsroom: every row is timed on pages that
succeed and find what was asked for, and each row is judged against 50 ms."""

from types import SimpleNamespace

import pytest

from bench.report import Row
from bench.search import measure, search_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    from bench.synthetic import generate_corpus

    generate_corpus(stories=400, actors=120, seed=4, batch=200)


def test_every_row_is_timed_on_a_page_that_finds_stories(corpus):
    result = measure(2)
    assert result["baseline_ms"]["statuses"] == [200]
    rows = {row["name"]: row for row in result["rows"]}
    assert list(rows) == [
        "common word",
        "rare word",
        "two words",
        "a phrase",
        "no match",
        "a name",
        "a surname many share",
        "common word, page 2",
    ]
    for row in rows.values():
        assert row.get("statuses") == [200], row
        assert row["n"] == 2 and row["p95"] >= row["median"] > 0
    assert rows["no match"]["listed"] == "0 found"
    for name in ["common word", "rare word", "a phrase", "a name"]:
        assert rows[name]["listed"] != "0 found", rows[name]


def test_rows_are_judged_against_50_ms(monkeypatch):
    timed = {"n": 5, "queries": 9, "listed": "More than 200 found", "note": "«climat»"}
    result = {
        "baseline_ms": {"median": 1.0},
        "rows": [
            {"name": "common word", "median": 20.0, "p95": 40.0, **timed},
            {"name": "a phrase", "median": 45.0, "p95": 70.0, **timed},
            {"name": "a name", "status": "n/a", "note": "nothing to ask"},
        ],
    }
    calls = []

    def child(*args, **env):
        calls.append(env)
        return result

    monkeypatch.setattr("bench.search.child", child)
    rows: list[Row] = []
    search_rows(SimpleNamespace(requests=5, name="large"), rows)
    assert calls == [{"NEWSROOM_PAGE_CACHE": "0"}]  # every request searches
    assert [row.name for row in rows] == [
        "search: common word",
        "search: a phrase",
        "search: a name",
    ]
    assert rows[0].status == "pass" and rows[1].status.startswith("MISS")
    assert rows[2].status == "n/a"
    assert rows[0].target == "p95 < 50 ms" and "More than 200 found" in rows[0].note


def test_a_failed_child_is_an_error_row_not_the_end_of_the_run(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no such table: articles_article")

    monkeypatch.setattr("bench.search.child", broken)
    rows: list[Row] = []
    assert search_rows(SimpleNamespace(requests=3, name="default"), rows) is None
    assert rows[0].status == "error" and "articles_article" in rows[0].note

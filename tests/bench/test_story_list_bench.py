"""The story list's bench rows, on a small synthetic newsroom: every row is timed on pages
that succeed and list what was asked for, and each row is judged against 300 ms."""

from types import SimpleNamespace

import pytest

from bench.report import Row
from bench.story_list import measure, story_list_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    from bench.synthetic import generate_corpus

    generate_corpus(stories=400, actors=120, seed=4, batch=200)


def test_every_row_is_timed_on_a_list_that_finds_stories(corpus):
    result = measure(2)
    assert result["baseline_ms"]["statuses"] == [200]
    rows = {row["name"]: row for row in result["rows"]}
    assert list(rows) == [
        "no search",
        "common word",
        "rare word",
        "a name",
        "a surname many share",
        "a slug",
        "common word + section, status",
        "a name + contributor",
        "rare word + date",
        "contributor only",
    ]
    for row in rows.values():
        assert row.get("statuses") == [200], row
        assert row["n"] == 2 and row["p95"] >= row["median"] > 0
    assert rows["a slug"]["listed"] == "1 listed"
    for name in ["common word", "rare word", "a name", "contributor only"]:
        assert rows[name]["listed"] not in ("0 listed", "? listed"), rows[name]


def test_rows_are_judged_against_300_ms(monkeypatch):
    timed = {"n": 5, "queries": 9, "listed": "12 listed", "note": "«climat»"}
    result = {
        "baseline_ms": {"median": 1.0},
        "rows": [
            {"name": "common word", "median": 80.0, "p95": 120.0, **timed},
            {"name": "rare word", "median": 280.0, "p95": 450.0, **timed},
            {"name": "a slug", "status": "n/a", "note": "nothing to ask"},
        ],
    }
    monkeypatch.setattr("bench.story_list.child", lambda *args, **kwargs: result)
    rows: list[Row] = []
    story_list_rows(SimpleNamespace(requests=5, name="large"), rows)
    assert [row.status for row in rows][:1] == ["pass"]
    assert rows[1].status.startswith("MISS") and rows[2].status == "n/a"
    assert rows[0].target == "p95 < 300 ms" and "12 listed" in rows[0].note


def test_a_failed_child_is_an_error_row_not_the_end_of_the_run(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no such table: articles_article")

    monkeypatch.setattr("bench.story_list.child", broken)
    rows: list[Row] = []
    assert story_list_rows(SimpleNamespace(requests=3, name="default"), rows) is None
    assert rows[0].status == "error" and "articles_article" in rows[0].note

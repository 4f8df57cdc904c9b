"""The content API's bench rows, on a small synthetic newsroom: every row is measured on
answers that succeed (not on 404s or 400s), and the deep row is reached by the cursor."""

from types import SimpleNamespace

import pytest

from bench.api import api_rows, measure
from bench.report import Row

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(settings):
    from bench.synthetic import generate_corpus

    settings.NEWSROOM_API_ANON_RATE = "100000/min"
    generate_corpus(stories=400, actors=120, seed=4, batch=200)


def test_every_api_row_is_timed_on_answers_that_succeed(corpus, monkeypatch):
    monkeypatch.setattr("bench.api.DEEP_PAGES", 2)
    result = measure(3)
    assert result["baseline_ms"]["statuses"] == [200]
    names = [row["name"] for row in result["rows"]]
    assert names == [
        "stories, first page",
        "stories, by most tagged actor",
        "stories, deep cursor",
        "one story (JSON)",
        "one story (ninjs)",
        "actor with relationships",
    ]
    for row in result["rows"]:
        assert row.get("statuses") == [200], row
        assert row["n"] == 3 and row["p95"] >= row["median"] > 0
    deep = next(row for row in result["rows"] if row["name"] == "stories, deep cursor")
    assert "cursor" in deep["urls"][0] or "after" in deep["urls"][0], deep["urls"]
    assert "about 200 stories in" in deep["note"] and "limit=20" in deep["urls"][0]


def test_a_failed_child_is_an_error_row_not_the_end_of_the_run(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no such table: api_apikey")

    monkeypatch.setattr("bench.api.child", broken)
    rows: list[Row] = []
    assert api_rows(SimpleNamespace(requests=3, name="default"), rows) is None
    assert rows[0].status == "error" and "api_apikey" in rows[0].note

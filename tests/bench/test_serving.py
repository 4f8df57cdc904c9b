"""The served-page rows of `make bench`: wrk's output read right, verdicts against the issue's
targets, and the desk's saves (real, seen by readers, undone afterwards)."""

import time

import pytest

from bench import desk
from bench.http import parse_wrk, summarise
from bench.serving import hits, publishing_rows, publishing_verdict, story_rows
from tests.factories import ArticleFactory

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  1 threads and 16 connections
BENCH {"requests": 5000, "duration_us": 10000000, "p50_us": 3000, "p95_us": 9000, \
"p99_us": 20000, "socket_errors": 0, "status_errors": 0, "connect": 0, "read": 0, \
"write": 0, "timeout": 0, "max_us": 40000, "cache_hits": 900, "cache_misses": 100}
"""


def wrk_run(rps: float, *, p99_ms: float = 20, hits: int = 0, misses: int = 0) -> dict:
    return {
        "requests": int(rps * 10),
        "duration_us": 10_000_000,
        "rps": rps,
        "p50_us": 3000,
        "p95_us": 9000,
        "p99_us": int(p99_ms * 1000),
        "socket_errors": 0,
        "status_errors": 0,
        "cache_hits": hits,
        "cache_misses": misses,
        "hit_ratio": hits / (hits + misses) if hits + misses else None,
    }


def test_wrk_output_gives_throughput_and_the_page_cache_hit_ratio():
    run = parse_wrk(WRK_OUTPUT)
    assert run["rps"] == 500
    assert run["hit_ratio"] == 0.9


def test_previous_copies_given_while_a_page_renders_count_as_hits_and_are_shown():
    run = parse_wrk(
        WRK_OUTPUT.replace('"cache_misses": 100}', '"cache_misses": 100, "cache_stale": 1000}')
    )
    assert run["hit_ratio"] == 0.95
    assert run["stale_ratio"] == 0.5
    assert hits(run) == "hits 95.0% (50.0% previous copies)"


def test_no_page_cache_header_means_no_hit_ratio_rather_than_zero():
    run = parse_wrk(
        WRK_OUTPUT.replace('"cache_hits": 900', '"cache_hits": 0').replace("100}", "0}")
    )
    assert run["hit_ratio"] is None


def test_rounds_sum_cache_answers_over_rounds():
    summary = summarise([wrk_run(100, hits=10, misses=0), wrk_run(300, hits=0, misses=10)])
    assert summary["rps"] == 200
    assert summary["hit_ratio"] == 0.5


def story_result(cached: float, uncached: float) -> dict:
    runs = summarise([wrk_run(1000)]), summarise([wrk_run(cached)]), summarise([wrk_run(uncached)])
    return {
        "caches": {
            "files": dict(zip(("static", "cached", "uncached"), runs, strict=True)),
            "redis": {"status": "n/a", "note": "no Redis answers at BENCH_REDIS_URL"},
        }
    }


def test_story_rows_judge_each_cache_against_its_own_static_run():
    rows = {row.name: row for row in story_rows(story_result(cached=950, uncached=200))}
    assert rows["story page, cached, file cache"].status == "pass"
    assert rows["story page, uncached, file cache"].status.startswith("MISS")
    assert rows["story page, uncached, file cache"].ratio == pytest.approx(0.2)
    # A run without Redis says so instead of leaving the row out.
    assert rows["story page, Redis"].status == "n/a"


@pytest.mark.parametrize(
    ("ratio", "p99", "failures", "expected"),
    [
        (0.85, 60, 0, "pass"),
        (0.5, 60, 0, "MISS: 0.62 of the 0.8 target"),
        (0.9, 250, 0, "MISS: p99 250 ms"),
        (0.9, 100, 0, "MISS: p99 100 ms"),
        (0.9, 50, 3, "MISS: 3 failed requests"),
    ],
)
def test_readers_while_the_desk_publishes_need_throughput_and_p99(ratio, p99, failures, expected):
    assert publishing_verdict(ratio, p99, failures) == expected


def test_publishing_rows_report_hit_ratio_and_the_desks_saves():
    saves = {"saves": 30, "errors": [], "max_save_ms": 41.0}
    result = {
        "caches": {
            "redis": {
                "connections": 64,
                "static": wrk_run(1000, p99_ms=5),
                "publishing": {
                    **wrk_run(850, p99_ms=40, hits=95, misses=5),
                    "every_seconds": 5,
                },
                "burst": {
                    **wrk_run(400, p99_ms=300, hits=50, misses=50),
                    "seconds": 10,
                    "saves_planned": 20,
                },
                "desk": saves,
            }
        }
    }
    steady, burst = publishing_rows(result)[1:]
    assert steady.status == "pass"
    assert "hits 95.0%" in steady.note
    assert burst.status == "MISS: 0.50 of the 0.8 target, p99 300 ms"
    assert "30 saves in all" in burst.note


def test_the_desk_saves_every_5_s_then_bursts():
    assert desk.schedule(20, 5, 4, 2) == [0, 5, 10, 15, 20, 20.5, 21, 21.5]


@pytest.mark.django_db
def test_the_desk_changes_what_readers_see_then_puts_it_back(client):
    story = ArticleFactory(title="Budget voté", body="Le texte.")
    seen = []
    original_save = desk.article_save

    def save_and_read(*, article, by):
        saved = original_save(article=article, by=by)
        seen.append(client.get(story.get_absolute_url()).content.decode())
        return saved

    desk.article_save = save_and_read
    try:
        result = desk.run(time.time(), [0, 0], restore_at=0)
    finally:
        desk.article_save = original_save
    assert result["saves"] == 2 and result["errors"] == []
    assert "Budget voté (mis à jour, 0)" in seen[0]
    assert "Mise à jour n° 1 du bureau." in seen[1]
    story.refresh_from_db()
    assert (story.title, story.body) == ("Budget voté", "Le texte.")

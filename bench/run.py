"""`make bench`: build (or reuse) the corpus, measure, print one table, write .bench/latest.json.

    python -m bench.run [--scale default|large] [--only search,export,suggest,import]

Environment: BENCH_STORIES, BENCH_ACTORS, BENCH_DATABASE_URL, BENCH_REQUESTS (per page),
BENCH_WRK_SECONDS, BENCH_ROUNDS, BENCH_LOAD_SECONDS, BENCH_LOAD_CONNECTIONS,
BENCH_IMPORT_STORIES, BENCH_REDIS_URL, BENCH_GRAPH_ACTORS, BENCH_GRAPH_RELATIONSHIPS,
BENCH_GRAPH_PAIRS. Every timing is a
median and a 95th percentile, with a ratio to a baseline measured in the same run.
"""

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from bench import http, publishing
from bench.api import api_rows
from bench.authority import authority_row
from bench.config import (
    BENCH_DIR,
    Scale,
    child,
    env_int,
    flush_page_cache,
    git_revision,
    machine,
    scale_from_env,
)
from bench.connections import connections_rows
from bench.corpus import ensure_corpus, manage
from bench.report import Row, table, verdict, write_json
from bench.search import search_rows
from bench.serving import hits, publishing_rows, story_rows
from bench.story_list import story_list_rows
from bench.tagging import tagging_row

EXPORT_FORMATS = ("jsonl", "ninjs", "csv")
# The floors: ninjs documents carry more (associations, subjects) than a line or a row.
EXPORT_MIN_RATE = {"jsonl": 10_000, "ninjs": 5_000, "csv": 10_000}
EXPORT_MAX_MB = 200
SUGGEST_MAX_MS = 20
STORY_SUGGEST_MAX_MS = 5  # an 800-word story in the desk's panel (issue 20)
IMPORT_MIN_RATE = 2_000


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _guarded(rows: list[Row], name: str, step):
    """Run one measurement; a failure becomes an 'error' row, not the end of the run."""
    try:
        return step()
    except Exception as error:  # reported in the table, the other measurements go on
        rows.append(Row(name=name, status="error", note=str(error)[:120]))
        return None


def _not_applicable(rows: list[Row], name: str, result: dict) -> bool:
    """A measurement this database or corpus cannot make becomes an 'n/a' row."""
    if result.get("status") != "n/a":
        return False
    rows.append(Row(name=name, status="n/a", note=result.get("note", "")))
    return True


def load_row(result: dict, served: dict | None) -> Row:
    if result.get("status") == "n/a":
        return Row(name="load test", status="n/a", note=result["note"])
    failures = result["socket_errors"] + result["status_errors"] + result["server_errors_logged"]
    # The static file served by the same kind of server (the same page cache).
    static = ((served or {}).get("caches") or {}).get(result.get("page_cache"), {}).get("static")
    return Row(
        name=f"load: mixed pages, {result['connections']} conns",
        median=result["p50_ms"],
        p95=result["p95_ms"],
        throughput=f"{result['rps']:,.0f} req/s",
        baseline=f"static {static['rps']:,.0f} req/s" if static else "",
        ratio=result["rps"] / static["rps"] if static else None,
        target="0 errors, 0 5xx",
        status="pass" if failures == 0 else f"MISS: {failures} failures",
        note=(
            f"p99 {result['p99_ms']:,.0f} ms; {result['requests']:,} requests in "
            f"{result['seconds']} s over {result['urls']:,} URLs; slowest "
            f"{result.get('max_ms', 0):,.0f} ms; socket errors {result['socket_errors']} "
            f"{result.get('socket_error_kinds', '')}, non-2xx/3xx {result['status_errors']}, "
            f"server tracebacks {result['server_errors_logged']}"
            + (f"; {hits(result)} ({result['page_cache']})" if hits(result) else "")
        ),
    )


def page_rows(pages: list[dict], large: bool) -> list[Row]:
    baseline = next((p for p in pages if p["name"].startswith("healthz")), None)
    rows = []
    for page in pages:
        if _not_applicable(rows, page["name"], page):
            continue
        if page.get("status") == "timeout":
            rows.append(Row(name=page["name"], status="MISS: timed out", note=page["note"]))
            continue
        target = page["target_ms"]
        row = Row(
            name=page["name"],
            median=page["median"],
            p95=page["p95"],
            note=f"queries: {page['queries']}, n={page['n']}"
            + (f"; {page['note']}" if page.get("note") else ""),
        )
        if baseline and page is not baseline:
            row.baseline = f"healthz {baseline['median']:.2f} ms"
            row.ratio = page["median"] / baseline["median"]
        if target:
            row.target = f"p95 < {target} ms" + ("" if large else " (at 1M)")
            row.status = verdict(page["p95"], target, higher_is_better=False, unit=" ms")
        else:
            row.status = "baseline"
        rows.append(row)
    return rows


def export_rows(scale: Scale, rows: list[Row]) -> dict:
    raw = {}
    read = _guarded(rows, "export (read baseline)", lambda: child(scale, "bench.data", "read", "1"))
    raw["read"] = read
    for fmt in EXPORT_FORMATS:
        name = f"export {fmt}"

        def step(fmt=fmt):
            return {
                "all": child(scale, "bench.data", "export", fmt, "1"),
                "tenth": child(scale, "bench.data", "export", fmt, "0.1"),
            }

        result = _guarded(rows, name, step)
        raw[fmt] = result
        if result is None:
            continue
        full, tenth = result["all"], result["tenth"]
        if _not_applicable(rows, name, full):
            continue
        rate, peak = full["stories_per_second"], full["peak_rss_mb"]
        growth = peak - tenth["peak_rss_mb"]
        flat = growth <= max(20.0, 0.1 * tenth["peak_rss_mb"])
        problems = []
        floor = EXPORT_MIN_RATE[fmt]
        if rate < floor:
            problems.append(verdict(rate, floor, higher_is_better=True, unit="/s"))
        if peak > EXPORT_MAX_MB:
            problems.append(f"MISS: peak {peak:.0f} MB")
        if not flat:
            problems.append(f"MISS: +{growth:.0f} MB from 10% to 100%")
        chunk = full["chunk_ms_per_1000"] or {}
        rows.append(
            Row(
                name=f"{name} ({full['stories']:,} stories)",
                median=chunk.get("median"),
                p95=chunk.get("p95"),
                unit="ms/1k",
                throughput=f"{rate:,.0f} stories/s",
                baseline=f"read {read['stories_per_second']:,.0f}/s" if read else "",
                ratio=rate / read["stories_per_second"] if read else None,
                target=f">= {floor:,}/s, < {EXPORT_MAX_MB} MB flat",
                status="; ".join(problems) or "pass",
                note=f"peak {peak:.0f} MB, {tenth['peak_rss_mb']:.0f} MB at 10%"
                + (
                    f"; stopped after {full['stopped_after_seconds']:.0f} s of {full['of']:,}"
                    if full.get("stopped_after_seconds")
                    else ""
                ),
            )
        )
    return raw


def suggest_row(scale: Scale, rows: list[Row]) -> dict | None:
    result = _guarded(
        rows, "actor suggestions", lambda: child(scale, "bench.data", "suggest", "30")
    )
    if result is None or _not_applicable(rows, "actor suggestions", result):
        return result
    timing, baseline = result["ms"], result["baseline_ms"]
    story = result["story"]
    rows.append(
        Row(
            name=f"suggestions, {story['words']:,}-word story",
            median=story["ms"]["median"],
            p95=story["ms"]["p95"],
            baseline=f"fold+split {story['baseline_ms']['median']:.2f} ms",
            ratio=story["ms"]["median"] / story["baseline_ms"]["median"],
            target=f"p95 < {STORY_SUGGEST_MAX_MS} ms",
            status=verdict(
                story["ms"]["p95"], STORY_SUGGEST_MAX_MS, higher_is_better=False, unit=" ms"
            ),
            note=(
                f"{result['aliases']:,} aliases; then kinds of its {story['names']} new names "
                f"+{story['kinds_ms']['median']:.0f} ms median (French model)"
            ),
        )
    )
    rows.append(
        Row(
            name=f"suggestions, {result['words']:,} words",
            median=timing["median"],
            p95=timing["p95"],
            baseline=f"fold+split {baseline['median']:.2f} ms",
            ratio=timing["median"] / baseline["median"],
            target=f"p95 < {SUGGEST_MAX_MS} ms",
            status=verdict(timing["p95"], SUGGEST_MAX_MS, higher_is_better=False, unit=" ms"),
            note=f"{result['aliases']:,} aliases, index built in {result['build_seconds']:.1f} s",
        )
    )
    return result


def import_row(scale: Scale, rows: list[Row]) -> dict | None:
    count = str(env_int("BENCH_IMPORT_STORIES", 2000))
    result = _guarded(rows, "import", lambda: child(scale, "bench.data", "import", count))
    if result is None or _not_applicable(rows, "import", result):
        return result
    rate, baseline = result["stories_per_second"], result["baseline_stories_per_second"]
    rows.append(
        Row(
            name=f"import jsonl ({result['stories']:,} stories)",
            median=result["ms_per_story"]["median"],
            p95=result["ms_per_story"]["p95"],
            unit="ms/st",
            throughput=f"{rate:,.0f} stories/s",
            baseline=f"ORM save {baseline:,.0f}/s",
            ratio=rate / baseline,
            target=f">= {IMPORT_MIN_RATE:,} stories/s",
            status=verdict(rate, IMPORT_MIN_RATE, higher_is_better=True, unit="/s"),
        )
    )
    return result


def _with_prepared(scale: Scale, measure):
    """``measure(prepared)`` on the pages bench.pages picks, its saved static copy removed
    afterwards (not left among the static files a later `make serve` would publish)."""
    prepared = child(scale, "bench.pages", "prepare", str(BENCH_DIR))
    try:
        return measure(prepared)
    finally:
        Path(prepared["static_file"]).unlink(missing_ok=True)


STEPS = (
    "pages",
    "http",
    "load",
    "publishing",
    "search",
    "export",
    "suggest",
    "tagging",
    "import",
    "authority",
    "connections",
    "api",
    "story_list",
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="default", choices=("default", "large"))
    parser.add_argument(
        "--only",
        default="",
        help=f"comma-separated steps, of: {', '.join(STEPS)} (default: all)",
    )
    args = parser.parse_args(argv)
    scale = scale_from_env(args.scale)
    only = {step.strip() for step in args.only.split(",") if step.strip()}
    if only - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(only - set(STEPS)))}")

    def wanted(step: str) -> bool:
        return not only or step in only

    started = time.perf_counter()
    # The code measured is the code at the start (others may commit during the run).
    revision = git_revision()
    log(f"newsroom bench: scale {scale.name}, {scale.vendor}, {scale.stories:,} stories")

    corpus = ensure_corpus(scale, log)
    # The bench's cache may hold pages and list counts of another corpus (another scale, or
    # a rebuilt database): nothing measured may come from it.
    flush_page_cache()
    manage(scale, "collectstatic", "--noinput", "-v0")
    rows: list[Row] = []
    raw: dict = {"corpus": corpus}
    if corpus.get("stories_per_second"):
        rows.append(
            Row(
                name="corpus generation",
                throughput=f"{corpus['stories_per_second']:,} stories/s",
                status="info",
                note=f"{corpus['stories']:,} stories in {corpus['seconds']:.0f} s",
            )
        )

    # Server time of rendering: the page cache is off here (the HTTP step measures it).
    def pages_step():
        return child(scale, "bench.pages", "measure", str(scale.requests), NEWSROOM_PAGE_CACHE="0")

    def http_step():
        return _with_prepared(
            scale, lambda prepared: {"prepared": prepared, **http.measure(scale, prepared, log)}
        )

    def load_step():
        prepared = child(scale, "bench.pages", "prepare", str(BENCH_DIR))
        Path(prepared["static_file"]).unlink(missing_ok=True)
        return http.load(scale, prepared, log)

    def publishing_step():
        return _with_prepared(scale, lambda prepared: publishing.measure(scale, prepared, log))

    if wanted("pages"):
        log("Pages in process (django.test.Client)…")
        raw["pages"] = _guarded(rows, "pages", pages_step)
    if wanted("http"):
        log("Story page under gunicorn with wrk…")
        raw["http"] = _guarded(rows, "story page (gunicorn + wrk)", http_step)
        if raw["http"]:
            rows += story_rows(raw["http"])
    if wanted("load"):
        log("Load test under gunicorn with wrk…")
        raw["load"] = _guarded(rows, "load test (gunicorn + wrk)", load_step)
        if raw["load"]:
            rows.append(load_row(raw["load"], raw.get("http")))
    if wanted("publishing"):
        log("Readers while the desk publishes, under gunicorn with wrk…")
        raw["publishing"] = _guarded(rows, "readers while desk publishes", publishing_step)
        if raw["publishing"]:
            rows += publishing_rows(raw["publishing"])
    if raw.get("pages"):
        rows += page_rows(raw["pages"], large=scale.name == "large")
    # The data paths and the rest, each in its own child process.
    later = [
        ("search", "Search, by kind of query…", search_rows),
        ("export", "Exports…", export_rows),
        ("suggest", "Actor suggestions…", suggest_row),
        ("tagging", "Tagging quality on the labelled set…", tagging_row),
        ("import", "Import…", import_row),
        ("authority", "Authority file (import_actors)…", authority_row),
        (
            "connections",
            "Connection finder (100,000 actors, 1,000,000 relationships)…",
            connections_rows,
        ),
        ("api", "Content API (/api/v1/), uncached…", api_rows),
        ("story_list", "The desk's story list, searched and filtered…", story_list_rows),
    ]
    for step, message, measure in later:
        if wanted(step):
            log(message)
            raw[step] = measure(scale, rows)

    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "revision": revision,
        "scale": scale.as_dict(),
        "machine": machine(),
        "seconds": round(time.perf_counter() - started),
    }
    header = (
        f"newsroom bench — {meta['date']} — {meta['revision']} — scale {scale.name}: "
        f"{scale.stories:,} stories, {scale.actors:,} actors on {scale.vendor} — "
        f"{meta['machine']['cpus']} CPUs ({meta['machine']['cpu_model']}), "
        f"{meta['machine']['memory_gib']} GiB"
    )
    print(header)
    print(table(rows))
    BENCH_DIR.mkdir(exist_ok=True)
    write_json(BENCH_DIR / "latest.json", rows=rows, meta=meta, raw=raw)
    log(f"Figures written to {BENCH_DIR / 'latest.json'} ({meta['seconds']} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The table's rows for pages served by gunicorn: verdicts against the same-run static file.

Targets (issues 6 and 15): a cached story page at least 0.9 of the static file's throughput,
an uncached one at least 0.25; readers while the desk publishes at least 0.8 with a 99th
percentile under 100 ms.
"""

from bench.report import Row, verdict

CACHED_MIN, UNCACHED_MIN = 0.9, 0.25
PUBLISHING_MIN, PUBLISHING_P99_MS = 0.8, 100
CACHE_NAMES = {"files": "file cache", "redis": "Redis"}


def hits(run: dict) -> str:
    """'hits 97.3%' of the answers that went through the page cache, or ''."""
    ratio, stale = run.get("hit_ratio"), run.get("stale_ratio")
    if ratio is None:
        return ""
    return f"hits {ratio:.1%}" + (f" ({stale:.1%} previous copies)" if stale else "")


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _static_row(name: str, static: dict) -> Row:
    return Row(
        name=name,
        median=static["p50_ms"],
        p95=static["p95_ms"],
        throughput=f"{static['rps']:,.0f} req/s",
        baseline="(the baseline: whitenoise)",
        ratio=1.0,
        status="baseline",
    )


def story_rows(result: dict) -> list[Row]:
    """Per page cache: the static file, the story page cached, and uncached."""
    if result.get("status") == "n/a":
        return [Row(name="story page (gunicorn + wrk)", status="n/a", note=result["note"])]
    rows = []
    for cache, runs in result["caches"].items():
        label = CACHE_NAMES[cache]
        if runs.get("status") == "n/a":
            rows.append(Row(name=f"story page, {label}", status="n/a", note=runs["note"]))
            continue
        static = runs["static"]
        rows.append(_static_row(f"static story ({label} run)", static))
        for name, minimum in (("cached", CACHED_MIN), ("uncached", UNCACHED_MIN)):
            run = runs[name]
            ratio = run["rps"] / static["rps"]
            rows.append(
                Row(
                    name=f"story page, {name}, {label}",
                    median=run["p50_ms"],
                    p95=run["p95_ms"],
                    throughput=f"{run['rps']:,.0f} req/s",
                    baseline=f"static {static['rps']:,.0f} req/s",
                    ratio=ratio,
                    target=f">= {minimum:.2f} x static",
                    status=verdict(ratio, minimum, higher_is_better=True),
                    note=_join(
                        f"{run['errors']} errors" if run["errors"] else "",
                        hits(run) if name == "cached" else "",
                    ),
                )
            )
    return rows


def publishing_verdict(ratio: float, p99_ms: float, failures: int = 0) -> str:
    """pass, or each way the run missed."""
    misses = []
    if ratio < PUBLISHING_MIN:
        misses.append(verdict(ratio, PUBLISHING_MIN, higher_is_better=True).removeprefix("MISS: "))
    if p99_ms >= PUBLISHING_P99_MS:
        misses.append(f"p99 {p99_ms:,.0f} ms")
    if failures:
        misses.append(f"{failures} failed requests")
    return "MISS: " + ", ".join(misses) if misses else "pass"


def publishing_rows(result: dict) -> list[Row]:
    """Per page cache: the static file under the readers' settings, then the readers while
    the desk saves every 5 s, then during the burst."""
    if result.get("status") == "n/a":
        return [Row(name="readers while desk publishes", status="n/a", note=result["note"])]
    rows = []
    for cache, runs in result["caches"].items():
        label = CACHE_NAMES[cache]
        if runs.get("status") == "n/a":
            rows.append(
                Row(name=f"desk publishes, {label}", status="n/a", note=runs.get("note", ""))
            )
            continue
        static = runs["static"]
        rows.append(_static_row(f"static, {runs['connections']} conns ({label} run)", _ms(static)))
        desk = runs["desk"]
        for key, what in (
            ("publishing", f"save/{runs['publishing']['every_seconds']} s"),
            ("burst", f"{runs['burst']['saves_planned']} saves/{runs['burst']['seconds']} s"),
        ):
            run = _ms(runs[key])
            ratio = run["rps"] / static["rps"]
            failures = run["socket_errors"] + run["status_errors"]
            rows.append(
                Row(
                    name=f"readers, {what}, {label}",
                    median=run["p50_ms"],
                    p95=run["p95_ms"],
                    throughput=f"{run['rps']:,.0f} req/s",
                    baseline=f"static {static['rps']:,.0f} req/s",
                    ratio=ratio,
                    target=f">= {PUBLISHING_MIN} x, p99 < {PUBLISHING_P99_MS} ms",
                    status=publishing_verdict(ratio, run["p99_ms"], failures),
                    note=_join(
                        "" if run["p99_ms"] >= PUBLISHING_P99_MS else f"p99 {run['p99_ms']:.0f} ms",
                        hits(run),
                        f"{desk['saves']} saves in all, slowest {desk['max_save_ms']:,.0f} ms"
                        if key == "burst"
                        else "",
                        f"desk errors: {desk['errors'][0]}" if desk["errors"] else "",
                    ),
                )
            )
    return rows


def _ms(run: dict) -> dict:
    """A raw wrk run with its latencies in milliseconds."""
    return {
        **run,
        **{f"p{n}_ms": run[f"p{n}_us"] / 1000 for n in (50, 95, 99) if f"p{n}_us" in run},
    }

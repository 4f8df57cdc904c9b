"""One table for the terminal, the same figures as JSON for comparing commits."""

import json
from dataclasses import asdict, dataclass


@dataclass
class Row:
    name: str
    median: float | None = None  # a latency, in `unit`
    p95: float | None = None
    unit: str = "ms"
    throughput: str = ""  # e.g. "1,234 req/s"
    baseline: str = ""  # what the ratio is against, and its figure
    ratio: float | None = None
    target: str = ""
    status: str = ""  # pass, MISS …, n/a, error
    note: str = ""


def _number(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


COLUMNS = [
    ("measurement", 34),
    ("median", 8),
    ("p95", 8),
    ("unit", 5),
    ("throughput", 15),
    ("baseline", 30),
    ("ratio", 6),
    ("target", 22),
    ("result", 0),
]


def table(rows: list[Row]) -> str:
    def line(values):
        return "  ".join(
            f"{value:<{width}}" if width else value
            for value, (_, width) in zip(values, COLUMNS, strict=True)
        ).rstrip()

    out = [line([name for name, _ in COLUMNS]), line(["-" * max(w, 6) for _, w in COLUMNS])]
    for row in rows:
        result = row.status + (f" ({row.note})" if row.note else "")
        out.append(
            line(
                [
                    row.name[:34],
                    _number(row.median),
                    _number(row.p95),
                    row.unit if row.median is not None else "",
                    row.throughput,
                    row.baseline[:30],
                    _number(row.ratio),
                    row.target,
                    result,
                ]
            )
        )
    return "\n".join(out)


def write_json(path, *, rows: list[Row], meta: dict, raw: dict) -> None:
    path.write_text(
        json.dumps({**meta, "rows": [asdict(row) for row in rows], "raw": raw}, indent=2)
    )


def verdict(value: float, limit: float, *, higher_is_better: bool, unit: str = "") -> str:
    """pass, or MISS with how far off: 'MISS: 2.6x the 50 ms limit'."""
    if (value >= limit) if higher_is_better else (value <= limit):
        return "pass"
    shown = f"{limit:,g}{unit}"
    if higher_is_better:
        return f"MISS: {value / limit:.2f} of the {shown} target"
    return f"MISS: {value / limit:.2f}x the {shown} limit"


def latency_rows(result: dict, rows: list[Row], *, prefix: str, max_ms: float, large: bool):
    """Add a child's timed requests (p50 and p95 in ms against its /healthz baseline) to the
    table: one row each, passing when p95 is under ``max_ms`` (a target at 1M stories)."""
    baseline = result["baseline_ms"]
    for row in result["rows"]:
        name = f"{prefix}{row['name']}"
        if row.get("status") in ("n/a", "timeout"):
            status = "n/a" if row["status"] == "n/a" else "MISS: timed out"
            rows.append(Row(name=name, status=status, note=row.get("note", "")))
            continue
        details = [f"queries: {row['queries']}, n={row['n']}"]
        details += [str(row[key]) for key in ("listed", "note") if row.get(key)]
        rows.append(
            Row(
                name=name,
                median=row["median"],
                p95=row["p95"],
                baseline=f"healthz {baseline['median']:.2f} ms",
                ratio=row["median"] / baseline["median"] if baseline["median"] else None,
                target=f"p95 < {max_ms} ms" + ("" if large else " (at 1M)"),
                status=verdict(row["p95"], max_ms, higher_is_better=False, unit=" ms"),
                note="; ".join(details),
            )
        )

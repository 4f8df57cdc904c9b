"""Reader search (/search/?q=…) by kind of query, at scale.

    python -m bench.search measure N                 # the child: prints JSON
    python -m bench.search --scale default|large     # on its own: migrate, measure, a table

Filled in by issue 20: common and rare words, phrases and actor names, each its own row.
"""

import json
import sys

from bench.config import child
from bench.report import Row


def search_rows(scale, rows: list) -> dict | None:
    """Measure in a child process and add its rows to ``rows`` (bench.run's table)."""
    try:
        result = child(scale, "bench.search", "measure", str(scale.requests))
    except Exception as error:  # reported in the table; the other measurements go on
        rows.append(Row(name="search", status="error", note=str(error)[:120]))
        return None
    if result.get("status") == "n/a":
        rows.append(Row(name="search", status="n/a", note=result.get("note", "")))
    return result


def main(argv: list[str]) -> None:
    print(json.dumps({"status": "n/a", "note": "not measured yet"}))


if __name__ == "__main__":
    main(sys.argv)

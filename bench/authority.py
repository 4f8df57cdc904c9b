"""The authority-file import at scale: 100,000 actors with 300,000 aliases, loaded twice.

    python -m bench.authority [COUNT]                  # the child: prints JSON
    python -m bench.authority --scale default|large    # on its own: migrate, measure, a table

The child writes a synthetic file (JSON Lines: nine actors in ten as Wikidata items, the
tenth as rows of our own without a Wikidata id, three aliases each), then times
``actors_import`` on it and a second run of the same file, which must change nothing, in a
transaction rolled back at the end: the bench database keeps the corpus it was built with.
On PostgreSQL the load's time includes the foreign-key checks its commit would make.
The baseline, in the same run, is reading the file with ``json.loads`` alone.
Environment: BENCH_AUTHORITY_ACTORS (actors in the file, 100,000 at either scale).
"""

import json
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.config import child, env_int
from bench.corpus import standalone_row
from bench.report import Row, verdict

AUTHORITY_MAX_SECONDS = 60
DEFAULT_ACTORS = 100_000
ALIASES = 3
# Far above the corpus's own Wikidata ids (Q1000000000 + its actor ids).
FIRST_ID = 7_000_000_000
CLASSES = {"person": "Q5", "organisation": "Q43229", "place": "Q515", "event": "Q1656682"}


def authority_row(scale, rows: list) -> dict | None:
    """Measure in a child process and add its rows to ``rows`` (bench.run's table)."""
    count = str(env_int("BENCH_AUTHORITY_ACTORS", DEFAULT_ACTORS))
    try:
        result = child(scale, "bench.authority", count)
    except Exception as error:  # reported in the table; the other measurements go on
        rows.append(Row(name="authority import", status="error", note=str(error)[:120]))
        return None
    first, second, baseline = result["first"], result["second"], result["baseline_seconds"]
    rows.append(
        Row(
            name=f"authority file ({result['actors']:,} actors)",
            median=first["seconds"],
            unit="s",
            throughput=f"{result['actors'] / first['seconds']:,.0f} actors/s",
            baseline=f"json.loads {baseline:.2f} s",
            ratio=first["seconds"] / baseline if baseline else None,
            target=f"< {AUTHORITY_MAX_SECONDS} s",
            status=verdict(
                first["seconds"], AUTHORITY_MAX_SECONDS, higher_is_better=False, unit=" s"
            ),
            note=f"{first['created']:,} created with {first['aliases']:,} aliases; "
            f"peak {result['peak_rss_mb']:.0f} MB",
        )
    )
    changed = second["created"] + second["updated"]
    rows.append(
        Row(
            name="authority file, second run",
            median=second["seconds"],
            unit="s",
            baseline=f"json.loads {baseline:.2f} s",
            ratio=second["seconds"] / baseline if baseline else None,
            target="0 changed",
            status="pass" if changed == 0 else f"MISS: {changed:,} changed",
            note=f"{second['unchanged']:,} unchanged",
        )
    )
    return result


def _aliases(made, rng: random.Random) -> list[str]:
    """Three aliases that fold apart from the name and from each other."""
    from common.text import fold

    seen, found = {fold(made.name)}, []
    candidates = [*made.aliases, made.sort_name, made.name.upper()]
    candidates += [f"{made.name} ({rng.randint(2, 999)})" for _ in range(ALIASES)]
    for alias in candidates:
        if alias and fold(alias) not in seen and len(found) < ALIASES:
            seen.add(fold(alias))
            found.append(alias)
    return found


def write_file(path: Path, count: int, seed: int = 16) -> int:
    """A synthetic authority file of ``count`` actors; the aliases it holds."""
    from bench.synthetic.text import Names

    rng = random.Random(seed)
    names, aliases = Names(random.Random(seed + 1)), 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            made = names.make()
            extra = _aliases(made, rng)
            aliases += len(extra)
            if number % 10 == 9:  # found by its slug: its name must be the file's only one
                doc = {
                    "name": f"{made.name} {number}",
                    "kind": made.kind,
                    "aliases": extra,
                    "description": made.description,
                }
            else:
                doc = {
                    "id": f"Q{FIRST_ID + number}",
                    "labels": {"fr": made.name, "en": {"language": "en", "value": made.name}},
                    "aliases": {"fr": extra[:2], "en": extra[2:]},
                    "descriptions": {"fr": made.description},
                    "class": CLASSES[made.kind],
                }
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return aliases


def _load(path: Path) -> dict:
    from django.db import connection

    from actors.authority import actors_import

    started = time.perf_counter()
    with path.open(encoding="utf-8") as stream:
        report = actors_import(lines=stream, filename=str(path))
    if connection.vendor == "postgresql":
        # The foreign keys a commit would check (the transaction is rolled back): checked
        # now, and timed with the load.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return {
        "seconds": time.perf_counter() - started,
        "created": len(report.created),
        "updated": len(report.updated),
        "unchanged": report.unchanged,
        "aliases": report.aliases_added,
    }


def measure(count: int) -> dict:
    import resource

    from django.db import transaction

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "authority.jsonl"
        aliases = write_file(path, count)
        started = time.perf_counter()
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                json.loads(line)
        baseline = time.perf_counter() - started
        with transaction.atomic():
            first = _load(path)
            second = _load(path)
            transaction.set_rollback(True)
    return {
        "actors": count,
        "aliases_in_file": aliases,
        "baseline_seconds": baseline,
        "first": first,
        "second": second,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str]) -> None:
    if len(argv) > 2 and argv[1] == "--scale":
        standalone_row(argv[2], authority_row)
        return
    import django

    django.setup()
    count = int(argv[1]) if len(argv) > 1 else env_int("BENCH_AUTHORITY_ACTORS", DEFAULT_ACTORS)
    print(json.dumps(measure(count)))


if __name__ == "__main__":
    main(sys.argv)

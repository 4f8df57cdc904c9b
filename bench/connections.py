"""The connection finder at scale: 100,000 actors and 1,000,000 relationships.

    python -m bench.connections [ACTORS RELATIONSHIPS]    # the child: prints JSON
    python -m bench.connections --scale default|large     # on its own: migrate, measure, a table

The child loads a random graph (COPY on PostgreSQL, executemany on SQLite) in a transaction
rolled back at the end, so the bench database keeps the corpus it was built with. Ten busy
actors hold one relationship in twenty (5,000 each at 1,000,000). One relationship in twenty
is reported only by a draft (not public: the finder must not walk it) and one in twenty by
a public story, so that the public predicate has work to do. It then times
``find_connections`` (the query and what the page shows of each chain) between random
pairs found, by a breadth-first search in memory, at one, two and three steps and beyond
three (no connection: the query's worst case), and from a busy actor. The baseline, in the
same run, is the one-step query the actor page makes: the public relationships of one actor.
Environment: BENCH_GRAPH_ACTORS, BENCH_GRAPH_RELATIONSHIPS, BENCH_GRAPH_PAIRS.
"""

import json
import random
import sys
import time
from collections import deque

from bench.config import child, env_int
from bench.corpus import standalone_row
from bench.report import Row, verdict
from bench.stats import summary

FINDER_MAX_MS = 200
DEFAULT_ACTORS = 100_000
DEFAULT_RELATIONSHIPS = 1_000_000
PAIRS = 30  # timed pairs per distance
BATCH = 50_000
HUBS = 10  # with 5,000 relationships each at 1,000,000
KINDS = ("met", "allied-with", "works-for", "rival-of", "member-of")
DISTANCES = ("1 step", "2 steps", "3 steps", "none within 3")
BUSY = "from a busy actor"


def connections_rows(scale, rows: list) -> dict | None:
    """Measure in a child process and add its rows to ``rows`` (bench.run's table)."""
    args = [
        str(env_int("BENCH_GRAPH_ACTORS", DEFAULT_ACTORS)),
        str(env_int("BENCH_GRAPH_RELATIONSHIPS", DEFAULT_RELATIONSHIPS)),
    ]
    try:
        result = child(scale, "bench.connections", *args)
    except Exception as error:  # reported in the table; the other measurements go on
        rows.append(Row(name="connection finder", status="error", note=str(error)[:120]))
        return None
    baseline = result["baseline_ms"]
    for distance in (*DISTANCES, BUSY):
        timing = result["finder_ms"].get(distance)
        if not timing:
            rows.append(Row(name=f"connections, {distance}", status="n/a", note="no such pair"))
            continue
        rows.append(
            Row(
                name=f"connections, {distance}",
                median=timing["median"],
                p95=timing["p95"],
                baseline=f"1-step query {baseline['median']:.2f} ms",
                ratio=timing["median"] / baseline["median"] if baseline["median"] else None,
                target=f"p95 < {FINDER_MAX_MS} ms",
                status=verdict(timing["p95"], FINDER_MAX_MS, higher_is_better=False, unit=" ms"),
                note=f"{result['actors']:,} actors, {result['relationships']:,} relationships; "
                f"n={timing['n']}, chains {result['chains'][distance]}",
            )
        )
    return result


def _write(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """COPY on PostgreSQL (bench.synthetic.sink), one executemany elsewhere."""
    from django.db import connection

    from bench.synthetic.sink import Sink

    if connection.vendor == "postgresql":
        Sink(method="copy").write(model, list(fields), rows)
        return
    opts = model._meta
    by_attname = {field.attname: field.column for field in opts.concrete_fields}
    columns = ", ".join(by_attname[name] for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {opts.db_table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def load_graph(actor_count: int, relationship_count: int, rng: random.Random):
    """The actor ids and the adjacency of the public graph (for choosing pairs)."""
    from django.db.models import Max
    from django.utils import timezone

    from actors.models import Actor, Relationship, RelationshipKind
    from articles.models import Article

    now = timezone.now()
    first = (Actor.objects.aggregate(top=Max("pk"))["top"] or 0) + 1_000_000
    ids = list(range(first, first + actor_count))
    fields = (
        "id", "kind", "name", "slug", "sort_name", "description", "wikidata_id", "website",
        "listed", "name_folded", "version", "created_at", "updated_at",
    )  # fmt: skip
    for start in range(0, actor_count, BATCH):
        rows = [
            (pk, "person", f"Graph {pk}", f"graph-{pk}", "", "", "", "", True, f"graph {pk}", 1,
             now, now)
            for pk in ids[start : start + BATCH]
        ]  # fmt: skip
        _write(Actor, fields, rows)
    kinds = list(RelationshipKind.objects.filter(slug__in=KINDS).values_list("pk", flat=True))
    public_story = Article.objects.published().values_list("pk", flat=True).first()
    draft = Article.objects.exclude(status=Article.Status.PUBLISHED).values_list("pk", flat=True)
    draft = draft.first()
    adjacency: dict[int, list[int]] = {pk: [] for pk in ids}
    seen: set[tuple[int, int, int]] = set()
    first_rel = (Relationship.objects.aggregate(top=Max("pk"))["top"] or 0) + 1_000_000
    rel_fields = ("id", "source_id", "kind_id", "target_id", "status", "note", "currency",
                  "needs_review", "version", "created_at", "updated_at")  # fmt: skip
    rows, evidence = [], []
    # Busy actors (a head of state, a large company): one relationship in twenty is theirs.
    hubs = ids[:HUBS]
    while len(seen) < relationship_count:
        busy = len(seen) < relationship_count // 20
        source = hubs[len(seen) % HUBS] if busy else rng.choice(ids)
        target = rng.choice(ids)
        kind = rng.choice(kinds)
        if source == target or (source, kind, target) in seen:
            continue
        seen.add((source, kind, target))
        pk = first_rel + len(seen)
        rows.append((pk, source, kind, target, "reported", "", "", False, 1, now, now))
        luck = rng.random()
        if luck < 0.05 and draft is not None:
            evidence.append((pk, draft))  # known only from a draft: not a link readers see
        else:
            if luck < 0.10 and public_story is not None:
                evidence.append((pk, public_story))
            adjacency[source].append(target)
            adjacency[target].append(source)
        if len(rows) >= BATCH:
            _write(Relationship, rel_fields, rows)
            rows = []
    _write(Relationship, rel_fields, rows)
    _write(Relationship.evidence.through, ("relationship_id", "article_id"), evidence)
    return ids, adjacency


def distances_from(source: int, adjacency, limit: int = 3) -> dict[int, int]:
    """Every actor within ``limit`` steps of ``source``, with its distance."""
    found, queue = {source: 0}, deque([source])
    while queue:
        node = queue.popleft()
        if found[node] >= limit:
            continue
        for other in adjacency[node]:
            if other not in found:
                found[other] = found[node] + 1
                queue.append(other)
    return found


def pick_pairs(ids, adjacency, rng: random.Random, count: int) -> dict[str, list]:
    """``count`` pairs at each distance: 1, 2 and 3 steps, and none within 3."""
    pairs: dict[str, list] = {distance: [] for distance in DISTANCES}
    for _ in range(count * 20):
        if all(len(found) >= count for found in pairs.values()):
            break
        source = rng.choice(ids)
        near = distances_from(source, adjacency)
        by_distance: dict[int, list[int]] = {}
        for node, steps in near.items():
            by_distance.setdefault(steps, []).append(node)
        by_distance[4] = [pk for pk in rng.sample(ids, 50) if pk not in near]
        for steps, distance in enumerate(DISTANCES, start=1):
            candidates = by_distance.get(steps, [])
            if candidates and len(pairs[distance]) < count:
                pairs[distance].append((source, rng.choice(candidates)))
    return pairs


def measure(actor_count: int, relationship_count: int) -> dict:
    from django.db import connection, transaction

    from actors.connections import find_connections
    from actors.models import Actor, Relationship

    rng = random.Random(17)
    with transaction.atomic():
        started = time.perf_counter()
        ids, adjacency = load_graph(actor_count, relationship_count, rng)
        with connection.cursor() as cursor:  # the planner's statistics for the new rows
            for table in ("actors_actor", "actors_relationship", "actors_relationship_evidence"):
                cursor.execute(f"ANALYZE {table}")
        load_seconds = time.perf_counter() - started
        count = env_int("BENCH_GRAPH_PAIRS", PAIRS)
        pairs = pick_pairs(ids, adjacency, rng, count)
        pairs[BUSY] = [(rng.choice(ids[:HUBS]), rng.choice(ids)) for _ in range(count)]
        actors = Actor.objects.in_bulk(
            {pk for found in pairs.values() for pair in found for pk in pair}
        )
        finder, chains, baseline = {}, {}, []
        for distance, found in pairs.items():
            times, counts = [], []
            for source, target in found:
                a, b = actors[source], actors[target]
                begun = time.perf_counter()
                result = find_connections(a, b)
                times.append((time.perf_counter() - begun) * 1000)
                counts.append(len(result.chains))
                begun = time.perf_counter()
                list(Relationship.objects.public().involving(a).for_display()[:50])
                baseline.append((time.perf_counter() - begun) * 1000)
            if times:
                finder[distance] = summary(times)
                chains[distance] = f"{min(counts)}–{max(counts)}"
        transaction.set_rollback(True)
    return {
        "actors": actor_count,
        "relationships": relationship_count,
        "load_seconds": load_seconds,
        "finder_ms": finder,
        "chains": chains,
        "baseline_ms": summary(baseline),
        "vendor": connection.vendor,
    }


def main(argv: list[str]) -> None:
    if len(argv) > 2 and argv[1] == "--scale":
        standalone_row(argv[2], connections_rows)
        return
    import django

    django.setup()
    actor_count = int(argv[1]) if len(argv) > 1 else DEFAULT_ACTORS
    relationship_count = int(argv[2]) if len(argv) > 2 else DEFAULT_RELATIONSHIPS
    print(json.dumps(measure(actor_count, relationship_count)))


if __name__ == "__main__":
    main(sys.argv)

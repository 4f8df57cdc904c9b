"""How is X connected to Y? The shortest chains of public relationships between two actors.

One recursive query walks the public relationships, either way round, from both ends at
once: up to two steps from one end and one step back from the other, joined where they
meet, so that a three-step chain costs two hops of the graph around one actor and one
around the other instead of three; the two steps start from the actor with fewer
relationships (``shortest_paths``). Paths carry the actors they went through
("/12/40/") and never visit one twice. Only the shortest length found is kept; at that
length no chain can repeat an actor (it would hold a shorter one). PostgreSQL and SQLite
run the same query but for the step, written as each allows (see STEP_POSTGRESQL).

The base set is ``Relationship.objects.public()`` compiled into the query: the one
definition of a public relationship, not a copy of it. Every actor party to a public
relationship is public (``Actor.objects.public()``), so no chain passes through an actor
known only from a draft.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import connections
from django.db.models import Count, Prefetch, Q
from django.utils.translation import pgettext

from actors.models import Actor, Relationship
from common.text import fold

MAX_STEPS = 3
MAX_CHAINS = 10
# Steps walked from each end: FORWARD + BACKWARD = MAX_STEPS.
FORWARD, BACKWARD = 2, 1

WALK_SQL = """
WITH RECURSIVE walk(side, node, depth, path) AS (
    SELECT 0, CAST(%s AS BIGINT), 0, CAST(%s AS TEXT)
    UNION
    SELECT 1, CAST(%s AS BIGINT), 0, CAST(%s AS TEXT)
    UNION
    {steps}
)
SELECT f.path, b.path, f.depth + b.depth AS steps
FROM walk f JOIN walk b ON b.node = f.node AND b.side = 1
WHERE f.side = 0 AND f.depth + b.depth > 0 AND (b.depth = 0 OR f.depth = {forward})
ORDER BY steps, f.path, b.path
LIMIT {limit}
"""
# A step goes on from a path's last actor along a public relationship, either way round, to
# an actor the path has not visited, while its side has steps left. PostgreSQL allows one
# reference to the recursive table: both ways round in one LATERAL subquery, so that each
# actor reached is looked up by the indexes on source and on target.
STEP_POSTGRESQL = """
    SELECT w.side, e.b, w.depth + 1, w.path || CAST(e.b AS TEXT) || '/'
    FROM walk w CROSS JOIN LATERAL (
        SELECT p.target_id AS b FROM ({public}) p WHERE p.source_id = w.node
        UNION ALL
        SELECT p.source_id AS b FROM ({public}) p WHERE p.target_id = w.node
    ) e
    WHERE w.depth < CASE WHEN w.side = 0 THEN {forward} ELSE {backward} END
      AND w.path NOT LIKE '%%/' || CAST(e.b AS TEXT) || '/%%'
"""
# SQLite has no LATERAL, but takes one recursive SELECT per way round (3.34+).
STEP_SQLITE = """
    SELECT w.side, p.target_id, w.depth + 1, w.path || CAST(p.target_id AS TEXT) || '/'
    FROM walk w JOIN ({public}) p ON p.source_id = w.node
    WHERE w.depth < CASE WHEN w.side = 0 THEN {forward} ELSE {backward} END
      AND w.path NOT LIKE '%%/' || CAST(p.target_id AS TEXT) || '/%%'
    UNION
    SELECT w.side, p.source_id, w.depth + 1, w.path || CAST(p.source_id AS TEXT) || '/'
    FROM walk w JOIN ({public}) p ON p.target_id = w.node
    WHERE w.depth < CASE WHEN w.side = 0 THEN {forward} ELSE {backward} END
      AND w.path NOT LIKE '%%/' || CAST(p.source_id AS TEXT) || '/%%'
"""


def _ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/")]


def _busier(source_id: int, target_id: int) -> bool:
    """Whether the source has more relationships than the target. Only which end to walk
    from depends on it, never what is found: all relationships are counted, public or not,
    from the indexes alone (asking each whether it is public took 60 to 150 ms for an actor
    with 5,000 of them)."""
    pair = [source_id, target_id]
    counts = Relationship.objects.filter(Q(source_id__in=pair) | Q(target_id__in=pair)).aggregate(
        source=Count("pk", filter=Q(source_id=source_id) | Q(target_id=source_id)),
        target=Count("pk", filter=Q(source_id=target_id) | Q(target_id=target_id)),
    )
    return counts["source"] > counts["target"]


def shortest_paths(source_id: int, target_id: int, *, limit: int = MAX_CHAINS) -> list[list[int]]:
    """Up to ``limit`` + 1 shortest chains of actor ids from source to target (the extra one
    tells that there are more); empty when none is within MAX_STEPS.

    The two steps are walked from the end with fewer relationships: from a busy actor
    (thousands of relationships) they would reach its neighbours' neighbours, millions.
    """
    if _busier(source_id, target_id):
        return [path[::-1] for path in _walk(target_id, source_id, limit)]
    return _walk(source_id, target_id, limit)


def _walk(source_id: int, target_id: int, limit: int) -> list[list[int]]:
    public = Relationship.objects.public().order_by().values_list("source_id", "target_id")
    alias = public.db
    public_sql, public_params = public.query.get_compiler(using=alias).as_sql()
    connection = connections[alias]
    step = STEP_POSTGRESQL if connection.vendor == "postgresql" else STEP_SQLITE
    steps = step.format(public=public_sql, forward=FORWARD, backward=BACKWARD)
    sql = WALK_SQL.format(steps=steps, forward=FORWARD, limit=limit + 1)
    seeds = [source_id, f"/{source_id}/", target_id, f"/{target_id}/"]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*seeds, *public_params, *public_params])
        rows = cursor.fetchall()
    if not rows:
        return []
    shortest = rows[0][2]
    paths = []
    for forward, backward, steps in rows:
        if steps == shortest:
            # The backward half runs from the target to the meeting actor: turn it round.
            paths.append(_ids(forward) + _ids(backward)[::-1][1:])
    return paths


@dataclass
class Step:
    """One link of a chain: the public relationships between two actors, read from the
    first one's side, each with its public evidence (``public_evidence``)."""

    origin: Actor
    other: Actor
    relationships: list = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return list(
            dict.fromkeys(
                pgettext(
                    "relationship", rel.kind.label_from(as_source=rel.source_id == self.origin.pk)
                )
                for rel in self.relationships
            )
        )

    @property
    def stories(self) -> list:
        """The public stories reporting this step, oldest first, each once."""
        found = {story.pk: story for rel in self.relationships for story in rel.public_evidence}
        return sorted(found.values(), key=lambda story: (story.publish_at, story.pk))


@dataclass
class Connections:
    source: Actor
    target: Actor
    chains: list[list[Step]]
    more: bool  # more chains of the same length than MAX_CHAINS

    @property
    def steps(self) -> int | None:
        return len(self.chains[0]) if self.chains else None


def _relationships_between(pairs) -> dict[frozenset, list]:
    Article = apps.get_model("articles", "Article")  # the layer above, named at call time
    evidence = Prefetch(
        "evidence",
        queryset=Article.objects.published()
        .only("title", "slug", "language", "publish_at")
        .order_by("publish_at", "pk"),
        to_attr="public_evidence",
    )
    match = Q(pk__in=[])
    for a, b in pairs:
        match |= Q(source_id=a, target_id=b) | Q(source_id=b, target_id=a)
    found: dict[frozenset, list] = {}
    query = Relationship.objects.public().filter(match).for_display().prefetch_related(evidence)
    for rel in query.order_by("started_on", "kind__label", "pk"):
        found.setdefault(frozenset((rel.source_id, rel.target_id)), []).append(rel)
    return found


def find_connections(source: Actor, target: Actor, *, limit: int = MAX_CHAINS) -> Connections:
    """The shortest chains between two public actors, each step with its sources."""
    paths = shortest_paths(source.pk, target.pk, limit=limit)
    more = len(paths) > limit
    paths = paths[:limit]
    pairs = {frozenset(pair) for path in paths for pair in zip(path, path[1:], strict=False)}
    actors = Actor.objects.in_bulk({pk for path in paths for pk in path}) if paths else {}
    between = _relationships_between([tuple(pair) for pair in pairs]) if pairs else {}
    chains = [
        [
            Step(
                origin=actors[a], other=actors[b], relationships=between.get(frozenset((a, b)), [])
            )
            for a, b in zip(path, path[1:], strict=False)
        ]
        for path in paths
    ]
    # A relationship withdrawn between the two queries leaves a step with nothing to show.
    chains = [chain for chain in chains if all(step.relationships for step in chain)]
    chains.sort(key=lambda chain: [step.other.name for step in chain])
    return Connections(source=source, target=target, chains=chains, more=more)


MAX_NAME = 200  # longer than any actor's name: the form says so instead of searching
CANDIDATES = 10


def resolve(text: str) -> list[Actor]:
    """The public actors ``text`` names: its slug, or its name or an alias ignoring case and
    accents; failing that, the actors whose name holds it. One actor: found; several: the
    reader picks."""
    folded = fold(text)
    if not folded:
        return []
    public = Actor.objects.public()
    exact = list(
        public.filter(Q(slug=text) | Q(name_folded=folded) | Q(aliases__folded=folded))
        .distinct()
        .order_by("name", "pk")[: CANDIDATES + 1]
    )
    if exact:
        return [actor for actor in exact if actor.slug == text] or exact
    return list(
        public.filter(name_folded__contains=folded).order_by("name", "pk")[: CANDIDATES + 1]
    )

"""The connection finder's bench row, on a small random graph: the chains it finds are as
long as a breadth-first search in memory says, and walk no relationship known only from a
draft."""

import random

import pytest

from actors.connections import find_connections
from actors.models import Actor, Relationship
from bench.connections import BUSY, DISTANCES, distances_from, load_graph, measure, pick_pairs
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    ArticleFactory(title="Public")
    ArticleFactory(title="Brouillon", status="draft", publish_at=None)


def test_the_finder_agrees_with_a_breadth_first_search(stories):
    rng = random.Random(3)
    ids, adjacency = load_graph(400, 700, rng)
    hidden = Relationship.objects.exclude(pk__in=Relationship.objects.public()).count()
    assert hidden > 0  # some links are known only from the draft, and not in ``adjacency``
    pairs = pick_pairs(ids, adjacency, rng, 5)
    actors = Actor.objects.in_bulk(
        {pk for found in pairs.values() for pair in found for pk in pair}
    )
    for steps, distance in enumerate(DISTANCES, start=1):
        assert pairs[distance], distance
        for source, target in pairs[distance]:
            found = find_connections(actors[source], actors[target])
            if steps == 4:
                assert found.chains == []
                continue
            assert found.steps == steps == distances_from(source, adjacency)[target]
            for chain in found.chains:
                path = [chain[0].origin.pk] + [step.other.pk for step in chain]
                assert all(b in adjacency[a] for a, b in zip(path, path[1:], strict=False))


def test_the_measure_reports_every_distance_and_leaves_nothing_behind(stories):
    before = Relationship.objects.count()
    result = measure(300, 600)
    assert set(result["finder_ms"]) == {*DISTANCES, BUSY}
    assert all(timing["n"] > 0 for timing in result["finder_ms"].values())
    assert result["chains"]["none within 3"] == "0–0"
    assert Relationship.objects.count() == before  # rolled back

"""GET /api/v1/actors/{slug}/connections/?to=: the connection finder's chains, steps, labels
and sources, resolved as the page resolves the name."""

import pytest

from actors.models import RelationshipKind
from actors.services import relationship_record
from tests.api.conftest import API
from tests.api.test_actors import _unthrottled, refused  # noqa: F401 - the autouse fixture
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def connections(slug: str) -> str:
    return f"{API}/actors/{slug}/connections/"


@pytest.fixture
def blue_origin(api_world):
    """Bezos founded Blue Origin (a public story says so); Musk rival of Bezos (api_world)."""
    company = ActorFactory(name="Blue Origin", slug="blue-origin", kind="organisation")
    relationship_record(
        source=api_world.bezos,
        kind=RelationshipKind.objects.get(slug="founded"),
        target=company,
        evidence=[api_world.markets, api_world.draft],
    )
    return company


def test_a_two_step_chain_with_labels_from_each_side_and_public_sources(
    client, api_world, blue_origin
):
    answer = client.get(connections("blue-origin"), {"to": "Elon Musk"}).json()
    assert answer["target"]["slug"] == "elon-musk"
    assert answer["steps"] == 2
    [chain] = answer["chains"]
    first, second = chain["steps"]
    assert (first["origin"]["slug"], first["labels"], first["other"]["slug"]) == (
        "blue-origin",
        ["founded by"],
        "jeff-bezos",
    )
    assert (second["labels"], second["other"]["slug"]) == (["rival of"], "elon-musk")
    # The draft reports the first step too: only the public story is a source.
    assert [story["title"] for story in first["sources"]] == ["Amazon in the markets"]
    assert [story["uuid"] for story in second["sources"]] == [str(api_world.musk_bezos.uuid)]


def test_the_name_is_resolved_as_on_the_page(client, api_world, blue_origin):
    for to in ["elon-musk", "ELON MUSK", "Musk", "élon musk"]:
        assert client.get(connections("nasa"), {"to": to}).json()["target"]["slug"] == "elon-musk"


def test_several_matches_are_listed_to_choose_from(client, api_world):
    ActorFactory(name="Elon Jr", slug="elon-jr")
    answer = client.get(connections("jeff-bezos"), {"to": "elon"}).json()
    assert answer["target"] is None
    assert [actor["slug"] for actor in answer["candidates"]] == ["elon-jr", "elon-musk"]
    assert answer["chains"] == []


def test_no_chain_through_a_relationship_only_a_draft_reports(client, api_world):
    lauren = ActorFactory(name="Lauren Sánchez", slug="lauren-sanchez")
    relationship_record(
        source=api_world.bezos,
        kind=RelationshipKind.objects.get(slug="married-to"),
        target=lauren,
        evidence=[api_world.draft],
    )
    answer = client.get(connections("elon-musk"), {"to": "lauren-sanchez"}).json()
    assert answer["target"]["slug"] == "lauren-sanchez"
    assert (answer["steps"], answer["chains"]) == (None, [])


def test_an_actor_known_only_from_a_draft_is_neither_end(client, api_world):
    secret = ActorFactory(name="Source Secrète", slug="source-secrete", listed=False)
    relationship_record(
        source=secret,
        kind=RelationshipKind.objects.get(slug="met"),
        target=api_world.musk,
        evidence=[api_world.draft],
    )
    assert client.get(connections("source-secrete"), {"to": "musk"}).status_code == 404
    refused(client.get(connections("elon-musk"), {"to": "Source Secrète"}), "to")


@pytest.mark.parametrize("to", ["", "   ", "x" * 201, "nobody at all", "elon-musk"])
def test_bad_names_are_refused_by_name(client, api_world, to):
    refused(client.get(connections("elon-musk"), {"to": to}), "to")


def test_a_missing_name_is_refused_by_name(client, api_world):
    refused(client.get(connections("elon-musk")), "to")

"""GET /api/v1/relationships/ and /api/v1/relationships/{id}: public relationships only, each
with its public evidence."""

import pytest

from actors.models import Relationship, RelationshipKind
from actors.services import relationship_record
from tests.api.conftest import API
from tests.api.test_actors import SITE, _unthrottled, refused  # noqa: F401 - the autouse fixture
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

RELATIONSHIPS = f"{API}/relationships/"


@pytest.fixture
def married(api_world):
    """Reported only by the draft: not public yet."""
    lauren = ActorFactory(name="Lauren Sánchez", slug="lauren-sanchez")
    return relationship_record(
        source=api_world.bezos,
        kind=RelationshipKind.objects.get(slug="married-to"),
        target=lauren,
        evidence=[api_world.draft],
    )


@pytest.fixture
def rivals(api_world):
    return Relationship.objects.get(source=api_world.musk, target=api_world.bezos)


def test_the_list_holds_public_relationships_only(client, api_world, married, rivals):
    page = client.get(RELATIONSHIPS).json()
    assert [row["id"] for row in page["results"]] == [rivals.pk]
    assert page["next"] is None
    [row] = page["results"]
    assert (row["source"]["slug"], row["label"], row["target"]["slug"]) == (
        "elon-musk",
        "rival of",
        "jeff-bezos",
    )
    assert row["kind"] == {
        "slug": "rival-of",
        "label": "rival of",
        "inverse_label": "rival of",
        "symmetric": True,
    }
    assert [story["title"] for story in row["evidence"]] == [api_world.musk_bezos.title]
    assert row["api_url"] == f"{SITE}{RELATIONSHIPS}{rivals.pk}"


def test_a_relationship_known_only_from_a_draft_is_not_found(client, api_world, married):
    response = client.get(f"{RELATIONSHIPS}{married.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert client.get(RELATIONSHIPS, {"actor": "lauren-sanchez"}).json()["results"] == []


def test_evidence_names_only_public_stories(client, api_world, rivals):
    rivals.evidence.add(api_world.draft, api_world.review, api_world.scheduled)
    row = client.get(f"{RELATIONSHIPS}{rivals.pk}").json()
    assert [story["uuid"] for story in row["evidence"]] == [str(api_world.musk_bezos.uuid)]
    assert "Brouillon" not in str(row)


def test_filters_by_actor_and_kind(client, api_world, rivals):
    owned = ActorFactory(name="Blue Origin", slug="blue-origin")
    owns = relationship_record(
        source=api_world.bezos, kind=RelationshipKind.objects.get(slug="founded"), target=owned
    )  # recorded by an editor without evidence: public

    def ids(**params):
        return [row["id"] for row in client.get(RELATIONSHIPS, params).json()["results"]]

    assert ids() == [rivals.pk, owns.pk]
    assert ids(actor="jeff-bezos") == [rivals.pk, owns.pk]
    assert ids(actor="elon-musk") == [rivals.pk]
    assert ids(actor="jeff-bezos", kind="founded") == [owns.pk]
    assert ids(kind="sued") == []


def test_unknown_filters_are_refused_by_name(client, api_world, married):
    refused(client.get(RELATIONSHIPS, {"actor": "nobody"}), "actor")
    refused(client.get(RELATIONSHIPS, {"kind": "hates"}), "kind")
    refused(client.get(RELATIONSHIPS, {"actor": "x" * 10_000}), "actor")
    refused(client.get(RELATIONSHIPS, {"cursor": "!!"}), "cursor")
    refused(client.get(RELATIONSHIPS, {"limit": "1e3"}), "limit")


def test_the_next_links_lead_through_every_relationship_once(client, api_world, rivals):
    kind = RelationshipKind.objects.get(slug="met")
    made = [
        relationship_record(
            source=api_world.nasa, kind=kind, target=ActorFactory(slug=f"visiteur-{n}")
        ).pk
        for n in range(7)
    ]
    seen, url = [], f"{SITE}{RELATIONSHIPS}?limit=3"
    while url:
        page = client.get(url.removeprefix(SITE)).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == [rivals.pk, *made]


@pytest.mark.parametrize("pk", ["0", "-1", "99999999999999999999999", "1.5", "abc"])
def test_hostile_ids_are_a_4xx(client, api_world, pk):
    response = client.get(f"{RELATIONSHIPS}{pk}")
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


def test_pages_skip_runs_of_relationships_readers_cannot_see(client, api_world, rivals):
    """Public ones are looked for in a widening window of ids: a run of draft-only ones
    longer than a page neither ends the list nor shows."""
    kind = RelationshipKind.objects.get(slug="met")

    def met(n, evidence):
        return relationship_record(
            source=api_world.nasa, kind=kind, target=ActorFactory(slug=f"v-{n}"), evidence=evidence
        ).pk

    hidden = [met(n, [api_world.draft]) for n in range(9)]
    shown = [met(n, [api_world.rocket]) for n in range(9, 12)]
    seen, url = [], f"{SITE}{RELATIONSHIPS}?limit=2"
    while url:
        page = client.get(url.removeprefix(SITE)).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert seen == [rivals.pk, *shown]
    assert not set(seen) & set(hidden)

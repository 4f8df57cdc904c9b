"""GET /api/v1/actors/ and /api/v1/actors/{slug}: public actors, read as on their pages."""

import base64
import datetime as dt
from decimal import Decimal

import pytest

from actors.models import Actor, ActorRedirect, RelationshipKind
from actors.services import relationship_record
from articles.models import Article
from tests.api.conftest import API
from tests.factories import ActorFactory, AliasFactory, ArticleActorFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"  # links name the site the caller asked

ACTORS = f"{API}/actors/"


@pytest.fixture(autouse=True)
def _unthrottled(settings):
    """These tests ask many questions a minute from one address; the throttle is tested
    elsewhere (the count lives in a cache shared beyond one test)."""
    settings.NEWSROOM_API_ANON_RATE = "1000000/min"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def refused(response, parameter: str) -> None:
    """A 4xx JSON answer whose message names the parameter."""
    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"].startswith("application/json")
    assert parameter in response.content.decode()


@pytest.fixture
def secret(api_world):
    """An actor only the draft tags: no reader, and no API caller, may learn of it."""
    actor = ActorFactory(name="Source Secrète", slug="source-secrete", listed=False)
    ArticleActorFactory(article=api_world.draft, actor=actor)
    return actor


@pytest.fixture
def washington_post(api_world):
    wapo = ActorFactory(
        name="The Washington Post", slug="washington-post", kind=Actor.Kind.ORGANISATION
    )
    relationship_record(
        source=api_world.bezos,
        kind=RelationshipKind.objects.get(slug="owns"),
        target=wapo,
        started_on=dt.date(2013, 10, 1),
        amount=Decimal("250000000.00"),
        currency="USD",
        status="confirmed",
        note="Bought for 250 million dollars.",
        evidence=[api_world.markets, api_world.draft],
    )
    return wapo


def test_the_list_holds_the_public_actors_a_to_z(client, api_world, secret):
    assert slugs(client.get(ACTORS)) == ["elon-musk", "jeff-bezos", "nasa"]


def test_an_actor_known_only_from_a_draft_is_not_found(client, api_world, secret):
    assert client.get(f"{ACTORS}source-secrete").status_code == 404
    assert slugs(client.get(ACTORS, {"q": "secrète"})) == []
    response = client.get(f"{ACTORS}nowhere-known")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_actor_tagged_once_the_draft_is_published(client, api_world, secret):
    Article.objects.filter(pk=api_world.draft.pk).update(
        status=Article.Status.PUBLISHED, publish_at=api_world.markets.publish_at
    )
    assert client.get(f"{ACTORS}source-secrete").status_code == 200


def test_filters_by_kind_name_alias_and_wikidata(client, api_world):
    ActorFactory(name="Lauren Sánchez", slug="lauren-sanchez")
    assert slugs(client.get(ACTORS, {"kind": "organisation"})) == ["nasa"]
    # Folded for case and accents, on the name or an alias ("Musk").
    assert slugs(client.get(ACTORS, {"q": "SANCHEZ"})) == ["lauren-sanchez"]
    assert slugs(client.get(ACTORS, {"q": "sánchez"})) == ["lauren-sanchez"]
    assert slugs(client.get(ACTORS, {"q": "musk"})) == ["elon-musk"]
    assert slugs(client.get(ACTORS, {"wikidata": "Q312556"})) == ["jeff-bezos"]
    assert slugs(client.get(ACTORS, {"wikidata": "Q1", "kind": "person"})) == []


@pytest.mark.parametrize("value", ["317521", "Q", "q317521", "Q0123", "Q1 ", "Q" + "9" * 40])
def test_a_malformed_wikidata_id_is_refused_by_name(client, api_world, value):
    refused(client.get(ACTORS, {"wikidata": value}), "wikidata")


def test_bad_filters_are_refused_by_name(client, api_world):
    refused(client.get(ACTORS, {"kind": "alien"}), "kind")
    refused(client.get(ACTORS, {"q": "x" * 101}), "q")
    refused(client.get(ACTORS, {"limit": "101"}), "limit")
    refused(client.get(ACTORS, {"limit": "0"}), "limit")
    refused(client.get(ACTORS, {"limit": "9" * 30}), "limit")


def forged(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "%%%",
        forged("[1, 2]"),
        forged('["a"]'),
        forged('["a", true]'),
        forged('["a", 99999999999999999999999]'),
        forged('["a\\u0000b", 3]'),
        forged('{"a": 1}'),
        "A" * 2000,
    ],
)
def test_a_forged_cursor_is_refused_by_name(client, api_world, cursor):
    refused(client.get(ACTORS, {"cursor": cursor}), "cursor")


def test_the_next_links_lead_through_every_actor_once(client, db):
    for n in range(23):
        ActorFactory(name=f"Acteur {n:02d}", slug=f"acteur-{n:02d}")
    ActorFactory(name="Élodie Zed", slug="elodie-zed")  # filed under E, as on the index
    seen, url = [], f"{SITE}{ACTORS}?limit=10&kind=person"
    while url:
        assert url.startswith(SITE)
        page = client.get(url.removeprefix(SITE)).json()
        assert len(page["results"]) <= 10
        seen += [row["slug"] for row in page["results"]]
        url = page["next"]
    assert seen == [f"acteur-{n:02d}" for n in range(23)] + ["elodie-zed"]


def test_one_actor_with_aliases_and_its_relationships_from_its_side(
    client, api_world, washington_post
):
    AliasFactory(actor=api_world.bezos, name="Jeffrey Bezos")
    bezos = client.get(f"{ACTORS}jeff-bezos").json()
    assert bezos["name"] == "Jeff Bezos"
    assert bezos["aliases"] == ["Jeffrey Bezos"]
    assert bezos["wikidata_id"] == "Q312556"
    assert bezos["wikidata_url"] == "https://www.wikidata.org/wiki/Q312556"
    assert bezos["url"] == f"{SITE}/actors/jeff-bezos/"
    by_label = {rel["label"]: rel for rel in bezos["relationships"]}
    assert set(by_label) == {"owns", "rival of"}
    owns = by_label["owns"]
    assert owns["direction"] == "outgoing"
    assert owns["other"]["slug"] == "washington-post"
    assert (owns["amount"], owns["currency"], owns["status"]) == (
        "250000000.00",
        "USD",
        "confirmed",
    )
    assert owns["started_on"] == "2013-10-01"
    assert owns["note"] == "Bought for 250 million dollars."
    # The draft reports it too, but only the public story is named.
    assert [story["title"] for story in owns["evidence"]] == ["Amazon in the markets"]
    story = owns["evidence"][0]
    assert story["uuid"] == str(api_world.markets.uuid)
    assert story["api_url"] == f"{SITE}{API}/stories/{api_world.markets.uuid}"
    assert by_label["rival of"]["other"]["slug"] == "elon-musk"
    assert by_label["rival of"]["direction"] == "incoming"

    wapo = client.get(f"{ACTORS}washington-post").json()
    [owned] = wapo["relationships"]
    assert (owned["label"], owned["direction"]) == ("owned by", "incoming")
    assert owned["other"]["slug"] == "jeff-bezos"


def test_a_relationship_reported_only_by_a_draft_is_absent(client, api_world):
    lauren = ActorFactory(name="Lauren Sánchez", slug="lauren-sanchez")
    relationship_record(
        source=api_world.bezos,
        kind=RelationshipKind.objects.get(slug="married-to"),
        target=lauren,
        evidence=[api_world.draft],
    )
    labels = [rel["label"] for rel in client.get(f"{ACTORS}jeff-bezos").json()["relationships"]]
    assert labels == ["rival of"]
    assert client.get(f"{ACTORS}lauren-sanchez").json()["relationships"] == []


def test_a_merged_actors_old_slug_leads_to_the_actor(client, api_world):
    ActorRedirect.objects.create(old_slug="jeffrey-bezos", actor=api_world.bezos)
    response = client.get(f"{ACTORS}jeffrey-bezos")
    assert response.status_code == 301
    assert response["Location"] == f"{SITE}{API}/actors/jeff-bezos"


@pytest.mark.parametrize("slug", ["x" * 5000, "%C3%A9t%C3%A9", "%F0%9F%A6%84", "a%20b", "-1"])
def test_hostile_slugs_are_not_found(client, api_world, slug):
    response = client.get(f"{ACTORS}{slug}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_key_does_not_widen_actors_or_relationships(client, api_world, secret, export_key):
    """A key reads drafts through the stories route; actors and relationships stay the
    readers' ones (Actor.objects.public(), Relationship.objects.public())."""
    relationship_record(
        source=secret,
        kind=RelationshipKind.objects.get(slug="met"),
        target=api_world.bezos,
        evidence=[api_world.draft],
    )
    assert slugs(client.get(ACTORS)) == ["elon-musk", "jeff-bezos", "nasa"]
    assert client.get(f"{ACTORS}source-secrete").status_code == 404
    labels = [rel["label"] for rel in client.get(f"{ACTORS}jeff-bezos").json()["relationships"]]
    assert labels == ["rival of"]


def test_a_busy_actor_answers_its_first_relationships_and_newest_evidence(
    client, api_world, washington_post, monkeypatch
):
    """The relationships route lists the rest; each relationship's own answer all its
    evidence."""
    from api import actor_rows

    monkeypatch.setattr(actor_rows, "RELATIONSHIPS_SHOWN", 1)
    monkeypatch.setattr(actor_rows, "EVIDENCE_SHOWN", 1)
    rivals = api_world.bezos.relationships_in.get()
    rivals.evidence.add(api_world.rocket)  # older than musk_bezos
    bezos = client.get(f"{ACTORS}jeff-bezos").json()
    [first] = bezos["relationships"]
    assert first["label"] == "owns"  # the page's order: by kind
    assert bezos["more_relationships"] is True
    assert bezos["relationships_url"] == f"{SITE}{API}/relationships/?actor=jeff-bezos"
    listed = client.get(bezos["relationships_url"].removeprefix(SITE)).json()["results"]
    assert len(listed) == 2

    monkeypatch.setattr(actor_rows, "RELATIONSHIPS_SHOWN", 50)
    musk = client.get(f"{ACTORS}elon-musk").json()
    [rival] = musk["relationships"]
    assert musk["more_relationships"] is False
    assert [story["title"] for story in rival["evidence"]] == [api_world.musk_bezos.title]
    assert rival["more_evidence"] is True
    everything = client.get(rival["api_url"].removeprefix(SITE)).json()["evidence"]
    assert [story["title"] for story in everything] == [
        api_world.musk_bezos.title,
        api_world.rocket.title,
    ]


def test_last_modified_follows_the_evidence_shown(client, api_world):
    from django.utils.http import http_date

    later = api_world.musk_bezos.updated_at + dt.timedelta(days=30)
    Article.objects.filter(pk=api_world.musk_bezos.pk).update(updated_at=later)
    for url in [f"{ACTORS}elon-musk", f"{API}/relationships/"]:
        assert client.get(url)["Last-Modified"] == http_date(later.timestamp()), url

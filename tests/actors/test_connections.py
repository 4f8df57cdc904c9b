"""The connection finder: shortest chains of public relationships between two actors."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from actors import connections
from actors.models import Actor, RelationshipKind
from actors.services import relationship_record
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def kind(slug):
    return RelationshipKind.objects.get(slug=slug)


def link(a, b, slug="met", evidence=()):
    return relationship_record(source=a, kind=kind(slug), target=b, evidence=evidence)


def names(chain):
    return [chain[0].origin.name] + [step.other.name for step in chain]


@pytest.fixture
def line():
    """A - B - C - D - E, each step reported by a public story; F alone."""
    actors = [ActorFactory(name=name) for name in "ABCDEF"]
    for a, b in zip(actors[:4], actors[1:5], strict=True):
        link(a, b, evidence=[ArticleFactory(title=f"{a.name} rencontre {b.name}")])
    return {actor.name: actor for actor in actors}


@pytest.mark.parametrize(
    "pair,expected",
    [
        ("AB", ["A", "B"]),
        ("AC", ["A", "B", "C"]),
        ("AD", ["A", "B", "C", "D"]),
        ("DA", list("DCBA")),
    ],
)
def test_finds_the_chain_at_one_two_and_three_steps(line, pair, expected):
    found = connections.find_connections(line[pair[0]], line[pair[1]])
    assert [names(chain) for chain in found.chains] == [expected]
    assert found.steps == len(expected) - 1
    # Each step comes with the story that reports it.
    assert [[s.title for s in step.stories] for step in found.chains[0]] == [
        [f"{min(a, b)} rencontre {max(a, b)}"] for a, b in zip(expected, expected[1:], strict=False)
    ]


def test_nothing_beyond_three_steps_or_without_a_link(line):
    assert connections.find_connections(line["A"], line["E"]).chains == []
    assert connections.find_connections(line["A"], line["F"]).chains == []


def test_only_the_shortest_chains_and_every_one_of_them(line):
    a, b, c, d = (line[name] for name in "ABCD")
    x = ActorFactory(name="X")
    link(a, x)
    link(x, c)  # A-X-C is as short as A-B-C
    link(a, d, slug="rival-of")  # A-D directly: the three-step chain is no longer shortest
    assert [names(chain) for chain in connections.find_connections(a, c).chains] == [
        ["A", "B", "C"],
        ["A", "D", "C"],  # through the new direct link
        ["A", "X", "C"],
    ]
    direct = connections.find_connections(a, d)
    assert [names(chain) for chain in direct.chains] == [["A", "D"]]
    with translation.override("en"):
        assert direct.chains[0][0].labels == ["rival of"]


def test_chains_are_capped_and_the_cap_is_said(client):
    a, b = ActorFactory(name="Début"), ActorFactory(name="Fin")
    for number in range(connections.MAX_CHAINS + 2):
        middle = ActorFactory(name=f"Milieu {number:02d}")
        link(a, middle)
        link(middle, b)
    found = connections.find_connections(a, b)
    assert len(found.chains) == connections.MAX_CHAINS and found.more
    page = client.get(f"/actors/{a.slug}/connections/?to={b.slug}", HTTP_ACCEPT_LANGUAGE="en")
    assert f"Only the first {connections.MAX_CHAINS} chains are shown." in page.content.decode()


def test_a_relationship_known_only_from_a_draft_is_no_link(line):
    a, d = line["A"], line["D"]
    secret = ActorFactory(name="Secret", listed=False)
    draft = ArticleFactory(status="draft", publish_at=None)
    link(a, secret, evidence=[draft])
    link(secret, d, evidence=[draft])
    assert not Actor.objects.public().filter(pk=secret.pk).exists()
    chains = connections.find_connections(a, d).chains
    assert [names(chain) for chain in chains] == [["A", "B", "C", "D"]]
    # Once the story is published, the shorter chain through the actor appears.
    draft.status, draft.publish_at = "published", ArticleFactory().publish_at
    draft.save()
    assert [names(c) for c in connections.find_connections(a, d).chains] == [["A", "Secret", "D"]]


def test_page_resolves_names_folding_case_and_accents(client, line):
    sanchez = ActorFactory(name="Lauren Sánchez", slug="lauren-sanchez")
    link(line["A"], sanchez, evidence=[ArticleFactory(title="A et Lauren")])
    page = client.get(
        f"/actors/{line['A'].slug}/connections/?to=LAUREN sanchez", HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "directly related" in text and "A et Lauren" in text
    assert f'href="/actors/{sanchez.slug}/"' in text


def test_ambiguous_name_lists_public_candidates_only(client, line):
    ActorFactory(name="Jean Dupont", slug="jean-dupont")
    ActorFactory(name="Jean Dupond", slug="jean-dupond")
    ActorFactory(name="Jean Secret", slug="jean-secret", listed=False)
    page = client.get(f"/actors/{line['A'].slug}/connections/?to=jean", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Several actors match" in text
    assert '?to=jean-dupont"' in text and '?to=jean-dupond"' in text
    assert "Jean Secret" not in text and "jean-secret" not in text


@pytest.mark.parametrize(
    "to,message",
    [
        ("personne-inconnue", "No actor called"),
        ("x" * 10_000, "That name is too long"),
        ("secret-only", "No actor called"),
    ],
    ids=["unknown", "ten-thousand-characters", "not-public"],
)
def test_bad_or_hidden_names_get_a_message(client, line, to, message):
    ActorFactory(name="Secret Only", slug="secret-only", listed=False)
    page = client.get(
        f"/actors/{line['A'].slug}/connections/", {"to": to}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    assert message in page.content.decode()
    assert "Secret Only" not in page.content.decode()


def test_same_actor_twice_and_no_connection_say_so(client, line):
    a = line["A"]
    same = client.get(f"/actors/{a.slug}/connections/?to={a.slug}", HTTP_ACCEPT_LANGUAGE="en")
    assert "pick another actor" in same.content.decode()
    none = client.get(
        f"/actors/{a.slug}/connections/?to={line['E'].slug}", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "No chain of up to 3 reported relationships links A to E." in none.content.decode()


def test_nul_and_unknown_source_are_refused(client, line):
    assert client.get(f"/actors/{line['A'].slug}/connections/?to=a%00b").status_code == 400
    assert client.get("/actors/personne/connections/?to=a").status_code == 404
    hidden = ActorFactory(name="Caché", slug="cache", listed=False)
    assert client.get(f"/actors/{hidden.slug}/connections/?to=a").status_code == 404


def test_page_queries_do_not_grow_with_chains(client, django_assert_max_num_queries):
    a, b = ActorFactory(name="Début"), ActorFactory(name="Fin")
    for number in range(connections.MAX_CHAINS):
        middle = ActorFactory(name=f"Milieu {number:02d}")
        link(a, middle, evidence=[ArticleFactory()])
        link(middle, b, evidence=[ArticleFactory(), ArticleFactory()])
    url = f"/actors/{a.slug}/connections/?to={b.slug}"
    client.get(url)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert len(response.context["result"].chains) == connections.MAX_CHAINS


def test_actor_page_offers_the_form(client, line):
    page = client.get(line["B"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'action="/actors/{line["B"].slug}/connections/"' in page
    assert 'name="to"' in page


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())


def test_demo_musk_to_the_washington_post_goes_through_bezos(client, demo):
    page = client.get(
        "/actors/elon-musk/connections/", {"to": "The Washington Post"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    result = page.context["result"]
    assert [names(chain) for chain in result.chains] == [
        ["Elon Musk", "Jeff Bezos", "The Washington Post"]
    ]
    first, second = result.chains[0]
    with translation.override("en"):
        assert set(first.labels) == {"rival of", "met"}
        assert second.labels == ["owns"]
    assert all(step.stories for step in result.chains[0])
    text = page.content.decode()
    assert "Elon Musk is connected to The Washington Post in 2 steps." in text
    for story in second.stories:
        assert story.get_absolute_url() in text

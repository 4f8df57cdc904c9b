"""The network picture on actor pages: whole labels, and links to actors and to pairs."""

import re

import pytest
from lxml import etree

from actors.models import RelationshipKind
from actors.services import relationship_record
from actors.templatetags.network import WRAP
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

NS = {"svg": "http://www.w3.org/2000/svg"}
LONG = "Groupes pro-républicains de la campagne présidentielle"


def kind(slug):
    return RelationshipKind.objects.get(slug=slug)


def svg(client, actor, language="fr"):
    page = client.get(actor.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return page, etree.fromstring(re.search(r'<svg class="network".*?</svg>', page, re.S).group(0))


def text_of(element) -> str:
    return " ".join(tspan.text for tspan in element.findall("svg:tspan", NS))


@pytest.fixture
def musk():
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    groups = ActorFactory(name=LONG, slug="groupes-pro-republicains", kind="organisation")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos")
    relationship_record(source=musk, kind=kind("donated-to"), target=groups)
    for slug in ("in-tension-with", "rival-of", "met"):
        relationship_record(source=bezos, kind=kind(slug), target=musk)
    return musk


def test_names_and_labels_are_whole_on_wrapped_lines(client, musk):
    _, root = svg(client, musk, "en")
    names = [text_of(t) for t in root.iterfind(".//svg:text[@class='network-name']", NS)]
    captions = [text_of(t) for t in root.iterfind(".//svg:text[@class='network-caption']", NS)]
    assert LONG in names  # nothing cut: no "Groupes pro-républica…"
    assert "in tension with, met, rival of" in captions  # no "in tension with, ri…"
    assert not any("…" in text for text in names + captions)
    # Read as one text (a screen reader, a copy), the lines keep the spaces between words.
    spoken = [
        "".join(t.itertext()) for t in root.iterfind(".//svg:text[@class='network-name']", NS)
    ]
    assert LONG in spoken
    for tspan in root.iterfind(".//svg:tspan", NS):
        assert len(tspan.text) <= WRAP  # one line each: the whole label on several lines
    # Lines of one label stack downwards, one under another.
    for text in root.iterfind(".//svg:text", NS):
        ys = [float(tspan.get("y")) for tspan in text.findall("svg:tspan", NS)]
        assert ys == sorted(ys) and len(set(ys)) == len(ys)


def test_the_picture_grows_to_hold_long_labels(client, musk):
    _, root = svg(client, musk)
    _, top, _, height = (float(value) for value in root.get("viewBox").split())
    ys = [float(tspan.get("y")) for tspan in root.iterfind(".//svg:tspan", NS)]
    assert top <= min(ys) - 14 and max(ys) < top + height


def test_dots_and_names_link_to_actors_lines_and_labels_to_pairs(client, musk):
    _, root = svg(client, musk, "en")
    actors = {
        a.get("href"): text_of(a.find("svg:text", NS))
        for a in root.iterfind(".//svg:a[@class='network-actor']", NS)
    }
    assert actors == {
        "/actors/groupes-pro-republicains/": LONG,
        "/actors/jeff-bezos/": "Jeff Bezos",
    }
    for a in root.iterfind(".//svg:a[@class='network-actor']", NS):
        assert a.find("svg:circle", NS) is not None
    pairs = {
        a.get("href"): (a.get("aria-label"), a.find("svg:line", NS) is not None)
        for a in root.iterfind(".//svg:a[@class='network-pair']", NS)
    }
    assert pairs == {
        "/actors/elon-musk/and/groupes-pro-republicains/": (
            f"Elon Musk · donated to · {LONG}",
            True,
        ),
        "/actors/elon-musk/and/jeff-bezos/": (
            "Elon Musk · in tension with, met, rival of · Jeff Bezos",
            True,
        ),
    }


def test_the_list_under_the_picture_has_the_same_links(client, musk):
    page, root = svg(client, musk, "en")
    listed = page.split('class="relationship-list"', 1)[1]
    for a in root.iterfind(".//svg:a", NS):
        assert f'href="{a.get("href")}"' in listed
    # And the pair pages answer.
    for a in root.iterfind(".//svg:a[@class='network-pair']", NS):
        assert client.get(a.get("href")).status_code == 200


def test_no_inline_style_or_script_in_the_picture(client, musk):
    page, root = svg(client, musk)
    drawing = etree.tostring(root).decode()
    assert "style=" not in drawing and "<script" not in drawing and " on" not in drawing.lower()


def test_a_word_longer_than_a_line_is_split_not_dropped(client, musk):
    # No space to break at.
    word = "Supercalifragilisticexpialidocious-Holdings-International"
    other = ActorFactory(name=word, slug="long-word")
    relationship_record(source=musk, kind=kind("met"), target=other)
    _, root = svg(client, musk)
    names = [
        "".join(t.text for t in text.findall("svg:tspan", NS))
        for text in root.iterfind(".//svg:text[@class='network-name']", NS)
    ]
    assert word in names

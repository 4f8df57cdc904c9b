import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from lxml import etree

from actors.models import ActorRedirect, RelationshipKind
from actors.services import relationship_record
from tests.factories import ActorFactory, AliasFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

HOUR = timezone.timedelta(hours=1)


def kind(slug):
    return RelationshipKind.objects.get(slug=slug)


@pytest.fixture
def bezos_and_the_post():
    bezos = ActorFactory(
        name="Jeff Bezos",
        slug="jeff-bezos",
        wikidata_id="Q312556",
        description="Fondateur d'Amazon.",
    )
    AliasFactory(actor=bezos, name="Jeffrey Bezos")
    post = ActorFactory(name="The Washington Post", slug="the-washington-post", kind="organisation")
    public = ArticleFactory(title="Bezos et le Post")
    draft = ArticleFactory(title="Brouillon Bezos", status="draft", publish_at=None)
    ArticleActorFactory(article=public, actor=bezos)
    ArticleActorFactory(article=draft, actor=bezos)
    relationship_record(
        source=bezos,
        kind=kind("owns"),
        target=post,
        started_on=dt.date(2013, 10, 1),
        amount=Decimal("250000000"),
        currency="USD",
        status="confirmed",
        evidence=[public, draft],
    )
    return bezos, post


def test_actor_page_shows_relationships_and_only_public_stories(client, bezos_and_the_post):
    bezos, post = bezos_and_the_post
    bezos_page = client.get(bezos.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "owns" in bezos_page and "The Washington Post" in bezos_page
    assert "https://www.wikidata.org/wiki/Q312556" in bezos_page
    assert "Jeffrey Bezos" in bezos_page  # aliases
    assert "Bezos et le Post" in bezos_page
    assert "Brouillon Bezos" not in bezos_page

    post_page = client.get(post.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "owned by" in post_page and "Jeff Bezos" in post_page


def test_relationship_labels_dates_amounts_and_status_in_french(client, bezos_and_the_post):
    bezos, post = bezos_and_the_post
    page = client.get(bezos.get_absolute_url()).content.decode()
    assert "Jeff Bezos · possède" in page
    assert "depuis le 1 octobre 2013" in page
    assert "250\xa0000\xa0000\xa0$\xa0US" in page
    assert "confirmé" in page
    # Evidence links only to public stories.
    evidence = page.split('class="evidence"')[1].split("</span>")[0]
    assert "Bezos et le Post" in evidence and "Brouillon Bezos" not in evidence

    post_page = client.get(post.get_absolute_url()).content.decode()
    assert "The Washington Post · propriété de" in post_page


def test_relationship_dates_and_amounts_in_english(client, bezos_and_the_post):
    bezos, _ = bezos_and_the_post
    page = client.get(bezos.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "since Oct. 1, 2013" in page
    assert "$250,000,000" in page
    assert "confirmed" in page


def test_relationships_are_grouped_by_kind_from_the_actor_side(client):
    musk = ActorFactory(name="Elon Musk")
    bezos, trump = ActorFactory(name="Jeff Bezos"), ActorFactory(name="Donald Trump")
    spacex, tesla = ActorFactory(name="SpaceX"), ActorFactory(name="Tesla")
    relationship_record(source=musk, kind=kind("leads"), target=spacex)
    relationship_record(source=musk, kind=kind("leads"), target=tesla)
    relationship_record(source=bezos, kind=kind("rival-of"), target=musk)
    relationship_record(source=musk, kind=kind("met"), target=trump)

    response = client.get(musk.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    groups = {
        group["label"]: sorted(item["other"].name for item in group["items"])
        for group in response.context["relationship_groups"]
    }
    assert groups == {
        "leads": ["SpaceX", "Tesla"],
        "rival of": ["Jeff Bezos"],
        "met": ["Donald Trump"],
    }

    spacex_page = client.get(spacex.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert [g["label"] for g in spacex_page.context["relationship_groups"]] == ["led by"]


def test_relationship_network_is_an_accessible_svg(client, bezos_and_the_post):
    bezos, _ = bezos_and_the_post
    page = client.get(bezos.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    svg = re.search(r"<svg class=\"network\".*?</svg>", page, re.S).group(0)
    root = etree.fromstring(svg)  # well-formed XML
    ns = {"svg": "http://www.w3.org/2000/svg"}
    # A group, not an image: its dots and lines are links (tests/actors/test_network.py).
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "network-title"
    assert root.get("aria-describedby") == "network-desc"
    assert root.find("svg:title", ns).text == "Relationship network of Jeff Bezos"
    assert "The Washington Post" in root.find("svg:desc", ns).text
    assert len(root.findall(".//svg:line", ns)) == 1
    # Coordinates are plain numbers whatever the locale (no "123,4" in French).
    french = client.get(bezos.get_absolute_url()).content.decode()
    french_svg = re.search(r"<svg class=\"network\".*?</svg>", french, re.S).group(0)
    coordinates = re.findall(r' (?:x|y|cx|cy|x1|y1|x2|y2)="([^"]*)"', french_svg)
    assert coordinates and all("," not in value for value in coordinates)


def test_actor_without_relationships_has_no_network_picture(client):
    actor = ActorFactory()
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "<svg" not in page


def test_actor_stories_are_newest_first_and_paginated(client):
    actor = ActorFactory()
    now = timezone.now()
    for index in range(23):
        story = ArticleFactory(title=f"Récit {index:02d}", publish_at=now - index * HOUR)
        ArticleActorFactory(article=story, actor=actor)
    first = client.get(actor.get_absolute_url())
    titles = [article.title for article in first.context["object_list"]]
    assert titles[:3] == ["Récit 00", "Récit 01", "Récit 02"] and len(titles) == 20
    second = client.get(actor.get_absolute_url() + "?page=2")
    assert [a.title for a in second.context["object_list"]] == ["Récit 20", "Récit 21", "Récit 22"]


def test_actor_page_advertises_its_feeds(client):
    actor = ActorFactory(slug="elon-musk")
    page = client.get(actor.get_absolute_url()).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert 'href="/actors/elon-musk/rss/"' in page and 'href="/actors/elon-musk/atom/"' in page


def test_merged_actor_url_answers_301_to_the_kept_actor(client):
    kept = ActorFactory(slug="elon-musk")
    ActorRedirect.objects.create(old_slug="elon-reeve-musk", actor=kept)
    response = client.get("/actors/elon-reeve-musk/")
    assert response.status_code == 301
    assert response["Location"] == "/actors/elon-musk/"
    assert client.get("/actors/personne-inconnue/").status_code == 404

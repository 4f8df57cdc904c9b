"""The story page's NewsArticle JSON-LD parses and uses only real, stable schema.org terms."""

import datetime as dt
import json
import re
from functools import cache

import pytest
from django.utils import timezone

from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    SectionFactory,
    sign,
)
from tests.standards import standards_file

pytestmark = pytest.mark.django_db


def _ids(value) -> set[str]:
    items = value if isinstance(value, list) else [value]
    return {item["@id"] for item in items if isinstance(item, dict)}


@cache
def vocabulary():
    """(classes -> superclasses, properties -> (domains, ranges), data types, pending terms)."""
    path = standards_file("schemaorg", "schemaorg-current-https.jsonld")
    graph = json.loads(path.read_text())["@graph"]
    classes, properties, pending = {}, {}, set()
    for node in graph:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        term = node["@id"].removeprefix("schema:")
        if _ids(node.get("schema:isPartOf", [])) & {
            "https://pending.schema.org",
            "https://attic.schema.org",
        }:
            pending.add(term)
        if "rdfs:Class" in types:
            parents = {p.removeprefix("schema:") for p in _ids(node.get("rdfs:subClassOf", []))}
            if "schema:DataType" in types:
                parents.add("DataType")
            classes[term] = parents
        if "rdf:Property" in types:
            domains = {
                d.removeprefix("schema:") for d in _ids(node.get("schema:domainIncludes", []))
            }
            ranges = {r.removeprefix("schema:") for r in _ids(node.get("schema:rangeIncludes", []))}
            properties[term] = (domains, ranges)
    return classes, properties, pending


def ancestors(term: str) -> set[str]:
    classes = vocabulary()[0]
    seen, todo = set(), [term]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(classes.get(current, ()))
    return seen


def check_node(node: dict, path: str = "$") -> list[str]:
    """Every problem with the terms used in ``node`` and below (empty when all is well)."""
    classes, properties, pending = vocabulary()
    problems = []
    node_type = node.get("@type")
    if node_type not in classes:
        return [f"{path}: unknown type {node_type!r}"]
    if node_type in pending:
        problems.append(f"{path}: type {node_type} is not stable (pending/attic)")
    lineage = ancestors(node_type)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        where = f"{path}.{key}"
        if key not in properties:
            problems.append(f"{where}: unknown property")
            continue
        if key in pending:
            problems.append(f"{where}: property is not stable (pending/attic)")
        domains, ranges = properties[key]
        if not domains & lineage:
            problems.append(f"{where}: not a property of {node_type}")
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, dict):
                item_path = f"{where}[{index}]"
                if not ancestors(item.get("@type", "")) & ranges:
                    problems.append(f"{item_path}: {item.get('@type')} outside {sorted(ranges)}")
                problems.extend(check_node(item, item_path))
            elif not any("DataType" in ancestors(r) for r in ranges):
                problems.append(f"{where}: a literal where {sorted(ranges)} is expected")
    return problems


def jsonld(content: str) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.fixture
def story():
    paris = dt.timezone(dt.timedelta(hours=1))
    article = ArticleFactory(
        title="Musk et Bezos </script><script>alert(1)</script>",
        standfirst="Un chapeau.",
        language="fr",
        section=SectionFactory(name="Tech"),
        tags=["espace", "milliardaires"],
        publish_at=dt.datetime(2024, 12, 19, 7, 30, tzinfo=paris),
    )
    sign(
        article,
        ContributorFactory(name="Claire Dupont", slug="claire-dupont"),
        ContributorFactory(name="AFP", slug="afp", role="agency"),
    )
    musk = ActorFactory(name="Elon Musk", slug="elon-musk", wikidata_id="Q317521")
    spacex = ActorFactory(name="SpaceX", slug="spacex", kind="organisation", wikidata_id="Q193701")
    palm = ActorFactory(name="Palm Beach", slug="palm-beach", kind="place")
    dinner = ActorFactory(name="Le dîner", slug="le-diner", kind="event")
    ArticleActorFactory(article=article, actor=musk, role="about")
    ArticleActorFactory(article=article, actor=dinner, role="about")
    ArticleActorFactory(article=article, actor=spacex, role="mentions")
    ArticleActorFactory(article=article, actor=palm, role="quoted")
    return article


def test_story_jsonld_is_a_complete_news_article(client, story):
    content = client.get(story.get_absolute_url()).content.decode()
    data = jsonld(content)
    url = f"http://testserver{story.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.title
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["datePublished"] == "2024-12-19T07:30:00+01:00"
    modified = dt.datetime.fromisoformat(data["dateModified"])
    assert modified.utcoffset() is not None
    assert modified >= dt.datetime.fromisoformat(data["datePublished"])
    assert data["inLanguage"] == "fr"
    assert data["articleSection"] == "Tech"
    assert data["keywords"] == ["espace", "milliardaires"]
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Claire Dupont",
            "url": "http://testserver/contributors/claire-dupont/",
        },
        {"@type": "Organization", "name": "AFP", "url": "http://testserver/contributors/afp/"},
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Newsroom"
    assert data["image"] == ["http://testserver/static/img/og-default.png"]
    assert data["about"] == [
        {
            "@type": "Person",
            "name": "Elon Musk",
            "url": "http://testserver/actors/elon-musk/",
            "sameAs": "https://www.wikidata.org/wiki/Q317521",
        },
        {"@type": "Event", "name": "Le dîner", "url": "http://testserver/actors/le-diner/"},
    ]
    assert data["mentions"] == [
        {
            "@type": "Organization",
            "name": "SpaceX",
            "url": "http://testserver/actors/spacex/",
            "sameAs": "https://www.wikidata.org/wiki/Q193701",
        },
        {"@type": "Place", "name": "Palm Beach", "url": "http://testserver/actors/palm-beach/"},
    ]


def test_story_jsonld_uses_only_real_schema_org_terms(client, story):
    data = jsonld(client.get(story.get_absolute_url()).content.decode())
    assert check_node(data) == []


def test_the_checker_catches_made_up_terms():
    bad = {
        "@type": "NewsArticle",
        "headlines": "typo",
        "author": {"@type": "Persona", "name": "x"},
        "about": {"@type": "Person", "headline": "not a Person property"},
        "datePublished": {"@type": "Person", "name": "wrong range"},
    }
    problems = check_node(bad)
    assert any("headlines: unknown property" in p for p in problems)
    assert any("unknown type 'Persona'" in p for p in problems)
    assert any("headline: not a property of Person" in p for p in problems)
    assert any("datePublished[0]: Person outside" in p for p in problems)


def test_jsonld_cannot_be_broken_out_of_by_a_headline(client, story):
    content = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert jsonld(content)["headline"].endswith("<script>alert(1)</script>")


def test_minimal_story_jsonld_is_still_valid(client):
    article = ArticleFactory(section=None, standfirst="", language="en")
    data = jsonld(client.get(article.get_absolute_url()).content.decode())
    assert "author" not in data
    assert "about" not in data and "articleSection" not in data
    assert check_node(data) == []
    assert data["inLanguage"] == "en"
    assert timezone.now().year >= int(data["datePublished"][:4])

"""The page of a pair of actors: its timeline, its evidence, its JSON-LD, its feeds, its cache."""

import datetime as dt
import json
import re
from decimal import Decimal
from io import StringIO

import feedparser
import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from actors.models import ActorRedirect, Relationship, RelationshipKind
from actors.services import relationship_delete, relationship_record, relationship_save
from articles.services import article_publish
from tests.articles.test_jsonld import check_node
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
PAIR = "/actors/jeff-bezos/and/the-washington-post/"


def kind(slug):
    return RelationshipKind.objects.get(slug=slug)


@pytest.fixture
def pair():
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos", wikidata_id="Q312556")
    post = ActorFactory(name="The Washington Post", slug="the-washington-post", kind="organisation")
    now = timezone.now()
    older = ArticleFactory(title="Bezos rachète le Post", publish_at=now - 10 * DAY)
    newer = ArticleFactory(title="Le Post et son propriétaire", publish_at=now - 2 * DAY)
    draft = ArticleFactory(title="Brouillon sur le Post", status="draft", publish_at=None)
    owns = relationship_record(
        source=bezos,
        kind=kind("owns"),
        target=post,
        started_on=dt.date(2013, 10, 1),
        amount=Decimal("250000000"),
        currency="USD",
        status="confirmed",
        note="Rachat pour 250 millions de dollars.",
        evidence=[newer, older, draft],
    )
    tension = relationship_record(
        source=post,
        kind=kind("in-tension-with"),
        target=bezos,
        started_on=dt.date(2024, 10, 25),
        evidence=[newer],
    )
    return {"bezos": bezos, "post": post, "owns": owns, "tension": tension, "draft": draft}


def get(client, url, **extra):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en", **extra)


def test_the_timeline_reads_every_kind_from_the_first_actor_in_date_order(client, pair):
    response = get(client, PAIR)
    assert response.status_code == 200
    page = response.content.decode()
    timeline = page.split('class="timeline"')[1].split("</ol>")[0]
    owns_at = timeline.index("Jeff Bezos · owns · The Washington Post")
    tension_at = timeline.index("Jeff Bezos · in tension with · The Washington Post")
    assert owns_at < tension_at  # 2013 before 2024
    assert "since Oct. 1, 2013" in timeline and "since Oct. 25, 2024" in timeline
    assert "$250,000,000" in timeline and "confirmed" in timeline and "reported" in timeline
    assert "Rachat pour 250 millions de dollars." in timeline


def test_evidence_is_public_oldest_first_and_each_story_once(client, pair):
    page = get(client, PAIR).content.decode()
    evidence = page.split('class="evidence-list"')[1].split("</ol>")[0]
    assert evidence.index("Bezos rachète le Post") < evidence.index("Le Post et son propriétaire")
    assert evidence.count("Le Post et son propriétaire") == 1
    assert "Brouillon" not in page


def test_the_other_order_answers_301_and_strangers_404(client, pair):
    response = client.get("/actors/the-washington-post/and/jeff-bezos/")
    assert response.status_code == 301 and response["Location"] == PAIR
    stranger = ActorFactory(slug="quelquun")
    assert client.get("/actors/jeff-bezos/and/quelquun/").status_code == 404
    assert client.get("/actors/jeff-bezos/and/jeff-bezos/").status_code == 404
    assert client.get("/actors/inconnu/and/jeff-bezos/").status_code == 404
    # A pair known only from a draft: neither the pair nor the hidden actor is public.
    secret = ActorFactory(slug="source-secrete", listed=False)
    relationship_record(
        source=pair["bezos"], kind=kind("met"), target=secret, evidence=[pair["draft"]]
    )
    assert client.get("/actors/jeff-bezos/and/source-secrete/").status_code == 404
    relationship_record(source=stranger, kind=kind("met"), target=secret, evidence=[pair["draft"]])
    assert client.get("/actors/quelquun/and/source-secrete/").status_code == 404


def test_both_actor_pages_link_to_the_pair_page(client, pair):
    for actor in (pair["bezos"], pair["post"]):
        page = get(client, actor.get_absolute_url()).content.decode()
        assert f'href="{PAIR}" class="relationship-page"' in page


def jsonld(content: str) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_jsonld_lists_the_evidence_about_both_actors(client, pair):
    data = jsonld(get(client, PAIR).content.decode())
    assert check_node(data) == []
    assert data["@type"] == "CollectionPage" and data["url"] == f"http://testserver{PAIR}"
    assert data["about"] == [
        {
            "@type": "Person",
            "name": "Jeff Bezos",
            "url": "http://testserver/actors/jeff-bezos/",
            "sameAs": "https://www.wikidata.org/wiki/Q312556",
        },
        {
            "@type": "Organization",
            "name": "The Washington Post",
            "url": "http://testserver/actors/the-washington-post/",
        },
    ]
    items = data["mainEntity"]["itemListElement"]
    assert [item["item"]["headline"] for item in items] == [
        "Bezos rachète le Post",
        "Le Post et son propriétaire",
    ]
    assert [item["position"] for item in items] == [1, 2]
    assert all(item["item"]["@type"] == "NewsArticle" for item in items)


def test_jsonld_cannot_be_broken_out_of_by_a_name(client, pair):
    pair["post"].name = "Le Post </script><script>alert(1)</script>"
    pair["post"].save()
    content = get(client, PAIR).content.decode()
    assert "<script>alert(1)" not in content
    assert jsonld(content)["about"][1]["name"] == pair["post"].name


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_feeds_list_the_public_evidence_newest_first(client, pair, flavour):
    response = client.get(f"{PAIR}{flavour}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("rss20" if flavour == "rss" else "atom10")
    assert [entry.title for entry in feed.entries] == [
        "Le Post et son propriétaire",
        "Bezos rachète le Post",
    ]
    assert client.get(f"/actors/the-washington-post/and/jeff-bezos/{flavour}/").status_code == 200
    assert client.get(f"/actors/jeff-bezos/and/inconnu/{flavour}/").status_code == 404


def test_the_page_advertises_its_feeds(client, pair):
    page = get(client, PAIR).content.decode()
    assert f'href="{PAIR}rss/"' in page and f'href="{PAIR}atom/"' in page


def test_query_count_does_not_grow_with_relationships(client, pair, django_assert_max_num_queries):
    get(client, PAIR)
    with django_assert_max_num_queries(9) as few:
        get(client, PAIR)
    for year in range(2000, 2012):
        relationship_record(
            source=pair["bezos"],
            kind=kind("met"),
            target=pair["post"],
            started_on=dt.date(year, 1, 1),
            evidence=[ArticleFactory(), ArticleFactory()],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = get(client, PAIR)
    assert len(response.context["timeline"]) == 14


@pytest.fixture
def cached(settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()
    return lambda: django_capture_on_commit_callbacks(execute=True)


def warm(client, url):
    assert get(client, url).status_code == 200
    assert get(client, url)["X-Page-Cache"] == "hit"


def test_cached_page_follows_new_evidence_edits_and_removals(client, pair, cached, editor):
    for url in (PAIR, f"{PAIR}rss/"):
        warm(client, url)
    with cached():
        article_publish(article=pair["draft"], by=editor)
    assert "Brouillon sur le Post" in get(client, PAIR).content.decode()
    assert "Brouillon sur le Post" in get(client, f"{PAIR}rss/").content.decode()

    warm(client, PAIR)
    tension = Relationship.objects.get(pk=pair["tension"].pk)
    tension.note = "Le journal refuse de soutenir un candidat."
    with cached():
        relationship_save(relationship=tension, by=editor)
    assert "Le journal refuse de soutenir un candidat." in get(client, PAIR).content.decode()

    warm(client, PAIR)
    with cached():
        relationship_delete(relationship=tension, by=editor)
    assert "in tension with" not in get(client, PAIR).content.decode()
    with cached():
        relationship_delete(relationship=Relationship.objects.get(pk=pair["owns"].pk), by=editor)
    assert get(client, PAIR).status_code == 404


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())


def test_demo_musk_and_bezos_rivalry_dinner_and_evidence_in_date_order(client, demo):
    response = get(client, "/actors/elon-musk/and/jeff-bezos/")
    assert response.status_code == 200
    labels = [entry["label"] for entry in response.context["timeline"]]
    assert labels == ["met", "rival of"]  # the dinner is dated, the rivalry is not
    page = response.content.decode()
    assert "on Dec. 18, 2024" in page
    dates = [story.publish_at for story in response.context["evidence"]]
    assert len(dates) >= 2 and dates == sorted(dates)
    assert check_node(jsonld(page)) == []


def test_a_merged_actors_old_slug_leads_to_the_pair_page(client, pair):
    ActorRedirect.objects.create(old_slug="jeffrey-bezos", actor=pair["bezos"])
    response = client.get("/actors/jeffrey-bezos/and/the-washington-post/")
    assert response.status_code == 301 and response["Location"] == PAIR
    # The same actor under its two slugs has no pair page.
    assert client.get("/actors/jeffrey-bezos/and/jeff-bezos/", follow=True).status_code == 404

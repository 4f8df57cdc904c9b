"""The story list's search (the full-text index, accents and case folded) and its filters,
on both databases."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from desk import story_list
from search.query import FTS_TABLE
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    SectionFactory,
    sign,
)
from tests.queries import counts_for

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def desk(client, editor, english):
    client.force_login(editor)
    return client


def listed(client, **params) -> list[str]:
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return [article.title for article in response.context["cl"].result_list]


@pytest.fixture
def stories(db):
    election = ArticleFactory(
        title="Les résultats de l'élection municipale",
        slug="resultats-municipales-2026",
        language="fr",
    )
    draft = ArticleFactory(
        title="Brouillon sur la sécheresse",
        body="Les nappes phréatiques baissent.",
        status=Article.Status.DRAFT,
        publish_at=None,
        first_published_at=None,
    )
    english = ArticleFactory(
        title="Election night in the valley", language="en", standfirst="Turnout was high."
    )
    other = ArticleFactory(title="Le marché du samedi", body="Des fruits et des légumes.")
    return {"election": election, "draft": draft, "english": english, "other": other}


def test_words_are_found_whatever_their_case_and_accents(desk, stories):
    for typed in ["élection", "ELECTION", "election", "ÉLECTION"]:
        found = listed(desk, q=typed)
        assert "Les résultats de l'élection municipale" in found, typed
        assert "Le marché du samedi" not in found, typed
    # The standfirst and body are searched, not only the headline.
    assert listed(desk, q="TURNOUT") == ["Election night in the valley"]
    assert listed(desk, q="legumes") == ["Le marché du samedi"]


def test_drafts_are_found(desk, stories):
    assert listed(desk, q="secheresse") == ["Brouillon sur la sécheresse"]
    assert listed(desk, q="phreatiques") == ["Brouillon sur la sécheresse"]


def test_a_slug_or_an_exact_headline_finds_its_story(desk, stories):
    assert listed(desk, q="resultats-municipales-2026") == [
        "Les résultats de l'élection municipale"
    ]
    assert "Le marché du samedi" in listed(desk, q="Le marché du samedi")


def test_a_name_finds_the_stories_tagging_that_actor(desk, stories):
    actor = ActorFactory(name="Agnès Varda", slug="agnes-varda")
    ArticleActorFactory(article=stories["other"], actor=actor)
    assert listed(desk, q="agnes varda") == ["Le marché du samedi"]


@pytest.mark.parametrize(
    "typed",
    [
        "x" * 10_000,
        '"élection',
        "élection & | ! ( ) : * <-> ' \" \\",
        "!!!",
        "((((",
        "élection:*",
        "NOT OR AND -",
        "le la les",  # stop words only
        "'; DROP TABLE articles_article; --",
        "élection\x1f\x7f",
    ],
)
def test_a_hostile_query_is_answered(desk, stories, typed):
    response = desk.get(CHANGELIST, {"q": typed})
    assert response.status_code == 200
    assert Article.objects.count() == 4


def test_a_nul_in_the_query_is_refused_not_a_500(desk, stories):
    desk.raise_request_exception = False
    assert desk.get(CHANGELIST, {"q": "élection\x00"}).status_code == 400


def test_filters_combine_with_the_search(desk, stories):
    section = SectionFactory(name="Politique", slug="politique")
    ArticleFactory(title="Une élection partielle", section=section, status=Article.Status.REVIEW)
    assert set(listed(desk, q="election", section__id__exact=section.pk)) == {
        "Une élection partielle"
    }
    assert listed(desk, q="election", status__exact="review") == ["Une élection partielle"]
    assert listed(desk, q="election", language__exact="en") == ["Election night in the valley"]
    assert set(listed(desk, q="election", language__exact="fr")) == {
        "Les résultats de l'élection municipale",
        "Une élection partielle",
    }


def test_the_date_filter_combines_with_the_search(desk, stories):
    old = ArticleFactory(
        title="Une élection ancienne", publish_at=timezone.now() - dt.timedelta(days=400)
    )
    since = (timezone.now() - dt.timedelta(days=7)).date().isoformat()
    found = listed(desk, q="election", publish_at__gte=since)
    assert old.title not in found
    assert "Les résultats de l'élection municipale" in found
    # Drafts have no publication time: the "no date" choice finds them.
    assert listed(desk, q="secheresse", publish_at__isnull="True") == [
        "Brouillon sur la sécheresse"
    ]


def test_the_contributor_filter_finds_a_name_typed_without_its_accents(desk, stories):
    lea = ContributorFactory(name="Léa Fontaine", slug="lea-fontaine")
    hugo = ContributorFactory(name="Hugo Mercier", slug="hugo-mercier")
    sign(stories["election"], lea)
    sign(stories["english"], hugo)
    sign(stories["other"], lea, hugo)
    assert set(listed(desk, contributor="lea")) == {
        "Les résultats de l'élection municipale",
        "Le marché du samedi",
    }
    assert set(listed(desk, contributor="MERCIER")) == {
        "Election night in the valley",
        "Le marché du samedi",
    }
    # By number (a link from elsewhere), and with the search.
    assert listed(desk, contributor=str(hugo.pk), q="election") == ["Election night in the valley"]
    assert listed(desk, contributor="nobody at all") == []


def test_the_contributor_filter_is_a_name_box_listing_only_the_matches(desk, stories):
    for n in range(15):
        ContributorFactory(name=f"Reporter {n}", slug=f"reporter-{n}")
    page = desk.get(CHANGELIST).content.decode()
    assert 'name="contributor"' in page
    assert "Reporter 3" not in page  # no list of every contributor
    page = desk.get(CHANGELIST, {"contributor": "reporter", "q": "x"}).content.decode()
    assert "Reporter 0" in page
    # At most ten are listed, by name.
    assert page.count('">Reporter ') == 10
    assert "Reporter 9" not in page
    # The name box keeps the search and the other filters.
    assert 'type="hidden" name="q" value="x"' in page


def test_a_search_says_when_only_the_newest_matches_are_listed(desk, stories, monkeypatch):
    monkeypatch.setattr(story_list, "LIMIT", 2)
    for n in range(3):
        ArticleFactory(title=f"Élection numéro {n}")
    response = desk.get(CHANGELIST, {"q": "election"})
    assert len(response.context["cl"].result_list) == 2
    assert "Only the 2 newest matching stories are listed" in response.content.decode()
    # The slug typed is listed even past the limit.
    assert "Les résultats de l'élection municipale" in listed(desk, q="resultats-municipales-2026")


def test_the_search_box_tells_what_it_searches(desk):
    page = desk.get(CHANGELIST).content.decode()
    assert "with or without accents" in page


def test_queries_do_not_grow_with_the_stories_listed(desk):
    lea = ContributorFactory(name="Léa Fontaine", slug="lea-fontaine")
    actor = ActorFactory(name="Agnès Varda", slug="agnes-varda")

    def make_row(n):
        article = ArticleFactory(title=f"Élection {n}", section=SectionFactory())
        sign(article, lea)
        ArticleActorFactory(article=article, actor=actor)

    for params in ["?q=election", "?q=election&contributor=lea&status__exact=published"]:
        one, thirty = counts_for(desk, CHANGELIST + params, make_row)
        assert one == thirty, params
        Article.objects.all().delete()


def test_the_search_reads_the_full_text_index_not_every_headline(desk, stories, on_postgres):
    with CaptureQueriesContext(connection) as queries:
        assert listed(desk, q="election")
    sql = [query["sql"] for query in queries.captured_queries]
    assert not [text for text in sql if "LIKE" in text.upper() and "articles_article" in text]
    index = "@@" if on_postgres else f"{FTS_TABLE} MATCH"
    assert [text for text in sql if index in text]


def test_the_related_story_picker_searches_the_same_way(desk, stories):
    """The story form's autocomplete for related stories asks the story admin's search."""
    response = desk.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "relatedarticle",
            "field_name": "to_article",
            "term": "ELECTION",
        },
    )
    assert response.status_code == 200
    found = {result["text"] for result in response.json()["results"]}
    assert "Les résultats de l'élection municipale" in found
    assert "Le marché du samedi" not in found


@pytest.mark.parametrize(
    "typed", ["x" * 10_000, "%", "_", "' OR 1=1 --", "0", "99999999999999999999"]
)
def test_a_hostile_contributor_name_is_answered(desk, stories, typed):
    response = desk.get(CHANGELIST, {"contributor": typed, "q": "election"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []

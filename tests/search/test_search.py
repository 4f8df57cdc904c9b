"""Search behaves the same for readers on PostgreSQL (full text) and SQLite (the fallback)."""

import re

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, SearchDocument
from search.query import MAX_QUERY_LENGTH, SEARCH_INDEX_NAME, clean_query, search_query
from tests.factories import ActorFactory, AliasFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def search(client, query, **extra):
    return client.get(reverse("search:results"), {"q": query}, **extra)


def titles(response):
    return [article.title for article in response.context["articles"]]


def test_accents_are_folded_both_ways(client):
    ArticleFactory(title="L'élection présidentielle américaine", body="Un scrutin serré.")
    ArticleFactory(title="Recettes de cuisine", body="Une crème brûlée.")
    assert titles(search(client, "election")) == ["L'élection présidentielle américaine"]
    assert titles(search(client, "ÉLECTION")) == ["L'élection présidentielle américaine"]
    assert titles(search(client, "creme brulee")) == ["Recettes de cuisine"]


def test_english_stories_are_found_too(client):
    ArticleFactory(language="en", title="Musk's rockets", body="SpaceX launched a rocket.")
    assert titles(search(client, "rocket")) == ["Musk's rockets"]


def test_every_word_must_match(client):
    ArticleFactory(title="Bezos et le Post", body="Le quotidien de Washington.")
    ArticleFactory(title="Bezos et Blue Origin", body="Des fusées.")
    assert titles(search(client, "Bezos quotidien")) == ["Bezos et le Post"]


def test_headline_matches_rank_above_body_matches(client):
    ArticleFactory(
        title="Une longue enquête",
        body="Il est question de fusées, plus loin.",
        publish_at=timezone.now() - timezone.timedelta(minutes=5),
    )
    ArticleFactory(
        title="Les fusées de SpaceX",
        body="Un texte.",
        publish_at=timezone.now() - timezone.timedelta(days=3),
    )
    assert titles(search(client, "fusées")) == ["Les fusées de SpaceX", "Une longue enquête"]


def test_searching_an_actor_alias_finds_stories_that_tag_it(client):
    bezos = ActorFactory(name="Jeff Bezos")
    AliasFactory(actor=bezos, name="Jeffrey Bezos")
    # The text never says "Jeffrey": the story is found through the tag.
    tagged = ArticleFactory(title="Le patron d'Amazon rachète un journal", body="Le milliardaire…")
    ArticleActorFactory(article=tagged, actor=bezos)
    ArticleFactory(title="Sans rapport", body="Rien à voir.")
    response = search(client, "jeffrey bézos")
    assert titles(response) == ["Le patron d'Amazon rachète un journal"]
    assert response.context["matched_actors"] == [bezos]
    assert f'href="{bezos.get_absolute_url()}"' in response.content.decode()


def test_searching_an_actor_name_ranks_tagging_stories_first(client):
    musk = ActorFactory(name="Elon Musk")
    tagged = ArticleFactory(
        title="Le patron de SpaceX",
        body="Il dirige aussi Tesla.",
        publish_at=timezone.now() - timezone.timedelta(days=5),
    )
    ArticleActorFactory(article=tagged, actor=musk)
    ArticleFactory(title="Une brève", body="Elon Musk a tweeté.")
    assert titles(search(client, "Elon Musk")) == ["Le patron de SpaceX", "Une brève"]


def test_results_carry_an_escaped_highlighted_snippet(client):
    ArticleFactory(
        title="Un titre",
        standfirst="",
        body="Si 5 < 6 & <script>alert(1)</script>, parlons de l'élection américaine.",
    )
    content = search(client, "election").content.decode()
    snippet = re.search(r'<p class="snippet"[^>]*>(.*?)</p>', content, re.S).group(1)
    assert "<mark>élection</mark>" in snippet
    # The only markup in a snippet is ours: the story's text is escaped (or dropped).
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_snippets_leave_picture_references_out(client):
    ArticleFactory(
        title="Un titre",
        standfirst="",
        body="Le dîner a eu lieu en Floride.\n\n[[picture:42]]\n\nLes convives ont parlé.",
    )
    content = search(client, "diner convives").content.decode()
    snippet = re.search(r'<p class="snippet"[^>]*>(.*?)</p>', content, re.S).group(1)
    assert "Floride" in snippet and "42" not in snippet and "picture" not in snippet


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "a & b | !c <-> (d:*",
        "'; DROP TABLE articles_article; --",
        "\x01\x02control",
        "<script>alert(1)</script>",
        "%_%",
        "le la les de",
    ],
    ids=["empty", "blank", "very-long", "tsquery-syntax", "sql", "control", "html", "like", "stop"],
)
def test_hostile_or_odd_queries_get_a_normal_page(client, query):
    # A NUL never reaches search: newsroom.middleware refuses it (tests/newsroom/test_nul_bytes.py).
    ArticleFactory(title="Une histoire ordinaire")
    response = search(client, query)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)" not in content
    assert Article.objects.count() == 1


def test_long_queries_are_cut_to_a_sane_length():
    assert len(clean_query("mot " * 1000)) <= MAX_QUERY_LENGTH
    assert clean_query("a\x00b") == "a b"


def test_search_results_are_paginated_keeping_the_query(client):
    for index in range(25):
        ArticleFactory(title=f"Fusée numéro {index}")
    first = search(client, "fusée")
    assert len(titles(first)) == 20
    assert "?q=fus%C3%A9e&amp;page=2" in first.content.decode()
    second = client.get(reverse("search:results"), {"q": "fusée", "page": 2})
    assert len(titles(second)) == 5


def test_search_page_is_not_indexed(client):
    assert '<meta name="robots" content="noindex, follow">' in search(client, "x").content.decode()


def test_the_gin_index_serves_the_search_expression_on_postgresql(on_postgres):
    if not on_postgres:
        pytest.skip("the GIN index exists on PostgreSQL only")
    ArticleFactory(title="L'élection")
    queryset = SearchDocument.objects.filter(document=search_query("election")).values("pk")
    with transaction.atomic(), connection.cursor() as cursor:
        # On a tiny table the planner would rather scan (a table or the primary key, as
        # search itself forbids): forbid both to see that the GIN index is usable.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert SEARCH_INDEX_NAME in plan, plan


def test_the_stored_vector_follows_every_edit_on_postgresql(on_postgres):
    if not on_postgres:
        pytest.skip("the stored vector exists on PostgreSQL only")
    story = ArticleFactory(title="Les fusées de Bezos", body="Un texte.")
    assert list(Article.objects.filter(search_document__document=search_query("fusée"))) == [story]
    story.title = "Les voitures de Musk"
    story.save()
    assert not Article.objects.filter(search_document__document=search_query("fusée")).exists()
    assert Article.objects.filter(search_document__document=search_query("voiture")).exists()
    # A write that bypasses the ORM's save() is followed too (imports, COPY, raw SQL).
    Article.objects.filter(pk=story.pk).update(body="Un dîner à Mar-a-Lago.")
    assert Article.objects.filter(search_document__document=search_query("dîner")).exists()


def test_the_sqlite_index_follows_every_edit(client, on_postgres):
    if on_postgres:
        pytest.skip("the FTS5 index exists on SQLite only")
    story = ArticleFactory(title="Les fusées de Bezos", body="Un texte.")
    assert titles(search(client, "fusee")) == ["Les fusées de Bezos"]
    story.title = "Les voitures de Musk"
    story.save()
    assert titles(search(client, "fusee")) == []
    assert titles(search(client, "voiture")) == ["Les voitures de Musk"]
    # Writes that bypass save() are followed too (imports, bulk updates, raw SQL).
    Article.objects.filter(pk=story.pk).update(body="Un dîner à Mar-a-Lago.")
    assert titles(search(client, "diner")) == ["Les voitures de Musk"]
    Article.objects.filter(pk=story.pk).delete()
    assert titles(search(client, "diner")) == []


def test_search_operators_typed_by_a_reader_are_words(client):
    ArticleFactory(title="Musk OR Bezos", body="NEAR the moon.")
    for query in ['"', "Musk OR", "NEAR(", "bezos*", "-musk", "title:musk", "^"]:
        assert search(client, query).status_code == 200, query


def test_postgresql_ranks_the_newest_matches_and_still_finds_old_ones(
    client, on_postgres, monkeypatch
):
    if not on_postgres:
        pytest.skip("the id windows are PostgreSQL's")
    monkeypatch.setattr("search.query.CANDIDATES", 3)
    monkeypatch.setattr("search.postgres.WINDOW", 2)
    oldest = ArticleFactory(title="Une orbite basse", body="Le satellite tourne.")
    for n in range(8):
        ArticleFactory(title=f"Fusée numéro {n}", body="Un lancement.")
    # Growing windows reach the oldest story for a word only it uses...
    assert titles(search(client, "satellite")) == [oldest.title]
    # ...and a word every story uses ranks the three newest.
    found = titles(search(client, "lancement"))
    assert sorted(found) == ["Fusée numéro 5", "Fusée numéro 6", "Fusée numéro 7"]

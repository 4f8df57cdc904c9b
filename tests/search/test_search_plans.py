"""The plans of search's main statements, and its queries per page.

PostgreSQL: each window of ids is read through a bitmap scan, never a walk of the ids that
tests every stored vector; the ranking, the page and an actor's newest stories read indexes.
SQLite: FTS5 hands its matches over in id order (no sort of every match), and the stories
are read by primary key.
"""

import pytest
from django.db import connection, transaction
from django.urls import reverse

from articles.models import Article
from search import postgres, sqlite
from search.query import CANDIDATES, MAX_ACTORS, newest_tagging, search_query
from tests.explain import POSTGRES_ONLY, assert_uses_an_index, plan
from tests.factories import ActorFactory, AliasFactory, ArticleActorFactory, ArticleFactory
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def newest_story_ids(n=50) -> list[int]:
    return list(Article.objects.published().order_by("-pk").values_list("pk", flat=True)[:n])


@pytest.mark.parametrize("by_id", [False, True], ids=["rare", "common"])
@pytest.mark.parametrize("word", ["gouvernement", "réforme", "xylophonique"])
@pytest.mark.usefixtures("explain_corpus")
@POSTGRES_ONLY[1]
def test_explain_each_id_window_is_a_bitmap_scan(word, by_id):
    sql, params = postgres.window_sql(search_query(word), CANDIDATES + 1, by_id=by_id)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_indexscan = off")  # as search does
        cursor.execute("EXPLAIN " + sql, [*params, 0])
        text = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan" in text, text
    assert "Seq Scan" not in text, text
    if by_id:  # common words: the range of ids, each vector tested, never the GIN index
        assert postgres.SEARCH_INDEX_NAME not in text, text


@pytest.mark.usefixtures("explain_corpus")
@POSTGRES_ONLY[1]
def test_explain_ranking_and_the_page_read_by_primary_key():
    search = search_query("gouvernement")
    ids = newest_story_ids()
    ranking = postgres.ranking(Article.objects.published(), ids, search)
    assert_uses_an_index(plan(ranking), "articles_article", "articles_searchdocument")
    page = postgres.headlines(search, "gouvernement")(
        Article.objects.published().for_listing().filter(pk__in=ids[:20])
    )
    assert_uses_an_index(plan(page), "articles_article")


@pytest.mark.usefixtures("explain_corpus")
@POSTGRES_ONLY[1]
def test_explain_an_actors_newest_stories_read_the_tag_index():
    from articles.models import ArticleActor

    actor_id = ArticleActor.objects.values_list("actor_id", flat=True).first()
    query = (
        ArticleActor.objects.filter(actor_id=actor_id)
        .order_by("-article_id")
        .values_list("article_id", flat=True)[:CANDIDATES]
    )
    assert_uses_an_index(plan(query), "articles_articleactor")
    assert newest_tagging([actor_id])


def sqlite_plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 and its plans")
def test_sqlite_fts5_hands_over_its_newest_matches_without_sorting_them():
    for n in range(3):
        ArticleFactory(title=f"Le gouvernement numéro {n}")
    text = sqlite_plan(sqlite.newest_sql(CANDIDATES + 1), [sqlite.fts_match("gouvernement")])
    assert "VIRTUAL TABLE INDEX" in text, text
    assert "TEMP B-TREE" not in text, text
    ids = newest_story_ids()
    # Read by primary key: search keeps the public ones itself (search_articles).
    sql, params = Article.objects.for_listing().filter(pk__in=ids).query.sql_with_params()
    assert "PRIMARY KEY" in sqlite_plan(sql, params), sqlite_plan(sql, params)


def test_the_search_page_runs_the_same_queries_for_one_result_and_for_a_page(client):
    def count(query):
        client.get(reverse("search:results"), {"q": query})  # warm per-process caches
        return query_count(client, f"{reverse('search:results')}?q={query}")

    ArticleFactory(title="Une fusée")
    one = count("fusée")
    for n in range(30):
        ArticleFactory(title=f"Fusée numéro {n}")
    assert count("fusée") == one
    # A name adds the actor's newest stories and the actor; a surname more actors share than
    # search follows adds nothing, however many share it.
    star = ActorFactory(name="Jeff Bezos")
    ArticleActorFactory(article=ArticleFactory(title="Blue Origin"), actor=star)
    named = count("Jeff%20Bezos")
    for n in range(MAX_ACTORS + 3):
        AliasFactory(actor=ActorFactory(name=f"Prénom{n} Martin"), name="Martin")
    ArticleFactory(title="Le docteur Martin")
    assert count("Martin") == count("fusée")
    assert named == count("fusée") + 2

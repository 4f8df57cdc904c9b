"""The desk's story list at archive scale: no full count, no full sort (PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.admin import EstimatedCountPaginator
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the estimate is PostgreSQL's statistics"
    ),
]

CHANGELIST = reverse("admin:articles_article_changelist")


def changelist_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def test_the_whole_list_is_counted_from_the_statistics(client, superuser, monkeypatch):
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_BELOW", 0)
    for n in range(12):
        ArticleFactory(title=f"Histoire {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    client.force_login(superuser)
    response, queries = changelist_queries(client)
    assert response.context["cl"].result_count == 12
    assert not [sql for sql in queries if "COUNT(" in sql and "articles_article" in sql]
    # A filtered list is counted exactly.
    response, queries = changelist_queries(client, status__exact="published")
    assert response.context["cl"].result_count == 12
    assert [sql for sql in queries if "COUNT(" in sql and "articles_article" in sql]


def test_the_list_is_read_along_the_desk_index(superuser):
    from articles.models import Article

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Article.objects.order_by("-publish_at", "-id")[:50].explain()
    assert "article_desk_order" in plan, plan


def test_a_long_filtered_list_is_counted_only_so_far(client, superuser, monkeypatch):
    """The hundred thousand stories one reporter signs took 0.7 s to count on every page:
    past EXACT_FILTERED the planner's estimate stands in."""
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_FILTERED", 5)
    for n in range(12):
        ArticleFactory(title=f"Histoire {n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    client.force_login(superuser)
    response, queries = changelist_queries(client, status__exact="published")
    counts = [sql for sql in queries if "COUNT(" in sql and "articles_article" in sql]
    assert counts and all("LIMIT 6" in sql for sql in counts), counts
    assert response.context["cl"].result_count >= 6
    assert len(response.context["cl"].result_list) == 12
    # A short one is still exact.
    response, _ = changelist_queries(client, status__exact="draft")
    assert response.context["cl"].result_count == 0

"""The contributors index: everyone who signs a public story, by role and A to Z."""

import re

import pytest
from django.core.cache import caches

from articles.models import Article
from articles.services import article_publish
from contributors.models import Contributor
from tests.articles.test_sitemaps import NS, valid
from tests.factories import ArticleFactory, ContributorFactory, sign
from tests.queries import counts_for

pytestmark = pytest.mark.django_db

URL = "/contributors/"


def names(client, url=URL) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(
        r'<a class="directory-name" href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def test_the_index_lists_public_contributors_by_role_then_name(client, english):
    story = ArticleFactory()
    afp = ContributorFactory(name="AFP", slug="afp", role=Contributor.Role.AGENCY)
    zoe = ContributorFactory(name="Zoé Arnaud", role=Contributor.Role.REPORTER)
    ana = ContributorFactory(name="Ana Bel", role=Contributor.Role.REPORTER)
    lea = ContributorFactory(name="Léa Fontaine", role=Contributor.Role.CORRESPONDENT)
    sign(story, afp, zoe, lea, ana)
    ghost = ContributorFactory(name="Plume Secrète")
    sign(ArticleFactory(status=Article.Status.DRAFT, publish_at=None), ghost)
    html = client.get(URL).content.decode()
    assert names(client) == ["Ana Bel", "Zoé Arnaud", "Léa Fontaine", "AFP"]
    assert (
        html.index(">Reporter</h2>")
        < html.index(">Correspondent</h2>")
        < html.index(">Agency</h2>")
    )
    assert "Plume Secrète" not in html


def test_author_pages_and_the_sitemap_link_the_index(client):
    lea = ContributorFactory(name="Léa Fontaine")
    sign(ArticleFactory(), lea)
    assert f'href="{URL}"' in client.get(lea.get_absolute_url()).content.decode()
    document = valid(client.get("/sitemap.xml").content, "sitemap.xsd")
    assert f"http://testserver{URL}" in document.xpath("//sm:loc/text()", namespaces=NS)


def test_the_index_is_paginated_with_constant_queries(client, monkeypatch):
    from contributors import views

    monkeypatch.setattr(views.ContributorIndexView, "paginate_by", 10)

    def contributor(n):
        sign(ArticleFactory(), ContributorFactory(name=f"Auteur {n:02d}"))

    one, thirty = counts_for(client, URL, contributor)
    assert one == thirty
    assert names(client, f"{URL}?page=3") == [f"Auteur {n:02d}" for n in range(20, 30)]
    assert client.get(f"{URL}?page=9").status_code == 404


def test_a_newly_public_contributor_joins_the_cached_index(
    client, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()
    sign(ArticleFactory(), ContributorFactory(name="Ana Bel"))
    client.get(URL)
    assert client.get(URL)["X-Page-Cache"] == "hit"
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    sign(draft, ContributorFactory(name="Léa Fontaine"))
    assert "Léa Fontaine" not in names(client)
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, by=None)
    assert "Léa Fontaine" in names(client)

"""Author pages in the sitemap: those of contributors who sign a public story, and only they."""

import datetime as dt

import pytest

from articles import sitemaps
from articles.models import Article
from contributors.models import Contributor
from tests.articles.test_sitemaps import NS, valid
from tests.factories import ArticleFactory, ContributorFactory, sign

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_public_author_pages_and_validates(client):
    lea = ContributorFactory(name="Léa Fontaine", slug="lea-fontaine")
    ghost = ContributorFactory(name="Plume Secrète", slug="plume-secrete")
    sign(ArticleFactory(), lea)
    sign(ArticleFactory(status=Article.Status.DRAFT, publish_at=None), ghost)
    stamp = dt.datetime(2024, 12, 19, 7, 30, tzinfo=dt.UTC)
    Contributor.objects.filter(pk=lea.pk).update(updated_at=stamp)
    assert lea.user is None
    document = valid(client.get("/sitemap.xml").content, "sitemap.xsd")
    urls = {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in document.xpath("//sm:url", namespaces=NS)
    }
    assert urls["http://testserver/contributors/lea-fontaine/"].startswith("2024-12-19")
    assert not any("plume-secrete" in loc for loc in urls)


def test_the_author_pages_section_stands_alone_in_the_index(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ContributorSitemap, "limit", 1)
    first, second = ContributorFactory(name="A"), ContributorFactory(name="B")
    sign(ArticleFactory(), first, second)
    index = valid(client.get("/sitemap.xml").content, "siteindex.xsd")
    locations = index.xpath("//sm:loc/text()", namespaces=NS)
    assert "http://testserver/sitemap-contributors.xml?p=2" in locations
    page = valid(client.get("/sitemap-contributors.xml?p=2").content, "sitemap.xsd")
    assert page.xpath("//sm:loc/text()", namespaces=NS) == [
        f"http://testserver{second.get_absolute_url()}"
    ]
    latest = sitemaps.ContributorSitemap().get_latest_lastmod()
    assert latest == max(first.updated_at, second.updated_at)

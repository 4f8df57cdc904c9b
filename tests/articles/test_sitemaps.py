import pytest
from django.utils import timezone
from lxml import etree

from articles import sitemaps
from tests.factories import ActorFactory, ArticleFactory, SectionFactory
from tests.standards import standards_file

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def schema(name):
    return etree.XMLSchema(etree.parse(str(standards_file("sitemaps", name))))


def valid(content, schema_name):
    document = etree.fromstring(content)
    xsd = schema(schema_name)
    assert xsd.validate(document), xsd.error_log
    return document


def test_sitemap_lists_public_pages_and_validates(client):
    section = SectionFactory(slug="espace")
    story = ArticleFactory(section=section, tags=["fusées"])
    ArticleFactory(slug="brouillon", status="draft", publish_at=None, tags=["secret"])
    ActorFactory(slug="elon-musk")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    document = valid(response.content, "sitemap.xsd")
    locations = document.xpath("//sm:loc/text()", namespaces=NS)
    assert "http://testserver/" in locations
    assert f"http://testserver{story.get_absolute_url()}" in locations
    assert "http://testserver/sections/espace/" in locations
    assert "http://testserver/actors/elon-musk/" in locations
    assert "http://testserver/tags/fus%C3%A9es/" in locations
    assert not [loc for loc in locations if "brouillon" in loc or "secret" in loc]
    story_url = f"http://testserver{story.get_absolute_url()}"
    lastmod = document.xpath(f"//sm:url[sm:loc='{story_url}']/sm:lastmod/text()", namespaces=NS)
    assert lastmod == [timezone.localdate(story.updated_at).isoformat()]


def test_sitemap_becomes_an_index_once_large(client, monkeypatch):
    monkeypatch.setattr(sitemaps.StorySitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory()
    response = client.get("/sitemap.xml")
    document = valid(response.content, "siteindex.xsd")
    locations = document.xpath("//sm:loc/text()", namespaces=NS)
    assert "http://testserver/sitemap-stories.xml" in locations
    assert "http://testserver/sitemap-stories.xml?p=3" in locations
    page = client.get("/sitemap-stories.xml?p=3")
    valid(page.content, "sitemap.xsd")
    assert len(etree.fromstring(page.content).xpath("//sm:url", namespaces=NS)) == 1


def test_news_sitemap_has_the_last_two_days_and_validates(client):
    now = timezone.now()
    fresh = ArticleFactory(
        title="Tout frais & chaud", language="en", publish_at=now - timezone.timedelta(hours=3)
    )
    ArticleFactory(title="Trop vieux", publish_at=now - timezone.timedelta(days=3))
    ArticleFactory(title="Brouillon", status="draft", publish_at=None)
    ArticleFactory(title="Programmé", publish_at=now + timezone.timedelta(hours=3))
    response = client.get("/news-sitemap.xml")
    document = valid(response.content, "news-sitemap-wrapper.xsd")
    urls = document.xpath("//sm:url", namespaces=NS)
    assert len(urls) == 1
    url = urls[0]
    location = f"http://testserver{fresh.get_absolute_url()}"
    assert url.xpath("sm:loc/text()", namespaces=NS) == [location]
    assert url.xpath("news:news/news:title/text()", namespaces=NS) == ["Tout frais & chaud"]
    assert url.xpath("news:news/news:publication/news:name/text()", namespaces=NS) == ["Newsroom"]
    assert url.xpath("news:news/news:publication/news:language/text()", namespaces=NS) == ["en"]
    published = url.xpath("news:news/news:publication_date/text()", namespaces=NS)[0]
    assert published == timezone.localtime(fresh.publish_at).isoformat(timespec="seconds")
    assert published[-6:] in ("+01:00", "+02:00")  # Paris, with its offset


def test_news_sitemap_stops_at_1000(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 3)
    monkeypatch.setattr(sitemaps.NewsSitemap, "limit", 3)
    for _ in range(5):
        ArticleFactory()
    document = etree.fromstring(client.get("/news-sitemap.xml").content)
    assert len(document.xpath("//sm:url", namespaces=NS)) == 3
    assert sitemaps.NEWS_LIMIT == 3 and sitemaps.NewsSitemap.limit == 3


def test_the_real_news_limit_is_googles():
    assert sitemaps.NEWS_LIMIT == 1000
    assert sitemaps.NEWS_WINDOW == timezone.timedelta(days=2)


def test_robots_txt_points_to_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Sitemap: http://testserver/news-sitemap.xml" in body
    assert "Disallow: /admin/" in body and "Disallow: /preview/" in body

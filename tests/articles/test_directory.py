"""The topics index and the sections list, their place in the sitemap and the page cache."""

import re

import pytest
from django.core.cache import caches
from django.utils import timezone
from lxml import etree

from articles.directory import TagIndexView
from articles.models import Article, Section
from articles.services import article_publish, article_save, section_save
from tests.articles.test_sitemaps import NS, valid
from tests.factories import ArticleFactory, SectionFactory
from tests.queries import counts_for

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'<a class="directory-name" href="([^"]*)">([^<]*)</a>', html)


def test_topics_of_public_stories_a_to_z_with_their_counts(client, english):
    ArticleFactory(tags=["fusées", "espace"])
    ArticleFactory(tags=["espace"])
    ArticleFactory(tags=["espace", "secret"], status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(tags=["plus tard"], publish_at=timezone.now() + timezone.timedelta(days=1))
    response = client.get("/tags/")
    assert listed(response) == [("/tags/espace/", "espace"), ("/tags/fus%C3%A9es/", "fusées")]
    page = response.content.decode()
    assert re.search(r"espace</a>\s*<span class=\"meta\">2 stories</span>", page)
    assert re.search(r"fusées</a>\s*<span class=\"meta\">1 story</span>", page)
    assert "secret" not in page and "plus tard" not in page
    assert "<title>Topics · Newsroom</title>" in page
    assert '<link rel="canonical" href="http://testserver/tags/">' in page
    assert 'href="/tags/" aria-current="page">Topics</a>' in page


def test_topics_are_paginated(client, monkeypatch, english):
    monkeypatch.setattr(TagIndexView, "paginate_by", 2)
    ArticleFactory(tags=["alpha", "bêta", "gamma"])
    second = client.get("/tags/", {"page": 2})
    assert [name for _url, name in listed(second)] == ["gamma"]
    page = second.content.decode()
    assert "Page 2 of 2" in page and 'rel="prev" href="/tags/">Previous page</a>' in page
    assert '<link rel="canonical" href="http://testserver/tags/?page=2">' in page
    assert client.get("/tags/", {"page": 99999}).status_code == 404


def test_topic_queries_do_not_grow_with_the_topics(client):
    one, thirty = counts_for(client, "/tags/", lambda n: ArticleFactory(tags=[f"sujet {n}"]))
    assert one == thirty


def test_sections_with_their_descriptions_and_latest_public_story(client, english):
    Section.objects.all().delete()
    economy = SectionFactory(name="Économie", slug="economie", description="Les marchés.")
    SectionFactory(name="Sport", slug="sport", position=5)
    ArticleFactory(
        section=economy, title="Ancienne", publish_at=timezone.now() - timezone.timedelta(days=2)
    )
    ArticleFactory(section=economy, title="Récente")
    ArticleFactory(
        section=economy, title="Brouillon caché", status=Article.Status.DRAFT, publish_at=None
    )
    response = client.get("/sections/")
    assert listed(response) == [("/sections/economie/", "Économie"), ("/sections/sport/", "Sport")]
    page = response.content.decode()
    assert "Les marchés." in page
    assert "Récente" in page and "Ancienne" not in page and "Brouillon caché" not in page
    assert "No stories in this section yet." in page
    assert 'href="/sections/" aria-current="page">All sections</a>' in page


def test_section_queries_do_not_grow_with_the_sections(client):
    def make_row(n):
        ArticleFactory(section=SectionFactory(name=f"Rubrique {n}", slug=f"rubrique-{n}"))

    one, thirty = counts_for(client, "/sections/", make_row)
    assert one == thirty


def test_every_page_links_the_directories_in_its_navigation(client, english):
    story = ArticleFactory()
    page = client.get(story.get_absolute_url()).content.decode()
    nav = re.search(
        r'<nav class="[^"]*directory-nav-bar" aria-label="Browse">(.*?)</nav>', page, re.S
    )
    assert nav is not None
    links = re.findall(r'href="([^"]*)"', nav.group(1))
    assert links == ["/sections/", "/tags/", "/actors/"]
    assert "aria-current" not in nav.group(1)


def test_the_sitemap_lists_the_directories_and_validates(client):
    ArticleFactory(tags=["espace"])
    document = valid(client.get("/sitemap.xml").content, "sitemap.xsd")
    locations = document.xpath("//sm:loc/text()", namespaces=NS)
    for path in ("/sections/", "/tags/", "/actors/"):
        assert f"http://testserver{path}" in locations


def test_the_directories_section_of_a_sitemap_index_validates(client):
    response = client.get("/sitemap-directories.xml")
    document = valid(response.content, "sitemap.xsd")
    assert len(etree.fromstring(response.content).xpath("//sm:url", namespaces=NS)) == 4
    assert "http://testserver/actors/" in document.xpath("//sm:loc/text()", namespaces=NS)


@pytest.fixture
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()


def warm(client, urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_the_cached_indexes_follow_new_topics_stories_and_sections(
    client, page_cache, editor, django_capture_on_commit_callbacks
):
    story = ArticleFactory(tags=["espace"], title="Première")
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, title="La suivante")
    draft.tags.set(["climat"])
    warm(client, ["/tags/", "/sections/"])
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, by=editor)
    assert "climat" in client.get("/tags/").content.decode()
    assert "La suivante" in client.get("/sections/").content.decode()
    warm(client, ["/tags/"])
    with django_capture_on_commit_callbacks(execute=True):
        story.tags.add("fusées")
        article_save(article=story, by=editor)
    assert "fusées" in client.get("/tags/").content.decode()
    warm(client, ["/sections/"])
    with django_capture_on_commit_callbacks(execute=True):
        section_save(section=Section(name="Idées", slug="idees", position=9), by=editor)
    assert "Idées" in client.get("/sections/").content.decode()


def test_topic_counts_are_kept_until_the_next_change_and_agree_with_the_topic_page(
    client, settings, editor, english, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.NEWSROOM_LIST_COUNT_CACHE = True
    ArticleFactory(tags=["espace"])
    client.get("/tags/espace/")  # the topic's page counts its stories first
    client.get("/tags/")
    with django_assert_num_queries(2):  # sections and topics: every count comes kept
        page = client.get("/tags/").content.decode()
    assert re.search(r"espace</a>\s*<span class=\"meta\">1 story</span>", page)
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    draft.tags.set(["espace"])
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, by=editor)
    page = client.get("/tags/").content.decode()
    assert re.search(r"espace</a>\s*<span class=\"meta\">2 stories</span>", page)

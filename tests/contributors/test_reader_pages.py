"""What readers get of a contributor: their feeds, the byline links to their page, and
nothing from a story only drafts know."""

import feedparser
import pytest
from django.core.cache import caches

from articles.models import Article
from articles.services import article_publish, article_set_byline
from contributors.models import Contributor
from contributors.services import contributor_save
from tests.factories import ArticleFactory, ContributorFactory, sign
from tests.queries import counts_for

pytestmark = pytest.mark.django_db

FLAVOURS = [("rss", "rss20", "application/rss+xml"), ("atom", "atom10", "application/atom+xml")]


@pytest.fixture
def lea():
    return ContributorFactory(
        name="Léa Fontaine", slug="lea-fontaine", role=Contributor.Role.CORRESPONDENT
    )


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.mark.parametrize("flavour,version,content_type", FLAVOURS)
def test_a_contributor_without_an_account_has_feeds_of_her_public_stories(
    client, lea, flavour, version, content_type
):
    story = ArticleFactory(title="Bezos et Trump, le rapprochement")
    other = ArticleFactory(title="Signé par un autre")
    sign(other, ContributorFactory())
    draft = ArticleFactory(title="Brouillon secret", status=Article.Status.DRAFT, publish_at=None)
    sign(story, lea)
    sign(draft, lea)
    assert lea.user is None
    response, feed = parse(client, f"/contributors/lea-fontaine/{flavour}/")
    assert feed.version == version
    assert response["Content-Type"].startswith(content_type)
    assert [entry.title for entry in feed.entries] == [story.title]
    assert feed.entries[0].author == "Léa Fontaine"
    assert feed.feed.title.endswith("Léa Fontaine")
    assert feed.feed.link == "http://testserver/contributors/lea-fontaine/"


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_a_contributor_who_signs_only_a_draft_has_no_feed(client, lea, flavour):
    sign(ArticleFactory(status=Article.Status.DRAFT, publish_at=None), lea)
    assert client.get(f"/contributors/lea-fontaine/{flavour}/").status_code == 404
    assert client.get(f"/contributors/nobody/{flavour}/").status_code == 404


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_a_feed_at_a_slug_the_contributor_left_answers_301(client, lea, flavour):
    sign(ArticleFactory(), lea)
    lea.slug = "lea-fontaine-martin"
    contributor_save(contributor=lea, by=None)
    response = client.get(f"/contributors/lea-fontaine/{flavour}/")
    assert response.status_code == 301
    assert response["Location"] == f"/contributors/lea-fontaine-martin/{flavour}/"
    parse(client, response["Location"])


def test_the_author_page_announces_and_links_its_feeds(client, lea):
    sign(ArticleFactory(), lea)
    html = client.get(lea.get_absolute_url()).content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/contributors/lea-fontaine/rss/"' in html
    assert (
        'type="application/atom+xml"' in html and 'href="/contributors/lea-fontaine/atom/"' in html
    )
    assert '<a href="/contributors/lea-fontaine/rss/" class="feed-link">RSS</a>' in html


def test_the_byline_links_each_name_to_the_author_page(client, lea):
    story = ArticleFactory()
    afp = ContributorFactory(name="AFP", slug="afp", role=Contributor.Role.AGENCY)
    article_set_byline(article=story, contributors=[lea, afp], by=None)
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<a href="/contributors/lea-fontaine/" rel="author">Léa Fontaine</a>' in html
    assert '<a href="/contributors/afp/" rel="author">AFP</a>' in html
    for author in (lea, afp):  # each link leads to a page
        assert client.get(author.get_absolute_url()).status_code == 200


def test_a_new_story_she_signs_joins_her_cached_feeds(
    client, lea, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()
    sign(ArticleFactory(), lea)
    urls = ["/contributors/lea-fontaine/rss/", "/contributors/lea-fontaine/atom/"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url
    draft = ArticleFactory(title="Le scoop de Léa", status=Article.Status.DRAFT, publish_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        article_set_byline(article=draft, contributors=[lea], by=None)
    for url in urls:
        assert "Le scoop de Léa" not in client.get(url).content.decode(), url
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, by=None)
    for url in urls:
        assert "Le scoop de Léa" in client.get(url).content.decode(), url
    with django_capture_on_commit_callbacks(execute=True):
        lea.name = "Léa Fontaine-Martin"
        contributor_save(contributor=lea, by=None)
    for url in urls:
        assert "Léa Fontaine-Martin" in client.get(url).content.decode(), url


@pytest.mark.parametrize("flavour", ["rss", "atom"])
def test_her_feed_costs_the_same_queries_for_one_story_or_many(client, lea, flavour):
    def story(n):
        sign(ArticleFactory(tags=[f"sujet-{n}"]), lea, ContributorFactory())

    one, thirty = counts_for(client, f"/contributors/lea-fontaine/{flavour}/", story)
    assert one == thirty


def test_the_home_page_costs_the_same_queries_however_many_contributors_sign(client):
    def story(n):
        sign(ArticleFactory(), ContributorFactory(), ContributorFactory())

    one, thirty = counts_for(client, "/", story)
    assert one == thirty

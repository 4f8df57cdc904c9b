"""A contributor's page: who signs, and the public stories they sign; nothing from drafts."""

import pytest
from django.core.cache import caches

from articles.models import Article
from articles.services import article_publish, article_set_byline
from contributors.models import Contributor
from contributors.services import contributor_save
from tests.factories import ArticleFactory, ContributorFactory, sign
from tests.queries import counts_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def lea():
    return ContributorFactory(
        name="Léa Fontaine",
        slug="lea-fontaine",
        role=Contributor.Role.CORRESPONDENT,
        bio="Correspondante indépendante à Washington.",
    )


def test_a_contributor_without_an_account_signs_a_story_and_has_a_page(client, lea):
    story = ArticleFactory(title="Bezos et Trump, le rapprochement")
    draft = ArticleFactory(title="Brouillon secret", status=Article.Status.DRAFT, publish_at=None)
    sign(story, lea)
    sign(draft, lea)
    assert lea.user is None
    page = client.get(lea.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Léa Fontaine" in html and "Correspondante indépendante" in html
    assert "correspondent" in html.lower() or "correspondant" in html.lower()
    assert story.title in html
    assert "Brouillon secret" not in html  # nothing known only from a draft
    story_page = client.get(story.get_absolute_url()).content.decode()
    assert '<a href="/contributors/lea-fontaine/" rel="author">Léa Fontaine</a>' in story_page


def test_a_contributor_who_signs_only_drafts_has_no_page_until_one_is_published(client, lea):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    sign(draft, lea)
    assert not Contributor.objects.public().filter(pk=lea.pk).exists()
    assert client.get(lea.get_absolute_url()).status_code == 404
    article_publish(article=draft, by=None)
    assert Contributor.objects.public().filter(pk=lea.pk).exists()
    assert draft.title in client.get(lea.get_absolute_url()).content.decode()


def test_the_byline_keeps_its_order_on_the_story_page(client, lea):
    story = ArticleFactory()
    afp = ContributorFactory(name="AFP", slug="afp", role=Contributor.Role.AGENCY)
    article_set_byline(article=story, contributors=[afp, lea], by=None)
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.index(">AFP<") < html.index(">Léa Fontaine<")
    article_set_byline(article=story, contributors=[lea, afp], by=None)
    assert [c.slug for c in Article.objects.get(pk=story.pk).byline_contributors] == [
        "lea-fontaine",
        "afp",
    ]


def test_the_contributor_page_costs_the_same_queries_for_one_story_or_many(client, lea):
    def story(n):
        sign(ArticleFactory(), lea, ContributorFactory())

    one, thirty = counts_for(client, lea.get_absolute_url(), story)
    assert one == thirty


def test_a_renamed_contributor_shows_on_cached_pages(
    client, lea, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()
    story = ArticleFactory()
    sign(story, lea)
    urls = [lea.get_absolute_url(), story.get_absolute_url()]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        lea.name = "Léa Fontaine-Martin"
        contributor_save(contributor=lea, by=None)
    for url in urls:
        assert "Léa Fontaine-Martin" in client.get(url).content.decode(), url


def test_a_new_story_joins_the_cached_contributor_page(
    client, lea, settings, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()
    sign(ArticleFactory(), lea)
    url = lea.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    draft = ArticleFactory(title="Le scoop de Léa", status=Article.Status.DRAFT, publish_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        article_set_byline(article=draft, contributors=[lea], by=None)
    assert "Le scoop de Léa" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        article_publish(article=draft, by=None)
    assert "Le scoop de Léa" in client.get(url).content.decode()


def test_a_contributor_who_changes_slug_keeps_their_old_page_as_a_redirect(client, lea):
    sign(ArticleFactory(), lea)
    old = lea.get_absolute_url()
    lea.slug = "lea-fontaine-washington"
    contributor_save(contributor=lea, by=None)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/contributors/lea-fontaine-washington/"
    # A newcomer of the same name never takes over the old page's URL.
    assert Contributor.objects.free_slug("Léa Fontaine") == "lea-fontaine-2"

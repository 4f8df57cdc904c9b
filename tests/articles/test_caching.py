"""HTTP caching: CDN-friendly for readers, 304s on stories, never shared for staff."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.services import correction_add
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.fixture
def story():
    return ArticleFactory(tags=["espace"])


def public_urls(story):
    actor = ActorFactory(slug="elon-musk")
    return [
        "/",
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        "/tags/espace/",
        actor.get_absolute_url(),
        "/search/?q=histoire",
        "/feeds/rss/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
    ]


def test_public_pages_are_cacheable_by_a_cdn(client, story):
    for url in public_urls(story):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"public", "max-age=300", "stale-while-revalidate=60"} <= cache_control(response), (
            url
        )
        vary = response["Vary"]
        assert "Cookie" in vary and "Accept-Language" in vary, url
        assert not response.cookies, url


def test_staff_never_receive_or_leave_a_shareable_copy(client, story, editor):
    client.force_login(editor)
    for url in public_urls(story):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = cache_control(response)
        assert {"private", "no-store"} <= directives, url
        assert "public" not in directives, url
        assert "Cookie" in response["Vary"], url


def test_a_logged_in_non_staff_user_is_private_too(client, story):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=False))
    assert "private" in cache_control(client.get(story.get_absolute_url()))


def test_not_found_is_cached_briefly(client):
    response = client.get("/articles/nexiste-pas/")
    assert response.status_code == 404
    assert {"public", "max-age=60"} <= cache_control(response)


def test_admin_and_health_are_never_cached(client):
    assert "no-store" in cache_control(client.get("/healthz"))
    assert "no-store" in cache_control(client.get(reverse("admin:login")))


def test_story_page_has_validators_and_answers_304(client, story):
    first = client.get(story.get_absolute_url())
    etag, last_modified = first["ETag"], first["Last-Modified"]
    again = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert "public" in cache_control(again)
    since = client.get(story.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=last_modified)
    assert since.status_code == 304


def test_a_change_to_the_story_invalidates_the_etag(client, story):
    etag = client.get(story.get_absolute_url())["ETag"]
    later = timezone.now() + timezone.timedelta(seconds=5)
    type(story).objects.filter(pk=story.pk).update(updated_at=later)
    response = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_correction_invalidates_the_etag(client, story):
    etag = client.get(story.get_absolute_url())["ETag"]
    correction_add(article=story, text="Une date était fausse.")
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_etag_differs_between_interface_languages(client, story):
    french = client.get(story.get_absolute_url())["ETag"]
    english = client.get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    assert french != english
    response = client.get(
        story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=french
    )
    assert response.status_code == 200


def test_the_304_costs_one_query(client, story, django_assert_num_queries):
    etag = client.get(story.get_absolute_url())["ETag"]
    with django_assert_num_queries(1):
        response = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_the_language_switch_sets_no_cookie_on_public_pages(client, story):
    response = client.get("/")
    assert "csrftoken" not in response.cookies
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    assert client.get("/").content.decode().count('<html lang="en">') == 1


def test_a_new_publication_elsewhere_invalidates_the_story_etag(client, story):
    # A newly published story may now be listed among the related ones.
    etag = client.get(story.get_absolute_url())["ETag"]
    ArticleFactory(tags=["espace"], publish_at=timezone.now())
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_etags_expire_within_the_hour(client, story, monkeypatch):
    etag = client.get(story.get_absolute_url())["ETag"]
    later = timezone.now() + timezone.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_story_row_is_read_once_for_a_full_page(client, story):
    """The conditional-GET check loads the story; the page reuses it instead of a 2nd read."""
    ActorFactory()  # the story page's related stories look for shared actors
    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert story.title in response.content.decode()
    story_reads = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "articles_article"."id"') and '"slug" =' in query["sql"]
    ]
    assert len(story_reads) == 1, story_reads

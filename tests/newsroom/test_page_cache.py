"""The reader page cache: hits cost no query, and no change a reader can see leaves a stale page.

Each staleness test warms the cache on every page that shows the changed thing, makes the
change the way the desk makes it (services and model saves, with their transactions), then
reads the pages again as an anonymous reader.
"""

import datetime as dt
import time

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone

from actors.models import RelationshipKind
from actors.services import alias_add, relationship_record
from articles.models import Article, RelatedArticle
from articles.services import (
    article_link_related,
    article_publish,
    article_tag_actor,
    article_unpublish,
    correction_add,
)
from common import generation
from newsroom import pagecache
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory
from tests.newsroom.readers import public_story_with_actors
from tests.newsroom.test_cache import REDIS_URL, redis_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's on-commit callbacks (the cache bump), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()


@pytest.fixture
def newsroom(editor):
    desk = public_story_with_actors(
        section={"name": "Économie", "slug": "economie"},
        story={"title": "Musk et Bezos dînent ensemble", "slug": "diner"},
        tagging=("musk", "bezos"),
    )
    return {**desk, "editor": editor}


def pages_of(newsroom):
    story = newsroom["story"]
    return [
        "/",
        story.get_absolute_url(),
        newsroom["section"].get_absolute_url(),
        "/tags/espace/",
        newsroom["musk"].get_absolute_url(),
    ]


def warm(client, urls):
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        second = client.get(url)
        assert second["X-Page-Cache"] == "hit", url
        assert second.content == first.content, url


def read(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_cached_page_is_served_without_any_query(client, newsroom, django_assert_num_queries):
    url = newsroom["story"].get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert "public" in again["Cache-Control"]


def test_a_cached_story_still_answers_304_to_a_revalidation(client, newsroom):
    url = newsroom["story"].get_absolute_url()
    etag = client.get(url)["ETag"]
    client.get(url)
    revalidated = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code == 304


def test_each_language_has_its_own_copy(client, newsroom):
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Page-Cache"] == "miss"
    assert french.content != english.content
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").content == english.content


def test_staff_are_never_served_or_stored(client, newsroom):
    url = newsroom["story"].get_absolute_url()
    client.force_login(newsroom["editor"])
    client.get(url)
    staff_copy = client.get(url)
    assert "X-Page-Cache" not in staff_copy
    client.logout()
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_not_found_pages_are_not_stored(client, newsroom):
    url = newsroom["story"].get_absolute_url().replace("diner", "nowhere")
    assert client.get(url).status_code == 404
    again = client.get(url)
    assert again.status_code == 404
    assert again.get("X-Page-Cache") != "hit"


def test_publishing_a_story_shows_it_everywhere(client, newsroom, committed, settings):
    # A story page's related stories follow within the lag (test_pagecache_tags).
    settings.NEWSROOM_RELATED_STORIES_LAG_SECONDS = 1
    warm(client, pages_of(newsroom))
    with committed():
        draft = ArticleFactory(
            title="Blue Origin décroche un contrat",
            section=newsroom["section"],
            status=Article.Status.DRAFT,
            publish_at=None,
            tags=["espace"],
        )
        ArticleActorFactory(article=draft, actor=newsroom["musk"])
        article_publish(article=draft, by=newsroom["editor"])
    story_page = newsroom["story"].get_absolute_url()
    for url in pages_of(newsroom):
        if url != story_page:
            assert "Blue Origin décroche un contrat" in read(client, url), url
    time.sleep(1.1)
    assert "Blue Origin décroche un contrat" in read(client, story_page)


def test_editing_a_headline_changes_every_page_showing_it(client, newsroom, committed):
    warm(client, pages_of(newsroom))
    with committed():
        story = Article.objects.get(pk=newsroom["story"].pk)
        story.title = "Le dîner de la détente"
        story.save()
    for url in pages_of(newsroom):
        page = read(client, url)
        assert "Le dîner de la détente" in page, url
        assert "Musk et Bezos dînent ensemble" not in page, url


def test_a_correction_appears_on_the_story(client, newsroom, committed):
    url = newsroom["story"].get_absolute_url()
    warm(client, [url])
    with committed():
        correction_add(
            article=newsroom["story"], text="Le dîner a eu lieu un vendredi.", by=newsroom["editor"]
        )
    assert "Le dîner a eu lieu un vendredi." in read(client, url)


def test_renaming_an_actor_changes_its_stories_and_its_page(client, newsroom, committed):
    warm(client, pages_of(newsroom))
    with committed():
        musk = newsroom["musk"]
        musk.name = "Elon R. Musk"
        musk.save()
    for url in [newsroom["story"].get_absolute_url(), newsroom["musk"].get_absolute_url()]:
        assert "Elon R. Musk" in read(client, url), url


def test_aliases_relationships_and_tags_are_seen(client, newsroom, committed):
    actor_url = newsroom["musk"].get_absolute_url()
    story_url = newsroom["story"].get_absolute_url()
    warm(client, [actor_url, story_url])
    with committed():
        alias_add(actor=newsroom["musk"], name="Le patron de SpaceX")
    assert "Le patron de SpaceX" in read(client, actor_url)
    with committed():
        relationship_record(
            source=newsroom["musk"],
            kind=RelationshipKind.objects.get(slug="rival-of"),
            target=ActorFactory(name="Blue Origin", slug="blue-origin"),
            by=newsroom["editor"],
        )
    assert "Blue Origin" in read(client, actor_url)
    donald = ActorFactory(name="Donald Trump", slug="donald-trump")
    warm(client, [story_url])
    with committed():
        article_tag_actor(article=newsroom["story"], actor=donald, by=newsroom["editor"])
    assert "Donald Trump" in read(client, story_url)


def test_linking_a_related_story_shows_it(client, newsroom, committed):
    other = ArticleFactory(title="SpaceX et la NASA", slug="nasa")
    url = newsroom["story"].get_absolute_url()
    warm(client, [url])
    with committed():
        article_link_related(article=newsroom["story"], related=other, by=newsroom["editor"])
    assert RelatedArticle.objects.exists()
    assert "SpaceX et la NASA" in read(client, url)


def test_unpublishing_takes_the_story_off_every_page(client, newsroom, committed):
    warm(client, pages_of(newsroom))
    with committed():
        article_unpublish(article=newsroom["story"], by=newsroom["editor"])
    assert client.get(newsroom["story"].get_absolute_url()).status_code == 404
    for url in ["/", newsroom["section"].get_absolute_url(), newsroom["musk"].get_absolute_url()]:
        assert "Musk et Bezos dînent ensemble" not in read(client, url), url


def test_deleting_a_story_takes_it_off_the_home_page(client, newsroom, committed):
    warm(client, ["/"])
    with committed():
        Article.objects.get(pk=newsroom["story"].pk).delete()
    assert "Musk et Bezos dînent ensemble" not in read(client, "/")


def test_renaming_a_section_changes_the_pages_that_name_it(client, newsroom, committed):
    warm(client, ["/", newsroom["story"].get_absolute_url()])
    with committed():
        section = newsroom["section"]
        section.name = "Économie et espace"
        section.save()
    for url in ["/", newsroom["story"].get_absolute_url()]:
        assert "Économie et espace" in read(client, url), url


def test_a_draft_being_written_keeps_the_cache(client, newsroom, committed):
    warm(client, ["/"])
    with committed():
        draft = ArticleFactory(
            title="Brouillon",
            status=Article.Status.DRAFT,
            publish_at=None,
            section=newsroom["section"],
        )
        draft.body = "Encore un paragraphe."
        draft.save()
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_a_scheduled_story_appears_when_its_time_comes(client, newsroom, committed, monkeypatch):
    soon = timezone.now() + dt.timedelta(minutes=5)
    ArticleFactory(title="Le lancement de New Glenn", publish_at=soon, first_published_at=None)
    warm(client, ["/"])
    assert "Le lancement de New Glenn" not in read(client, "/")
    later = soon + dt.timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Le lancement de New Glenn" in read(client, "/")


def test_a_page_lives_no_longer_than_the_next_scheduled_publication(newsroom):
    ArticleFactory(publish_at=timezone.now() + dt.timedelta(seconds=90), first_published_at=None)
    assert 0 < generation.seconds_to_live() <= 90


@pytest.mark.skipif(redis_client() is None, reason=f"no Redis server answers at {REDIS_URL}")
def test_servers_sharing_redis_see_each_others_changes(client, newsroom, committed):
    """Two app servers = two cache clients on one Redis: a change made through one is seen."""
    shared = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"test-pages-{newsroom['story'].pk}",
    }
    with override_settings(CACHES={"default": shared, "pages": shared}):
        caches["pages"].clear()
        url = newsroom["story"].get_absolute_url()
        warm(client, [url])
        # A second server process: its own connection to the same Redis.
        other_server = caches.create_connection("pages")
        token = other_server.get(generation.GENERATION_KEY)
        assert token is not None
        with committed():
            story = Article.objects.get(pk=newsroom["story"].pk)
            story.title = "Vu depuis l'autre serveur"
            story.save()
        assert other_server.get(generation.GENERATION_KEY) != token
        assert "Vu depuis l'autre serveur" in read(client, url)
        caches["pages"].clear()


def test_list_counts_are_counted_once_and_follow_every_change(
    client, newsroom, committed, settings, django_assert_num_queries
):
    settings.NEWSROOM_PAGE_CACHE = False  # the lists themselves are rendered every time
    settings.NEWSROOM_LIST_COUNT_CACHE = True
    first = client.get("/")
    assert first.context["paginator"].count == 1
    # The same list again: neither its count nor the next scheduled publication (how long
    # the count may be kept) is read again.
    with django_assert_num_queries(first_count(client) - 2):
        client.get("/")
    with committed():
        for n in range(25):
            ArticleFactory(title=f"Brève {n}", section=newsroom["section"])
    page = client.get("/")
    assert page.context["paginator"].count == 26
    assert page.context["paginator"].num_pages == 2


def first_count(client) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    return len(queries)


def test_clear_page_cache_forgets_what_a_restore_would_make_stale(client, newsroom):
    from django.core.management import call_command

    url = newsroom["story"].get_absolute_url()
    warm(client, [url])
    # A change beneath the application: no signal, no bump.
    Article.objects.filter(pk=newsroom["story"].pk).update(title="Titre restauré")
    assert client.get(url)["X-Page-Cache"] == "hit"
    call_command("clear_page_cache", stdout=__import__("io").StringIO())
    assert "Titre restauré" in read(client, url)


def test_requests_for_a_page_being_rendered_wait_for_its_copy(
    client, newsroom, django_assert_num_queries
):
    """A spike on a cold page: one request renders it, the others are served its copy."""
    import threading

    url = newsroom["story"].get_absolute_url()
    rendered = client.get(url)
    key = pagecache._cache_key(rendered.wsgi_request)
    stored = generation.page_cache().get(key)
    generation.page_cache().delete(key)
    # Another request holds the rendering lock and stores the page a moment later.
    generation.page_cache().add(f"rendering:{key}", 1, timeout=30)
    threading.Timer(0.2, generation.page_cache().set, args=(key, stored, 60)).start()
    with django_assert_num_queries(0):
        waited = client.get(url)
    assert waited["X-Page-Cache"] == "hit"
    assert waited.content == rendered.content


def test_a_request_renders_itself_when_the_other_renderer_stores_nothing(client, newsroom):
    url = newsroom["story"].get_absolute_url()
    key = pagecache._cache_key(client.get(url).wsgi_request)
    generation.page_cache().delete(key)
    lock = f"rendering:{key}"
    generation.page_cache().add(lock, 1, timeout=30)
    # The other renderer gives up (an error page is not stored): its lock goes.
    import threading

    threading.Timer(0.2, generation.page_cache().delete, args=(lock,)).start()
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"

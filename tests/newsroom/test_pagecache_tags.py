"""Precise invalidation: a change retires the pages that show what it changed, and no other.

Two stories share nothing (section, topic, actor). Each test warms the pages of both, makes
a change the way the desk makes it (services, committed), and reads the pages again: the
pages showing the change are rendered afresh, the others still come from the cache. Each
test runs on the file cache (one machine's processes) and on Redis (several machines).
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import transaction

from articles.models import Article
from articles.services import (
    article_link_related,
    article_publish,
    article_save,
    correction_add,
)
from common import generation
from pictures.models import Picture
from tests.factories import ArticleActorFactory, ArticleFactory
from tests.newsroom.pagecache_reads import pages, states, warm

pytestmark = pytest.mark.django_db


def test_editing_a_story_retires_its_pages_and_keeps_the_others(client, desk, committed):
    warm(client, ["/", *pages(desk["a"]), *pages(desk["b"])])
    with committed():
        story = Article.objects.get(pk=desk["a"]["objects"]["story"].pk)
        story.title = "Histoire A, corrigée"
        article_save(article=story, by=desk["editor"])
    assert states(client, ["/", *pages(desk["a"])]) == dict.fromkeys(
        ["/", *pages(desk["a"])], "miss"
    )
    assert set(states(client, pages(desk["b"])).values()) == {"hit"}
    assert "Histoire A, corrigée" in client.get(desk["a"]["actor"]).content.decode()


def test_publishing_a_draft_retires_the_lists_it_joins(client, desk, committed):
    a = desk["a"]["objects"]
    draft = ArticleFactory(
        title="Un brouillon",
        section=a["section"],
        status=Article.Status.DRAFT,
        publish_at=None,
        tags=["sujet-a"],
    )
    ArticleActorFactory(article=draft, actor=a["actor"])
    lists = ["/", desk["a"]["section"], desk["a"]["topic"], desk["a"]["actor"]]
    warm(client, [*lists, *pages(desk["b"])])
    with committed():
        article_publish(article=draft, by=desk["editor"])
    for url in lists:
        assert "Un brouillon" in client.get(url).content.decode(), url
    assert set(states(client, pages(desk["b"])).values()) == {"hit"}


def test_a_story_moved_between_sections_leaves_one_and_joins_the_other(client, desk, committed):
    before, after = desk["a"]["section"], desk["b"]["section"]
    warm(client, [before, after, desk["b"]["story"]])
    with committed():
        story = Article.objects.get(pk=desk["a"]["objects"]["story"].pk)
        story.section = desk["b"]["objects"]["section"]
        article_save(article=story, by=desk["editor"])
    assert "Histoire a" not in client.get(before).content.decode()
    assert "Histoire a" in client.get(after).content.decode()
    assert client.get(desk["b"]["story"])["X-Page-Cache"] == "hit"


def test_renaming_an_actor_retires_the_stories_tagging_it(client, desk, committed):
    warm(client, [desk["a"]["story"], desk["b"]["story"]])
    with committed():
        actor = desk["a"]["objects"]["actor"]
        actor.name = "Acteur A renommé"
        actor.save()
    assert "Acteur A renommé" in client.get(desk["a"]["story"]).content.decode()
    assert client.get(desk["b"]["story"])["X-Page-Cache"] == "hit"


def test_a_correction_retires_its_story(client, desk, committed):
    warm(client, [desk["a"]["story"], desk["b"]["story"]])
    with committed():
        correction_add(
            article=desk["a"]["objects"]["story"], text="Une date erronée.", by=desk["editor"]
        )
    assert "Une date erronée." in client.get(desk["a"]["story"]).content.decode()
    assert client.get(desk["b"]["story"])["X-Page-Cache"] == "hit"


def test_a_story_joining_an_actors_list_reaches_its_other_stories_within_the_lag(
    client, desk, committed, settings
):
    settings.NEWSROOM_RELATED_STORIES_LAG_SECONDS = 1
    a = desk["a"]["objects"]
    url = desk["a"]["story"]
    warm(client, [url])
    with committed():
        newcomer = ArticleFactory(title="Une nouvelle venue", section=a["section"])
        ArticleActorFactory(article=newcomer, actor=a["actor"])
    # Every story page of a busy actor is not rendered again on each save...
    assert client.get(url)["X-Page-Cache"] == "hit"
    # ... but none shows its related stories later than the lag.
    time.sleep(1.1)
    assert "Une nouvelle venue" in client.get(url).content.decode()


def test_linking_two_stories_retires_both_pages(client, desk, committed):
    # Editors' picks show on both stories' pages, whichever end the link was made from.
    a, b = desk["a"]["objects"]["story"], desk["b"]["objects"]["story"]
    warm(client, [desk["a"]["story"], desk["b"]["story"]])
    with committed():
        article_link_related(article=a, related=b, by=desk["editor"])
    assert "Histoire a" in client.get(desk["b"]["story"]).content.decode()
    assert "Histoire b" in client.get(desk["a"]["story"]).content.decode()


def test_an_unmapped_change_retires_everything(client, desk, committed):
    picture = Picture.objects.create(
        file="pictures/x.jpg", alt_text="Une fusée", width=10, height=10, format="JPEG"
    )
    urls = ["/", *pages(desk["a"]), *pages(desk["b"])]
    warm(client, urls)
    with committed():
        picture.caption = "Une légende"
        picture.save()
    assert set(states(client, urls).values()) == {"miss"}


def test_a_draft_being_written_retires_nothing(client, desk, committed):
    urls = ["/", *pages(desk["a"])]
    warm(client, urls)
    with committed():
        draft = ArticleFactory(
            status=Article.Status.DRAFT,
            publish_at=None,
            section=desk["a"]["objects"]["section"],
            tags=["sujet-a"],
        )
        ArticleActorFactory(article=draft, actor=desk["a"]["objects"]["actor"])
        draft.body = "Encore un paragraphe."
        draft.save()
    assert set(states(client, urls).values()) == {"hit"}


def test_tracking_parameters_share_the_bare_pages_copy(client, desk):
    url = desk["a"]["story"]
    bare = client.get(url)
    tracked = client.get(f"{url}?utm_source=x&fbclid=y")
    assert tracked["X-Page-Cache"] == "hit"
    assert tracked.content == bare.content
    assert client.get(f"{url}?page=2&utm_medium=mail")["X-Page-Cache"] == "miss"


def test_cached_pages_name_their_tags_for_a_cdn(client, desk):
    story = desk["a"]["objects"]["story"]
    actor = desk["a"]["objects"]["actor"]
    for response in (client.get(desk["a"]["story"]), client.get(desk["a"]["story"])):
        keys = response["Surrogate-Key"].split(" ")
        assert {f"s{story.pk}", f"a{actor.pk}", "X"} <= set(keys)
        assert response["Cache-Tag"].split(",") == keys
    # The actor's page lists its stories: a story joining it retires it.
    assert f"La{actor.pk}" in client.get(desk["a"]["actor"])["Surrogate-Key"].split(" ")
    unmapped = client.get("/robots.txt")
    assert set(unmapped["Surrogate-Key"].split(" ")) == {"X", "Y"}  # gone with any change


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.headers.get("Authorization"), json.loads(body)))
        self.server.arrived.set()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    server.received, server.arrived = [], threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NEWSROOM_CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge"
    settings.NEWSROOM_CDN_PURGE_TOKEN = "s3cret"
    yield server
    server.shutdown()
    server.server_close()


def test_the_cdn_is_told_the_retired_tags_after_commit(desk, cdn, committed):
    story = desk["a"]["objects"]["story"]
    with committed():
        correction_add(article=story, text="Une date erronée.", by=desk["editor"])
        assert not cdn.arrived.wait(0.2)  # not before the commit
    assert cdn.arrived.wait(5)
    authorization, body = cdn.received[0]
    assert authorization == "Bearer s3cret"
    assert f"s{story.pk}" in body["tags"]
    assert f"s{desk['b']['objects']['story'].pk}" not in body["tags"]


def test_a_rolled_back_change_tells_no_one(desk, cdn, committed):
    told = []
    generation.on_retire(told.append)
    try:
        with committed(), pytest.raises(RuntimeError):
            with transaction.atomic():
                correction_add(article=desk["a"]["objects"]["story"], text="Non.", by=None)
                raise RuntimeError("the editor's save fails")
    finally:
        generation._retire_hooks.remove(told.append)
    assert not cdn.arrived.wait(0.5)
    assert told == []


def test_retire_hooks_hear_each_committed_change(desk, committed):
    told = []
    generation.on_retire(told.append)
    try:
        with committed():
            correction_add(article=desk["a"]["objects"]["story"], text="Oui.", by=None)
    finally:
        generation._retire_hooks.remove(told.append)
    assert told and f"story:{desk['a']['objects']['story'].pk}" in told[0]

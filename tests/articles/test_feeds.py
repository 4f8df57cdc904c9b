import feedparser
import pytest
from django.utils import timezone

from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    SectionFactory,
    sign,
)

pytestmark = pytest.mark.django_db

HOUR = timezone.timedelta(hours=1)
# taggit keeps accents in slugs ("fusées"); URLs carry them percent-encoded.
FUSEES = "fus%C3%A9es"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


@pytest.fixture
def stories():
    space = SectionFactory(name="Espace", slug="espace")
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    author = ContributorFactory(name="Claire Dupont")
    now = timezone.now()
    newer = ArticleFactory(
        title="Lancement réussi", section=space, tags=["fusées"], publish_at=now - HOUR
    )
    sign(newer, author)
    ArticleActorFactory(article=newer, actor=musk)
    older = ArticleFactory(
        title="Un vieux lancement",
        section=space,
        tags=["fusées"],
        publish_at=now - 72 * HOUR,
    )
    ArticleActorFactory(article=older, actor=musk)
    ArticleFactory(title="Ailleurs", tags=["cuisine"], publish_at=now - 2 * HOUR)
    draft = ArticleFactory(
        title="Brouillon", section=space, tags=["fusées"], status="draft", publish_at=None
    )
    ArticleActorFactory(article=draft, actor=musk)
    ArticleFactory(title="Programmé", publish_at=timezone.now() + timezone.timedelta(days=1))
    return newer


@pytest.mark.parametrize("flavour", ["rss", "atom"])
@pytest.mark.parametrize(
    "url,expected",
    [
        ("/feeds/{flavour}/", ["Lancement réussi", "Ailleurs", "Un vieux lancement"]),
        ("/sections/espace/{flavour}/", ["Lancement réussi", "Un vieux lancement"]),
        (f"/tags/{FUSEES}/{{flavour}}/", ["Lancement réussi", "Un vieux lancement"]),
        ("/actors/elon-musk/{flavour}/", ["Lancement réussi", "Un vieux lancement"]),
    ],
    ids=["all", "section", "tag", "actor"],
)
def test_feeds_parse_and_list_public_stories_newest_first(client, stories, flavour, url, expected):
    response, feed = parse(client, url.format(flavour=flavour))
    assert [entry.title for entry in feed.entries] == expected
    expected_version = "rss20" if flavour == "rss" else "atom10"
    assert feed.version == expected_version
    assert response["Content-Type"].startswith(
        "application/rss+xml" if flavour == "rss" else "application/atom+xml"
    )


def test_feed_entries_carry_what_a_reader_needs(client, stories):
    _, feed = parse(client, "/feeds/rss/")
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{stories.get_absolute_url()}"
    assert entry.id == f"urn:uuid:{stories.uuid}"
    assert entry.summary == "Un chapeau court."
    assert entry.published_parsed is not None
    assert [tag.term for tag in entry.tags] == ["fusées"]
    assert "Claire Dupont" in entry.get("author", "")


def test_atom_entries_have_updated_dates_and_authors(client, stories):
    _, feed = parse(client, "/feeds/atom/")
    entry = feed.entries[0]
    assert entry.updated_parsed is not None
    assert entry.author == "Claire Dupont"


def test_feed_titles_follow_the_reader_language(client, stories):
    french = feedparser.parse(client.get("/feeds/rss/").content)
    english = feedparser.parse(client.get("/feeds/rss/", HTTP_ACCEPT_LANGUAGE="en").content)
    assert "derniers articles" in french.feed.title
    assert "latest stories" in english.feed.title


@pytest.mark.parametrize(
    "url", ["/sections/inconnue/rss/", "/actors/inconnu/atom/", "/tags/inconnu/rss/"]
)
def test_unknown_feed_subjects_are_404(client, url):
    assert client.get(url).status_code == 404


def test_a_tag_only_drafts_use_has_no_feed(client):
    ArticleFactory(tags=["secret"], status="draft", publish_at=None)
    assert client.get("/tags/secret/rss/").status_code == 404


@pytest.mark.parametrize(
    "page,rss,atom",
    [
        ("/", "/feeds/rss/", "/feeds/atom/"),
        ("/sections/espace/", "/sections/espace/rss/", "/sections/espace/atom/"),
        (f"/tags/{FUSEES}/", f"/tags/{FUSEES}/rss/", f"/tags/{FUSEES}/atom/"),
        ("/actors/elon-musk/", "/actors/elon-musk/rss/", "/actors/elon-musk/atom/"),
    ],
)
def test_pages_advertise_their_feeds(client, stories, page, rss, atom):
    content = client.get(page).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in content
    assert f'href="{rss}"' in content and f'href="{atom}"' in content


def test_story_page_advertises_its_section_feed(client, stories):
    content = client.get(stories.get_absolute_url()).content.decode()
    assert 'href="/sections/espace/rss/"' in content

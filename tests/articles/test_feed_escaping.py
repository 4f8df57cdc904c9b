"""Plain text (a standfirst, names) enters a feed as text: escaped once where the format says
HTML, as typed where it says text."""

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest
from django.utils.html import escape
from taggit.models import Tag

from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    SectionFactory,
    sign,
)

pytestmark = pytest.mark.django_db

HOSTILE = 'Attention <img src=x onerror="alert(1)"> & <script>alert(2)</script> fin'
ATOM = "{http://www.w3.org/2005/Atom}"


class _Elements(HTMLParser):
    def __init__(self, markup: str):
        super().__init__()
        self.tags = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def summaries(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed, in a test)
    if root.tag == f"{ATOM}feed":
        found = root.iter(f"{ATOM}summary")
        return [(node.get("type"), node.text) for node in found]
    return [("html", node.text) for node in root.iter("item") for node in node.iter("description")]


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/rss/",
        "/feeds/atom/",
        "/sections/espace/rss/",
        "/sections/espace/atom/",
        "/tags/espace/rss/",
        "/tags/espace/atom/",
        "/actors/elon-musk/rss/",
        "/actors/elon-musk/atom/",
    ],
)
def test_a_hostile_standfirst_is_text_in_every_feed(client, url):
    story = ArticleFactory(
        standfirst=HOSTILE, section=SectionFactory(slug="espace"), tags=["espace"]
    )
    ArticleActorFactory(article=story, actor=ActorFactory(slug="elon-musk"))
    [(kind, summary)] = summaries(client, url)
    assert kind == "html"
    # A feed reader renders the summary as HTML: it must hold no element, and read as typed.
    assert _Elements(summary).tags == []
    assert html.unescape(summary) == HOSTILE
    assert _Elements(html.unescape(summary)).tags  # the check above can see an element


# Names of a section, a topic, an actor, a contributor and the site itself, as editors typed them.
NAMES = ["<img src=x onerror=alert(1)>", "Tom & Jerry"]
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(params=NAMES, ids=["markup", "ampersand"])
def named(request, settings):
    """One public story whose every plain-text field, and its subjects, carry the name."""
    name = request.param
    settings.NEWSROOM_SITE_NAME = name
    story = ArticleFactory(
        title=name,
        standfirst=name,
        section=SectionFactory(name=name, slug="rubrique"),
        tags=[Tag.objects.create(name=name, slug="sujet")],
    )
    sign(story, ContributorFactory(name=name))
    ArticleActorFactory(article=story, actor=ActorFactory(name=name, slug="acteur"))
    return name


def as_html(name: str, text: str) -> None:
    """A field readers render as HTML: the name is in it escaped once, and no element."""
    assert _Elements(text).tags == []
    assert escape(name) in text


def as_text(name: str, text: str) -> None:
    """A field readers show as text: the name as typed, not escaped a second time."""
    assert name in text
    assert "&amp;" not in text and "&lt;" not in text


FEEDS = [
    "/feeds/rss/",
    "/sections/rubrique/rss/",
    "/tags/sujet/rss/",
    "/actors/acteur/rss/",
]


@pytest.mark.parametrize("url", FEEDS)
def test_names_are_text_in_every_rss_feed(client, named, url):
    response = client.get(url)
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    as_text(named, channel.findtext("title"))
    as_html(named, channel.findtext("description"))  # RSS descriptions are HTML
    [item] = channel.findall("item")
    assert item.findtext("title") == named
    as_html(named, item.findtext("description"))
    assert item.findtext(f"{DC}creator") == named
    assert [node.text for node in item.findall("category")] == [named]


@pytest.mark.parametrize("url", [url.replace("/rss/", "/atom/") for url in FEEDS])
def test_names_are_text_in_every_atom_feed(client, named, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    for tag in ("title", "subtitle"):
        node = feed.find(f"{ATOM}{tag}")
        assert node.get("type") in (None, "text")
        as_text(named, node.text)
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == named
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    as_html(named, summary.text)
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == named
    assert [node.get("term") for node in entry.findall(f"{ATOM}category")] == [named]


def test_a_feed_reader_shows_the_names_as_typed(client, named):
    """feedparser, as a reader would: every field, HTML or not, reads as the name typed."""
    for url in ("/sections/rubrique/rss/", "/sections/rubrique/atom/"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo
        assert feed.feed.title == f"{named}: {named}"
        assert named in html.unescape(feed.feed.subtitle)
        [entry] = feed.entries
        assert html.unescape(entry.title) == named
        assert html.unescape(entry.summary) == named
        assert entry.author == named
        assert [tag.term for tag in entry.tags] == [named]

"""A plain-text standfirst enters a feed's HTML summary as text, never as markup."""

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, SectionFactory

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

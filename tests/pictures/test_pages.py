"""Readers see the pictures: responsive, sized, described, credited, and shared with them."""

import json
import re

import feedparser
import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.rendering import render_markdown
from tests.articles.test_jsonld import check_node, jsonld
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, SectionFactory
from tests.pictures.images import make_picture

pytestmark = pytest.mark.django_db


def meta(page: str, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', page)
    return match.group(1) if match else ""


@pytest.fixture
def story():
    return ArticleFactory(slug="diner", lead_image=make_picture())


def test_story_page_shows_the_lead_image_with_caption_credit_and_every_width(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="lead-figure">(.*?)</figure>', page, re.S).group(1)
    assert f'alt="{story.lead_image.alt_text}"' in figure
    assert 'width="800" height="500"' in figure  # no layout shift
    assert "loading=" not in figure  # above the fold: fetched at once
    for width in (240, 480, 800, 1200):
        assert f"/w{width}.webp {width}w" in figure
    assert 'sizes="' in figure
    assert "<figcaption>La fusée avant son lancement. <small>Photo : Rédaction</small>" in figure


def test_og_image_and_json_ld_point_to_a_real_social_rendition(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    og_image = meta(page, "og:image")
    assert og_image.startswith("http://testserver/media/pictures/") and og_image.endswith(
        "/social.jpg"
    )
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:image:alt") == story.lead_image.alt_text
    assert meta(page, "twitter:card") == "summary_large_image"
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(script.group(1))["image"][0] == og_image
    with default_storage.open(og_image.removeprefix("http://testserver/media/")) as stored:
        image = Image.open(stored)
        assert (image.format, image.size) == ("JPEG", (1200, 630))


def test_a_story_without_a_picture_shares_the_site_default_image(client):
    article = ArticleFactory()
    page = client.get(article.get_absolute_url()).content.decode()
    assert meta(page, "og:image") == "http://testserver/static/img/og-default.png"
    assert "lead-figure" not in page


def test_lists_show_lazy_thumbnails_except_the_first_story_of_the_home_page(client):
    section = SectionFactory(slug="espace")
    picture = make_picture()
    for n in range(3):
        ArticleFactory(section=section, lead_image=picture, title=f"Histoire {n}")
    home = client.get("/").content.decode()
    thumbnails = re.findall(r'<div class="card-picture">(<img[^>]*>)', home)
    assert len(thumbnails) == 3
    assert "loading" not in thumbnails[0]
    assert all('loading="lazy"' in img and 'width="800"' in img for img in thumbnails[1:])
    listing = client.get(section.get_absolute_url()).content.decode()
    assert listing.count('<div class="card-picture"><img') == 3
    assert listing.count('loading="lazy"') == 3


def test_actor_page_shows_the_portrait_and_shares_it(client):
    portrait = make_picture(alt_text="Portrait de Jeff Bezos", caption="", credit="Photo : X")
    actor = ActorFactory(name="Jeff Bezos", slug="jeff-bezos", portrait=portrait)
    ArticleActorFactory(actor=actor)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert '<figure class="portrait">' in page and 'alt="Portrait de Jeff Bezos"' in page
    assert meta(page, "og:image").endswith("/social.jpg")


def test_feeds_enclose_the_social_card_with_its_size(client, story):
    for url in ("/feeds/rss/", "/feeds/atom/"):
        entry = feedparser.parse(client.get(url).content).entries[0]
        [enclosure] = entry.enclosures
        assert enclosure.href == f"http://testserver{story.lead_image.social.url}"
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == story.lead_image.social.size


def test_a_body_reference_becomes_a_figure_and_markdown_images_stay_out():
    picture = make_picture(alt_text='Un "titre" <script>alert(1)</script>', caption="<b>x</b>")
    html = render_markdown(
        f"Avant.\n\n{picture.reference}\n\n![pixel](https://tracker.example/p.gif)\n\n"
        "[[picture:999999]]\n\nAprès."
    )
    assert html.count("<figure>") == 1 and html.count("<img") == 1
    assert "tracker.example" not in html and "999999" not in html
    assert "<script" not in html and "<b>" not in html
    assert 'alt="Un &quot;titre&quot; &lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert 'loading="lazy"' in html and "srcset=" in html


def test_a_reference_inside_a_sentence_is_left_as_text():
    picture = make_picture()
    html = render_markdown(f"Voir {picture.reference} ci-dessous.")
    assert "<img" not in html and picture.reference in html


def test_json_ld_with_a_lead_image_still_uses_only_real_schema_org_terms(client, story):
    data = jsonld(client.get(story.get_absolute_url()).content.decode())
    assert [url.rsplit("/", 1)[-1] for url in data["image"]] == ["social.jpg", "w1200.webp"]
    assert check_node(data) == []

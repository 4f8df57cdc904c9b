"""The demo's freelance correspondent has no account, and readers find her all the same: her
author page, her feeds, the sitemap and the story's markup all lead to her story."""

import feedparser
import pytest
from django.utils.html import escape

from articles.models import Article
from contributors.models import Contributor
from demo import content as demo

pytestmark = pytest.mark.django_db


def test_the_freelance_correspondent_has_a_page_and_feeds_listing_her_story(loaded, client):
    lea = Contributor.objects.get(slug="lea-fontaine")
    assert lea.user is None and lea.role == Contributor.Role.CORRESPONDENT
    post = Article.objects.get(slug=demo.POST)
    story_page = client.get(post.get_absolute_url()).content.decode()
    assert f'href="{lea.get_absolute_url()}" rel="author"' in story_page
    assert f'"url": "http://testserver{lea.get_absolute_url()}"' in story_page
    page = client.get(lea.get_absolute_url())
    assert page.status_code == 200
    assert escape(post.title) in page.content.decode()
    for flavour in ("rss", "atom"):
        response = client.get(f"{lea.get_absolute_url()}{flavour}/")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo
        assert post.title in [entry.title for entry in feed.entries]
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{lea.get_absolute_url()}" in sitemap

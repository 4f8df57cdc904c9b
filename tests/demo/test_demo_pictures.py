"""The demo newsroom's pictures: drawn by the project, honestly credited, loaded once."""

import pytest
from django.test import override_settings

from articles.models import Article
from demo import content as demo
from demo import pictures as demo_pictures
from demo.loader import load_demo
from pictures.models import Picture

pytestmark = pytest.mark.django_db


def test_published_demo_stories_have_credited_illustrations_with_alt_text(loaded, client):
    for spec in demo.STORIES:
        if not spec.publish_at:
            continue
        article = Article.objects.get(slug=spec.slug)
        picture = article.lead_image
        assert picture is not None, spec.slug
        assert picture.source == demo_pictures.SOURCE
        assert picture.credit.split(":")[0].strip() in {"Illustration", "Chart", "Graphique"}
        assert len(picture.alt_text) > 40
    page = client.get(loaded.main_story.get_absolute_url()).content.decode()
    assert "Illustration : newsroom (démo)" in page


def test_the_contracts_story_shows_its_chart_inside_the_body(loaded):
    article = Article.objects.get(slug=demo.STORIES[1].slug)
    chart = Picture.objects.get(alt_text__startswith="Graphique en barres")
    assert chart.reference in article.body
    assert "<figure><img" in article.body_rendered and chart.alt_text in article.body_rendered


def test_people_get_a_monogram_portrait_and_a_second_load_draws_nothing_new(loaded):
    musk = Article.objects.get(slug=demo.MAIN_STORY).actors.get(slug="elon-musk")
    assert "Monogramme" in musk.portrait.alt_text
    count = Picture.objects.count()
    assert count == len(demo_pictures.PICTURES) + len(demo_pictures.PORTRAITS)
    with override_settings(DEBUG=True):
        load_demo()
    assert Picture.objects.count() == count

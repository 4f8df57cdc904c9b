"""Unpublished stories are previewed by those who may read them, from the admin's link."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(status=Article.Status.DRAFT, publish_at=None, title="Brouillon secret")


def test_preview_needs_the_permission_to_view_stories(client, draft, editor):
    bare_staff = User.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(bare_staff)
    assert client.get(draft.get_preview_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_preview_url())
    assert response.status_code == 200 and "Brouillon secret" in response.content.decode()


def test_view_on_site_opens_the_preview_of_an_unpublished_story(client, draft, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert draft.get_preview_url() in page.content.decode()
    assert draft.get_absolute_url() not in page.content.decode()


def test_view_on_site_of_a_public_story_is_its_page(client, editor):
    story = ArticleFactory()
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert f'href="{story.get_absolute_url()}"' in page.content.decode()

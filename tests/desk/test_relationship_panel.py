"""The desk's relationship panel speaks the editor's language: labels, kinds and statuses."""

import pytest
from django.urls import reverse
from lxml import html

from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db


def panel(client, editor):
    story = ArticleFactory()
    for name in ("Ada", "Grace"):
        ArticleActorFactory(article=story, actor=ActorFactory(name=name))
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert response.status_code == 200
    [section] = html.fromstring(response.content.decode()).xpath('//*[@id="desk-relationship"]')
    labels = [label.text_content() for label in section.xpath(".//label")]
    kinds = section.xpath('.//select[@name="kind"]/option/text()')
    statuses = section.xpath('.//select[@name="status"]/option/text()')
    return labels, kinds, statuses


def test_the_relationship_panel_is_in_french_by_default(client, editor):
    labels, kinds, statuses = panel(client, editor)
    assert labels == ["Source", "Type", "Cible", "Statut"]
    assert "possède" in kinds and "owns" not in kinds
    assert "rapporté" in statuses


def test_the_relationship_panel_in_english(client, editor, english):
    labels, kinds, statuses = panel(client, editor)
    assert labels == ["Source", "Kind", "Target", "Status"]
    assert "owns" in kinds and "reported" in statuses

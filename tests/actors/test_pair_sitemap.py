"""Pair pages in the sitemap: one entry per pair with a public relationship, and only those."""

import pytest
from django.core.cache import caches

from actors.models import Relationship, RelationshipKind
from actors.services import (
    relationship_evidence_delete,
    relationship_evidence_save,
    relationship_record,
)
from articles.models import Article
from tests.articles.test_sitemaps import NS, valid
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db
Evidence = Relationship.evidence.through


def kind(slug):
    return RelationshipKind.objects.get(slug=slug)


def pair_locations(client) -> list[str]:
    document = valid(client.get("/sitemap.xml").content, "sitemap.xsd")
    return [
        loc for loc in document.xpath("//sm:url/sm:loc/text()", namespaces=NS) if "/and/" in loc
    ]


def test_each_pair_is_listed_once_in_slug_order_and_a_draft_pair_never(client):
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos")
    secret = ActorFactory(name="Source Secrète", slug="source-secrete", listed=False)
    story = ArticleFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    # Two relationships recorded either way round make one pair page.
    relationship_record(source=bezos, kind=kind("rival-of"), target=musk, evidence=[story])
    relationship_record(source=musk, kind=kind("met"), target=bezos, evidence=[story])
    relationship_record(source=musk, kind=kind("met"), target=secret, evidence=[draft])

    assert pair_locations(client) == ["http://testserver/actors/elon-musk/and/jeff-bezos/"]
    assert client.get("/actors/elon-musk/and/source-secrete/").status_code == 404


@pytest.fixture
def cached(settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["pages"].clear()
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_cached_pages_follow_evidence_added_and_removed_in_the_admin_inline(client, cached, editor):
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    trump = ActorFactory(name="Donald Trump", slug="donald-trump")
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    story = ArticleFactory()
    met = relationship_record(source=musk, kind=kind("met"), target=trump, evidence=[draft])
    assert pair_locations(client) == []
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"

    with cached():
        relationship_evidence_save(
            relationship_evidence=Evidence(relationship=met, article=story), by=editor
        )

    assert pair_locations(client) == ["http://testserver/actors/donald-trump/and/elon-musk/"]
    assert "Donald Trump" in client.get("/actors/elon-musk/").content.decode()

    # Removing it again takes the pair off the cached sitemap and the actor's cached page.
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "hit"
    with cached():
        relationship_evidence_delete(
            relationship_evidence=Evidence.objects.get(relationship=met, article=story), by=editor
        )
    assert pair_locations(client) == []
    assert "Donald Trump" not in client.get("/actors/elon-musk/").content.decode()

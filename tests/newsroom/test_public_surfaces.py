"""Nothing unpublished reaches a reader, whatever the way in."""

import pytest
from django.utils import timezone

from actors.models import RelationshipKind
from actors.services import relationship_record
from articles.models import ArticleOldSlug
from tests.factories import (
    ArticleActorFactory,
    ArticleFactory,
    RelatedArticleFactory,
)
from tests.newsroom.readers import public_story_with_actors

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar confidentiel"
SECRET_SLUG = "zanzibar-confidentiel"

UNPUBLISHED = {
    "draft": {"status": "draft", "publish_at": None},
    "in-review": {"status": "review", "publish_at": None},
    "scheduled": {"status": "published", "publish_at": "future"},
}

SURFACES = [
    "/",
    "/sections/espace/",
    "/sections/espace/rss/",
    "/sections/espace/atom/",
    "/tags/espace/",
    "/tags/espace/rss/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/actors/elon-musk/",
    "/actors/elon-musk/rss/",
    "/actors/elon-musk/atom/",
    "/actors/jeff-bezos/",
    "/actors/elon-musk/and/jeff-bezos/",
    "/actors/elon-musk/and/jeff-bezos/rss/",
    "/actors/elon-musk/and/jeff-bezos/atom/",
    "/actors/elon-musk/connections/?to=jeff-bezos",
    "/search/?q=zanzibar",
    "/search/?q=Elon+Musk",
    "/articles/public-story/",
    "/sitemap.xml",
    "/news-sitemap.xml",
]


@pytest.fixture(params=list(UNPUBLISHED), ids=list(UNPUBLISHED))
def newsroom(request):
    desk = public_story_with_actors(
        section={"name": "Espace", "slug": "espace"},
        story={"title": "Une histoire publique", "slug": "public-story"},
    )
    space, musk, bezos, public = desk["section"], desk["musk"], desk["bezos"], desk["story"]
    fields = dict(UNPUBLISHED[request.param])
    if fields["publish_at"] == "future":
        fields["publish_at"] = timezone.now() + timezone.timedelta(days=1)
    secret = ArticleFactory(
        title=SECRET,
        slug=SECRET_SLUG,
        body="Zanzibar, Elon Musk et Jeff Bezos.",
        section=space,
        tags=["espace", "zanzibar-tag"],
        **fields,
    )
    ArticleActorFactory(article=secret, actor=musk)
    RelatedArticleFactory(from_article=public, to_article=secret)  # an editor pick
    relationship_record(
        source=musk,
        kind=RelationshipKind.objects.get(slug="rival-of"),
        target=bezos,
        evidence=[secret, public],
    )
    ArticleOldSlug.objects.create(article=secret, slug="ancien-zanzibar")
    return secret


@pytest.mark.parametrize("url", SURFACES)
def test_unpublished_stories_appear_on_no_public_surface(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 200, url
    content = response.content.decode()
    assert SECRET not in content and SECRET_SLUG not in content, url
    assert "zanzibar-tag" not in content, url


@pytest.mark.parametrize(
    "url",
    [f"/articles/{SECRET_SLUG}/", "/articles/ancien-zanzibar/", "/tags/zanzibar-tag/"],
    ids=["story", "old-slug", "draft-only-tag"],
)
def test_unpublished_story_urls_are_404(client, newsroom, url):
    response = client.get(url)
    assert response.status_code == 404
    assert SECRET not in response.content.decode()

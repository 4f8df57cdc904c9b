"""A page of stories costs the same number of queries whatever its size."""

import pytest

from tests.api.conftest import API
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelatedArticleFactory,
    sign,
)
from tests.queries import query_count

pytestmark = pytest.mark.django_db


def rich_story(n: int, api_world) -> None:
    story = ArticleFactory(slug=f"riche-{n}", tags=[f"sujet-{n}", "espace"])
    sign(story, ContributorFactory(slug=f"auteur-{n}"), api_world.helene)
    ArticleActorFactory(article=story, actor=ActorFactory(slug=f"acteur-{n}"), position=0)
    ArticleActorFactory(article=story, actor=api_world.bezos, position=1)
    CorrectionFactory(article=story, text=f"Correction {n}.")
    RelatedArticleFactory(from_article=story, to_article=api_world.rocket, position=0)
    RelatedArticleFactory(from_article=story, to_article=api_world.draft, position=1)


@pytest.mark.parametrize("fmt", ["json", "ninjs"])
def test_a_full_page_costs_what_a_short_one_does(client, api_world, fmt):
    url = f"{API}/stories/?limit=100&format={fmt}&topic=espace"
    client.get(url)  # warm per-process caches (content types)
    few = query_count(client, url)
    for n in range(25):
        rich_story(n, api_world)
    many = query_count(client, url)
    assert len(client.get(url).json()["items"]) == 27
    assert many == few


def test_one_story_costs_a_handful_of_queries(client, api_world, django_assert_max_num_queries):
    url = f"{API}/stories/{api_world.musk_bezos.slug}"
    client.get(url)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200

"""The actors, relationships, topics, search and connection answers cost the same number of
queries for one row as for thirty."""

import pytest

from actors.models import RelationshipKind
from actors.services import relationship_record
from tests.api.conftest import API
from tests.api.test_actors import _unthrottled  # noqa: F401 - the autouse fixture
from tests.factories import ActorFactory, AliasFactory, ArticleActorFactory, ArticleFactory
from tests.queries import counts_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def bezos(db):
    return ActorFactory(name="Jeff Bezos", slug="jeff-bezos")


def test_the_actors_list(client, db):
    def make_row(n):
        actor = ActorFactory(name=f"Acteur {n}", slug=f"acteur-{n}")
        AliasFactory(actor=actor, name=f"Alias {n}")

    one, thirty = counts_for(client, f"{API}/actors/?limit=100&q=acteur", make_row)
    assert one == thirty <= 4


def test_one_actor_with_its_relationships_and_evidence(client, bezos):
    kinds = list(RelationshipKind.objects.all())

    def make_row(n):
        other = ActorFactory(slug=f"autre-{n}")
        AliasFactory(actor=bezos, name=f"Bezos {n}")
        story = ArticleFactory()
        ArticleActorFactory(article=story, actor=other)
        relationship_record(
            source=bezos if n % 2 else other,
            kind=kinds[n % len(kinds)],
            target=other if n % 2 else bezos,
            evidence=[story, ArticleFactory(status="draft", publish_at=None)],
        )

    one, thirty = counts_for(client, f"{API}/actors/jeff-bezos", make_row)
    assert one == thirty <= 6


def test_the_relationships_list_and_one_relationship(client, bezos):
    kind = RelationshipKind.objects.get(slug="met")

    def make_row(n):
        relationship_record(
            source=bezos,
            kind=kind,
            target=ActorFactory(slug=f"visiteur-{n}"),
            evidence=[ArticleFactory(), ArticleFactory()],
        )

    one, thirty = counts_for(client, f"{API}/relationships/?limit=100", make_row)
    assert one == thirty <= 4


def test_the_connection_finder(client, bezos):
    kind = RelationshipKind.objects.get(slug="met")
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")

    def make_row(n):
        # One more chain Bezos -> someone -> Musk, each step with its own public stories.
        middle = ActorFactory(name=f"Intermédiaire {n:02d}", slug=f"intermediaire-{n}")
        for source, target in ((bezos, middle), (middle, musk)):
            relationship_record(
                source=source, kind=kind, target=target, evidence=[ArticleFactory()]
            )

    one, thirty = counts_for(client, f"{API}/actors/jeff-bezos/connections/?to=elon-musk", make_row)
    assert one == thirty <= 10


def test_the_topics_list(client, db):
    def make_row(n):
        ArticleFactory(tags=[f"thème {n}", "commun"])

    one, thirty = counts_for(client, f"{API}/topics/?limit=100", make_row)
    assert one == thirty <= 4


def test_search(client, db):
    def make_row(n):
        ArticleFactory(title=f"Satellite {n}", body="Un satellite de plus.")

    one, thirty = counts_for(client, f"{API}/search/?q=satellite&limit=50", make_row)
    # PostgreSQL asks the planner how common the words are, then widens its window of
    # candidates in a transaction of its own (savepoints).
    assert one == thirty <= 9

import pytest
from django.urls import reverse

from actors.models import Actor
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    RelationshipFactory,
    RelationshipKindFactory,
)
from tests.queries import counts_for

ACTORS = reverse("admin:actors_actor_changelist")
AUTOCOMPLETE = reverse("admin:autocomplete")


def make_actor(n):
    actor = ActorFactory(wikidata_id=f"Q{n + 1}")
    AliasFactory(actor=actor)
    AliasFactory(actor=actor)
    ArticleActorFactory(actor=actor, article=ArticleFactory(tags=["tech", f"t{n}"]))
    ArticleActorFactory(actor=actor)
    return actor


@pytest.mark.django_db
def test_actor_changelist_queries_do_not_grow_with_rows(client, superuser):
    client.force_login(superuser)

    one, thirty = counts_for(client, ACTORS, make_actor)

    print(f"actor changelist: {one} queries with 1 row, {thirty} with 30")
    assert one == thirty


@pytest.mark.django_db
def test_relationship_changelist_queries_do_not_grow_with_rows(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:actors_relationship_changelist")

    def make_relationship(n):
        relationship = RelationshipFactory()
        relationship.evidence.add(ArticleFactory())

    one, thirty = counts_for(client, url, make_relationship)

    print(f"relationship changelist: {one} queries with 1 row, {thirty} with 30")
    assert one == thirty


@pytest.mark.django_db
def test_relationship_kind_changelist_queries_do_not_grow_with_rows(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:actors_relationshipkind_changelist")

    one, thirty = counts_for(client, url, lambda n: RelationshipKindFactory())

    print(f"relationship kind changelist: {one} queries with 1 row, {thirty} with 30")
    assert one == thirty


@pytest.mark.django_db
def test_alias_changelist_queries_do_not_grow_with_rows(client, superuser):
    client.force_login(superuser)
    url = reverse("admin:actors_alias_changelist")

    one, thirty = counts_for(client, url, lambda n: AliasFactory())

    print(f"alias changelist: {one} queries with 1 row, {thirty} with 30")
    assert one == thirty


@pytest.mark.django_db
def test_actor_changelist_counts_stories(client, superuser):
    client.force_login(superuser)
    busy = ActorFactory(name="Elon Musk")
    AliasFactory(actor=busy, name="Musk")
    AliasFactory(actor=busy, name="Elon")
    for _ in range(3):
        ArticleActorFactory(actor=busy)
    ActorFactory(name="Aardvark Quiet")

    response = client.get(ACTORS, {"o": "-4"})  # column 4 after the checkbox: stories

    rows = [(a.name, a.story_count) for a in response.context["cl"].result_list]
    assert rows == [("Elon Musk", 3), ("Aardvark Quiet", 0)]


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["sanchez", "SÁNCHEZ", "lauren sanchez", "Sanchez Lauren"])
def test_actor_search_ignores_accents_and_case(client, superuser, term):
    client.force_login(superuser)
    ActorFactory(name="Lauren Sánchez")
    ActorFactory(name="Jeff Bezos")

    response = client.get(ACTORS, {"q": term})

    assert [a.name for a in response.context["cl"].result_list] == ["Lauren Sánchez"]


@pytest.mark.django_db
def test_actor_search_matches_aliases_once(client, superuser):
    client.force_login(superuser)
    bezos = ActorFactory(name="Jeff Bezos")
    AliasFactory(actor=bezos, name="Jeffrey Bezos")
    AliasFactory(actor=bezos, name="Jeffrey Preston Bezos")
    ActorFactory(name="Jeff Koons")

    response = client.get(ACTORS, {"q": "jeffrey"})

    assert [a.name for a in response.context["cl"].result_list] == ["Jeff Bezos"]


@pytest.mark.django_db
def test_actor_autocomplete_finds_accented_name(client, editor):
    client.force_login(editor)
    sanchez = ActorFactory(name="Lauren Sánchez")
    ActorFactory(name="Jeff Bezos")

    response = client.get(
        AUTOCOMPLETE,
        {
            "app_label": "articles",
            "model_name": "articleactor",
            "field_name": "actor",
            "term": "sanchez",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(sanchez.pk), "text": "Lauren Sánchez"}]


@pytest.mark.django_db
def test_actor_change_form_shows_aliases_and_outgoing_relationships(client, superuser):
    client.force_login(superuser)
    actor = ActorFactory(name="Lauren Sánchez")
    AliasFactory(actor=actor, name="Lauren Sanchez")
    RelationshipFactory(source=actor, target=ActorFactory(name="Jeff Bezos"))

    response = client.get(reverse("admin:actors_actor_change", args=[actor.pk]))

    assert response.status_code == 200
    inlines = {f.opts.model for f in response.context["inline_admin_formsets"]}
    assert {m._meta.model_name for m in inlines} == {"alias", "relationship"}
    assert "Jeff Bezos" in response.content.decode()
    assert Actor.objects.count() == 2

import pytest
from django.urls import reverse

from actors.models import Actor
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    RelationshipFactory,
)

ACTORS = reverse("admin:actors_actor_changelist")
AUTOCOMPLETE = reverse("admin:autocomplete")


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

"""Deleting an actor tagged in stories is refused, in words an editor can act on (merge)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from actors.models import Actor
from actors.services import actor_delete
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

ACTORS = reverse("admin:actors_actor_changelist")
MERGE_HINT = "merge it into that one instead"


@pytest.fixture
def tagged():
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    ArticleActorFactory(actor=musk, article=ArticleFactory(title="Une fusée"))
    return musk


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def shown(client, response) -> list[str]:
    return [str(message) for message in client.get(response["Location"]).context["messages"]]


def test_the_delete_page_of_a_tagged_actor_says_why_and_points_to_merge(desk, tagged):
    url = reverse("admin:actors_actor_delete", args=[tagged.pk])

    for send in (desk.get, lambda url: desk.post(url, {"post": "yes"})):
        response = send(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:actors_actor_change", args=[tagged.pk])
        [message] = shown(desk, response)
        assert message.startswith("Elon Musk is tagged in stories, so it cannot be deleted.")
        assert MERGE_HINT in message and "Merge two duplicate actors" in message
    assert Actor.objects.filter(pk=tagged.pk).exists()


def test_the_bulk_delete_names_the_tagged_actors_and_deletes_nothing(desk, tagged):
    unused = ActorFactory(name="Personne inconnue")
    response = desk.post(
        ACTORS,
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [tagged.pk, unused.pk], "post": "yes"},
    )
    [message] = shown(desk, response)
    assert message.startswith("Elon Musk is tagged in stories")
    assert "Personne inconnue" not in message
    assert Actor.objects.filter(pk__in=[tagged.pk, unused.pk]).count() == 2


def test_an_actor_no_story_tags_is_deleted_as_usual(desk, tagged):
    unused = ActorFactory(name="Personne inconnue")
    selected = {"action": "delete_selected", ACTION_CHECKBOX_NAME: [unused.pk]}

    confirmation = desk.post(ACTORS, selected)
    assert confirmation.status_code == 200
    assert "Are you sure" in confirmation.content.decode()
    desk.post(ACTORS, {**selected, "post": "yes"})
    assert not Actor.objects.filter(pk=unused.pk).exists()

    url = reverse("admin:actors_actor_delete", args=[ActorFactory(name="Autre").pk])
    assert desk.get(url).status_code == 200  # Django's confirmation page


def test_the_refusal_reads_in_french_for_a_french_desk(client, editor, tagged):
    client.force_login(editor)
    response = client.get(reverse("admin:actors_actor_delete", args=[tagged.pk]))
    [message] = shown(client, response)
    assert "ne peut pas être supprimé" in message and "fusionnez" in message


def test_actor_delete_refuses_a_tagged_actor_and_deletes_an_unused_one(editor, reporter, tagged):
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        actor_delete(actor=tagged, by=editor)
    assert refused.value.code == "actor_in_use"
    assert MERGE_HINT in refused.value.messages[0]
    assert Actor.objects.filter(pk=tagged.pk).exists()

    unused = ActorFactory(name="Personne inconnue")
    with pytest.raises(PermissionDenied):
        actor_delete(actor=unused, by=reporter)
    actor_delete(actor=unused, by=editor)
    assert not Actor.objects.filter(pk=unused.pk).exists()

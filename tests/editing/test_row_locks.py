"""The lock's generic parts: rows without a version, rows without history, inline rows."""

import pytest
from django.utils import timezone
from taggit.models import Tag

from actors.models import Relationship
from editing.locking import claim, conflict_message, loaded_token
from tests.admin_forms import change_url, form_values
from tests.editing.two_editors import refusal, two_editors
from tests.factories import RelationshipFactory

pytestmark = pytest.mark.django_db


def test_a_row_without_a_version_is_claimed_only_while_it_is_as_loaded():
    topic = Tag.objects.create(name="Espace", slug="espace")
    loaded = loaded_token(topic)
    Tag.objects.filter(pk=topic.pk).update(name="Conquête spatiale")

    assert not claim(topic, loaded)
    assert claim(topic, loaded_token(Tag.objects.get(pk=topic.pk)))


def test_a_version_is_claimed_once():
    relationship = RelationshipFactory()

    assert claim(relationship, 1)
    assert not claim(Relationship.objects.get(pk=relationship.pk), 1)
    assert Relationship.objects.get(pk=relationship.pk).version == 2


def test_a_change_without_history_is_told_as_someone_and_when():
    """A script (no history entry) changed the row: "Someone", with the row's modified date."""
    relationship = RelationshipFactory(note="")
    client, _ = two_editors()
    values = form_values(client.get(change_url(relationship)), "relationship_form")
    Relationship.objects.filter(pk=relationship.pk).update(
        note="Par un script.", version=5, updated_at=timezone.now()
    )
    values["status"] = ["confirmed"]

    message = refusal(client.post(change_url(relationship), values))

    assert message.startswith("Someone changed this on ")
    assert "Note" in message
    assert Relationship.objects.get(pk=relationship.pk).status == "reported"


def test_the_message_for_a_row_with_neither_history_nor_date_says_only_that_it_moved():
    topic = Tag.objects.create(name="Espace", slug="espace")

    message = conflict_message(topic, ["Name"])

    assert message.startswith("Someone changed this while you were editing it. ")
    assert "Changed meanwhile: Name." in message

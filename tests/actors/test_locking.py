"""No lost update on relationships, aliases and relationship kinds, in their own forms and
in the actor's inlines; overlapping merges end in a message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors import admin as actors_admin
from actors.models import Actor, ActorRedirect, Alias, Relationship
from actors.services import actor_merge
from tests.admin_forms import change_url, form_values
from tests.editing.two_editors import both_save, refusal, two_editors
from tests.factories import (
    ActorFactory,
    AliasFactory,
    RelationshipFactory,
    RelationshipKindFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in English."""


def test_relationship_second_save_is_refused_naming_who_and_keeping_the_input():
    relationship = RelationshipFactory(note="")

    response = both_save(
        relationship, {"amount": ["250000"], "currency": ["USD"]}, {"note": ["Selon Le Monde."]}
    )

    message = refusal(response)
    assert "Hélène Garnier changed this" in message
    assert "Amount" in message
    assert "Selon Le Monde." in response.content.decode()
    relationship.refresh_from_db()
    assert (relationship.amount, relationship.note) == (Decimal("250000"), "")
    assert Relationship.objects.get(pk=relationship.pk).version == 2


def test_alias_second_save_is_refused():
    alias = AliasFactory(name="Bezos")

    response = both_save(alias, {"name": ["J. Bezos"]}, {"name": ["Jeff P. Bezos"]})

    assert "Hélène Garnier changed this" in refusal(response)
    assert "Jeff P. Bezos" in response.content.decode()
    assert Alias.objects.get(pk=alias.pk).name == "J. Bezos"


def test_relationship_kind_second_save_is_refused():
    kind = RelationshipKindFactory(label="finance", inverse_label="")

    response = both_save(kind, {"inverse_label": ["financé par"]}, {"label": ["finances"]})

    message = refusal(response)
    assert "Hélène Garnier changed this" in message
    assert "Inverse label" in message
    assert 'value="finances"' in response.content.decode()
    kind.refresh_from_db()
    assert (kind.label, kind.inverse_label) == ("finance", "financé par")


def test_actor_redirect_without_a_version_is_locked_on_its_stored_row():
    redirect = ActorRedirect.objects.create(old_slug="jeff-bezos", actor=ActorFactory())
    other = ActorFactory(name="Jeffrey Bezos")

    response = both_save(redirect, {"actor": [str(other.pk)]}, {"old_slug": ["j-bezos"]})

    message = refusal(response)
    assert "Someone changed this while you were editing it." in message
    assert 'value="j-bezos"' in response.content.decode()
    redirect.refresh_from_db()
    assert (redirect.old_slug, redirect.actor) == ("jeff-bezos", other)


def inline_rows(values: dict, prefix: str) -> list[str]:
    """The prefix of each existing row of an inline on the posted form."""
    count = int(values[f"{prefix}-INITIAL_FORMS"][0])
    return [f"{prefix}-{i}" for i in range(count)]


def test_relationship_inline_stale_row_refuses_the_actor_form_with_the_message_on_the_row():
    """Hélène sets an amount in the relationship's own form; Paul, with the actor's page open
    from before, edits the note of that row: his save is refused on that row."""
    relationship = RelationshipFactory(note="")
    actor = relationship.source
    first, second = two_editors()
    his = form_values(second.get(change_url(actor)), "actor_form")
    hers = form_values(first.get(change_url(relationship)), "relationship_form")
    hers["amount"], hers["currency"] = ["250000"], ["USD"]
    assert first.post(change_url(relationship), hers).status_code == 302

    (row,) = inline_rows(his, "relationships_out")
    his[f"{row}-status"] = ["confirmed"]
    his["description"] = ["Fondateur."]
    response = second.post(change_url(actor), his)

    assert response.status_code == 200
    (formset,) = [
        fs for fs in response.context["inline_admin_formsets"] if fs.formset.prefix == row[:-2]
    ]
    row_errors = " ".join(formset.formset.forms[0].non_field_errors())
    assert "Hélène Garnier changed this" in row_errors
    assert '<option value="confirmed" selected>' in response.content.decode()
    relationship.refresh_from_db()
    actor.refresh_from_db()
    assert (relationship.amount, relationship.status) == (Decimal("250000"), "reported")
    assert actor.description != "Fondateur."  # the actor form is refused as a whole


def test_relationship_inline_row_changed_meanwhile_is_not_put_back_by_the_actor_form():
    """A row changed meanwhile that the second editor did not touch: his posted values are
    the old ones, so saving it would undo the first editor's change; it is refused too. Once
    he reloads, his save goes through and hers stays."""
    relationship = RelationshipFactory(note="")
    actor = relationship.source
    first, second = two_editors()
    his = form_values(second.get(change_url(actor)), "actor_form")
    hers = form_values(first.get(change_url(relationship)), "relationship_form")
    hers["amount"], hers["currency"] = ["250000"], ["USD"]
    first.post(change_url(relationship), hers)

    his["description"] = ["Fondateur."]
    assert second.post(change_url(actor), his).status_code == 200
    fresh = form_values(second.get(change_url(actor)), "actor_form")
    fresh["description"] = ["Fondateur."]
    assert second.post(change_url(actor), fresh).status_code == 302

    relationship.refresh_from_db()
    actor.refresh_from_db()
    assert relationship.amount == Decimal("250000")
    assert actor.description == "Fondateur."


def test_relationship_inline_save_moves_the_row_version_once():
    relationship = RelationshipFactory(note="")
    client, _ = two_editors()
    values = form_values(client.get(change_url(relationship.source)), "actor_form")
    (row,) = inline_rows(values, "relationships_out")
    values[f"{row}-status"] = ["confirmed"]

    assert client.post(change_url(relationship.source), values).status_code == 302

    relationship.refresh_from_db()
    assert (relationship.status, relationship.version) == ("confirmed", 2)


def test_alias_inline_stale_row_is_refused_on_that_row():
    alias = AliasFactory(name="Bezos")
    actor = alias.actor
    first, second = two_editors()
    his = form_values(second.get(change_url(actor)), "actor_form")
    hers = form_values(first.get(change_url(alias)), "alias_form")
    hers["name"] = ["J. Bezos"]
    assert first.post(change_url(alias), hers).status_code == 302

    (row,) = inline_rows(his, "aliases")
    his[f"{row}-name"] = ["Jeff P. Bezos"]
    response = second.post(change_url(actor), his)

    assert response.status_code == 200
    formset = next(
        fs.formset
        for fs in response.context["inline_admin_formsets"]
        if fs.formset.prefix == "aliases"
    )
    assert "Hélène Garnier changed this" in " ".join(formset.forms[0].non_field_errors())
    assert 'value="Jeff P. Bezos"' in response.content.decode()
    assert Alias.objects.get(pk=alias.pk).name == "J. Bezos"


def test_a_merge_whose_actor_was_merged_meanwhile_is_refused_and_changes_nothing():
    """Two editors merge at once: A into B, and (from a page loaded before) B into C."""
    a, b, c = (ActorFactory(name=name) for name in ("Jeff Bezos", "J. Bezos", "Jeffrey Bezos"))
    RelationshipFactory(source=c, target=ActorFactory(name="MacKenzie Scott"))
    stale_b = Actor.objects.get(pk=b.pk)
    actor_merge(keep=a, drop=b, by=None)

    with pytest.raises(ValidationError) as refused:
        actor_merge(keep=c, drop=stale_b, by=None)

    assert "J. Bezos no longer exists" in " ".join(refused.value.messages)
    assert Actor.objects.filter(pk=c.pk).exists()
    assert Relationship.objects.filter(source=c).count() == 1
    assert not c.aliases.filter(name="J. Bezos").exists()


def test_overlapping_merges_through_the_admin_end_in_a_message_not_a_500(client, monkeypatch):
    """The other merge commits between this one's read of the list and its own write."""
    editor = UserFactory(username="helene", groups=["Editor"])
    client.force_login(editor)
    a, b, c = (ActorFactory(name=name) for name in ("Jeff Bezos", "J. Bezos", "Jeffrey Bezos"))
    merge = actor_merge

    def someone_merged_first(*, keep, drop, by):
        merge(keep=a, drop=Actor.objects.get(pk=drop.pk), by=None)
        return merge(keep=keep, drop=drop, by=by)

    monkeypatch.setattr(actors_admin, "actor_merge", someone_merged_first)
    response = client.post(
        reverse("admin:actors_actor_changelist"),
        {"action": "merge_actors", "_selected_action": [b.pk, c.pk], "keep": c.pk},
        follow=True,
    )

    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("J. Bezos no longer exists" in m for m in shown), shown
    assert Actor.objects.filter(pk__in=[a.pk, c.pk]).count() == 2
    assert not c.aliases.exists()

"""Admin actions, from the admin site's registry, each posted by every role (a forged POST for
those not offered it): the effect happens exactly for the roles allowed."""

import uuid
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse
from taggit.models import Tag

from actors.models import Actor, Relationship
from api.models import ApiKey
from api.services import apikey_create
from articles.models import Article, Correction
from pictures.models import Picture
from tests.factories import (
    ContributorFactory,
    CorrectionFactory,
    SectionFactory,
    UserFactory,
)
from tests.security.access_matrix.rules import EXPORTERS
from tests.security.access_matrix.world import (
    ANY,
    LOGIN,
    PUBLISHERS,
    ROLES,
    STATES,
    assert_answer,
    body,
    can,
    secrets,
    unused_kind,
)
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_endpoint_create

pytestmark = pytest.mark.django_db


def offered(client, changelist: str) -> set[str]:
    response = client.get(changelist)
    if response.status_code != 200:
        return set()
    form = response.context["action_form"]
    return set() if form is None else {name for name, _label in form.fields["action"].choices}


@dataclass
class Action:
    allowed: object  # (role, state) → whether the role may run it (it is offered)
    select: object  # (world, state) → (objects to select, extra POST data)
    happened: object  # (world, state, selected, response) → whether it took effect
    by_state: bool = False
    runs: object = None  # (state) → whether it changes anything in this state (default: yes)


def _gone(world, state, selected, response):
    model = type(selected[0])
    return not model.objects.filter(pk__in=[obj.pk for obj in selected]).exists()


def _delete(model: str, make, *, by_state=False):
    return Action(
        allowed=lambda role, state: can(role, model, "d"),
        select=lambda w, s: ([make(w, s)], {"post": "yes"}),
        happened=_gone,
        by_state=by_state,
    )


def _story_status(w, s, selected):
    # From the database: the world's stories stay as built for the cases that follow.
    return Article.objects.get(pk=selected[0].pk).status


def _proposal(w, s):
    return CorrectionFactory(
        article=w.stories[s], text="Une correction proposée.", status=Correction.Status.PROPOSED
    )


def _correction_status(selected) -> str:
    return Correction.objects.get(pk=selected[0].pk).status


def _proposal_only_gone(w, s, selected, response):
    """The proposal went; the published correction beside it is public record and stays."""
    proposal, published = selected
    return (
        not Correction.objects.filter(pk=proposal.pk).exists()
        and Correction.objects.filter(pk=published.pk).exists()
    )


def _exported(w, s, selected, response):
    return (
        response is not None
        and getattr(response, "streaming", False)
        and str(selected[0].uuid) in body(response)
    )


def _flagged(w, s):
    Relationship.objects.filter(pk=w.relationship.pk).update(needs_review=True)
    return [w.relationship], {}


def _reviewed(w, s, selected, response):
    return response is not None and not Relationship.objects.get(pk=w.relationship.pk).needs_review


def _story(w, s):
    return [w.stories[s]], {}


def story_perm(letters):
    return lambda role, state: can(role, "articles.article", letters)


def publishers(role, state):
    return role in PUBLISHERS


def exporters(role, state):
    return role in EXPORTERS


def _fresh_keys(w, s):
    owners = ("editor", "export_staff", "superuser")
    return [apikey_create(by=None, name="À révoquer", owner=w.users[o])[0] for o in owners], {}


def _any_revoked(w, s, selected, response):
    keys = ApiKey.objects.filter(pk__in=[key.pk for key in selected])
    return keys.filter(revoked_at__isnull=False).exists()


def _failed_delivery(w, s):
    endpoint = w.objects["webhooks.webhookendpoint"]
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="published",
        story_uuid=w.stories["published"].uuid,
        body="{}",
        status=WebhookDelivery.Status.FAILED,
    )
    return [delivery], {}


def _queued_again(w, s, selected, response):
    return WebhookDelivery.objects.get(pk=selected[0].pk).status == WebhookDelivery.Status.PENDING


ACTIONS = {
    "api.apikey:revoke_selected": Action(
        allowed=lambda role, state: can(role, "api.apikey", "c"),
        select=_fresh_keys,
        happened=_any_revoked,
    ),
    # Keys are revoked, never deleted: offered to nobody.
    "api.apikey:delete_selected": Action(
        allowed=lambda role, state: False,
        select=lambda w, s: (_fresh_keys(w, s)[0][:1], {"post": "yes"}),
        happened=_gone,
    ),
    "webhooks.webhookendpoint:delete_selected": _delete(
        "webhooks.webhookendpoint",
        lambda w, s: webhook_endpoint_create(
            name="Éphémère", url="https://e.example/", events=["updated"]
        ),
    ),
    # The delivery log is the worker's: deleting from it is offered to nobody.
    "webhooks.webhookdelivery:delete_selected": Action(
        allowed=lambda role, state: False,
        select=lambda w, s: ([w.objects["webhooks.webhookdelivery"]], {"post": "yes"}),
        happened=_gone,
    ),
    "webhooks.webhookdelivery:retry_now": Action(
        allowed=lambda role, state: can(role, "webhooks.webhookendpoint", "c"),
        select=_failed_delivery,
        happened=_queued_again,
    ),
    "auth.group:delete_selected": _delete(
        "auth.group", lambda w, s: Group.objects.create(name="Éphémère")
    ),
    "auth.user:delete_selected": _delete(
        "auth.user", lambda w, s: UserFactory(username="ephemere")
    ),
    "taggit.tag:delete_selected": _delete(
        "taggit.tag", lambda w, s: Tag.objects.get(name="espace")
    ),
    "actors.actor:delete_selected": _delete("actors.actor", lambda w, s: w.duplicate),
    "actors.actor:merge_actors": Action(
        allowed=lambda role, state: role in ("editor", "superuser"),
        select=lambda w, s: ([w.musk, w.duplicate], {"keep": w.musk.pk}),
        happened=lambda w, s, sel, r: not Actor.objects.filter(pk=w.duplicate.pk).exists(),
    ),
    "actors.alias:delete_selected": _delete("actors.alias", lambda w, s: w.objects["actors.alias"]),
    "actors.actorredirect:delete_selected": _delete(
        "actors.actorredirect", lambda w, s: w.objects["actors.actorredirect"]
    ),
    "actors.relationshipkind:delete_selected": _delete("actors.relationshipkind", unused_kind),
    "actors.relationship:delete_selected": _delete(
        "actors.relationship", lambda w, s: w.relationship
    ),
    "actors.relationship:mark_reviewed": Action(
        allowed=lambda role, state: can(role, "actors.relationship", "c"),
        select=lambda w, s: _flagged(w, s),
        happened=_reviewed,
    ),
    "contributors.contributor:delete_selected": _delete(
        "contributors.contributor",
        lambda w, s: ContributorFactory(name="Éphémère", slug="ephemere"),
    ),
    "articles.section:delete_selected": _delete(
        "articles.section", lambda w, s: SectionFactory(name="Vide", slug="vide")
    ),
    "articles.correction:delete_selected": Action(
        allowed=lambda role, state: can(role, "articles.correction", "d"),
        select=lambda w, s: ([_proposal(w, s), w.corrections[s]], {"post": "yes"}),
        happened=_proposal_only_gone,
        by_state=True,
    ),
    # Reporters propose corrections; editors publish and withdraw them.
    "articles.correction:publish": Action(
        allowed=publishers,
        select=lambda w, s: ([_proposal(w, s)], {}),
        happened=lambda w, s, sel, r: _correction_status(sel) == Correction.Status.PUBLISHED,
        by_state=True,
    ),
    "articles.correction:withdraw": Action(
        allowed=publishers,
        select=lambda w, s: ([w.corrections[s]], {}),
        happened=lambda w, s, sel, r: _correction_status(sel) == Correction.Status.WITHDRAWN,
        by_state=True,
    ),
    "articles.changeproposal:delete_selected": _delete(
        "articles.changeproposal", lambda w, s: w.objects["articles.changeproposal"]
    ),
    "articles.article:delete_selected": _delete(
        "articles.article", lambda w, s: w.stories[s], by_state=True
    ),
    "pictures.picture:delete_selected": _delete(
        "pictures.picture",
        lambda w, s: Picture.objects.create(
            file="pictures/unused.jpg",
            alt_text="Une image inutilisée",
            width=800,
            height=600,
            format="JPEG",
            content_hash=uuid.uuid4().hex * 2,
        ),
    ),
    "articles.article:publish": Action(
        allowed=publishers,
        select=_story,
        happened=lambda w, s, sel, r: Article.objects.published().filter(pk=sel[0].pk).exists(),
        by_state=True,
        runs=lambda state: state in ("draft", "review"),
    ),
    "articles.article:unpublish": Action(
        allowed=publishers,
        select=_story,
        happened=lambda w, s, sel, r: _story_status(w, s, sel) == Article.Status.DRAFT,
        by_state=True,
        runs=lambda state: state in ("scheduled", "published"),
    ),
    "articles.article:submit_for_review": Action(
        allowed=story_perm("c"),
        select=_story,
        happened=lambda w, s, sel, r: _story_status(w, s, sel) == Article.Status.REVIEW,
        by_state=True,
        runs=lambda state: state == "draft",
    ),
    **{
        f"articles.article:export_{fmt}": Action(
            allowed=exporters, select=_story, happened=_exported, by_state=True
        )
        for fmt in ("csv", "jsonl", "ninjs")
    },
}


def action_keys() -> list[str]:
    return sorted(
        f"{model._meta.label_lower}:{name}"
        for model, model_admin in admin.site._registry.items()
        for _func, name, _description in model_admin._get_base_actions()
    )


def action_cases():
    for key in action_keys():
        action = ACTIONS.get(key)
        states = STATES if action is None or action.by_state else [ANY]
        for role in ROLES:
            for state in states:
                yield pytest.param(key, role, state, id=f"{key}|{role}|{state}")


def test_every_admin_action_is_classified():
    unclassified = sorted(set(action_keys()) - set(ACTIONS))
    assert not unclassified, f"admin actions with no row in the access matrix: {unclassified}"
    assert "articles.article:publish" in action_keys()


@pytest.mark.parametrize(("key", "role", "state"), list(action_cases()))
def test_admin_action_matrix(world, clients, key, role, state):
    action = ACTIONS.get(key)
    assert action is not None, f"admin action {key} is not classified: add it to ACTIONS"
    state = None if state == ANY else state
    label, name = key.split(":")
    app, model = label.split(".")
    changelist = reverse(f"admin:{app}_{model}_changelist")
    client = clients[role]
    allowed = action.allowed(role, state)
    if role != "anonymous":
        assert (name in offered(client, changelist)) == allowed, f"{key} offered to {role}"
    selected, extra = action.select(world, state)
    before = action.happened(world, state, selected, None)
    response = client.post(
        changelist,
        {"action": name, ACTION_CHECKBOX_NAME: [obj.pk for obj in selected], **extra},
    )
    runs = action.runs is None or action.runs(state)
    effect = action.happened(world, state, selected, response) and not before
    assert effect == (allowed and runs), f"{key} by {role} on a {state or ''} story"
    if role == "anonymous":
        assert_answer(response, LOGIN, changelist)
        leaked = [s for s in secrets(world, state) if s in body(response)] if state else []
        assert not leaked, f"{key} answered {role} with the {state} story: {leaked}"

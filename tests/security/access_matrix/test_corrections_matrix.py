"""Corrections on every story state, by every role: adding one (the story form's inline and
the correction's own add page), publishing and withdrawing, changing, deleting; and what
readers then see on the story's page.

Reporters propose corrections and editors publish them; a correction readers saw is public
record: only editors change or withdraw it, and nobody deletes it. A published correction
shows only on a public story; a proposed or withdrawn one never shows.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from articles.models import Correction
from tests.admin_forms import form_values
from tests.factories import CorrectionFactory
from tests.security.access_matrix.world import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    PUBLISHERS,
    ROLES,
    STATES,
    assert_answer,
    body,
)

pytestmark = pytest.mark.django_db

TEXT = "Le lancement a eu lieu mardi, pas lundi."
WRITERS = {"reporter", "editor", "superuser"}  # those who may add a correction
DELETE_REFUSED = "Readers have seen this correction: it cannot be deleted. Withdraw it instead."
STATUSES = [Correction.Status.PROPOSED, Correction.Status.PUBLISHED, Correction.Status.WITHDRAWN]


def readers_see(world, clients, state: str, text: str) -> bool:
    """Whether an anonymous reader finds ``text`` on the story's page (none but a public one)."""
    page = clients["anonymous"].get(world.stories[state].get_absolute_url())
    if state != "published":
        assert page.status_code == NOT_FOUND, f"the {state} story answered readers"
        return False
    assert page.status_code == 200
    return text in body(page)


def refused(response, role: str, url: str) -> None:
    """The answer of those who may not: the login page, or 403."""
    if role == "anonymous":
        assert_answer(response, LOGIN, url)
    else:
        assert response.status_code == FORBIDDEN, f"{role} on {url}"


def _post(clients, role: str, url: str, data: dict, **headers):
    """In the language the form was read in (dates are written the locale's way)."""
    clients[role].cookies.pop("messages", None)  # those of earlier cases, never shown
    return clients[role].post(url, data, **headers)


def _added(world, state: str):
    return Correction.objects.filter(article=world.stories[state], text=TEXT).first()


def assert_added(world, clients, role: str, state: str, response, url: str) -> None:
    """A writer's new correction: an editor's is published, a reporter's proposed."""
    added = _added(world, state)
    if role not in WRITERS:
        refused(response, role, url)
        assert added is None, f"{role} added a correction to the {state} story"
        return
    assert response.status_code == 302, response.context and response.context["errors"]
    assert added is not None, f"{role}'s correction to the {state} story was not kept"
    expected = Correction.Status.PUBLISHED if role in PUBLISHERS else Correction.Status.PROPOSED
    assert added.status == expected, f"{role} on the {state} story"
    public = state == "published" and role in PUBLISHERS
    assert readers_see(world, clients, state, TEXT) == public


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_adding_a_correction_on_the_story_form(world, fetched, clients, role, state):
    url = reverse("admin:articles_article_change", args=[world.stories[state].pk])
    page = fetched(role if role in WRITERS else "superuser", url)
    assert page.status_code == 200
    data = form_values(page)
    row = int(data["corrections-TOTAL_FORMS"][0])
    data |= {
        "corrections-TOTAL_FORMS": [str(row + 1)],
        f"corrections-{row}-text": [TEXT],
        f"corrections-{row}-published_at_0": ["2026-01-05"],
        f"corrections-{row}-published_at_1": ["10:00:00"],
    }

    response = _post(clients, role, url, data)

    assert_added(world, clients, role, state, response, url)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_adding_a_correction_on_its_own_add_page(world, fetched, clients, role, state):
    url = reverse("admin:articles_correction_add")
    data = form_values(fetched("superuser", url), "correction_form")
    data |= {
        "article": [str(world.stories[state].pk)],
        "text": [TEXT],
        "published_at_0": ["2026-01-05"],
        "published_at_1": ["10:00:00"],
    }

    response = _post(clients, role, url, data)

    assert_added(world, clients, role, state, response, url)


def _run_action(clients, role: str, name: str, correction):
    url = reverse("admin:articles_correction_changelist")
    response = _post(clients, role, url, {"action": name, ACTION_CHECKBOX_NAME: [correction.pk]})
    if role == "anonymous":
        assert_answer(response, LOGIN, url)
    return Correction.objects.get(pk=correction.pk).status


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_publishing_a_proposal_then_withdrawing_it(world, clients, role, state):
    proposal = CorrectionFactory(
        article=world.stories[state], text=TEXT, status=Correction.Status.PROPOSED
    )
    may = role in PUBLISHERS

    status = _run_action(clients, role, "publish", proposal)

    assert status == (Correction.Status.PUBLISHED if may else Correction.Status.PROPOSED)
    assert readers_see(world, clients, state, TEXT) == (may and state == "published")

    published = world.corrections[state]
    status = _run_action(clients, role, "withdraw", published)

    assert status == (Correction.Status.WITHDRAWN if may else Correction.Status.PUBLISHED)
    shown = readers_see(world, clients, state, published.text)
    assert shown == (not may and state == "published"), f"{role} withdrew on {state}"


@pytest.mark.parametrize("status", STATUSES[:2])
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_changing_a_correction_text(world, fetched, clients, role, state, status):
    """Reporters change a proposal (theirs to amend); only editors change what readers saw."""
    correction = CorrectionFactory(article=world.stories[state], text="Texte d’origine.")
    Correction.objects.filter(pk=correction.pk).update(status=status)
    url = reverse("admin:articles_correction_change", args=[correction.pk])
    data = form_values(clients["superuser"].get(url), "correction_form")
    data["text"] = [TEXT]

    response = _post(clients, role, url, data)

    correction.refresh_from_db()
    may = role in PUBLISHERS or (role == "reporter" and status == Correction.Status.PROPOSED)
    assert correction.text == (TEXT if may else "Texte d’origine."), f"{role}, {status}"
    assert correction.status == status  # the form never moves it
    if may:
        assert response.status_code == 302, response.context and response.context["errors"]
    else:
        refused(response, role, url)
    public = state == "published" and status == Correction.Status.PUBLISHED
    assert readers_see(world, clients, state, TEXT) == (public and may)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_deleting_a_correction(world, clients, role, state, status):
    """Only a proposal readers never saw goes; not even the superuser deletes public record."""
    correction = CorrectionFactory(article=world.stories[state], text=TEXT, status=status)
    url = reverse("admin:articles_correction_delete", args=[correction.pk])

    response = _post(clients, role, url, {"post": "yes"}, HTTP_ACCEPT_LANGUAGE="en")

    kept = Correction.objects.filter(pk=correction.pk).exists()
    deletes = role in PUBLISHERS  # the permission to delete corrections
    assert kept == (not deletes or status != Correction.Status.PROPOSED), f"{role}, {status}"
    if not deletes:
        refused(response, role, url)
    elif status != Correction.Status.PROPOSED:
        change = reverse("admin:articles_correction_change", args=[correction.pk])
        assert response["Location"] == change
        shown = clients[role].get(change, HTTP_ACCEPT_LANGUAGE="en")
        assert [str(message) for message in shown.context["messages"]] == [DELETE_REFUSED]
    public = state == "published" and status == Correction.Status.PUBLISHED
    assert readers_see(world, clients, state, TEXT) == public

"""In Chromium, under the site's Content-Security-Policy (no bypass): an editor records a
relationship with its dates, amount, currency, status and note from the story's side panel,
is told which field is wrong when it is, and dismisses a suggested name that stays gone
after a reload until it is restored (issue 19, item 4)."""

import datetime
import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from actors.models import Relationship
from desk.models import DismissedName
from tests.browser.test_csp_browser import RECORD_VIOLATIONS
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def desk_page(browser, live_server):
    """An editor's page in English, recording every policy violation, failing on errors."""
    # The desk's own permissions (dismiss, restore), as its data migration grants them.
    roles = importlib.import_module("desk.migrations.0002_roles")
    roles.grant(apps, SimpleNamespace(connection=connection))
    UserFactory(username="chief", groups=["Editor"])
    context = browser.new_context(locale="en-GB")  # the site's policy applies
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    yield page
    violations = page.evaluate("window.__cspViolations")
    context.close()
    assert not errors, errors
    assert violations == [], violations


def test_an_editor_records_a_whole_relationship_from_the_panel(live_server, desk_page):
    page = desk_page
    story = ArticleFactory(title="Contrat lunaire")
    nasa, origin = ActorFactory(name="NASA"), ActorFactory(name="Blue Origin")
    for actor in (nasa, origin):
        ArticleActorFactory(article=story, actor=actor)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    panel = page.locator("#desk-relationship")
    panel.get_by_label("Source").select_option(label="NASA")
    panel.get_by_label("Kind").select_option(label="allied with")
    panel.get_by_label("Target").select_option(label="Blue Origin")
    panel.get_by_label("Started on").fill("2023-05-19")
    panel.get_by_label("Ended on").fill("2022-01-01")  # before the start: refused
    panel.get_by_label("Amount").fill("3400000000")
    panel.get_by_label("Currency").fill("usd")
    panel.get_by_label("Status").select_option("confirmed")
    panel.get_by_label("Note").fill("Atterrisseur lunaire Artemis.")
    record = panel.get_by_role("button", name="record, with this story as evidence")
    record.click()

    ended = panel.get_by_label("Ended on")
    page.wait_for_selector("#desk-rel-ended_on[aria-invalid=true]")
    assert "end date cannot be before the start date" in page.locator("#desk-panels").inner_text()
    assert ended.evaluate("el => el.matches(':focus')")
    assert "cannot be before" in panel.locator("#desk-rel-ended_on-error").inner_text()
    assert not Relationship.objects.exists()

    ended.fill("2026-12-31")
    record.click()
    page.wait_for_selector("#desk-panels.desk-ok")
    assert "Recorded: NASA" in page.locator("#desk-panels").inner_text()
    assert panel.locator("[aria-invalid]").count() == 0
    relationship = Relationship.objects.get()
    assert (relationship.source, relationship.target) == (nasa, origin)
    assert (relationship.started_on, relationship.ended_on) == (
        datetime.date(2023, 5, 19),
        datetime.date(2026, 12, 31),
    )
    assert (relationship.amount, relationship.currency) == (Decimal("3400000000"), "USD")
    assert (relationship.status, relationship.note) == (
        "confirmed",
        "Atterrisseur lunaire Artemis.",
    )
    assert list(relationship.evidence.all()) == [story]
    # The panel fits the sidebar: no field runs out of it.
    box = panel.bounding_box()
    for field in panel.locator("input:visible, select, textarea").all():
        inside = field.bounding_box()
        assert inside["x"] + inside["width"] <= box["x"] + box["width"] + 1


def test_a_dismissed_name_stays_gone_after_a_reload_until_restored(live_server, desk_page):
    page = desk_page
    ActorFactory(name="Jeff Bezos")
    story = ArticleFactory(
        title="Dîner",
        standfirst="",
        body="Jeff Bezos a choisi Blue Origin. Blue Origin vise la Lune.",
    )
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    panel = page.locator("#desk-actor-suggestions")
    names = panel.locator("h3 + ul .desk-name")
    assert "Blue Origin" in names.all_inner_texts()

    panel.get_by_role("button", name="Dismiss Blue Origin for this story").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#desk-panels.desk-ok")
    assert "Blue Origin" not in names.all_inner_texts()
    # The button is gone with its name: focus goes on from the panel's heading.
    page.wait_for_function("() => document.activeElement.id === 'desk-actors-title'")

    page.reload()
    panel = page.locator("#desk-actor-suggestions")
    assert "Blue Origin" not in panel.locator("h3 + ul .desk-name").all_inner_texts()
    assert "Lune" in panel.locator("h3 + ul .desk-name").all_inner_texts()
    assert DismissedName.objects.get().name == "Blue Origin"
    page.get_by_text("Dismissed for this story (1)").click()
    panel.get_by_role("button", name="Restore Blue Origin to the suggestions").click()
    page.wait_for_selector("#desk-panels.desk-ok")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#desk-actor-suggestions h3 + ul .desk-name')]"
        ".some((node) => node.textContent === 'Blue Origin')"
    )
    assert not DismissedName.objects.exists()

"""The editor's main path in Chromium: a suggested actor and a suggested related story are
accepted from the story's side panels, the story is saved and published, readers see it."""

import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from actors.models import RelationshipKind
from articles.models import Article
from demo.content import DEMO_PASSWORD, MAIN_STORY

pytestmark = [
    pytest.mark.browser,
    # Serialized rollback: the next test still finds the roles the migrations created.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CAMPAIGN = "elon-musk-200-millions-campagne-republicaine"


def restore_migrated_rows():
    """Put back the rows the data migrations write (roles, relationship kinds), if a flush
    removed them.

    serialized_rollback should, but Playwright's sync API resumes the test in another
    contextvars context, where Django's connection object is a fresh one without the
    serialized contents, so the restore silently does nothing once another test has
    flushed the database.
    """
    if Group.objects.filter(name="Editor").exists() and RelationshipKind.objects.exists():
        return
    schema_editor = SimpleNamespace(connection=connection)
    for module in (
        "actors.migrations.0003_default_relationship_kinds",
        "articles.migrations.0002_roles",
    ):
        import_module(module).install(apps, schema_editor)
    import_module("articles.migrations.0005_editor_actor_redirects").grant(apps, schema_editor)


def load_demo_newsroom() -> Article:
    restore_migrated_rows()
    with override_settings(DEBUG=True):
        call_command("load_demo", verbosity=0)
    return Article.objects.get(slug=MAIN_STORY)


@pytest.fixture
def demo(live_server):
    return load_demo_newsroom()


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


def inline_row(page, group, text):
    """The inline row (tabular) whose selected option reads ``text``."""
    return page.locator(f"#{group} tr.form-row").filter(
        has=page.locator("option[selected]", has_text=text)
    )


def test_editor_accepts_suggestions_saves_publishes_and_readers_see_it(live_server, page, demo):
    base = live_server.url
    change_url = f"{base}/admin/articles/article/{demo.pk}/change/"
    campaign = Article.objects.get(slug=CAMPAIGN)
    log_in(page, base, "editor")

    # Take the story off the site, untag an actor its text names and drop a related link,
    # so that both come back as suggestions.
    page.goto(change_url)
    inline_row(page, "actor_tags-group", "Sundar Pichai").locator("input[name$=-DELETE]").check()
    inline_row(page, "related_links-group", campaign.title).locator("input[name$=-DELETE]").check()
    page.select_option("#id_status", "draft")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0
    assert not demo.actor_tags.filter(actor__slug="sundar-pichai").exists()

    # The actor panel names him; one click tags him.
    suggestion = page.locator("#desk-actor-suggestions .desk-item").filter(has_text="Sundar Pichai")
    assert "×1" in suggestion.inner_text()
    suggestion.locator("button[name=role][value=mentions]").click()
    suggestion.locator(".desk-confirm").wait_for()
    assert demo.actor_tags.get(actor__slug="sundar-pichai").role == "mentions"

    # The related panel suggests the campaign story, with its reasons; one click links it.
    related = page.locator("#desk-related-suggestions .desk-item").filter(has_text=campaign.title)
    assert "Elon Musk" in related.inner_text()
    related.locator("button[type=submit]").click()
    related.locator(".desk-confirm").wait_for()

    # Saving the story keeps what the panels added.
    page.fill("#id_kicker", "Silicon Valley et Maison Blanche")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0

    # Publish from the story list.
    page.goto(f"{base}/admin/articles/article/")
    page.locator(f"input.action-select[value='{demo.pk}']").check()
    page.select_option("select[name=action]", "publish")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1

    # A reader sees the newly tagged actor and the related story.
    reader = page.context.browser.new_context(locale="fr-FR")
    public = reader.new_page()
    public.goto(f"{base}/articles/{MAIN_STORY}/")
    assert public.locator("h1").inner_text() == demo.title
    assert public.locator(".story-footer a", has_text="Sundar Pichai").count() == 1
    assert public.get_by_role("link", name=re.compile("200 millions")).count() >= 1
    assert public.locator(".kicker").text_content().strip() == "Silicon Valley et Maison Blanche"
    reader.close()

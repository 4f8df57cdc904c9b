import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # bypass_csp: the accessibility tests inject axe-core as an inline script, which the site's
    # Content-Security-Policy rightly blocks. test_csp_browser.py checks the policy without it.
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield page
    context.close()
    assert not errors, errors


# Every data migration that writes rows, in migration order; a new one belongs here too.
MIGRATION_DATA = [
    ("actors.migrations.0003_default_relationship_kinds", "install"),
    ("articles.migrations.0002_roles", "install"),
    ("articles.migrations.0005_editor_actor_redirects", "grant"),
    ("articles.migrations.0011_correction_roles", "grant"),
    ("articles.migrations.0013_topic_roles", "revoke"),
    ("articles.migrations.0014_changeproposal", "grant"),
    ("pictures.migrations.0002_roles", "grant"),
    ("desk.migrations.0002_roles", "grant"),
]


@pytest.fixture(autouse=True)
def migration_data(transactional_db):
    """Put back the rows the data migrations install (roles, relationship kinds).

    Browser tests are transactional: the database is flushed after each one, and the
    serialized-rollback restore does not survive a streamed download in the live server.
    """
    schema_editor = SimpleNamespace(connection=connection)
    for module, function in MIGRATION_DATA:
        getattr(importlib.import_module(module), function)(apps, schema_editor)


@pytest.fixture
def open_as(browser, live_server):
    """A fresh browser (own cookies) logged in as a user, failing on any page error: two
    of them are two editors at once."""
    contexts, errors = [], []

    def open_as(username, password):
        context = browser.new_context(locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{live_server.url}/admin/login/?next=/admin/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.locator("#login-form [type=submit]").click()
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert not errors, errors

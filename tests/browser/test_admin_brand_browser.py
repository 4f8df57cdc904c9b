"""The story form as an editor sees it at 1280×800: the newsroom's own name in the header and
the browser title, and the language switch worked from the keyboard, back to the same form.

Set NEWSROOM_SCREENSHOTS to a folder to keep the screenshot (the issue's "done when")."""

import os
from pathlib import Path

import pytest

from tests.browser.test_admin_accessibility import log_in
from tests.browser.test_csp_browser import RECORD_VIOLATIONS
from tests.factories import ArticleFactory, ContributorFactory, UserFactory, sign
from tests.newsroom.test_admin_french import english_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAME = "La Gazette de Montbrison"


def test_story_form_shows_the_newsrooms_name_and_switches_language_by_keyboard(
    live_server, browser, settings, tmp_path
):
    settings.NEWSROOM_SITE_NAME = NAME
    story = ArticleFactory(
        kicker="Silicon Valley",
        title="Musk et Bezos, à la même table",
        standfirst="Longtemps adversaires, les deux milliardaires ont dîné chez Donald Trump.",
        body="## Le dîner\n\nUn mercredi soir, à **Mar-a-Lago**.\n\n> Une conversation.",
        tags=["milliardaires"],
    )
    sign(story, ContributorFactory(name="Hélène Garnier"))
    UserFactory(username="redaction", groups=["Editor"])
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    context.add_init_script(RECORD_VIOLATIONS)  # the policy, not bypassed
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, live_server.url, "redaction")
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    page.goto(url)
    page.wait_for_load_state("networkidle")

    assert page.locator("#site-name").inner_text().strip() == NAME
    assert page.title().endswith(f"| {NAME}") and "Django" not in page.title()
    assert page.locator("#site-name img").get_attribute("alt") == ""  # the name says it
    assert page.evaluate("window.__cspViolations") == []
    # What the scripts wrote too (toolbar, preview, topics, panels): no English in French.
    assert english_in(page.content()) == []
    folder = Path(os.environ.get("NEWSROOM_SCREENSHOTS") or tmp_path)
    page.screenshot(path=str(folder / "story-form-h6.png"))

    # The switch, by keyboard only: focus the list, choose English, press its button.
    page.focus("#brand-language-select")
    page.keyboard.press("ArrowDown")  # Français -> English
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("input[name=_continue]").get_attribute("value") == (
        "Save and continue editing"
    )
    assert page.locator("#site-name").inner_text().strip() == NAME
    assert page.evaluate("window.__cspViolations") == []
    context.close()
    assert not errors, errors

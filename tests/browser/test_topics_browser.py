"""In Chromium, under the site's Content-Security-Policy: an editor picks an existing topic from
the autocomplete by keyboard, creates a new one by its explicit option, and saves; the story
has both. The open list passes axe-core."""

import pytest
from taggit.models import Tag

from articles.models import Article
from tests.browser.test_csp_browser import RECORD_VIOLATIONS
from tests.browser.test_reader_accessibility import assert_accessible
from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def story(live_server):
    UserFactory(username="editor", groups=["Editor"])
    ArticleFactory(tags=["Élection", "Électeurs"])
    ArticleFactory(tags=["Élection"])
    return ArticleFactory(title="Le scrutin", status=Article.Status.DRAFT)


def log_in(page, base):
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base}/admin/")


def active_option(page):
    combo = page.locator("#id_tags")
    return page.locator(f"#{combo.get_attribute('aria-activedescendant')}")


def test_editor_picks_a_topic_by_keyboard_creates_one_and_saves(live_server, browser, story):
    base = live_server.url
    context = browser.new_context(locale="en-GB")  # no bypass_csp: the policy applies
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, base)
    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")

    combo = page.get_by_role("combobox", name="Tags")
    listbox = page.get_by_role("listbox")
    combo.press_sequentially("elec")
    options = listbox.get_by_role("option")
    options.first.wait_for()
    assert options.all_inner_texts()[:2] == ["Élection 2 stories", "Électeurs 1 story"]
    assert combo.get_attribute("aria-expanded") == "true"
    combo.press("ArrowDown")
    combo.press("ArrowDown")
    combo.press("ArrowUp")
    assert active_option(page).get_attribute("data-name") == "Élection"
    assert active_option(page).get_attribute("aria-selected") == "true"
    combo.press("Enter")
    chips = page.locator(".desk-topics-chip")
    assert chips.all_inner_texts() == ["Élection\n×"]
    assert listbox.is_hidden() and combo.input_value() == ""
    assert page.get_by_role("button", name="Remove the topic “Élection”").count() == 1

    # Escape closes the list; Backspace in the empty box removes the last topic.
    combo.press_sequentially("élect")
    options.first.wait_for()
    combo.press("Escape")
    assert listbox.is_hidden()
    combo.fill("")
    combo.press("Backspace")
    assert chips.count() == 0
    combo.press_sequentially("elec")
    options.first.wait_for()
    combo.press("ArrowDown")
    combo.press("Enter")

    # A new topic: only by its own option.
    combo.press_sequentially("Vote blanc")
    create = listbox.get_by_role("option", name="Create topic “Vote blanc”")
    create.wait_for()
    combo.press("Enter")  # no option chosen yet: neither added nor sent
    assert chips.count() == 1 and page.url.endswith("/change/")
    while active_option_name(page) != "Vote blanc":
        combo.press("ArrowDown")
    combo.press("Enter")
    assert chips.all_inner_texts() == ["Élection\n×", "Vote blanc\n×"]

    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0
    assert sorted(story.tags.names()) == ["Vote blanc", "Élection"]
    assert Tag.objects.filter(name="Vote blanc").count() == 1
    # The saved topics come back as chips.
    assert page.locator(".desk-topics-chip").count() == 2
    violations = page.evaluate("window.__cspViolations")
    context.close()
    assert violations == [] and errors == []


def active_option_name(page):
    if not page.locator("#id_tags").get_attribute("aria-activedescendant"):
        return None
    return active_option(page).get_attribute("data-name")


def test_the_open_topic_list_has_no_serious_axe_violation(live_server, page, story):
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    combo = page.locator("#id_tags[role=combobox]")  # in French
    options = page.locator("#id_tags_listbox [role=option]")
    combo.press_sequentially("elec")
    options.first.wait_for()
    combo.press("ArrowDown")
    combo.press("Enter")
    combo.press_sequentially("elex")
    options.first.wait_for()
    assert_accessible(page)

"""In Chromium: a reporter changes a live story's headline, readers keep the reviewed one
until an editor approves the change, then see the new one (issue 13, item 5)."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _headline_readers_see(page, url) -> str:
    """In a fresh context: the public page may be kept by the browser's HTTP cache."""
    reader = page.context.browser.new_context().new_page()
    reader.goto(url)
    headline = reader.locator("h1").inner_text()
    reader.context.close()
    return headline


def _log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base}/admin/")


def test_reporters_headline_reaches_readers_only_after_approval(live_server, page):
    base = live_server.url
    UserFactory(username="reporter", groups=["Reporter"])
    UserFactory(username="editor", groups=["Editor"])
    story = ArticleFactory(status=Article.Status.PUBLISHED, title="Titre relu")
    public = f"{base}{story.get_absolute_url()}"

    _log_in(page, base, "reporter")
    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    page.fill("#id_title", "Titre du reporter")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert "votre modification attend la relecture" in page.content()  # the desk is in French

    assert _headline_readers_see(page, public) == "Titre relu"

    _log_in(page, base, "editor")
    page.goto(f"{base}/admin/articles/changeproposal/")
    page.locator("#result_list tbody tr th a").first.click()
    page.wait_for_load_state()
    assert "Titre du reporter" in page.locator("#proposal-review").inner_text()
    page.locator("input[name=approve]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0

    assert _headline_readers_see(page, public) == "Titre du reporter"

"""In Chromium: an editor adds a correction to a live story, restores an entry from before
it, and readers still find the correction on the story page (issue 13, item 1)."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = "Le dîner a eu lieu mercredi, pas jeudi."


def test_restoring_an_older_version_keeps_the_correction_on_the_public_page(live_server, page):
    base = live_server.url
    UserFactory(username="editor", groups=["Editor"])
    story = ArticleFactory(status=Article.Status.PUBLISHED, title="Premier titre")
    change_url = f"{base}/admin/articles/article/{story.pk}/change/"

    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base}/admin/")

    # A first entry in the history, without the correction.
    page.goto(change_url)
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()

    # The correction, added from the story form.
    page.locator("#corrections-group .add-row a").click()
    page.fill("textarea[name=corrections-0-text]", TEXT)
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0
    assert story.corrections.get().text == TEXT

    # Restore the oldest entry (the history lists the newest first).
    page.goto(f"{base}/admin/articles/article/{story.pk}/history/")
    page.locator("#change-history tbody tr th a").last.click()
    page.wait_for_load_state()
    assert page.locator(".desk-restore-changes").count() == 1  # what the restore changes
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0

    page.goto(f"{base}{story.get_absolute_url()}")
    corrections = page.locator("section.corrections")
    assert corrections.count() == 1
    assert TEXT in corrections.inner_text()

"""A reader follows a byline to the author's page, her feed and the contributors index in
Chromium, with axe-core checking each page."""

import pytest

from tests.browser.test_reader_accessibility import assert_accessible
from tests.factories import ArticleFactory, ContributorFactory, sign

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def reader(browser):
    # English: the names asserted do not wait for the French catalogue; bypass_csp for axe.
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_a_reader_follows_a_byline_to_the_author_and_her_colleagues(live_server, reader):
    story = ArticleFactory(title="Bezos et Trump, le rapprochement")
    lea = ContributorFactory(
        name="Léa Fontaine",
        slug="lea-fontaine",
        role="correspondent",
        bio="Correspondante indépendante à Washington.",
    )
    afp = ContributorFactory(name="AFP", slug="afp", role="agency")
    sign(story, lea, afp)

    reader.goto(live_server.url + story.get_absolute_url())
    reader.locator(".byline").get_by_role("link", name="Léa Fontaine").click()
    reader.wait_for_url("**/contributors/lea-fontaine/")
    assert reader.locator("h1").inner_text() == "Léa Fontaine"
    assert story.title in reader.locator("main").inner_text()
    assert_accessible(reader)

    feed = reader.locator('link[rel="alternate"][title="Léa Fontaine (Atom)"]')
    response = reader.request.get(live_server.url + feed.get_attribute("href"))
    assert response.ok and story.title in response.text()

    reader.get_by_role("link", name="Contributors").first.click()
    reader.wait_for_url("**/contributors/")
    assert reader.locator(".directory-name").all_inner_texts() == ["Léa Fontaine", "AFP"]
    assert_accessible(reader)

"""A reader browses the directories in Chromium, with axe-core checking each page."""

import pytest

from tests.browser.test_reader_accessibility import assert_accessible
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, SectionFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def newsroom():
    tech = SectionFactory(name="Tech", slug="tech", description="Les patrons de la tech.")
    story = ArticleFactory(title="Musk et Bezos dînent", section=tech, tags=["milliardaires"])
    for name, slug, kind in [
        ("Elon Musk", "elon-musk", "person"),
        ("Jeff Bezos", "jeff-bezos", "person"),
        ("Élysée", "elysee", "place"),
        ("3M", "3m", "organisation"),
    ]:
        ArticleActorFactory(article=story, actor=ActorFactory(name=name, slug=slug, kind=kind))
    return story


@pytest.fixture
def reader(browser):
    # English: the names asserted do not wait for the French catalogue; bypass_csp for axe.
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_a_reader_browses_actors_topics_and_sections(live_server, reader, newsroom):
    reader.goto(live_server.url + "/")
    browse = reader.get_by_role("navigation", name="Browse")
    browse.get_by_role("link", name="Actors").click()
    reader.wait_for_url("**/actors/")
    assert reader.locator("h1").inner_text() == "Actors"
    assert_accessible(reader)

    reader.get_by_role("navigation", name="Kinds of actor").get_by_role(
        "link", name="People"
    ).click()
    reader.wait_for_url("**/actors/?kind=person")
    assert reader.locator(".directory-name").all_inner_texts() == ["Elon Musk", "Jeff Bezos"]
    assert_accessible(reader)

    reader.get_by_role("link", name="All kinds").click()
    reader.get_by_role("searchbox", name="Name contains").fill("elysee")
    reader.get_by_role("button", name="Find").click()
    reader.wait_for_url("**/actors/?q=elysee")
    assert reader.locator(".directory-name").all_inner_texts() == ["Élysée"]
    assert_accessible(reader)

    reader.get_by_role("navigation", name="Initial letter").get_by_role("link", name="#").click()
    assert reader.locator(".directory-name").all_inner_texts() == ["3M"]

    browse.get_by_role("link", name="Topics").click()
    reader.wait_for_url("**/tags/")
    assert browse.get_by_role("link", name="Topics").get_attribute("aria-current") == "page"
    assert_accessible(reader)
    reader.get_by_role("link", name="milliardaires").click()
    reader.wait_for_url("**/tags/milliardaires/")

    browse.get_by_role("link", name="All sections").click()
    reader.wait_for_url("**/sections/")
    assert "Musk et Bezos dînent" in reader.locator("main").inner_text()
    assert_accessible(reader)


@pytest.mark.parametrize("path", ["/actors/", "/tags/", "/sections/"])
def test_the_directories_fit_a_360_pixel_phone(live_server, browser, newsroom, path):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="fr-FR")
    phone = context.new_page()
    phone.goto(live_server.url + path)
    overflow = phone.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert overflow <= 360, f"{path} is {overflow}px wide on a 360px screen"

import pytest

from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory

# serialized_rollback: the flush between tests would otherwise drop the data migrations' rows
# (relationship kinds, content types the history refers to), as the desk tests found.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_reader_goes_from_home_to_story_to_actor(live_server, page):
    article = ArticleFactory(
        title="Musk et Bezos, la fin d'une rivalité", body="## Le dîner\n\nUn mercredi soir."
    )
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos", description="Fondateur d'Amazon.")
    ArticleActorFactory(article=article, actor=bezos, role="about")

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Musk et Bezos, la fin d'une rivalité").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.locator("h1").inner_text() == "Musk et Bezos, la fin d'une rivalité"
    assert page.locator(".story-body h2").inner_text() == "Le dîner"

    page.get_by_role("link", name="Jeff Bezos").click()
    page.wait_for_url("**/actors/jeff-bezos/")
    assert page.locator("h1").inner_text() == "Jeff Bezos"
    assert "Musk et Bezos, la fin d'une rivalité" in page.content()


def test_skip_link_moves_focus_to_the_main_content(live_server, page):
    ArticleFactory()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

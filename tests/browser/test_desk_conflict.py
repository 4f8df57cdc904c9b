"""Two editors open the same story in two browsers and both save: the second is told who
changed it and when, keeps their input, and nothing is overwritten."""

import pytest

from demo.content import DEMO_PASSWORD
from tests.browser.test_desk_editor import load_demo_newsroom
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAUL_PASSWORD = "correct-horse-battery"  # UserFactory's


@pytest.fixture
def demo(live_server):
    story = load_demo_newsroom()
    UserFactory(username="paul", first_name="Paul", last_name="Roux", groups=["Editor"])
    return story


def test_second_editor_is_told_who_changed_the_story_and_keeps_their_input(
    live_server, demo, open_as
):
    url = f"{live_server.url}/admin/articles/article/{demo.pk}/change/"
    helene = open_as("editor", DEMO_PASSWORD)
    paul = open_as("paul", PAUL_PASSWORD)
    helene.goto(url)
    paul.goto(url)

    helene.fill("#id_title", "Musk et Bezos dînent chez Trump")
    helene.locator("input[name=_continue]").click()
    helene.wait_for_load_state()
    assert helene.locator(".errornote").count() == 0

    paul.fill("#id_standfirst", "Le chapeau réécrit par Paul.")
    paul.locator("input[name=_continue]").click()
    paul.wait_for_load_state()

    error = paul.locator(".errorlist.nonfield")
    assert "Hélène Garnier changed this" in error.inner_text()
    assert "Headline" in error.inner_text()
    assert paul.input_value("#id_standfirst") == "Le chapeau réécrit par Paul."
    demo.refresh_from_db()
    assert demo.title == "Musk et Bezos dînent chez Trump"
    assert demo.standfirst != "Le chapeau réécrit par Paul."

    # Having read the warning, Paul reloads and makes his change on top of Hélène's.
    paul.goto(url)
    assert paul.input_value("#id_title") == "Musk et Bezos dînent chez Trump"
    paul.fill("#id_standfirst", "Le chapeau réécrit par Paul.")
    paul.locator("input[name=_continue]").click()
    paul.wait_for_load_state()
    assert paul.locator(".errornote").count() == 0
    demo.refresh_from_db()
    assert (demo.title, demo.standfirst) == (
        "Musk et Bezos dînent chez Trump",
        "Le chapeau réécrit par Paul.",
    )

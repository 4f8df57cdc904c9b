"""The network picture in Chromium: reached with the keyboard, its labels whole and visible."""

from decimal import Decimal

import pytest

from actors.services import relationship_record
from tests.browser.test_reader_accessibility import assert_accessible
from tests.factories import ActorFactory, ArticleFactory, RelationshipKindFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG = "Groupes pro-républicains de la campagne présidentielle"


@pytest.fixture
def musk():
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    donated = RelationshipKindFactory(
        slug="donated-to", label="donated to", inverse_label="received donation from"
    )
    tension = RelationshipKindFactory(
        slug="in-tension-with", label="in tension with", symmetric=True
    )
    met = RelationshipKindFactory(slug="met", label="met", symmetric=True)
    groups = ActorFactory(name=LONG, slug="groupes", kind="organisation")
    relationship_record(
        source=musk,
        kind=donated,
        target=groups,
        amount=Decimal("200000000"),
        currency="USD",
        evidence=[ArticleFactory(title="Les dons de Musk")],
    )
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos")
    relationship_record(source=bezos, kind=tension, target=musk)
    relationship_record(source=bezos, kind=met, target=musk)
    return musk


def tab_into_the_picture(page, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('svg.network')"):
            return page.evaluate_handle("document.activeElement")
    pytest.fail("the keyboard never reached the network picture")


def visible_text(page, link) -> str:
    """The text the focused link shows: its lines, each drawn inside the picture."""
    return page.evaluate(
        """(link) => {
            const svg = link.closest('svg').getBoundingClientRect();
            const lines = [...link.querySelectorAll('text tspan')].filter((line) => {
                const box = line.getBoundingClientRect();
                const style = getComputedStyle(line.closest('text'));
                return style.display !== 'none' && box.width > 0 && box.left >= svg.left - 1
                    && box.right <= svg.right + 1 && box.top >= svg.top - 1
                    && box.bottom <= svg.bottom + 1;
            });
            return lines.map((line) => line.textContent).join(' ');
        }""",
        link,
    )


def test_tabbing_reaches_the_pairs_and_actors_with_their_whole_labels(live_server, browser, musk):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/actors/elon-musk/")
    link = tab_into_the_picture(page)
    assert link.get_attribute("href") == "/actors/elon-musk/and/groupes/"
    assert visible_text(page, link) == "donated to"
    page.keyboard.press("Tab")
    actor = page.evaluate_handle("document.activeElement")
    assert actor.get_attribute("href") == "/actors/groupes/"
    assert visible_text(page, actor) == LONG  # whole, not "Groupes pro-républica…"
    page.keyboard.press("Tab")
    pair = page.evaluate_handle("document.activeElement")
    assert visible_text(page, pair) == "in tension with, met"
    page.keyboard.press("Enter")
    page.wait_for_url("**/actors/elon-musk/and/jeff-bezos/")
    assert "in tension with" in page.locator(".timeline").inner_text()
    context.close()


def test_on_a_phone_a_focused_line_shows_its_label(live_server, browser, musk):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB")
    phone = context.new_page()
    phone.goto(f"{live_server.url}/actors/elon-musk/")
    caption = phone.locator("svg.network .network-caption").first
    assert caption.evaluate("(text) => getComputedStyle(text).display") == "none"
    link = tab_into_the_picture(phone)
    assert visible_text(phone, link) == "donated to"
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/actors/elon-musk/",
        "/actors/elon-musk/and/groupes/",
        "/actors/elon-musk/connections/?to=groupes",
        "/actors/groupes/connections/?to=jeff",
    ],
)
def test_pair_and_finder_pages_have_no_serious_axe_violation(live_server, page, musk, path):
    page.goto(live_server.url + path)
    assert_accessible(page)

"""A reader's walk through the site in Chromium, with axe-core checking each page."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from actors.services import relationship_record
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelatedArticleFactory,
    RelationshipKindFactory,
    SectionFactory,
    sign,
)

# serialized_rollback: the flush between tests would otherwise drop the data migrations' rows
# (relationship kinds, content types the history refers to), as the desk tests found.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
TITLE = "Musk et Bezos, à la même table"


@pytest.fixture
def newsroom():
    tech = SectionFactory(name="Tech", slug="tech", position=1)
    SectionFactory(name="Espace", slug="espace", position=2)
    story = ArticleFactory(
        kicker="Silicon Valley",
        title=TITLE,
        slug="musk-bezos",
        standfirst="Longtemps adversaires, les deux milliardaires ont dîné chez Donald Trump.",
        body="## Le dîner\n\nUn mercredi soir, à **Mar-a-Lago**.\n\n> Une conversation.",
        section=tech,
        tags=["milliardaires", "espace"],
    )
    sign(story, ContributorFactory(name="Hélène Garnier"))
    musk = ActorFactory(name="Elon Musk", slug="elon-musk", wikidata_id="Q317521")
    AliasFactory(actor=musk, name="Musk")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos")
    spacex = ActorFactory(name="SpaceX", slug="spacex", kind="organisation")
    ArticleActorFactory(article=story, actor=musk, role="about")
    ArticleActorFactory(article=story, actor=bezos, role="about")
    ArticleActorFactory(article=story, actor=spacex, role="mentions")
    CorrectionFactory(article=story, text="Le dîner a eu lieu un mercredi.")
    earlier = ArticleFactory(
        title="SpaceX contre Blue Origin",
        section=tech,
        tags=["espace"],
        publish_at=timezone.now() - timezone.timedelta(days=2),
    )
    ArticleActorFactory(article=earlier, actor=musk)
    RelatedArticleFactory(from_article=story, to_article=earlier)
    # get_or_create: in a long run the flush between transactional tests can leave the data
    # migration's vocabulary gone even with serialized_rollback.
    rival = RelationshipKindFactory(slug="rival-of", label="rival of", symmetric=True)
    leads = RelationshipKindFactory(slug="leads", label="leads", inverse_label="led by")
    donated = RelationshipKindFactory(
        slug="donated-to", label="donated to", inverse_label="received donation from"
    )
    relationship_record(source=musk, kind=rival, target=bezos, evidence=[story])
    relationship_record(
        source=musk,
        kind=leads,
        target=spacex,
        started_on=dt.date(2002, 3, 14),
        status="confirmed",
    )
    relationship_record(
        source=musk,
        kind=donated,
        target=ActorFactory(name="Groupes pro-républicains", kind="organisation"),
        amount=Decimal("200000000"),
        currency="USD",
        evidence=[story],
    )
    return story


def assert_accessible(page):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does it)")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    blocking = [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]
    assert blocking == [], f"{page.url}: {blocking}"


def test_reader_walks_home_story_actor_tag_search_feed_with_no_serious_axe_violation(
    live_server, page, newsroom
):
    page.goto(live_server.url + "/")
    assert_accessible(page)

    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/articles/musk-bezos/")
    assert page.locator("h1").inner_text() == TITLE
    assert page.locator("html").get_attribute("lang") == "fr"
    assert_accessible(page)

    page.get_by_role("link", name="Elon Musk").first.click()
    page.wait_for_url("**/actors/elon-musk/")
    assert page.locator("svg.network title").text_content().endswith("Elon Musk")
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="milliardaires").click()
    page.wait_for_url("**/tags/milliardaires/")
    assert TITLE in page.locator("main").inner_text()
    assert_accessible(page)

    page.get_by_role("searchbox", name="Rechercher des articles et des acteurs").fill("Musk")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Musk")
    assert page.locator(".results h2").count() == 2
    assert_accessible(page)

    with page.expect_response("**/feeds/rss/") as feed:
        page.get_by_role("link", name="RSS").click()
    response = feed.value
    assert response.ok
    assert "<rss" in response.text() and TITLE in response.text()


@pytest.mark.parametrize("path", ["/", "/articles/musk-bezos/", "/actors/elon-musk/"])
def test_pages_fit_a_360_pixel_phone(live_server, browser, newsroom, path):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="fr-FR")
    phone = context.new_page()
    phone.goto(live_server.url + path)
    overflow = phone.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert overflow <= 360, f"{path} is {overflow}px wide on a 360px screen"


def test_english_reader_gets_the_english_interface(live_server, browser, newsroom):
    context = browser.new_context(locale="en-GB")
    english = context.new_page()
    english.goto(live_server.url + "/articles/musk-bezos/")
    assert english.get_by_role("link", name="Skip to content").count() == 1
    assert english.locator("html").get_attribute("lang") == "fr"  # the story's language
    assert english.locator(".site-header").get_attribute("lang") == "en"
    context.close()


def test_a_printed_story_keeps_the_text_and_drops_the_chrome(live_server, page, newsroom):
    page.goto(live_server.url + "/articles/musk-bezos/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.site-search', '.lang-switch', '.section-nav-bar', '.site-footer']
            .map((selector) => getComputedStyle(document.querySelector(selector)).display)"""
    )
    assert hidden == ["none", "none", "none", "none"]
    assert page.locator(".story-body").is_visible()
    assert page.locator(".corrections").is_visible()


def test_keyboard_focus_is_visible(live_server, page, newsroom):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"

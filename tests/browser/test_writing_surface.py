"""The story form's writing surface in Chromium, under the site's Content-Security-Policy (no
bypass): an editor writes with the toolbar and its shortcuts, sees the server's preview and
the word count follow, puts a library picture in from the picker, and saves."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from pictures.services import picture_create
from tests.browser.test_csp_browser import RECORD_VIOLATIONS
from tests.factories import UserFactory
from tests.pictures.images import image_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


HEADLINE = (
    "Le conseil municipal adopte, après une nuit de débats, un budget qui reporte la "
    "rénovation des écoles et relève les tarifs des cantines pour la troisième année"
)


@pytest.fixture(autouse=True)
def serve_media(settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"


def boxes_overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_an_editor_writes_previews_inserts_a_picture_and_saves(live_server, browser, tmp_path):
    UserFactory(username="editor", groups=["Editor"])
    picture = picture_create(
        upload=image_bytes(1200, 800), alt_text="La façade de l'école", caption="Rue Haute."
    )
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_VIOLATIONS)
    errors = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct-horse-battery")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base}/admin/")

    page.goto(f"{base}/admin/articles/article/add/")
    page.fill("#id_title", HEADLINE)
    body = page.locator("#id_body")
    stats = page.locator("#id_body_stats")
    preview = page.locator("#id_body_preview")
    tool = page.locator(".desk-editor-toolbar").locator
    assert re.match(r"0\D", stats.inner_text())

    # Bold by the button (typed between the marks), then by Ctrl+B on a selection.
    body.click()
    body.press_sequentially("Un ")
    tool("[data-tool=bold]").click()
    body.press_sequentially("fort")
    body.press("End")
    body.press_sequentially(" puis vite")
    for _ in "vite":
        body.press("Shift+ArrowLeft")
    body.press("Control+b")
    expect(body).to_have_value("Un **fort** puis **vite**")
    # The server's rendering, as the story page shows it.
    expect(preview.locator("strong")).to_have_text(["fort", "vite"])

    # The toolbar by keyboard alone: one tab stop before the text, arrows between buttons.
    body.press("End")
    body.press_sequentially("\n\nélément")
    page.keyboard.press("Shift+Tab")
    expect(tool("[data-tool=bold]")).to_be_focused()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(tool("[data-tool=list]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(body).to_be_focused()
    expect(preview.locator("li")).to_have_text(["élément"])

    # A picture from the library, through Django's lookup popup.
    with page.expect_popup() as opened:
        tool("[data-tool=picture]").click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.evaluate("window.__cspViolations") == []
    with popup.expect_event("close"):
        popup.locator(f'a[data-popup-opener="{picture.pk}"]').first.click()
    reference = f"[[picture:{picture.pk}]]"
    expect(body).to_have_value(f"Un **fort** puis **vite**\n\n- élément\n\n{reference}\n\n")
    expect(preview.locator("figure img")).to_have_attribute("alt", "La façade de l'école")
    # Words as the story page counts them for its reading time: 7 with the reference's two.
    expect(stats).to_have_text(re.compile(r"^7\D"))

    # The body takes the form's width and grows with the text; the preview sits beside it.
    grown = body.bounding_box()
    form = page.locator("#article_form").bounding_box()
    assert grown["width"] + preview.bounding_box()["width"] > 0.85 * form["width"]
    body.press_sequentially("\n" * 30)
    assert body.bounding_box()["height"] > grown["height"]

    assert page.evaluate("window.__cspViolations") == []
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"{base}/admin/articles/article/")
    story = Article.objects.get(title=HEADLINE)
    assert "Un **fort** puis **vite**" in story.body
    assert reference in story.body.splitlines()

    # The change form at 1280×800: the toolbar and preview in view, the long headline
    # beside the History button, never under it.
    page.goto(f"{base}/admin/articles/article/{story.pk}/change/")
    expect(preview.locator("figure img")).to_be_visible()
    page.screenshot(path=tmp_path / "story-form.png")
    headline = page.locator(".desk-heading h2").bounding_box()
    history = page.locator(".object-tools").bounding_box()
    assert not boxes_overlap(headline, history)
    toolbar = page.locator(".desk-editor-toolbar").bounding_box()
    assert toolbar["y"] + toolbar["height"] < 800
    assert preview.bounding_box()["y"] < 800
    assert page.evaluate("window.__cspViolations") == []
    context.close()
    assert errors == []

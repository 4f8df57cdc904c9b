"""The story form's writing surface: the preview endpoint answers with the body as the story
page shows it (the site's renderer and sanitiser), only to those who write stories, and the
form carries the editor on the add and change pages."""

import pytest
from django.urls import reverse
from lxml import html

from articles.models import Article
from desk.writing import PREVIEW_MAX_BYTES
from tests.factories import ArticleFactory, UserFactory
from tests.pictures.images import image_bytes

pytestmark = pytest.mark.django_db

PREVIEW = "admin:articles_article_body_preview"


def preview(client, body, **extra):
    return client.post(reverse(PREVIEW), {"body": body}, **extra)


@pytest.fixture
def picture():
    from pictures.services import picture_create

    return picture_create(
        upload=image_bytes(1200, 800), alt_text="Deux fusées", caption="Au pas de tir."
    )


def test_the_preview_is_the_story_pages_body(client, editor, picture, english):
    body = f"Un **mot** gras et _un autre_.\n\n[[picture:{picture.pk}]]\n\n## Suite"
    story = ArticleFactory(body=body)
    client.force_login(editor)

    response = preview(client, body)

    assert response.status_code == 200
    answer = response.json()
    # Exactly what readers get: the body the story page shows, library figure included.
    assert answer["html"] == story.body_html
    shown = html.fromstring(answer["html"])
    assert shown.xpath("//strong/text()") == ["mot"]
    assert shown.xpath("//figure/img/@alt") == ["Deux fusées"]
    assert "Au pas de tir." in shown.xpath("string(//figcaption)")
    assert answer["stats"] == "9 words · 1 min read"


def test_hostile_html_is_removed(client, editor):
    client.force_login(editor)
    body = (
        '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n'
        "[clic](javascript:alert(3)) ![pixel](https://tracker.example/p.gif)"
    )

    shown = preview(client, body).json()["html"]

    assert "<script" not in shown and "<img" not in shown and "tracker.example" not in shown
    # A javascript: link stays as text, never a link.
    assert html.fromstring(shown).xpath("//a") == []
    # Raw HTML is shown as text, never run.
    assert "&lt;script&gt;" in shown


def test_the_stats_follow_the_story_pages_reading_time(client, editor, english):
    client.force_login(editor)
    answer = preview(client, "mot " * 461).json()
    # 461 words at the story page's 230 a minute: three minutes, rounded up.
    assert answer["stats"] == "461 words · 3 min read"


def test_a_reporter_may_preview(client, reporter):
    client.force_login(reporter)
    assert preview(client, "*oui*").status_code == 200


def test_staff_without_story_rights_are_refused(client):
    client.force_login(UserFactory(username="accounts"))
    response = preview(client, "texte")
    assert response.status_code == 403
    assert response.json()["ok"] is False


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = preview(client, "texte")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_get_is_refused(client, editor):
    client.force_login(editor)
    assert client.get(reverse(PREVIEW), {"body": "x"}).status_code == 405


def test_the_csrf_token_is_required(editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert preview(client, "texte").status_code == 403


def test_an_oversized_body_gets_a_clear_400(client, editor, english):
    client.force_login(editor)
    response = preview(client, "a" * (PREVIEW_MAX_BYTES + 1))
    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith("The body is too long to preview")
    assert "256.0\xa0KB" in message


def test_a_body_larger_than_djangos_form_limit_still_gets_the_clear_400(client, editor, english):
    """Measured before Django reads the form, whose own limit would answer a bare 400."""
    client.force_login(editor)
    response = preview(client, "a" * (3 * 1024 * 1024))
    assert response.status_code == 400
    assert "too long to preview" in response.json()["message"]


def test_nul_and_odd_text_never_fail(client, editor):
    client.force_login(editor)
    response = preview(client, "a\x00b [[picture:999999999999999999]] [[picture:x]]")
    assert response.status_code == 200


def editor_of(response):
    page = html.fromstring(response.content.decode())
    [editor] = page.xpath('//div[@class="desk-editor"]')
    return page, editor


def test_the_add_form_has_the_editor(client, editor, english):
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_add"))
    page, widget = editor_of(response)
    assert widget.get("data-preview-url") == reverse(PREVIEW)
    assert widget.get("data-picker-url") == "/admin/pictures/picture/?_to_field=id"
    labels = widget.xpath('.//*[@role="toolbar"]/button/text()')
    assert labels == ["Bold", "Italic", "Link", "Heading", "Quote", "List"] + [
        "Picture from the library"
    ]
    assert widget.xpath('.//*[@role="toolbar"]/button/@type') == ["button"] * 7
    assert page.xpath('//script[contains(@src, "admin-desk/editor.js")]')
    assert page.xpath('//link[contains(@href, "admin-desk/editor.css")]')
    # No inline script or style the policy would block.
    assert not page.xpath("//script[not(@src) and not(@type='application/json')]")
    assert not widget.xpath(".//*[@style]")


def test_the_add_form_saves_the_body_it_edits(client, editor):
    client.force_login(editor)
    add = reverse("admin:articles_article_add")
    page = html.fromstring(client.get(add).content.decode())
    # The form as the browser would send it: every management form, empty inline rows.
    form = page.xpath('//form[@id="article_form"]')[0]
    data = {name: value or "" for name, value in form.form_values()}
    data.update(
        title="Nouvelle",
        slug="nouvelle",
        body="Un **mot**.\n\n[[picture:7]]",
        status="draft",
        language="fr",
        section=ArticleFactory().section_id,
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get(slug="nouvelle").body == "Un **mot**.\n\n[[picture:7]]"


def test_the_change_form_shows_the_preview_and_stats_as_loaded(client, editor, picture, english):
    story = ArticleFactory(body=f"Premier **mot**.\n\n[[picture:{picture.pk}]]")
    client.force_login(editor)
    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    page, widget = editor_of(response)
    assert widget.xpath('.//*[@id="id_body_preview"]//strong/text()') == ["mot"]
    assert widget.xpath('.//*[@id="id_body_preview"]//figure/img/@alt') == ["Deux fusées"]
    assert widget.xpath('string(.//*[@id="id_body_stats"])') == "4 words · 1 min read"
    assert widget.xpath('.//textarea[@name="body"]/text()')[0].strip() == story.body
    # The headline shares its row with the History button instead of running under it.
    [heading] = page.xpath('//div[@class="desk-heading"]')
    assert heading.xpath("./h2/text()") == [story.title]
    assert heading.xpath('./ul[@class="object-tools"]//a[contains(@href, "history")]')


def test_the_toolbar_speaks_french_by_default(client, editor):
    client.force_login(editor)
    page, widget = editor_of(client.get(reverse("admin:articles_article_add")))
    labels = widget.xpath('.//*[@role="toolbar"]/button/text()')
    assert labels == ["Gras", "Italique", "Lien", "Intertitre", "Citation", "Liste"] + [
        "Image de la photothèque"
    ]
    assert widget.xpath('.//*[@role="toolbar"]/@aria-label') == ["Mise en forme"]
    assert widget.xpath('string(.//*[@id="id_body_stats"])') == "0 mot · 1 min de lecture"

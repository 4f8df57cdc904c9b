"""A reporter imports a Word manuscript from the story list in Chromium, under the site's
Content-Security-Policy, and lands on the draft with its suggested actors."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.exports.docx_files import FEATURE, docx
from tests.factories import ActorFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reporter_uploads_a_word_file_and_lands_on_the_draft(live_server, open_as):
    UserFactory(username="lea", groups=["Reporter"], password="lea-password-2026")
    ActorFactory(name="Jeff Bezos")
    page = open_as("lea", "lea-password-2026")
    page.goto(f"{live_server.url}/admin/articles/article/")
    page.get_by_role("link", name="Import a manuscript").click()
    page.get_by_label("Manuscript").set_input_files(
        files=[
            {"name": "papier.docx", "mimeType": "application/octet-stream", "buffer": docx(FEATURE)}
        ]
    )
    page.get_by_label("Tag the suggested actors").check()
    page.get_by_role("button", name="Make the draft").click()

    story = Article.objects.get()
    expect(page).to_have_url(re.compile(rf"/admin/articles/article/{story.pk}/change/$"))
    expect(page.locator(".messagelist .success")).to_contain_text("Tagged as mentions: Jeff Bezos.")
    expect(page.locator(".messagelist .warning")).to_contain_text("1 picture of the Word document")
    expect(page.locator("#id_title")).to_have_value("Elon Musk rencontre Jeff Bezos")
    assert "## Vingt ans de rivalité" in page.locator("#id_body").input_value()
    assert story.actor_tags.get().actor.name == "Jeff Bezos"

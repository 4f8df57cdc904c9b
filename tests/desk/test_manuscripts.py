"""Manuscripts from the browser: the story list's "Import a manuscript" page makes a draft of
a .txt, .md or .docx file, with its suggestions, or says what is wrong with the file."""

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import html

from actors.models import Actor
from articles.models import Article, ArticleActor
from exports.plaintext import article_import_text
from tests.exports.docx_files import FEATURE, FEATURE_LINKS, W, docx
from tests.exports.test_docx import BILLION_LAUGHS, bomb
from tests.factories import ActorFactory, AliasFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/desk/manuscript/"
MANUSCRIPT = """Elon Musk rencontre Jeff Bezos à Palm Beach

Les deux milliardaires ont dîné mercredi soir avec Marguerite Duplessis.
La NASA n'a pas commenté.

Vingt ans de rivalité

Leurs sociétés se disputent les contrats de l'agence, selon Bezos.
"""


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in English (the english fixture, tests/conftest.py)."""


@pytest.fixture
def actors(db):
    ActorFactory(name="Elon Musk", slug="elon-musk")
    AliasFactory(actor=ActorFactory(name="Jeff Bezos", slug="jeff-bezos"), name="Bezos")
    ActorFactory(name="NASA", slug="nasa", kind=Actor.Kind.ORGANISATION)


def upload(client, name: str, data: bytes, **fields):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **fields})


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_errors(response) -> str:
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    return " ".join(item.text_content() for item in page.xpath('//ul[@class="errorlist"]/li'))


def test_the_story_list_offers_the_page_to_those_who_may_add_stories(client, reporter):
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'href="{URL}"' in page and "Import a manuscript" in page
    response = client.get(URL)
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    assert page.xpath('//form[@enctype="multipart/form-data"]//input[@name="csrfmiddlewaretoken"]')
    assert page.xpath('//div[@class="breadcrumbs"]/a[contains(@href, "/article/")]')


def test_a_text_file_becomes_a_draft_with_its_suggestions(client, reporter, actors):
    client.force_login(reporter)
    SectionFactory(slug="espace", name="Espace")
    section = SectionFactory(slug="monde", name="Monde")
    response = upload(client, "papier.txt", MANUSCRIPT.encode(), language="en", section=section.pk)
    story = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[story.pk])
    assert story.title == "Elon Musk rencontre Jeff Bezos à Palm Beach"
    assert story.status == Article.Status.DRAFT
    assert (story.language, story.section) == ("en", section)
    assert "## Vingt ans de rivalité" in story.body
    [message] = said(response)
    assert message.startswith(
        "The draft “Elon Musk rencontre Jeff Bezos à Palm Beach” was made from papier.txt. "
        "Suggested actors: "
    )
    for name in ("Elon Musk", "Jeff Bezos", "NASA"):
        assert name in message
    assert message.endswith("Names that match no actor yet: Marguerite Duplessis, Palm Beach.")
    assert not story.actor_tags.exists()
    # The story's page shows the suggestions in its desk panel.
    page = client.get(response["Location"]).content.decode()
    assert "Jeff Bezos" in page


def test_a_markdown_file_with_its_actors_tagged(client, reporter, actors):
    client.force_login(reporter)
    response = upload(client, "papier.md", MANUSCRIPT.encode(), tag_suggested="on")
    story = Article.objects.get()
    assert story.language == Article.Language.FRENCH
    assert "Tagged as mentions: " in said(response)[0]
    tags = {tag.actor.slug: tag.role for tag in story.actor_tags.all()}
    assert tags == dict.fromkeys(["elon-musk", "jeff-bezos", "nasa"], ArticleActor.Role.MENTIONS)


def test_a_word_file_keeps_headings_emphasis_and_lists(client, editor, actors):
    client.force_login(editor)
    response = upload(client, "Papier final.docx", docx(FEATURE, links=FEATURE_LINKS))
    story = Article.objects.get()
    assert response.status_code == 302
    assert story.title == "Elon Musk rencontre Jeff Bezos"
    for markdown in (
        "## Vingt ans de rivalité",
        "dîné **mercredi soir**.",
        "La *NASA* n'a",
        "- les fusées\n- les satellites\n  - Starlink",
        "1. Lancer\n2. Atterrir",
        "[le contrat](https://example.org/contrat)",
    ):
        assert markdown in story.body
    success, pictures = said(response)
    assert "was made from Papier final.docx" in success
    assert "Jeff Bezos" in success
    assert pictures == (
        "1 picture of the Word document was left out: add it from the picture library."
    )


def test_the_history_says_where_the_draft_came_from(client, reporter):
    client.force_login(reporter)
    upload(client, "papier.txt", b"Titre\n\nTexte.")
    page = client.get(
        reverse("admin:articles_article_history", args=[Article.objects.get().pk])
    ).content.decode()
    assert "Imported from papier.txt" in page


def zipped(name: str, data: str, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


HOSTILE = {
    "a .docx that is not a zip": (
        "papier.docx",
        b"Titre\n\nTexte.",
        "papier.docx cannot be read as a Word document: it is not a .docx file",
    ),
    "a zip bomb": (
        "bombe.docx",
        bomb(),
        "bombe.docx cannot be read as a Word document: its part word/document.xml would "
        "inflate to 50.0\xa0MB, more than 20.0\xa0MB.",
    ),
    "entities": (
        "rires.docx",
        zipped("word/document.xml", BILLION_LAUGHS),
        "rires.docx cannot be read as a Word document: it declares a document type, which "
        "Word never writes.",
    ),
    "a Word file without its document": (
        "vide.docx",
        zipped("word/styles.xml", f'<w:styles xmlns:w="{W}"/>'),
        "vide.docx cannot be read as a Word document: it has no document part",
    ),
    "a wrong extension": (
        "papier.pdf",
        b"%PDF-1.7",
        "papier.pdf is not a plain-text (.txt), Markdown (.md) or Word (.docx) file.",
    ),
    "no extension": (
        "papier",
        b"Titre\n\nTexte.",
        "papier is not a plain-text (.txt), Markdown (.md) or Word (.docx) file.",
    ),
    "an empty file": ("vide.txt", b"", "The submitted file is empty."),
    "a Word file named .txt": (
        "papier.txt",
        docx(FEATURE),
        "papier.txt is a ZIP archive, not text: a Word document must end in .docx.",
    ),
    "Latin-1 text": (
        "papier.txt",
        "Élection à Paris\n\nTexte.".encode("latin-1"),
        "papier.txt is not UTF-8 text (invalid continuation byte).",
    ),
    "no headline": ("blanc.md", b"\n\n\n", "The file has no headline: its first line is empty."),
    "an unknown section in the front matter": (
        "papier.md",
        b"---\ntitle: Titre\nsection: sport\n---\n\nTexte.",
        'Unknown section in the front matter: "sport".',
    ),
    "a NUL in the text": ("papier.txt", b"Titre\n\nTexte\x00.", "Body:"),
    "a headline too long": ("papier.md", ("T" * 400).encode() + b"\n\nTexte.", "Headline:"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_bad_file_is_named_with_what_is_wrong_and_leaves_nothing(client, reporter, case):
    name, data, error = HOSTILE[case]
    client.force_login(reporter)
    errors = form_errors(upload(client, name, data))
    assert error in errors
    assert not Article.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, reporter, settings):
    settings.NEWSROOM_MANUSCRIPT_MAX_BYTES = 4000
    client.force_login(reporter)
    errors = form_errors(upload(client, "long.md", b"Titre\n\n" + b"x" * 4000))
    assert errors == (
        "long.md is larger than 3.9\xa0KB, the most a manuscript may be "
        "(NEWSROOM_MANUSCRIPT_MAX_BYTES)."
    )
    assert upload(client, "court.md", b"Titre\n\n" + b"x" * 3993).status_code == 302


def test_a_failure_after_the_story_is_written_leaves_nothing(reporter, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the suggestion index is gone")

    monkeypatch.setattr("exports.plaintext.suggest_for_text", broken)
    with pytest.raises(RuntimeError):
        article_import_text(text="Titre\n\nTexte.", by=reporter)
    assert not Article.objects.exists()


def test_without_the_add_permission_no_button_and_403(client, export_staff):
    client.force_login(export_staff)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert URL not in page
    assert client.get(URL).status_code == 403
    assert upload(client, "papier.txt", b"Titre\n\nTexte.").status_code == 403
    assert not Article.objects.exists()


def test_without_the_tag_permission_no_tagging(client):
    writer = UserFactory(username="writer")
    writer.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "view_article"])
    )
    client.force_login(writer)
    assert b'name="tag_suggested"' not in client.get(URL).content
    upload(client, "papier.txt", b"Elon Musk\n\nTexte.", tag_suggested="on")
    assert not ArticleActor.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    response = upload(client, "papier.txt", b"Titre\n\nTexte.")
    assert response.status_code == 302
    assert not Article.objects.exists()

"""Word manuscripts into Markdown (exports/docx/), and the hostile files it refuses."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from articles.rendering import render_markdown
from exports.docx import DocxError, docx_to_markdown
from tests.exports.docx_files import (
    FEATURE,
    FEATURE_LINKS,
    PICTURE,
    W,
    document,
    docx,
    para,
    run,
)

LIMIT = 1024 * 1024


def markdown(body: str, **kwargs) -> str:
    return docx_to_markdown(docx(body, **kwargs), max_text=LIMIT).text


def test_headings_emphasis_lists_links_and_tables_become_markdown():
    result = docx_to_markdown(docx(FEATURE, links=FEATURE_LINKS), max_text=LIMIT)
    assert result.text == (
        "# Elon Musk rencontre Jeff Bezos\n\n"
        "Les deux milliardaires ont dîné **mercredi soir**.\n\n"
        "La *NASA* n'a pas commenté.\n\n"
        "## Vingt ans de rivalité\n\n"
        "Leurs sociétés se disputent les contrats, **selon Bezos**.\n\n"
        "### Ce qu'ils se disputent\n\n"
        "- les fusées\n- les satellites\n  - Starlink\n\n"
        "1. Lancer\n2. Atterrir\n\n"
        "Voir [le contrat](https://example.org/contrat).\n\n"
        "| Année | Contrat |\n| --- | --- |\n| 2021 | HLS \\| lune |"
    )
    assert result.pictures == 1


def test_what_readers_see_of_it():
    html = render_markdown(markdown(FEATURE, links=FEATURE_LINKS))
    for fragment in (
        "<h2>Vingt ans de rivalité</h2>",
        "<strong>mercredi soir</strong>",
        "<em>NASA</em>",
        "<li>les fusées</li>",
        "<ol>",
        '<a href="https://example.org/contrat"',
        "<td>HLS | lune</td>",
    ):
        assert fragment in html


def test_text_that_looks_like_markdown_stays_text():
    body = markdown(
        document(
            para("Titre"),
            para("1986. Une année de lancements"),
            para("# pas un titre, * pas une liste, [pas un lien](x) _ni_ `code`"),
            para("    pas du code"),
        )
    )
    html = render_markdown(body)
    assert "<ol" not in html and "<h1" not in html and "<code" not in html and "<a" not in html
    assert "1986. Une année de lancements" in html
    assert "# pas un titre, * pas une liste, [pas un lien](x) _ni_ `code`" in html


def test_spaces_stay_outside_the_emphasis_and_neighbouring_runs_merge():
    body = markdown(
        document(
            para(
                "Titre",
            ),
            para("Le ", run("Sénat ", bold=True), run("a voté", bold=True), " hier."),
        )
    )
    assert body.endswith("Le **Sénat a voté** hier.")


def test_deleted_text_field_codes_hidden_text_and_drawings_are_left_out():
    body = markdown(
        document(
            para("Titre"),
            para(
                "Gardé",
                '<w:del w:id="1"><w:r><w:delText>supprimé</w:delText></w:r></w:del>',
                '<w:ins w:id="2"><w:r><w:t> inséré</w:t></w:r></w:ins>',
                "<w:r><w:instrText>PAGEREF _Toc1</w:instrText></w:r>",
                "<w:r><w:rPr><w:vanish/></w:rPr><w:t>caché</w:t></w:r>",
                PICTURE,
                ".",
            ),
        )
    )
    assert body == "Titre\n\nGardé inséré."


def test_without_styles_or_numbering_parts_word_identifiers_still_give_headings():
    body = markdown(
        document(para("Le titre", style="Title"), para("Texte."), para("Partie", style="Heading1")),
        styles="",
        numbering="",
    )
    assert body == "# Le titre\n\nTexte.\n\n## Partie"


def zipped(**members: bytes | str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)).replace(
        "&lol0;", "&lol;"
    )
    + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>'
    "</w:body></w:document>"
)


def bomb() -> bytes:
    """50 MB of XML that deflates to some 50 KB."""
    text = "a" * (50 * 1024 * 1024)
    return docx(document(para("Titre"), f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"))


def bzip2() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("word/document.xml", document(para("Titre")))
    return buffer.getvalue()


def future_zip() -> bytes:
    """A ZIP whose directory asks for a version of the format zipfile does not know."""
    data = bytearray(docx(document(para("Titre"))))
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (122).to_bytes(2, "little")
    return bytes(data)


HOSTILE = {
    "not a zip": (b"Titre\n\nDu texte.", "it is not a .docx file"),
    "an old .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "it is not a .docx file"),
    "a future zip": (future_zip(), "it is not a .docx file"),
    "a truncated zip": (docx(document(para("Titre")))[:300], "it is not a .docx file"),
    "no document": (zipped(**{"word/other.xml": "<x/>"}), "it has no document part"),
    "bad XML": (zipped(**{"word/document.xml": "<w:document><w:p>"}), "not well-formed"),
    "billion laughs": (zipped(**{"word/document.xml": BILLION_LAUGHS}), "document type"),
    "external entity": (zipped(**{"word/document.xml": EXTERNAL_ENTITY}), "document type"),
    "entity in styles": (docx(document(para("T")), styles=BILLION_LAUGHS), "document type"),
    "bzip2 member": (bzip2(), "compressed in a way Word never uses"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_files_are_refused_with_the_reason(case, english):
    data, reason = HOSTILE[case]
    with pytest.raises(DocxError, match=reason):
        docx_to_markdown(data, max_text=LIMIT)


def test_a_zip_bomb_is_refused_before_it_is_inflated(english):
    data = bomb()
    assert len(data) < 200_000
    with pytest.raises(DocxError, match=r"word/document.xml would inflate to 50.0\xa0MB"):
        docx_to_markdown(data, max_text=2 * 1024 * 1024)


# The command reads Word files too, by the same rules.


def test_import_article_takes_a_word_file(db, tmp_path, english):
    path = tmp_path / "papier.docx"
    path.write_bytes(docx(FEATURE, links=FEATURE_LINKS))
    out = io.StringIO()
    call_command("import_article", str(path), stdout=out)
    story = Article.objects.get()
    assert story.title == "Elon Musk rencontre Jeff Bezos"
    assert "## Vingt ans de rivalité" in story.body and "- les fusées" in story.body
    assert "1 picture of the Word document was left out" in out.getvalue()


def test_import_article_refuses_a_bomb_with_its_reason(db, tmp_path, english):
    path = tmp_path / "bombe.docx"
    path.write_bytes(bomb())
    with pytest.raises(CommandError, match="bombe.docx cannot be read as a Word document: its"):
        call_command("import_article", str(path), stdout=io.StringIO())
    assert not Article.objects.exists()


def test_a_part_made_of_tags_is_refused_before_it_costs_seconds(english):
    flood = docx(document(para("Titre"), "<w:p>" + "<w:x/>" * 20_000 + "</w:p>"))
    assert len(flood) < 2_000
    with pytest.raises(DocxError, match="holds more than 10000 tags, too many for its text"):
        docx_to_markdown(flood, max_text=40_000)  # a quarter of a tag per byte of text

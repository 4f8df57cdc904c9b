"""Small .docx files written the way Word writes them (a ZIP of XML parts), for the tests."""

import io
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
  <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Titre"><w:name w:val="Title"/>
    <w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/>
    <w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="heading 2"/>
    <w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="Listepuces"><w:name w:val="List Bullet"/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="character" w:styleId="lev"><w:name w:val="Strong"/>
    <w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl>
    <w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def run(text: str, *, bold=False, italic=False, style="") -> str:
    props = (
        (f'<w:rStyle w:val="{style}"/>' if style else "")
        + ("<w:b/>" if bold else "")
        + ("<w:i/>" if italic else "")
    )
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*parts: str, style: str = "", num: tuple[int, int] | None = None) -> str:
    """A paragraph of runs; a part that is not XML is a plain run of text."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props = f"<w:pPr>{props}<w:rPr><w:b/></w:rPr></w:pPr>" if props else ""
    runs = "".join(part if part.startswith("<") else run(part) for part in parts)
    return f"<w:p>{props}{runs}</w:p>"


def document(*paragraphs: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(paragraphs)}'
        "<w:sectPr/></w:body></w:document>"
    )


def docx(
    body: str,
    *,
    styles: str = STYLES,
    numbering: str = NUMBERING,
    links: dict[str, str] | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    rels = "".join(
        f'<Relationship Id="{key}" Type="{TYPES}/hyperlink" Target="{url}" TargetMode="External"/>'
        for key, url in (links or {}).items()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{TYPES}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            f'<Relationships xmlns="{PKG}">'
            f'<Relationship Id="rIdS" Type="{TYPES}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rIdN" Type="{TYPES}/numbering" Target="numbering.xml"/>'
            f"{rels}</Relationships>",
        )
        archive.writestr("word/document.xml", body)
        if styles:
            archive.writestr("word/styles.xml", styles)
        if numbering:
            archive.writestr("word/numbering.xml", numbering)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


PICTURE = (
    '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
    'wordprocessingDrawing"><wp:docPr id="1" name="Photo"/></wp:inline></w:drawing></w:r>'
)

# A feature as a reporter types it in Word: a title, headings, bold and italic, lists, a
# link, a picture and a table.
FEATURE = document(
    para("Elon Musk rencontre Jeff Bezos", style="Titre"),
    para("Les deux milliardaires ont dîné ", run("mercredi soir", bold=True), "."),
    para("La ", run("NASA", italic=True), " n'a pas commenté.", PICTURE),
    para("Vingt ans de rivalité", style="Titre1"),
    para("Leurs sociétés se disputent les contrats, ", run("selon Bezos", style="lev"), "."),
    para("Ce qu'ils se disputent", style="Titre2"),
    para("les fusées", num=(1, 0)),
    para("les satellites", num=(1, 0)),
    para("Starlink", num=(1, 1)),
    para("Lancer", num=(2, 0)),
    para("Atterrir", num=(2, 0)),
    para(
        "Voir ",
        '<w:hyperlink r:id="rIdL"><w:r><w:t>le contrat</w:t></w:r></w:hyperlink>',
        ".",
    ),
    "<w:tbl><w:tr><w:tc>"
    + para("Année")
    + "</w:tc><w:tc>"
    + para("Contrat")
    + "</w:tc></w:tr><w:tr><w:tc>"
    + para("2021")
    + "</w:tc><w:tc>"
    + para("HLS | lune")
    + "</w:tc></w:tr></w:tbl>",
)
FEATURE_LINKS = {"rIdL": "https://example.org/contrat"}

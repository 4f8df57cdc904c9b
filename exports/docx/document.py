"""The main part's events into a manuscript's blocks: headings, paragraphs, list items and
tables, with their runs' bold, italic and links."""

import re
from dataclasses import dataclass, field

from exports.docx.markdown import inline, markdown_table
from exports.docx.package import MC_NS, R_NS, W_NS, attr, is_on, split

# Elements whose content is not the manuscript's text: pictures and drawings (text boxes
# included), deleted or moved-away text, and the fallback copy of alternate content.
PICTURES = {"drawing", "pict", "object"}
LEFT_OUT = PICTURES | {"del", "moveFrom", "Fallback"}
SKIPPED = LEFT_OUT | {"pPrChange", "rPrChange"}  # and what properties were before a change
LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class Paragraph:
    style: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    pieces: list[tuple[str, bool, bool, str]] = field(default_factory=list)


class Document:
    """expat's events of the main part into blocks: (kind, text, details)."""

    def __init__(self, styles, numbering, links):
        self.styles, self.numbering, self.links = styles, numbering, links
        self.blocks: list[tuple[str, str, tuple]] = []
        self.tables: list[list[list[list[str]]]] = []  # open tables: rows of cells of lines
        self.pictures = 0
        self.skip = 0  # depth inside content left out
        self.properties = 0  # depth inside a paragraph's properties
        self.paragraph: Paragraph | None = None
        self.run: dict | None = None
        self.text = False
        self.link = ""

    def chain(self, style_id: str):
        for _step in range(20):  # basedOn may loop
            style = self.styles.get(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on

    def start(self, name, attrs):
        namespace, local = split(name)
        if (namespace in W_NS and local in LEFT_OUT) or (namespace, local) == (MC_NS, "Fallback"):
            self.pictures += self.skip == 0 and local in PICTURES
            self.skip += 1
        if self.skip or namespace not in W_NS:
            return
        paragraph, run = self.paragraph, self.run
        if local == "p":
            self.paragraph = Paragraph()
        elif local == "pPr":
            self.properties += 1
        elif local in {"pPrChange", "rPrChange"}:  # the properties before a tracked change
            self.skip += 1
        elif paragraph is not None and self.properties:
            value = attr(attrs, "val") or ""
            if local == "pStyle":
                paragraph.style = value
            elif local == "numId":
                paragraph.num_id = value
            elif local == "ilvl" and value.isdigit():
                paragraph.ilvl = int(value)
            elif local == "outlineLvl" and value.isdigit():
                paragraph.outline = int(value)
        elif local == "r":
            self.run = {"b": None, "i": None, "style": "", "vanish": False}
        elif local == "hyperlink":
            self.link = self.links.get(attr(attrs, "id", R_NS) or "", "")
        elif run is not None and local in {"b", "i", "vanish"}:
            run[local] = is_on(attrs)
        elif run is not None and local == "rStyle":
            run["style"] = attr(attrs, "val") or ""
        elif run is not None and local == "t":
            self.text = True
        elif run is not None and local in {"tab", "br", "cr", "noBreakHyphen"}:
            if local != "br" or attr(attrs, "type") in {None, "textWrapping"}:
                self.add({"tab": " ", "noBreakHyphen": "-"}.get(local, "\n"))
        elif local == "tbl":
            self.tables.append([])
        elif local == "tr" and self.tables:
            self.tables[-1].append([])
        elif local == "tc" and self.tables and self.tables[-1]:
            self.tables[-1][-1].append([])

    def end(self, name):
        namespace, local = split(name)
        if self.skip:
            self.skip -= namespace in W_NS and local in SKIPPED
            self.skip -= (namespace, local) == (MC_NS, "Fallback")
            return
        if namespace not in W_NS:
            return
        if local == "pPr":
            self.properties -= 1
        elif local == "t":
            self.text = False
        elif local == "r":
            self.run = None
        elif local == "hyperlink":
            self.link = ""
        elif local == "p" and self.paragraph is not None:
            self.close(self.paragraph)
            self.paragraph = None
        elif local == "tbl" and self.tables:
            table = self.tables.pop()
            if self.tables:  # a table in a cell: its text joins the cell
                self.cell(" ".join(" ".join(" ".join(c) for c in row) for row in table))
            elif text := markdown_table(table):
                self.blocks.append(("table", text, ()))

    def chars(self, data):
        if self.text and not self.skip:
            self.add(data)

    def add(self, text: str):
        run, paragraph = self.run, self.paragraph
        if run is None or paragraph is None or run["vanish"]:
            return
        bold, italic = run["b"], run["i"]
        for style in self.chain(run["style"]):  # a character style ("Strong", "Emphasis")
            bold = style.bold if bold is None else bold
            italic = style.italic if italic is None else italic
        paragraph.pieces.append((text, bool(bold), bool(italic), self.link))

    def cell(self, text: str):
        table = self.tables[-1]
        if text and table and table[-1] and table[-1][-1] is not None:
            table[-1][-1].append(text)

    def close(self, paragraph: Paragraph):
        text = inline(paragraph.pieces)
        if self.tables:
            self.cell(text)
        elif text:
            self.blocks.append(self.block(paragraph, text))

    def block(self, paragraph: Paragraph, text: str) -> tuple[str, str, tuple]:
        styles = list(self.chain(paragraph.style))
        level = None if paragraph.outline is None else paragraph.outline + 1
        for style in styles:
            if level is None and style.name == "title":
                level = 1
            elif level is None and (match := re.fullmatch(r"heading (\d)", style.name)):
                level = int(match.group(1))
            elif level is None and style.outline is not None:
                level = style.outline + 1
        if level is None and not styles:  # no styles part: Word's usual identifiers
            match = re.fullmatch(r"(?:heading|titre)(\d)|(title|titre)", paragraph.style.lower())
            level = match and int(match.group(1) or 1)
        if level is not None and level <= 9:
            return ("heading", text, (level,))
        num_id = paragraph.num_id
        if num_id is None:
            num_id = next((style.num_id for style in styles if style.num_id), "")
        if num_id and num_id != "0":  # "0": numbering removed
            ilvl = paragraph.ilvl
            if ilvl is None:
                ilvl = next((style.ilvl for style in styles if style.num_id), 0)
            ordered = self.numbering.get(
                (num_id, ilvl), any("number" in style.name for style in styles)
            )
            return ("item", text, (num_id, min(ilvl, 8), ordered))
        return ("paragraph", text, ())

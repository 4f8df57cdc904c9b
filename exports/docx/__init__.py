"""Word (.docx) manuscripts into Markdown, with the standard library alone.

A .docx is a ZIP of XML parts; a manuscript needs three or four of them (the document, its
styles, its numbering, its links), read with expat as a stream of events. No dependency: a
library would read every part of the package (pictures included) into memory, and its
parser would be one more native library facing uploads. The file is hostile until read:

- a part is refused when its declared size is over the bound, before it is inflated
  (zipfile never inflates more than a member declares: a lie ends in a CRC error), and
  when it holds more tags than its text could need (package.Bounds);
- a document type declaration is refused outright: Word never writes one, and it is the only
  way to declare entities (billion laughs, external entities);
- any other damage (not a ZIP, a missing part, malformed XML) is a DocxError naming it.

Headings become ``#`` lines (the top level of the body ``##``), bold and italic runs
``**``/``*``, Word lists ``- `` or ``1. `` lines, tables Markdown tables, external links
Markdown links. Pictures, text boxes, comments, footnotes and deleted text are left out.
"""

import struct
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from xml.parsers import expat

from django.utils.translation import gettext as _

from exports.docx.document import LINK_SCHEMES, Document
from exports.docx.markdown import render
from exports.docx.package import (
    Bounds,
    DocxError,
    parse,
    read_numbering,
    read_styles,
    relationships,
)

__all__ = ["DocxError", "DocxText", "docx_to_markdown"]
DOCUMENT = "word/document.xml"
# What zipfile and zlib raise on a damaged or unsupported archive.
DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    zlib.error,
)


@dataclass
class DocxText:
    text: str
    pictures: int = 0


def docx_to_markdown(data: bytes, *, max_text: int) -> DocxText:
    """The manuscript in a .docx file as Markdown; DocxError says why a file is refused.

    ``max_text`` is the most text a manuscript may have; each XML part is bounded by it.
    """
    limit = Bounds.for_text(max_text)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except DAMAGED as error:
        raise DocxError(
            _("it is not a .docx file (an older .doc or a password-protected file is not one)")
        ) from error
    try:
        with archive:
            package = relationships(archive, "", limit)
            main = next(
                (target for kind, target, _m in package.values() if kind == "officeDocument"),
                DOCUMENT,
            )
            parts = relationships(archive, main, limit)
            targets = {kind: target for kind, target, _mode in parts.values()}
            document = Document(
                styles=read_styles(archive, targets.get("styles", "word/styles.xml"), limit),
                numbering=read_numbering(
                    archive, targets.get("numbering", "word/numbering.xml"), limit
                ),
                links={
                    key: target
                    for key, (kind, target, mode) in parts.items()
                    if kind == "hyperlink"
                    and mode == "External"
                    and target.lower().startswith(LINK_SCHEMES)
                },
            )
            if not parse(archive, main, limit, document.start, document.end, document.chars):
                raise DocxError(_("it has no document part (%(part)s)") % {"part": main})
    except DocxError:
        raise
    except expat.ExpatError as error:
        raise DocxError(_("its XML is not well-formed (%(error)s)") % {"error": error}) from error
    except DAMAGED as error:
        raise DocxError(_("it is damaged (%(error)s)") % {"error": error}) from error
    return DocxText(text=render(document.blocks), pictures=document.pictures)

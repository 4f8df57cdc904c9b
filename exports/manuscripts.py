"""Reading a manuscript: a plain-text, Markdown or Word (.docx) file into the text
``exports.plaintext`` makes a draft of. One set of rules for ``manage.py import_article`` and
the desk's upload page; a refusal is a ValidationError naming the file and what is wrong.

A manuscript is bounded before it is read: at most ``NEWSROOM_MANUSCRIPT_MAX_BYTES`` (2 MB,
some 300,000 words: ten times a long feature), as a file and as text. A larger file is a dump
or a mistake, and would cost seconds and hundreds of megabytes to read, render and search for
actors. A Word document's XML is bounded by it too (exports/docx/package.py): a ZIP bomb is
refused before it is inflated.
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exports.docx import DocxError, docx_to_markdown

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
TEXT, WORD = "text", "docx"
SUFFIXES = {".txt": TEXT, ".text": TEXT, ".md": TEXT, ".markdown": TEXT, ".docx": WORD}


@dataclass
class Manuscript:
    text: str
    pictures: int = 0  # pictures and drawings of a Word document, left out


def pictures_left_out(count: int) -> str:
    return ngettext(
        "%(count)s picture of the Word document was left out: add it from the picture library.",
        "%(count)s pictures of the Word document were left out: add them from the picture library.",
        count,
    ) % {"count": count}


def max_bytes() -> int:
    return getattr(settings, "NEWSROOM_MANUSCRIPT_MAX_BYTES", DEFAULT_MAX_BYTES)


def manuscript_kind(name: str) -> str | None:
    """TEXT or WORD by the file's extension; None for another kind of file."""
    return SUFFIXES.get(PurePath(name).suffix.lower())


def too_large(name: str) -> ValidationError:
    return ValidationError(
        _(
            "%(file)s is larger than %(limit)s, the most a manuscript may be "
            "(NEWSROOM_MANUSCRIPT_MAX_BYTES)."
        )
        % {"file": name, "limit": filesizeformat(max_bytes())},
        code="too_large",
    )


def read_manuscript(data: bytes, *, name: str, kind: str = TEXT) -> Manuscript:
    """The text of a file's ``data`` (read up to one byte past the limit, not more)."""
    if len(data) > max_bytes():
        raise too_large(name)
    if not data:
        raise ValidationError(_("%(file)s is empty.") % {"file": name}, code="empty")
    if kind == WORD:
        try:
            document = docx_to_markdown(data, max_text=max_bytes())
        except DocxError as error:
            raise ValidationError(
                _("%(file)s cannot be read as a Word document: %(reason)s.")
                % {"file": name, "reason": error},
                code="not_docx",
            ) from error
        if len(document.text.encode()) > max_bytes():
            raise too_large(name)
        return Manuscript(text=document.text, pictures=document.pictures)
    if data.startswith(b"PK\x03\x04"):
        raise ValidationError(
            _("%(file)s is a ZIP archive, not text: a Word document must end in .docx.")
            % {"file": name},
            code="not_text",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("%(file)s is not UTF-8 text (%(reason)s).") % {"file": name, "reason": error.reason},
            code="not_utf8",
        ) from error
    return Manuscript(text=text)

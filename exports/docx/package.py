"""The .docx package: its parts read as a stream of expat events, bounded and without a
document type; the styles, numbering and relationships a manuscript needs."""

import posixpath
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

W_NS = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # strict Open XML
}
R_NS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
}
# Each XML part is bounded by the manuscript's own limit (NEWSROOM_MANUSCRIPT_MAX_BYTES).
XML_PER_TEXT = 10
TEXT_PER_TAG = 4
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


class DocxError(ValueError):
    """The file is not a Word document this reader can take; the message says why."""


@dataclass
class Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None
    num_id: str = ""
    ilvl: int = 0
    bold: bool | None = None
    italic: bool | None = None


def split(name: str) -> tuple[str, str]:
    namespace, _sep, local = name.rpartition("}")
    return namespace, local


def attr(attrs: dict, local: str, namespaces=W_NS) -> str | None:
    for namespace in namespaces:
        if (value := attrs.get(f"{namespace}}}{local}")) is not None:
            return value
    return attrs.get(local)


def is_on(attrs: dict) -> bool:
    """A toggle property (<w:b/>, <w:i w:val="0"/>): on unless its value says off."""
    return attr(attrs, "val") not in {"0", "false", "off", "none"}


def _refuse_dtd(*args):
    raise DocxError(_("it declares a document type, which Word never writes"))


@dataclass(frozen=True)
class Bounds:
    """What one XML part may weigh inflated, and how many tags it may hold."""

    size: int
    tags: int

    @classmethod
    def for_text(cls, max_text: int) -> "Bounds":
        # Word's markup weighs a few times the text it wraps, a tag for every 5 to 20
        # characters or so; a tag costs microseconds to read, so a part that is mostly tags
        # (a ZIP squeezes millions of them into a few KB) is refused before it costs seconds.
        return cls(size=max_text * XML_PER_TEXT, tags=max_text // TEXT_PER_TAG)


def parse(archive: zipfile.ZipFile, part: str, bounds: Bounds, start, end=None, chars=None):
    """Stream ``part`` of the archive through expat's events; False when it is missing."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return False
    limit = bounds.size
    if info.file_size > limit:
        raise DocxError(
            _("its part %(part)s would inflate to %(size)s, more than %(limit)s")
            % {
                "part": part,
                "size": filesizeformat(info.file_size),
                "limit": filesizeformat(limit),
            }
        )
    if info.compress_type not in {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}:
        # Word only deflates; zipfile inflates other methods without bounding each step.
        raise DocxError(
            _("its part %(part)s is compressed in a way Word never uses") % {"part": part}
        )
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if chars:
        parser.CharacterDataHandler = chars
    read = tags = 0
    with archive.open(info) as stream:
        while chunk := stream.read(64 * 1024):
            read += len(chunk)
            if read > limit:  # not more than declared, whatever the header says
                raise DocxError(_("its part %(part)s is damaged") % {"part": part})
            tags += chunk.count(b"<")
            if tags > bounds.tags:
                raise DocxError(
                    _("its part %(part)s holds more than %(count)s tags, too many for its text")
                    % {"part": part, "count": bounds.tags}
                )
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return True


def read_styles(archive, part, bounds) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    current: list[Style | None] = [None]

    def start(name, attrs):
        namespace, local = split(name)
        if namespace not in W_NS:
            return
        style = current[0]
        if local == "style":
            style = current[0] = styles.setdefault(attr(attrs, "styleId") or "", Style())
        elif style is None:
            return
        elif local == "name":
            style.name = (attr(attrs, "val") or "").lower()
        elif local == "basedOn":
            style.based_on = attr(attrs, "val") or ""
        elif local == "outlineLvl" and (attr(attrs, "val") or "").isdigit():
            style.outline = int(attr(attrs, "val"))
        elif local == "numId":
            style.num_id = attr(attrs, "val") or ""
        elif local == "ilvl" and (attr(attrs, "val") or "").isdigit():
            style.ilvl = int(attr(attrs, "val"))
        elif local == "b":
            style.bold = is_on(attrs)
        elif local == "i":
            style.italic = is_on(attrs)

    def end(name):
        if split(name)[1] == "style":
            current[0] = None

    parse(archive, part, bounds, start, end)
    return styles


def read_numbering(archive, part, bounds) -> dict[tuple[str, int], bool]:
    """(numId, level) -> ordered, from Word's two-step numbering definitions."""
    formats: dict[tuple[str, int], str] = {}  # (abstractNumId, level) -> numFmt
    nums: dict[str, str] = {}  # numId -> abstractNumId
    where = {"abstract": "", "level": 0, "num": ""}

    def start(name, attrs):
        namespace, local = split(name)
        if namespace not in W_NS:
            return
        value = attr(attrs, "val") or ""
        if local == "abstractNum":
            where["abstract"] = attr(attrs, "abstractNumId") or ""
        elif local == "lvl" and (attr(attrs, "ilvl") or "").isdigit():
            where["level"] = int(attr(attrs, "ilvl"))
        elif local == "numFmt" and where["abstract"]:
            formats[where["abstract"], where["level"]] = value
        elif local == "num":
            where["num"] = attr(attrs, "numId") or ""
        elif local == "abstractNumId" and where["num"]:
            nums[where["num"]] = value

    def end(name):
        local = split(name)[1]
        if local == "abstractNum":
            where["abstract"] = ""
        elif local == "num":
            where["num"] = ""

    parse(archive, part, bounds, start, end)
    return {
        (num, level): fmt not in {"bullet", "none"}
        for num, abstract in nums.items()
        for (owner, level), fmt in formats.items()
        if owner == abstract
    }


def relationships(archive, part: str, bounds: Bounds) -> dict[str, tuple[str, str, str]]:
    """Id -> (type, target, mode) of a part's relationships (``<folder>/_rels/<name>.rels``)."""
    folder, _sep, name = part.rpartition("/")
    relationships = {}

    def start(element, attrs):
        if split(element)[1] == "Relationship":
            target = attrs.get("Target", "")
            if attrs.get("TargetMode") != "External":  # a part: relative to this one's folder
                target = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
            kind = attrs.get("Type", "").rpartition("/")[2]
            relationships[attrs.get("Id", "")] = (kind, target, attrs.get("TargetMode", ""))

    parse(archive, posixpath.join(folder, "_rels", f"{name}.rels"), bounds, start)
    return relationships

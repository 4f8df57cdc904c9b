"""A manuscript's blocks and runs written as Markdown."""

import re
from itertools import groupby
from operator import itemgetter

_INLINE_SPECIAL = re.compile(r"([\\*_`\[\]])")
# A line that opens like one of Markdown's blocks: the marker is escaped, the line is text.
_BLOCK_START = re.compile(r"^(?:#{1,6}|[>+-]|(\d{1,9})[.)])(?=\s|$)")


def _escape(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _emphasis(text: str, bold: bool, italic: bool) -> str:
    marks = ("**" if bold else "") + ("*" if italic else "")
    core = text.strip()
    if not marks or not core:
        return text
    # Markdown's markers must touch the words: spaces go outside them.
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{lead}{marks}{core}{marks[::-1]}{trail}"


def inline(pieces) -> str:
    """Runs into Markdown: neighbours with the same link and formatting are merged first."""
    out = []
    for url, linked in groupby(pieces, key=itemgetter(3)):
        label = "".join(
            _emphasis(_escape("".join(piece[0] for piece in same)), *formatting)
            for formatting, same in groupby(linked, key=itemgetter(1, 2))
        )
        if url and label.strip():
            destination = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
            label = f"[{label}]({destination})"
        out.append(label)
    lines = "".join(out).replace("\t", " ").split("\n")
    return "\n".join(_unblock(line.strip()) for line in lines).strip()  # indented: code


def _unblock(line: str) -> str:
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    digits = match.group(1) or ""
    return f"{digits}\\{line[len(digits) :]}"


def markdown_table(rows) -> str:
    rows = [
        [" ".join(lines).replace("|", r"\|").replace("\n", " ") for lines in row]
        for row in rows
        if row
    ]
    width = max((len(row) for row in rows), default=0)
    if not any(cell for row in rows for cell in row):
        return ""
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join(["---"] * width) + " |")
    return "\n".join(lines)


def render(blocks) -> str:
    levels = [details[0] for kind, _text, details in blocks[1:] if kind == "heading"]
    shift = min(levels, default=2) - 2  # the body's top heading level is ##
    out: list[str] = []
    counters: dict[tuple[str, int], int] = {}
    widths: list[int] = []  # the open list's marker widths by depth
    for index, (kind, text, details) in enumerate(blocks):
        if kind == "heading":
            level = details[0] if index == 0 else max(2, min(6, details[0] - shift))
            text = f"{'#' * level} {text.replace(chr(10), ' ')}"  # one line
        if kind != "item":
            widths = []
            out.append(text)
            continue
        num_id, ilvl, ordered = details
        before = blocks[index - 1] if index else ("", "", ())
        joined = before[0] == "item" and (before[2][0] == num_id or ilvl > 0)  # one list
        if not joined:
            widths = []
        depth = min(ilvl, len(widths))  # no deeper than one below the item before it
        for key in [key for key in counters if key[0] == num_id and key[1] > ilvl]:
            del counters[key]  # a deeper list starts again after a shallower item
        counters[num_id, ilvl] = counters.get((num_id, ilvl), 0) + 1
        marker = f"{counters[num_id, ilvl]}. " if ordered else "- "
        indent = " " * sum(widths[:depth])
        widths = [*widths[:depth], len(marker)]
        line = indent + marker + text.replace("\n", "\n" + " " * (len(indent) + len(marker)))
        if joined:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return "\n\n".join(out)

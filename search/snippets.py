"""The excerpt under each search result: the database's own (ts_headline, FTS5's snippet()),
or, for a story found through an actor it tags, its opening with the words marked here."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from common.text import fold
from search.words import WORD as _WORD

# Unlikely in a story and harmless in HTML once escaped: marks the matches in snippets.
START, STOP = "\x02", "\x03"
# A library picture in a body ([[picture:42]], or what an excerpt keeps of one) is shown as a
# figure on the page; in an excerpt it is noise, and a number only this database knows.
_MARKDOWN_NOISE = re.compile(r"\[*picture:\d+\]*|[#*_>`\[\]|]+")


FALLBACK_CHARS = 2000


def snippet(article, query: str) -> SafeString:
    """The highlighted excerpt for one result, safe to print as HTML."""
    headline = getattr(article, "search_headline", None)
    if headline is not None:
        return _mark(_MARKDOWN_NOISE.sub("", headline))
    # A story found because it tags an actor may not use the words: the opening will do.
    return _fallback_snippet(f"{article.standfirst} {article.body}"[:FALLBACK_CHARS], query)


def _mark(text: str) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped first; only our own <mark> tags are added.
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def _fallback_snippet(text: str, query: str, width: int = 220) -> SafeString:
    text = " ".join(_MARKDOWN_NOISE.sub("", text).split())
    # Fold character by character so positions in the folded text map back to the original.
    folded_chars, origin = [], []
    for index, char in enumerate(text):
        for folded_char in fold(char) or (" " if char.isspace() else ""):
            folded_chars.append(folded_char)
            origin.append(index)
    folded = "".join(folded_chars)
    spans = []
    for term in set(_WORD.findall(fold(query))):
        for match in re.finditer(re.escape(term), folded):
            start, end = origin[match.start()], origin[match.end() - 1] + 1
            spans.append((start, end))
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - width // 3)
    end = min(len(text), begin + width)
    # Cut between words, not inside one.
    if begin > 0 and " " in text[begin:first]:
        begin = text.index(" ", begin, first) + 1
    if end < len(text) and " " in text[begin:end]:
        end = text.rindex(" ", begin, end)
    pieces, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        pieces.append(text[cursor:start] + START + text[start:stop] + STOP)
        cursor = stop
    pieces.append(text[cursor:end])
    excerpt = "".join(pieces)
    prefix = "… " if begin > 0 else ""
    suffix = " …" if end < len(text) else ""
    return _mark(prefix + excerpt + suffix)

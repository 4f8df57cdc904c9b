"""The excerpt under each search result: the database's own (ts_headline, FTS5's snippet()),
or, for a story found through an actor it tags, its opening with the words marked here."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from common.text import fold
from search.words import WORD as _WORD

# Unlikely in a story and harmless in HTML once escaped: marks the matches in snippets.
START, STOP = "\x02", "\x03"
# A library picture in a body ([[picture:42]], or what an excerpt keeps of one) is shown as a
# figure on the page; in an excerpt it is noise, and a number only this database knows.
_MARKDOWN_NOISE = re.compile(r"\[*picture:\d+\]*|[#*_>`\[\]|]+")


def snippet(article, query: str) -> SafeString:
    """The highlighted excerpt for one result, safe to print as HTML: PostgreSQL's headline
    when the page read one, else the words of the query marked here."""
    headline = getattr(article, "search_headline", None)
    if headline is not None:
        return _mark(_MARKDOWN_NOISE.sub("", headline))
    # SQLite's results, and a story found because it tags an actor (it may not use the words:
    # then its opening).
    return _marked_excerpt(f"{article.standfirst} {article.body}", query)


def _mark(text: str) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped first; only our own <mark> tags are added.
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


# The letters a folded letter stands for (fold() drops accents and case).
ACCENTED = {
    "a": "aàâäáãå",
    "e": "eéèêë",
    "i": "iîïíì",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "c": "cç",
    "n": "nñ",
    "y": "yÿ",
}


@lru_cache(maxsize=64)
def words_pattern(query: str) -> re.Pattern | None:
    """The words of a text that begin with a word of the query, accents and case aside (as
    SQLite's search matches them). On the text as written: folding a whole story character
    by character, to map positions back, took a tenth of a second a page."""
    spelled = [
        "".join(f"[{ACCENTED[c]}]" if c in ACCENTED else re.escape(c) for c in word)
        for word in sorted(set(_WORD.findall(fold(query))), key=len, reverse=True)
    ]
    if not spelled:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(spelled) + r")\w*", re.IGNORECASE)


def _marked_excerpt(text: str, query: str, width: int = 220) -> SafeString:
    pattern = words_pattern(query)
    # Only the neighbourhood of the first match is cleaned up (a story runs to 20,000 words).
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - 2 * width) if found else 0
    before, after = start > 0, start + 4 * width < len(text)
    text = " ".join(_MARKDOWN_NOISE.sub("", text[start : start + 4 * width]).split())
    first = pattern.search(text) if pattern else None
    begin = max(0, first.start() - width // 3) if first else 0
    end = min(len(text), begin + width)
    # Cut between words, not inside one.
    if first and begin > 0 and " " in text[begin : first.start()]:
        begin = text.index(" ", begin, first.start()) + 1
    if end < len(text) and " " in text[begin:end]:
        end = text.rindex(" ", begin, end)
    excerpt = text[begin:end]
    if pattern:
        excerpt = pattern.sub(lambda found: START + found[0] + STOP, excerpt)
    prefix = "… " if begin > 0 or before else ""
    suffix = " …" if end < len(text) or after else ""
    return _mark(prefix + excerpt + suffix)

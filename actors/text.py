"""Text helpers: name folding (alias matching, admin and public search), and the checks that
text can be stored and written out as XML."""

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")
# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def fold(text: str) -> str:
    """Case- and accent-folded form of ``text``: "Lauren Sánchez" -> "lauren sanchez"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry (feeds, sitemaps)."""
    return _NOT_XML.sub("", text)

"""What search reads of a reader's words, on both databases."""

import re

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str | None) -> str:
    """What is left of a reader's query once control characters and excess length are gone."""
    text = _CONTROL.sub(" ", raw or "")[:MAX_QUERY_LENGTH]
    return " ".join(text.split()[:MAX_TERMS])

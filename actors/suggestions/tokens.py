"""Split text into folded word tokens for actor matching.

Names and texts go through the same tokenizer, so "Mar-a-Lago", "mar a lago" and
"MAR-A-LAGO" all become the tokens ``mar a lago``; French elided articles ("d'", "l'",
"qu'") and the English possessive ("'s") become tokens of their own, so "d'Elon Musk" and
"Trump's" contain the tokens of "Elon Musk" and "Trump".
"""

import re
from functools import lru_cache

from common.text import fold

APOSTROPHES = "'\u2019\u02bc\u2018`"
# Elided French words: "l'OpenAI", "d'Elon Musk", "qu'Amazon", "jusqu'à", "lorsqu'Elon".
ELISIONS = frozenset(
    ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"]
)
# Sentence ends stop a name from running across them; a paragraph break is one too.
STOP = "|"

_APOSTROPHE_SET = frozenset(APOSTROPHES)
# Underscores are blanked by clean(), so \w is a letter or a digit here.
_WORD = rf"\w+(?:[{APOSTROPHES}]\w+)*"
_BLOCK = "\u2029"  # paragraph separator: stands for Markdown block marks (see clean())
# A paragraph break is two line ends with only blanks (any Unicode space) between them.
_TOKENS = re.compile(rf"(?P<word>{_WORD})|(?P<stop>[.!?\u2026;:]+(?=\s|$)|\n[^\S\n]*\n|{_BLOCK})")
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
# Markdown link targets and bare URLs are addresses, not prose.
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_URL = re.compile(r"https?://\S+")
# A heading or list item is a block of its own: nothing runs into or out of it.
_BLOCK_LINE = re.compile(r"^([ \t]*(?:#+|[-*+]|\d+[.)])[ \t])(.*)(\n?)", re.MULTILINE)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    return fold(word)


# A token is a plain tuple (thousands are made per story, and tuples are the cheapest to
# make): (folded form or STOP, start, end, capitalised, opens a sentence), with offsets
# into the original text for showing the words as written.
Token = tuple[str, int, int, bool, bool]
FOLDED, START, END, CAPITALISED, SENTENCE_START = range(5)


def _split_word(word: str, start: int):
    """Yield (text, start) pieces of a word holding apostrophes: elisions, possessive, rest."""
    parts = _APOSTROPHE.split(word)
    offset = start
    while len(parts) > 1 and fold_word(parts[0]) in ELISIONS:
        yield word[offset - start : offset - start + len(parts[0]) + 1], offset
        offset += len(parts[0]) + 1
        parts = parts[1:]
    possessive = len(parts) > 1 and fold_word(parts[-1]) == "s"
    if possessive:
        parts = parts[:-1]
    rest = word[offset - start : offset - start + sum(map(len, parts)) + len(parts) - 1]
    yield rest, offset
    if possessive:
        yield word[offset - start + len(rest) :], offset + len(rest)


def _mark_block(match: re.Match) -> str:
    mark, line, newline = match.groups()
    return _BLOCK * len(mark) + line + (_BLOCK if newline else "")


# Any line ending is a newline, so that a CRLF paragraph break ends a name as "\n\n" does
# and a single CRLF joins words as a soft line break does (same length: offsets hold).
_LINE_END = re.compile(r"\r\n?")


def clean(text: str) -> str:
    """Blank out link targets and URLs and mark Markdown blocks, keeping every other
    character where it was (token offsets point into the original text)."""
    text = _LINE_END.sub(lambda m: " \n" if len(m.group()) == 2 else "\n", text)
    text = _LINK_TARGET.sub(lambda m: "]" + " " * (len(m.group()) - 1), text)
    text = _URL.sub(lambda m: " " * len(m.group()), text)
    return _BLOCK_LINE.sub(_mark_block, text).replace("_", " ")


def tokenize(text: str) -> list[Token]:
    text = clean(text)
    tokens: list[Token] = []
    append, plain, fold_ = tokens.append, _APOSTROPHE_SET.isdisjoint, fold_word  # the hot loop
    at_start = True
    previous_word = ""
    for match in _TOKENS.finditer(text):
        word = match[1]
        if word is None:  # a sentence or paragraph end
            # "Donald J. Trump": a full stop after an initial does not end the sentence.
            if len(previous_word) == 1 and match.group().startswith("."):
                continue
            if tokens and tokens[-1][FOLDED] != STOP:
                append((STOP, match.start(), match.end(), False, False))
            at_start = True
            continue
        start = match.start()
        if plain(word):
            append((fold_(word), start, start + len(word), word[0].isupper(), at_start))
        else:
            # Only the elided article opens the sentence: "L'Arcom" capitalises Arcom.
            for piece, piece_start in _split_word(word, start):
                folded = fold_word(piece)
                if folded:
                    end = piece_start + len(piece)
                    append((folded, piece_start, end, piece[0].isupper(), at_start))
                    at_start = False
        at_start = False
        previous_word = word
    return tokens


def joined(folded_tokens) -> str:
    """Each token padded with a space on both sides: whole tokens only ever match whole
    tokens, and two neighbouring names do not share a space."""
    return "".join(f" {token} " for token in folded_tokens)

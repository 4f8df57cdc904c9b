"""Capitalised names that match no actor: what the desk is offered to create."""

from collections import Counter

from actors.suggestions import cues
from actors.suggestions.names import (
    ADJECTIVE,
    ARTICLES,
    COMMON_CAPITALISED,
    CONNECTORS,
    DEMONYMS,
    FRENCH_DATES,
    HEADS,
    NOT_NAMES,
    PLACE_HEADS,
    is_acronym,
    is_gap,
)
from actors.suggestions.tokens import CAPITALISED, END, FOLDED, SENTENCE_START, START, STOP

MAX_HEAD_WORDS = 4


def unknown_names(text, tokens, covered, loud, result) -> None:
    """Runs of capitalised words that no actor matched: "Palm Beach", "Government
    Accountability Office", "Assemblée nationale".

    Some runs only count when the text backs them up: a lone word opening a sentence, a
    single capital letter and a country abbreviation ("US") need the same word capitalised
    mid-sentence, and an acronym needs to recur. A later surname of a new name counts for
    it ("Vautrin" after "Catherine Vautrin")."""
    runs: list[list] = []
    run: list = []
    for index, token in enumerate(tokens):
        if run and not is_gap(text[run[-1][END] : token[START]]):
            runs.append(run)
            run = []
        if covered[index] or token[FOLDED] == STOP or loud[index]:
            if run:
                runs.append(run)
                run = []
        elif token[CAPITALISED] or (run and _joins(run, tokens, index)):
            run = run or _place_head(text, tokens, index, covered)
            run.append(token)
        elif run:  # most words: lower case, no name under way
            run.extend(_institution_tail(tokens, index, run, covered))
            runs.append(run)
            run = []
    runs.append(run)
    pending = [name for run in runs if run for name in _names(text, run)]
    _count(pending, result)


def _joins(run, tokens, index) -> bool:
    """A lower-case word inside a name: "Charles de Gaulle", "Place de la Concorde", "Food
    and Drug Administration", "Institute for Global Health"."""
    folded, last = tokens[index][FOLDED], run[-1][FOLDED]
    if folded in CONNECTORS:
        return True
    if folded in ARTICLES:
        return last in ("de", "d'")
    following = tokens[index + 1 : index + 3]
    if folded == "for":
        return last in cues.ORGANISATION_WORDS and _capitalised(following[:1])
    if folded == "and":  # not between two people: "Kimbal Musk and Jeff Bezos"
        return (
            len(following) == 2
            and _capitalised(following)
            and run[0][FOLDED] not in cues.FIRST_NAMES
            and following[0][FOLDED] not in cues.FIRST_NAMES
        )
    return False


def _capitalised(tokens) -> bool:
    return bool(tokens) and all(token[CAPITALISED] for token in tokens)


def _place_head(text, tokens, index, covered) -> list:
    """The lower-case words before a capitalised one that open a place's name in French:
    "place Masséna", "vallée du Rhône", "pays de Galles"."""
    at = index - 1
    if at > 0 and tokens[at][FOLDED] in ("de", "du", "des", "d'"):
        at -= 1
    if at < 0 or covered[at] or tokens[at][CAPITALISED] or tokens[at][FOLDED] not in PLACE_HEADS:
        return []
    words = tokens[at : index + 1]
    if not all(is_gap(text[a[END] : b[START]]) for a, b in zip(words, words[1:], strict=False)):
        return []
    return list(tokens[at:index])


def _institution_tail(tokens, index, run, covered) -> list:
    """The lower-case words that end "Parquet national financier", "Ligue des champions"."""
    if not any(token[FOLDED] in HEADS for token in run):
        return []
    # "Ligue des champions", "Congrès des députés", "Autorité de la concurrence".
    if run[-1][FOLDED] in CONNECTORS or run[-1][FOLDED] in ARTICLES:
        return [tokens[index]]
    tail: list = []
    while index < len(tokens) and len(tail) < MAX_HEAD_WORDS and not covered[index]:
        token = tokens[index]
        if token[CAPITALISED] or token[FOLDED] == STOP:
            break
        if token[FOLDED] in ("des", "du", "de") and index + 1 < len(tokens):
            following = tokens[index + 1]
            if following[FOLDED] != STOP and not covered[index + 1]:
                tail += [token, following]
            break
        if not ADJECTIVE.search(token[FOLDED]):
            break
        tail.append(token)
        index += 1
    return tail


def _names(text, run) -> list[tuple[str, str, tuple[int, int], bool]]:
    """(key, form, span, opens a sentence) of the names in one run of words."""
    while run and (run[-1][FOLDED] in CONNECTORS | ARTICLES or not run[-1][FOLDED].isalnum()):
        run.pop()
    while run and (_not_a_start(run[0]) or not (run[0][CAPITALISED] or _heads_place(run))):
        run.pop(0)
    # A title before a person's name: "Judge James Boasberg", "Culture Secretary Lisa Nandy".
    titles = [at for at, token in enumerate(run[:-2]) if token[FOLDED] in cues.PERSON_TITLES]
    if titles:
        del run[: titles[-1] + 1]
        return _names(text, run)
    # "Members of Congress" opening a sentence: a plural common noun, then the name.
    if len(run) > 2 and run[0][SENTENCE_START] and run[1][FOLDED] in CONNECTORS:
        if run[0][FOLDED].endswith("s") and run[0][FOLDED] not in cues.KNOWN_PLACES:
            del run[:2]
    if not run or all(t[FOLDED].isdigit() for t in run):
        return []
    # "Lauren Hart of Johns Hopkins University": a person, then where she works.
    if run[0][FOLDED] in cues.FIRST_NAMES:
        for at, token in enumerate(run[2:], start=2):
            if token[FOLDED] in CONNECTORS:
                return _names(text, run[:at]) + _names(text, run[at + 1 :])
    key = " ".join(t[FOLDED] for t in run)
    form = text[run[0][START] : run[-1][END]]
    return [(key, form, (run[0][START], run[-1][END]), len(run) == 1 and run[0][SENTENCE_START])]


def _heads_place(run) -> bool:
    return run[0][FOLDED] in PLACE_HEADS and len(run) > 1 and not run[0][SENTENCE_START]


def _not_a_start(token) -> bool:
    folded = token[FOLDED]
    return folded in NOT_NAMES or (folded in FRENCH_DATES and token[SENTENCE_START])


def _count(pending, result) -> None:
    mid_sentence = Counter(key for key, _, _, opening in pending if not opening)
    seen = Counter(key for key, *_ in pending)
    surnames: dict[str, set[str]] = {}
    for key, *_ in pending:
        words = key.split()
        if len(words) > 1:
            surnames.setdefault(words[-1], set()).add(key)
    for key, form, span, opening in pending:
        owners = surnames.get(key, set())
        owner = next(iter(owners)) if len(owners) == 1 else None
        if owner and result.names.get(owner):
            key = owner  # a later surname: counted for the full name
        elif not _offered(key, form, opening, seen[key], mid_sentence[key]):
            continue
        result.names[key] += 1
        result.name_forms.setdefault(key, " ".join(form.split()))
        result.name_spans[key].append(span)


def _offered(key: str, form: str, opening: bool, seen: int, mid_sentence: int) -> bool:
    if " " in key:
        return True
    if key in COMMON_CAPITALISED or key in DEMONYMS:
        return False
    if len(key) == 1 or key in cues.PLACE_ACRONYMS:
        return mid_sentence >= 2
    if is_acronym(form):
        return seen >= 2
    if opening and (key in cues.KNOWN_PLACES or not form[1:].islower()):
        return True  # "Belgium has…", "SoftBank said…"
    return not opening or mid_sentence >= 1

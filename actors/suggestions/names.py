"""What the matcher finds beyond the actors' own names: later short forms of a person named
in full ("Sánchez", "M. Musk"), and capitalised names that match no actor."""

import re
from collections import Counter

from actors.suggestions.tokens import CAPITALISED, END, FOLDED, SENTENCE_START, START, STOP

# Lower-case words that may sit inside a name: "Charles de Gaulle", "Bank of America".
CONNECTORS = frozenset(
    "de du des d' d la le van von der den di da del dos of y bin ibn al el".split()
)
# Words before a surname that make a short form of it: "M. Musk", "Mme Sánchez", "Dr Pan".
TITLES = frozenset("m mm mme mmes mlle me dr pr mr mrs ms miss sir".split())
# Capitalised words that start sentences or dates rather than names.
NOT_NAMES = frozenset(
    """
    le la les l' l un une des du de d' au aux ce cet cette ces il elle ils elles on nous vous je
    tu mais et ou donc or ni car pour par dans en sur sous avec sans selon depuis pendant apres
    avant lors quand si comme chez entre vers contre ainsi alors aussi encore deja puis enfin
    reste tout tous toute toutes leur leurs son sa ses mon ma mes notre nos votre vos qui que
    quoi dont ou ici la-bas oui non monsieur madame m mme mr mrs ms dr
    the a an this that these those it its he she they we you i his her their our my your in on
    at to for from with without by of and but or nor so yet as if when while after before
    since during about into over under between among despite however yesterday today
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
    juillet aout septembre octobre novembre decembre monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december
    """.split()
)
# Capitalised on their own by convention, not names: "les États membres", "the Post said"
# (the name is "The Washington Post"; alone, the word only stands for it).
COMMON_CAPITALISED = frozenset(
    "etat etats gouvernement president presidente premier ministre state states post".split()
)
# Country and area abbreviations: offered only when they recur mid-sentence.
AREAS = frozenset(
    """
    us usa uk ue eu un onu uae eau rdc drc prc urss ussr gb nz rsa
    """.split()
)
# An upper-case line of several words is a headline shouted in capitals: its words say
# nothing about which are names.
_SHOUTED = re.compile(r"^[^\S\n]*(?=[^\n]*[A-ZÀ-Þ]{2})[^a-zß-ÿ\n]*$", re.MULTILINE)


def short_forms(text, tokens, covered, matches, persons, result) -> None:
    """A later surname ("Sánchez"), bare or after a title ("Mme Sánchez"), counts for the
    person named in full earlier in the text, when only one person so named fits."""
    named_at: dict[str, dict[int, int]] = {}  # surname -> {person: first full mention}
    for first, last, actor_ids in matches:
        surname = tokens[last][FOLDED]
        if last == first or surname in CONNECTORS:
            continue
        for actor_id in actor_ids:
            if actor_id in persons:
                named_at.setdefault(surname, {}).setdefault(actor_id, first)
    if not named_at:
        return
    for index, token in enumerate(tokens):
        fits = named_at.get(token[FOLDED])
        if covered[index] or not fits or not token[CAPITALISED]:
            continue
        earlier = [actor_id for actor_id, at in fits.items() if at < index]
        if len(earlier) != 1:
            continue
        first = index
        if index and tokens[index - 1][FOLDED] in TITLES and not covered[index - 1]:
            first = index - 1
        covered[first : index + 1] = b"\x01" * (index + 1 - first)
        result.count(earlier[0], text[tokens[first][START] : token[END]])


def _shouted(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _SHOUTED.finditer(text) if len(match.group().split()) > 1]


def _is_gap(between: str) -> bool:
    """Only spaces of any kind (line ends, tabs, no-break spaces) or hyphens between two
    words: they may belong to one name."""
    return not between.replace("-", " ").replace("\u2011", " ").strip()


def unknown_names(text, tokens, covered, result) -> None:
    """Runs of capitalised words that no actor matched: "Palm Beach", "Government
    Accountability Office".

    Some runs only count when the text backs them up: a lone word opening a sentence, a
    single capital letter and a country abbreviation ("US") need the same word capitalised
    mid-sentence at least twice, and an acronym needs to recur."""
    mid_sentence: Counter = Counter()
    pending: list[tuple[str, str, tuple[int, int], bool]] = []
    run: list = []
    shouted = _shouted(text)

    def loud(token) -> bool:
        return any(start <= token[START] < end for start, end in shouted)

    def flush():
        while run and (run[-1][FOLDED] in CONNECTORS or not run[-1][CAPITALISED]):
            run.pop()
        while run and (run[0][FOLDED] in NOT_NAMES or not run[0][CAPITALISED]):
            run.pop(0)
        if run and not all(t[FOLDED].isdigit() for t in run):
            key = " ".join(t[FOLDED] for t in run)
            form = text[run[0][START] : run[-1][END]]
            opening = len(run) == 1 and run[0][SENTENCE_START]
            if not opening:
                mid_sentence[key] += 1
            pending.append((key, form, (run[0][START], run[-1][END]), opening))
        run.clear()

    for index, token in enumerate(tokens):
        if run and not _is_gap(text[run[-1][END] : token[START]]):
            flush()
        if covered[index] or token[FOLDED] == STOP or loud(token):
            flush()
        elif token[CAPITALISED] or (run and token[FOLDED] in CONNECTORS):
            run.append(token)
        else:
            flush()
    flush()

    seen: Counter = Counter(key for key, *_ in pending)
    for key, form, span, opening in pending:
        if not _offered(key, form, opening, seen[key], mid_sentence[key]):
            continue
        result.names[key] += 1
        result.name_forms.setdefault(key, " ".join(form.split()))
        result.name_spans[key].append(span)


def _offered(key: str, form: str, opening: bool, seen: int, mid_sentence: int) -> bool:
    if " " in key:
        return True
    if key in COMMON_CAPITALISED:
        return False
    if len(key) == 1 or key in AREAS:
        return mid_sentence >= 2
    if form.isupper() and len(form) > 1:
        return seen >= 2  # an acronym
    return not opening or mid_sentence >= 1

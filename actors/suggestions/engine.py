"""The matcher: an Aho-Corasick automaton over every actor name and alias.

Built once from (actor id, name) pairs; a scan of a text then costs one pass over it,
whatever the number of aliases.
"""

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from actors.suggestions.tokens import (
    CAPITALISED,
    END,
    FOLDED,
    SENTENCE_START,
    START,
    STOP,
    Token,
    joined,
    key_tokens,
    tokenize,
)

# A one-letter "alias" would match every "a" and "y" in French prose.
MIN_KEY_LENGTH = 2

# Lower-case words that may sit inside a name: "Charles de Gaulle", "Bank of America".
CONNECTORS = frozenset(
    "de du des d' la le van von der den di da del dos of y bin ibn al el".split()
)
# Capitalised words that start sentences or dates rather than names.
NOT_NAMES = frozenset(
    """
    le la les l' un une des du de d' au aux ce cet cette ces il elle ils elles on nous vous je
    tu mais et ou donc or ni car pour par dans en sur sous avec sans selon depuis pendant apres
    avant lors quand si comme chez entre vers contre ainsi alors aussi encore deja puis enfin
    reste tout tous toute toutes leur leurs son sa ses mon ma mes notre nos votre vos qui que
    quoi dont ou ici la-bas oui non monsieur madame m mme mr mrs ms dr
    the a an this that these those it its he she they we you i his her their our my your in on
    at to for from with without by of and but or nor so yet as if when while after before
    since during about into over under between among despite
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
    juillet aout septembre octobre novembre decembre monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september
    october november december
    """.split()
)


@dataclass
class Scan:
    """What a text names: actor id -> count and the forms used; unknown names -> count."""

    actors: Counter = field(default_factory=Counter)
    forms: dict = field(default_factory=lambda: defaultdict(dict))
    names: Counter = field(default_factory=Counter)
    name_forms: dict = field(default_factory=dict)


class ActorMatcher:
    def __init__(self, entries: Iterable[tuple[int, str]]):
        """``entries``: (actor id, name or alias) pairs."""
        keys: dict[str, set[int]] = defaultdict(set)
        token_counts: dict[str, int] = {}
        for actor_id, name in entries:
            tokens = key_tokens(name)
            key = joined(tokens)
            if len(key) - 2 * len(tokens) < MIN_KEY_LENGTH:
                continue
            keys[key].add(actor_id)
            token_counts[key] = len(tokens)
        self.automaton = ahocorasick.Automaton()
        for key, actor_ids in keys.items():
            self.automaton.add_word(key, (len(key), token_counts[key], tuple(sorted(actor_ids))))
        self.size = len(keys)
        if keys:
            self.automaton.make_automaton()

    def scan(self, text: str) -> Scan:
        tokens = tokenize(text)
        result = Scan()
        covered = bytearray(len(tokens))
        if self.size:
            self._match(text, tokens, covered, result)
        _unknown_names(text, tokens, covered, result)
        return result

    def _match(self, text: str, tokens: list[Token], covered: bytearray, result: Scan) -> None:
        starts, position = [], 0
        for token in tokens:
            starts.append(position)
            position += len(token[FOLDED]) + 2
        haystack = joined(token[FOLDED] for token in tokens)
        # Leftmost-longest: "Dîner de Mar-a-Lago" wins over "Mar-a-Lago" inside it.
        for end, (length, count, actor_ids) in self.automaton.iter_long(haystack):
            first = bisect_right(starts, end - length + 1) - 1
            last = first + count - 1
            covered[first : last + 1] = b"\x01" * count
            form = text[tokens[first][START] : tokens[last][END]]
            for actor_id in actor_ids:
                result.actors[actor_id] += 1
                forms = result.forms[actor_id]
                forms[form] = forms.get(form, 0) + 1


def _unknown_names(text: str, tokens: list[Token], covered: bytearray, result: Scan) -> None:
    """Runs of capitalised words that no actor matched: "Palm Beach", "Government
    Accountability Office". A lone capitalised word opening a sentence is not counted
    unless the same word also appears capitalised mid-sentence."""
    weak: Counter = Counter()
    run: list[Token] = []

    def flush():
        while run and (run[-1][FOLDED] in CONNECTORS or not run[-1][CAPITALISED]):
            run.pop()
        while run and (run[0][FOLDED] in NOT_NAMES or not run[0][CAPITALISED]):
            run.pop(0)
        if run and not all(t[FOLDED].isdigit() for t in run):
            key = " ".join(t[FOLDED] for t in run)
            form = text[run[0][START] : run[-1][END]]
            if len(run) == 1 and run[0][SENTENCE_START]:
                weak[key] += 1
                result.name_forms.setdefault(key, form)
            else:
                result.names[key] += 1
                result.name_forms[key] = result.name_forms.get(key, form)
        run.clear()

    for index, token in enumerate(tokens):
        # Punctuation between two words ends a name: "Palm Beach (Floride)", "Meta, Google".
        if run and text[run[-1][END] : token[START]].strip(" \t\n-"):
            flush()
        if covered[index] or token[FOLDED] == STOP:
            flush()
        elif token[CAPITALISED] or (run and token[FOLDED] in CONNECTORS):
            run.append(token)
        else:
            flush()
    flush()
    for key, count in weak.items():
        if key in result.names:
            result.names[key] += count

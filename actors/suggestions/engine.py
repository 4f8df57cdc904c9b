"""The matcher: an Aho-Corasick automaton over every actor name and alias.

Built once from (actor id, name, any case) entries; a scan of a text then costs one pass over
it, whatever the number of aliases.

Case means something: a name's capitalised words only match capitalised words in the text
("Meta" is not "une méta-analyse", "Donald Trump" is not "to trump an ace"), unless the alias
is marked "any case". An all-capital headline still matches, its words being capitalised.
"""

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import ahocorasick

from actors.suggestions.names import CONNECTORS, short_forms, unknown_names
from actors.suggestions.tokens import (
    CAPITALISED,
    END,
    FOLDED,
    START,
    STOP,
    Token,
    joined,
    tokenize,
)

# A one-letter "alias" would match every "a" and "y" in French prose.
MIN_KEY_LENGTH = 2
# Words of a name that a text may write in lower case: "le Monde", "the Washington Post".
LOWER_CASE_ALLOWED = CONNECTORS | frozenset("le la les l the".split())


@dataclass
class Scan:
    """What a text names: actor id -> count and the forms used; unknown names -> count, the
    form shown and where each occurrence is (character offsets, for guessing its kind)."""

    actors: Counter = field(default_factory=Counter)
    forms: dict = field(default_factory=lambda: defaultdict(dict))
    names: Counter = field(default_factory=Counter)
    name_forms: dict = field(default_factory=dict)
    name_spans: dict = field(default_factory=lambda: defaultdict(list))

    def count(self, actor_id: int, form: str) -> None:
        self.actors[actor_id] += 1
        forms = self.forms[actor_id]
        forms[form] = forms.get(form, 0) + 1


def case_mask(tokens: list[Token]) -> int:
    """Bit i set when a name's i-th word is capitalised and must be so in the text."""
    mask = 0
    for index, token in enumerate(tokens):
        if token[CAPITALISED] and token[FOLDED] not in LOWER_CASE_ALLOWED:
            mask |= 1 << index
    return mask


class ActorMatcher:
    def __init__(self, entries: Iterable[tuple], *, persons: Iterable[int] = ()):
        """``entries``: (actor id, name or alias[, any case]) tuples; ``persons``: the ids
        of actors who are people (a later surname alone counts for them)."""
        keys: dict[str, set[tuple[int, int]]] = defaultdict(set)
        token_counts: dict[str, int] = {}
        for actor_id, name, *flags in entries:
            tokens = tokenize(name)
            while tokens and tokens[-1][FOLDED] == STOP:  # "Amazon Inc." as typed
                tokens.pop()
            folded = [token[FOLDED] for token in tokens]
            key = joined(folded)
            if not folded or len(key) - 2 * len(folded) < MIN_KEY_LENGTH:
                continue
            any_case = bool(flags and flags[0])
            keys[key].add((actor_id, 0 if any_case else case_mask(tokens)))
            token_counts[key] = len(folded)
        self.automaton = ahocorasick.Automaton()
        for key, wanted in keys.items():
            self.automaton.add_word(key, (len(key), token_counts[key], tuple(sorted(wanted))))
        self.size = len(keys)
        self.persons = frozenset(persons)
        if keys:
            self.automaton.make_automaton()

    def scan(self, text: str) -> Scan:
        tokens = tokenize(text)
        result = Scan()
        covered = bytearray(len(tokens))
        if self.size:
            matches = self._match(tokens)
            for first, last, actor_ids in matches:
                covered[first : last + 1] = b"\x01" * (last - first + 1)
                form = text[tokens[first][START] : tokens[last][END]]
                for actor_id in actor_ids:
                    result.count(actor_id, form)
            short_forms(text, tokens, covered, matches, self.persons, result)
        unknown_names(text, tokens, covered, result)
        return result

    def _match(self, tokens: list[Token]) -> list[tuple[int, int, tuple[int, ...]]]:
        """(first token, last token, actor ids) of each name found, leftmost-longest among
        the names whose case fits: "Dîner de Mar-a-Lago" wins over "Mar-a-Lago" inside it."""
        starts, position = [], 0
        for token in tokens:
            starts.append(position)
            position += len(token[FOLDED]) + 2
        haystack = joined(token[FOLDED] for token in tokens)
        found = []
        for end, (length, count, wanted) in self.automaton.iter(haystack):
            first = bisect_right(starts, end - length + 1) - 1
            capitals = 0
            for index in range(count):
                if tokens[first + index][CAPITALISED]:
                    capitals |= 1 << index
            actor_ids = tuple(
                sorted({actor_id for actor_id, mask in wanted if mask & capitals == mask})
            )
            if actor_ids:
                found.append((first, first + count - 1, actor_ids))
        found.sort(key=lambda match: (match[0], match[0] - match[1]))
        chosen, free_from = [], 0
        for match in found:
            if match[0] >= free_from:
                chosen.append(match)
                free_from = match[1] + 1
        return chosen

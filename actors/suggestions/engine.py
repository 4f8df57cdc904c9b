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

from actors.suggestions.names import (
    CONNECTORS,
    SHOUTED,
    inside_longer_name,
    is_acronym,
    short_forms,
    shouted,
)
from actors.suggestions.tokens import (
    CAPITALISED,
    END,
    FOLDED,
    SENTENCE_START,
    START,
    STOP,
    Token,
    joined,
    tokenize,
)
from actors.suggestions.unknown import unknown_names

# A one-letter "alias" would match every "a" and "y" in French prose: only a capital letter
# is kept, for "X", and it must stand alone mid-sentence (not "X-ray", "Malcolm X").
MIN_KEY_LENGTH = 2
LETTER_NOUNS = frozenset(
    """
    rayon rayons ray rays vitamine vitamin generation plan axe axis type classe class
    annee year jour day heure hour point lettre letter
    """.split()
)
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

    def count(self, actor_id: int, form: str, times: int = 1) -> None:
        self.actors[actor_id] += times
        forms = self.forms[actor_id]
        forms[form] = forms.get(form, 0) + times


def case_masks(name: str, tokens: list[Token]) -> tuple[int, int]:
    """Bit i set in the first mask when a name's i-th word is capitalised and must be so in
    the text; in the second when it is an acronym ("CES", not "Ces" opening a sentence)."""
    capitals = acronyms = 0
    for index, token in enumerate(tokens):
        # An acronym that spells an article ("LÉ", "LA", "DE") is no article: "la" and
        # "Le" opening a sentence do not name it.
        if is_acronym(name[token[START] : token[END]]):
            capitals |= 1 << index
            acronyms |= 1 << index
        elif token[CAPITALISED] and token[FOLDED] not in LOWER_CASE_ALLOWED:
            capitals |= 1 << index
    return capitals, acronyms


class ActorMatcher:
    def __init__(
        self, entries: Iterable[tuple], *, persons: Iterable[int] = (), places: Iterable[int] = ()
    ):
        """``entries``: (actor id, name or alias[, any case]) tuples; ``persons`` and
        ``places``: the ids of actors who are people (a later surname alone counts for them)
        and places (neither is named by the first words of a longer name: "Paris
        Saint-Germain", "Kimbal Musk")."""
        keys: dict[str, set[tuple[int, int, int]]] = defaultdict(set)
        token_counts: dict[str, int] = {}
        for actor_id, name, *flags in entries:
            tokens = tokenize(name)
            while tokens and tokens[-1][FOLDED] == STOP:  # "Amazon Inc." as typed
                tokens.pop()
            folded = [token[FOLDED] for token in tokens]
            key = joined(folded)
            any_case = bool(flags and flags[0])
            letter = len(folded) == 1 and name.strip().isupper() and not any_case
            if not folded or (len(key) - 2 * len(folded) < MIN_KEY_LENGTH and not letter):
                continue
            keys[key].add((actor_id, *((0, 0) if any_case else case_masks(name, tokens))))
            token_counts[key] = len(folded)
        self.automaton = ahocorasick.Automaton()
        for key, wanted in keys.items():
            self.automaton.add_word(key, (len(key), token_counts[key], _by_case(wanted)))
        self.size = len(keys)
        # What a suggestion shows of each actor by id (index.SHOWN_FIELDS' values), when
        # the index was built from the tables (index.build()); empty otherwise.
        self.shown: dict[int, tuple] = {}
        self.db = "default"
        self.persons = frozenset(persons)
        self.places = frozenset(places)
        self.leading = self.persons | self.places
        if keys:
            self.automaton.make_automaton()

    def scan(self, text: str) -> Scan:
        tokens = tokenize(text)
        result = Scan()
        covered = bytearray(len(tokens))
        loud = shouted(text, tokens)
        if self.size:
            matches = self._match(text, tokens)
            taken = bytearray(len(tokens))  # by any name found, before longer names are judged
            for first, last, _ in matches:
                taken[first : last + 1] = b"\x01" * (last - first + 1)
            matches = self._standalone(text, tokens, matches, taken, loud)
            # A surname may be shared by a hundred actors: count each form once per group of
            # actors, in order of first mention (the order ties are shown in).
            mentions: Counter = Counter()
            for first, last, actor_ids in matches:
                covered[first : last + 1] = b"\x01" * (last - first + 1)
                mentions[actor_ids, text[tokens[first][START] : tokens[last][END]]] += 1
            for (actor_ids, form), times in mentions.items():
                for actor_id in actor_ids:
                    result.count(actor_id, form, times)
            short_forms(text, tokens, covered, matches, self.persons, result)
        unknown_names(text, tokens, covered, loud, result)
        return result

    def _standalone(self, text, tokens, matches, taken, loud) -> list:
        """The matches that are not part of a longer, unknown name, nor a later short form
        of one: after "Nikola Tesla", a bare "Tesla" is the inventor again, unless the
        company was named before him."""
        kept, swallowed = [], {}
        for match in matches:
            first, last, actor_ids = match
            key = tuple(token[FOLDED] for token in tokens[first : last + 1])
            if inside_longer_name(text, tokens, match, self.leading, taken, loud):
                # A first name before it, as in "Nikola Tesla"; a place is nobody's surname.
                gap = text[tokens[first - 1][END] : tokens[first][START]] if first else ""
                if gap.isspace() and self.places.isdisjoint(actor_ids):
                    swallowed.setdefault(key, (first, actor_ids))
                continue
            if key in swallowed:
                at, named = swallowed[key]
                if not any(m[0] < at and set(m[2]) & set(named) for m in kept):
                    continue
            kept.append(match)
        return _not_only_weak(text, tokens, kept, loud)

    def _match(self, text: str, tokens: list[Token]) -> list[tuple[int, int, tuple[int, ...]]]:
        """(first token, last token, actor ids) of each name found, leftmost-longest among
        the names whose case fits: "Dîner de Mar-a-Lago" wins over "Mar-a-Lago" inside it."""
        starts, position = [], 0
        for token in tokens:
            starts.append(position)
            position += len(token[FOLDED]) + 2
        at = {start: index for index, start in enumerate(starts)}
        haystack = joined(token[FOLDED] for token in tokens)
        # Each token's capital and acronym bits, worked out once for all the names on it.
        cases: dict[int, tuple[int, int]] = {}
        found = []
        for end, (length, count, groups) in self.automaton.iter(haystack):
            first = at.get(end - length + 1)
            if first is None:  # a folded word holding a space (a compatibility character)
                first = bisect_right(starts, end - length + 1) - 1
            if length == 3 and not _lone_letter(text, tokens, first):
                continue
            capitals = acronyms = 0
            for index in range(count):
                bits = cases.get(first + index)
                if bits is None:
                    bits = cases[first + index] = _case_bits(text, tokens[first + index])
                capitals |= bits[0] << index
                acronyms |= bits[1] << index
            fitting = [
                actor_ids
                for mask, upper, actor_ids in groups
                if mask & capitals == mask and upper & acronyms == upper
            ]
            if len(fitting) == 1:
                found.append((first, first + count - 1, fitting[0]))
            elif fitting:
                actor_ids = tuple(sorted({pk for ids in fitting for pk in ids}))
                found.append((first, first + count - 1, actor_ids))
        found.sort(key=lambda match: (match[0], match[0] - match[1]))
        chosen, free_from = [], 0
        for match in found:
            if match[0] >= free_from:
                chosen.append(match)
                free_from = match[1] + 1
        return chosen


def _by_case(wanted: set[tuple[int, int, int]]) -> tuple[tuple[int, int, tuple[int, ...]], ...]:
    """(capitals mask, acronyms mask, actor ids) for each case rule of a key: a surname that a
    hundred actors share is checked once, not once per actor."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for actor_id, mask, upper in wanted:
        groups[mask, upper].append(actor_id)
    return tuple((mask, upper, tuple(sorted(ids))) for (mask, upper), ids in groups.items())


def _case_bits(text: str, token: Token) -> tuple[int, int]:
    if not token[CAPITALISED]:
        return 0, 0
    return 1, int(is_acronym(text[token[START] : token[END]]))


def _lone_letter(text: str, tokens: list[Token], index: int) -> bool:
    """A one-letter name in the text: a capital mid-sentence, not part of a longer word, nor
    a letter naming a thing ("rayons X", "vitamin D", "Generation Z")."""
    token = tokens[index]
    if index and tokens[index - 1][FOLDED] in LETTER_NOUNS:
        return False
    before = text[token[START] - 1 : token[START]]
    after = text[token[END] : token[END] + 1]
    return (
        token[CAPITALISED]
        and not token[SENTENCE_START]
        and before not in ("-", "'", "\u2019")
        and after not in ("-", "'", "\u2019", ".")
    )


def _not_only_weak(text, tokens, matches, loud) -> list:
    """A one-word name where capitals prove nothing counts only when the text also names the
    actor elsewhere: in a headline in capitals or title case ("Visa Delays Hit…"), or opening
    a sentence in a text that uses the word in lower case too ("Total casualties rose… in
    total")."""
    lower = {token[FOLDED] for token in tokens if not token[CAPITALISED]}

    def weak(match) -> bool:
        if match[0] != match[1]:
            return False
        token = tokens[match[0]]
        # An acronym is written so on purpose, unless the whole headline is in capitals.
        if is_acronym(text[token[START] : token[END]]):
            return loud[match[0]] == SHOUTED
        return bool(loud[match[0]]) or (token[SENTENCE_START] and token[FOLDED] in lower)

    named = {actor_id for match in matches if not weak(match) for actor_id in match[2]}
    return [match for match in matches if not weak(match) or named & set(match[2])]

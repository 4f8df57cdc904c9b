"""Topic names on a story: which are topics already, which would be new, and which look like a
topic that exists ("election" beside "Élection").

Topics are taggit's tags, looked up as taggit does (case-insensitive: TAGGIT_CASE_INSENSITIVE)
and compared folded (case and accents, common.text.fold). The story form creates a new topic
only when the editor confirmed it (topics_check); imports, the demo and the API set names
as their files say and only pass validate_topics.
"""

import difflib
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Count, F, Lookup, Q, Value
from django.db.models.functions import Length
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.models import TaggedArticle
from common.text import check_storable, fold

TOPIC_MAX_LENGTH = Tag._meta.get_field("name").max_length
# Folded forms at least this similar (difflib's ratio) are pointed out as near-duplicates.
CLOSE_RATIO = 0.85
# Rows read for one autocomplete answer: its ranking (most used first) is exact below this.
CANDIDATES = 200
# Where a topic's name has a new word (name matches also start after these).
_WORD_STARTS = " '’(/-"


def validate_topics(names: Iterable[str]) -> None:
    """Topic names a story may carry. Each topic has a page whose address is its slug, so a
    name without a letter or digit ("-", ">") would leave the story's page unable to link
    it; the tag table holds 100 characters."""
    for name in names:
        check_storable(name)
        if len(name) > TOPIC_MAX_LENGTH:
            raise ValidationError(
                _("The topic “%(start)s…” is longer than %(max)s characters.")
                % {"start": name[:30], "max": TOPIC_MAX_LENGTH},
                code="topic_too_long",
            )
        if not Tag().slugify(name):
            raise ValidationError(
                _("The topic “%(name)s” needs at least one letter or digit.") % {"name": name},
                code="topic_without_slug",
            )


@dataclass(frozen=True)
class TopicName:
    """One typed name against the stored topics."""

    name: str
    # The stored topic it names (same name, case aside), None for a new topic.
    topic: Tag | None = None
    # A topic (or a name earlier in the list) it is folded-equal to: the same topic written
    # differently ("election" for "Élection").
    same_as: str = ""
    # Existing topics it is very close to, closest first ("Elections" for "Élection").
    close_to: tuple[str, ...] = ()

    @property
    def is_new(self) -> bool:
        return self.topic is None


def topics_review(names: Iterable[str], *, near: bool = True) -> list[TopicName]:
    """Each distinct name (case aside), in order, as the stored topics see it; ``near``
    looks for close topics too (one read of the names of similar length). Reads only."""
    names = list(dict.fromkeys(name for name in names if name))
    validate_topics(names)
    # Names picked from the list are stored names: one indexed read finds them all.
    exact = {tag.name: tag for tag in Tag.objects.filter(name__in=names)} if names else {}
    seen, review = {}, []
    for name in names:
        if name.casefold() in seen:
            continue
        topic, stored = exact.get(name), []
        if topic is None:
            stored = _folded_equal(name)
            topic = next((t for t in stored if t.name.casefold() == name.casefold()), None)
        same_as, close = "", ()
        if topic is None:
            earlier = next((n for n in seen.values() if fold(n) == fold(name)), "")
            same_as = stored[0].name if stored else earlier
            if not same_as and near:
                same_as, close = _near(name)
        seen[name.casefold()] = topic.name if topic else name
        review.append(TopicName(name, topic, same_as, close))
    return review


def topics_check(names: Iterable[str], *, confirmed: Iterable[str] = ()) -> list[str]:
    """The story form's rule: the names a story may carry, each existing topic in its stored
    spelling. A name folded-equal to an existing topic is refused (use that topic); a new
    name is refused unless ``confirmed`` names it (case aside), with the closest existing
    topic offered. The ValidationError's errors carry ``params["name"]`` for each refused
    name and the code ``topic_new`` for those that only lack a confirmation."""
    confirmed = {name.casefold() for name in confirmed}
    errors, kept = [], []
    for entry in topics_review(names):
        # Messages are formatted by ValidationError itself, with these params.
        if entry.same_as:
            message = _("“%(name)s” is the topic “%(topic)s” written differently: use “%(topic)s”.")
            params = {"name": entry.name, "topic": entry.same_as}
            errors.append(ValidationError(message, code="topic_duplicate", params=params))
        elif entry.is_new and entry.name.casefold() not in confirmed:
            params = {"name": entry.name, "topic": entry.close_to[0] if entry.close_to else ""}
            message = _("“%(name)s” is not a topic yet.")
            if entry.close_to:
                message += " " + _("Did you mean “%(topic)s”?")
            errors.append(ValidationError(message, code="topic_new", params=params))
        else:
            kept.append(entry.topic.name if entry.topic else entry.name)
    if errors:
        raise ValidationError(errors)
    return kept


@dataclass(frozen=True)
class TopicMatch:
    name: str
    uses: int


def topics_matching(query: str, *, limit: int = 10) -> list[TopicMatch]:
    """Existing topics for an autocomplete: those whose folded name starts with the folded
    ``query``, then those with a word that does, most used first within each."""
    return _matching(query)[0][:limit]


def topics_suggest(query: str, *, limit: int = 10) -> tuple[list[TopicMatch], TopicName | None]:
    """The autocomplete's answer: the topics matching ``query`` and, unless it is one of
    them, what it would be as a new topic (topics_review). Close topics are looked for
    only when none matches: otherwise the list itself shows them. ValidationError for a
    name no topic may have."""
    found, complete = _matching(query)
    if any(match.name.casefold() == query.casefold() for match in found):
        return found[:limit], None
    same = next((match.name for match in found if _fold(match.name) == fold(query)), "")
    if complete or same:
        validate_topics([query])
        entry = TopicName(query, None, same)
        if not same and not found:
            entry = TopicName(query, None, *_near(query))
            if entry.same_as.casefold() == query.casefold():
                # The topic itself, in a spelling the pattern cannot see ("Straße").
                uses = TaggedArticle.objects.filter(tag__name=entry.same_as).count()
                return [TopicMatch(entry.same_as, uses)], None
        return found[:limit], entry
    [entry] = topics_review([query], near=False)
    return found[:limit], (entry if entry.is_new else None)


def _matching(query: str) -> tuple[list[TopicMatch], bool]:
    """topics_matching's list, unbounded, and whether it holds every match."""
    folded = fold(query)
    if not folded:
        return [], True
    prefix = _FoldedPattern(folded)
    rows = Tag.objects.filter(prefix.starts() | prefix.word_starts()).values_list("pk", "name")
    rows = list(rows[: CANDIDATES + 1])
    found = []
    for pk, name in rows[:CANDIDATES]:
        name_folded = _fold(name)
        if name_folded.startswith(folded):
            found.append((0, pk, name))
        elif any(name_folded.startswith(folded, i + 1) for i in _word_breaks(name_folded)):
            found.append((1, pk, name))
    uses = dict(
        TaggedArticle.objects.filter(tag_id__in=[pk for _rank, pk, _name in found])
        .values_list("tag_id")
        .annotate(count=Count("pk"))
    )
    found.sort(key=lambda row: (row[0], -uses.get(row[1], 0), _fold(row[2]), row[2]))
    matches = [TopicMatch(name, uses.get(pk, 0)) for _rank, pk, name in found]
    return matches, len(rows) <= CANDIDATES


@functools.lru_cache(maxsize=50_000)
def _fold(name: str) -> str:
    # Folding costs ~10 µs a name, and the same topics are read again on every keystroke.
    return fold(name)


def _word_breaks(text: str):
    return (i for i, char in enumerate(text) if char in _WORD_STARTS)


def _singular(folded: str) -> str:
    """Each word without a French or English plural ending: "chevaux" -> "cheval"."""
    words = []
    for word in folded.split(" "):
        if len(word) > 4 and word.endswith("aux"):
            word = word[:-3] + "al"
        elif len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word[-1] in "sx":
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def _folded_equal(name: str) -> list[Tag]:
    """Stored topics whose folded name is the folded ``name``."""
    folded = fold(name)
    # taggit's own lookup too: the pattern misses spellings one character longer ("ß").
    candidates = Tag.objects.filter(_FoldedPattern(folded).equals() | Q(name__iexact=name))
    return [tag for tag in candidates if _fold(tag.name) == folded]


def _near(name: str, count: int = 3) -> tuple[str, tuple[str, ...]]:
    """An existing topic ``name`` folds to (a spelling the database pattern cannot see:
    "ß" for "ss"), else the existing topics very close to it: similar spelling or a plural."""
    folded = fold(name)
    size = len(name)
    # difflib's ratio is at most 2*shorter/(both lengths): longer or shorter names cannot
    # reach CLOSE_RATIO; a plural ending adds at most two characters.
    low = min(size - 2, int(size * CLOSE_RATIO / (2 - CLOSE_RATIO)))
    high = max(size + 2, int(size * (2 - CLOSE_RATIO) / CLOSE_RATIO) + 1)
    # Names of similar length with the same first letter: a slip there is rare, and a read
    # of every name of that length is 0.6 s at 100,000 topics.
    names = (
        Tag.objects.annotate(size=Length("name"))
        .filter(_FoldedPattern(folded[:1]).starts(), size__gte=low, size__lte=high)
        .values_list("name", flat=True)
    )
    by_fold = {}
    for stored in names:
        by_fold.setdefault(_fold(stored), stored)
    if folded in by_fold:
        return by_fold[folded], ()
    singular = _singular(folded)
    plurals = [stored for key, stored in by_fold.items() if _singular(key) == singular]
    similar = difflib.get_close_matches(folded, list(by_fold), n=count, cutoff=CLOSE_RATIO)
    found = dict.fromkeys([*plurals, *(by_fold[key] for key in similar)])
    return "", tuple(found)[:count]


class _Glob(Lookup):
    """SQLite's GLOB: a pattern with character classes matched in C, not row by row in
    Python as Django's REGEXP is on SQLite."""

    lookup_name = "glob"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} GLOB {rhs}", [*lhs_params, *rhs_params]


def _variants() -> dict[str, str]:
    """Each folded letter and digit with the characters that fold to it: "e" -> "EeÈÉÊË…"."""
    table = {}
    # Latin-1 and Latin Extended-A and B: every letter of the desk's languages and their
    # neighbours'. Each class is matched character by character, so it stays short.
    for start, end in ((0x30, 0x250),):
        for char in map(chr, range(start, end)):
            folded = fold(char)
            if len(folded) == 1 and folded.isalnum():
                table.setdefault(folded, set()).add(char)
    return {key: "".join(sorted(chars)) for key, chars in table.items()}


_VARIANTS = _variants()


def _cases(char: str) -> str:
    return "".join(dict.fromkeys(c for c in (char, char.upper(), char.title()) if len(c) == 1))


class _FoldedPattern:
    """A folded text as a database pattern matching every spelling that folds to it (case,
    accents): GLOB on SQLite, a regular expression elsewhere. Characters other than letters
    and digits match anything, so the rows found are checked folded again in Python."""

    def __init__(self, folded: str):
        self.glob = self.regex = ""
        for char in folded:
            if char == " ":  # any run of white space, as fold() reads it
                self.glob, self.regex = self.glob + "*", self.regex + ".+"
                continue
            chars = _VARIANTS.get(char) or (_cases(char) if char.isalnum() else "")
            self.glob += f"[{chars}]" if len(chars) > 1 else chars or "?"
            self.regex += f"[{chars}]" if len(chars) > 1 else chars or "."
        self.sqlite = connections[Tag.objects.db].vendor == "sqlite"

    def _match(self, glob: str, regex: str) -> Q:
        if self.sqlite:
            return Q(_Glob(F("name"), Value(glob)))
        return Q(name__regex=regex)

    def equals(self) -> Q:
        return self._match(self.glob, f"^{self.regex}$")

    def starts(self) -> Q:
        return self._match(f"{self.glob}*", f"^{self.regex}")

    def word_starts(self) -> Q:
        return self._match(f"*[{_WORD_STARTS}]{self.glob}*", f"[{_WORD_STARTS}]{self.regex}")

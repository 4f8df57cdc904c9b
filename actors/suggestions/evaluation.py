"""How well the suggester tags: a labelled set of stories, scored against what it offers.

The set is ``tests/data/tagging/`` (its README says how a text is labelled): short news texts
in French and English, each with a front matter naming the authority's actors it really names
(``actors``), the actors whose names it only uses as common words (``not``: "au total",
"a musk ox"), the new names an editor would want offered, with their kind (``new``), and
words that must never be offered as names (``noise``). ``actors.jsonl`` is the authority.

    with authority_loaded(authority_records(), by=None) as ids:
        print(score(load_set(), actors=ids))
"""

import json
import re
import statistics
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.db import transaction

from actors.models import Actor, Alias
from actors.services import actor_create, alias_save
from actors.suggestions.index import GENERATION_KEY
from actors.suggestions.suggest import suggest_for_text
from common.slugs import slug_from
from common.text import fold

DATA_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "tagging"
KINDS = frozenset(Actor.Kind.values)
LANGUAGES = frozenset({"fr", "en"})
# The "done when": the suggester is good enough for editors to trust.
TARGETS = {"precision": 0.95, "recall": 0.95, "new_name_recall": 0.9, "kind_accuracy": 0.8}

_FRONT_MATTER = re.compile(r"\A---\r?\n(?P<head>.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
_KEYS = frozenset({"language", "actors", "not", "new", "noise"})
# An article or a possessive does not make another name: "La France insoumise" and "France
# insoumise", "Reform's" and "Reform" are the same offer.
_ARTICLE = re.compile(r"^(?:(?:the|les|le|la) |l')")
_POSSESSIVE = re.compile(r"'s?$")


@dataclass(frozen=True)
class Entry:
    """One labelled text."""

    name: str
    language: str
    text: str
    actors: frozenset[str] = frozenset()  # authority slugs or names the text really names
    lookalikes: frozenset[str] = frozenset()  # named only as common words
    new: tuple[tuple[str, str], ...] = ()  # (name, kind) an editor wants offered
    noise: tuple[str, ...] = ()  # must not be offered as names


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split("|") if item.strip()]


def parse(raw: str, *, name: str = "") -> Entry:
    """An entry from a file's text: ``key: value`` lines between ``---`` lines, lists as
    ``a | b``, new names as ``Name=kind``. The text after the header is kept byte for byte
    (line ends, tabs and no-break spaces included)."""
    match = _FRONT_MATTER.match(raw)
    if not match:
        raise ValueError(f"{name}: no front matter between --- lines")
    head: dict[str, str] = {}
    for line in match["head"].splitlines():
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in _KEYS or key in head:
            raise ValueError(f"{name}: bad header line {line!r}")
        head[key] = value.strip()
    language = head.get("language", "")
    if language not in LANGUAGES:
        raise ValueError(f"{name}: language must be one of {sorted(LANGUAGES)}")
    new = []
    for item in _items(head.get("new", "")):
        label, _, kind = item.rpartition("=")
        if not label.strip() or kind.strip() not in KINDS:
            raise ValueError(f"{name}: new name {item!r} is not Name=kind")
        new.append((label.strip(), kind.strip()))
    return Entry(
        name=name,
        language=language,
        text=raw[match.end() :],
        actors=frozenset(_items(head.get("actors", ""))),
        lookalikes=frozenset(_items(head.get("not", ""))),
        new=tuple(new),
        noise=tuple(_items(head.get("noise", ""))),
    )


def load_set(directory: Path = DATA_DIR) -> list[Entry]:
    """Every ``NN-<lang>-<slug>.md`` of the set, read as bytes so that CRLF stays CRLF."""
    return [
        parse(path.read_bytes().decode("utf-8"), name=path.name)
        for path in sorted(directory.glob("[0-9][0-9]-*.md"))
    ]


def authority_records(directory: Path = DATA_DIR) -> list[dict]:
    with (directory / "actors.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _any_case_alias_add(*, actor: Actor, name: str, by) -> Alias:
    """An alias matched however the text writes it (``Alias.any_case``)."""
    return alias_save(alias=Alias(actor=actor, name=name, any_case=True), by=by)


def authority_load(records: Iterable[dict], *, by=None) -> dict[str, int]:
    """Create the authority's actors through the services; returns each actor's id under
    its slug and its name, the two ways a label may name it."""
    ids: dict[str, int] = {}
    for record in records:
        actor = actor_create(
            name=record["name"],
            kind=record["kind"],
            aliases=record.get("aliases", ()),
            description=record.get("description", ""),
            wikidata_id=record.get("wikidata_id", ""),
            by=by,
        )
        for alias in record.get("any_case_aliases", ()):
            _any_case_alias_add(actor=actor, name=alias, by=by)
        ids[slug_from(record["name"])] = ids[record["name"]] = actor.pk
    return ids


def matcher_refresh() -> None:
    """Have the next suggestion rebuild the matcher now, from rows this transaction has not
    committed: the set is loaded in a transaction that is rolled back, so the signals'
    on-commit invalidation never comes (and after the rollback, the rows are gone)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


@contextmanager
def authority_loaded(records: Iterable[dict], *, by=None) -> Iterator[dict[str, int]]:
    """The authority in the database for the block only (rolled back at its end): the
    label-to-id map of authority_load()."""
    try:
        with transaction.atomic():
            ids = authority_load(records, by=by)
            matcher_refresh()
            try:
                yield ids
            finally:
                transaction.set_rollback(True)
    finally:
        matcher_refresh()


def name_key(name: str) -> str:
    """Offered and labelled names compare folded, whitespace and hyphens collapsed."""
    key = fold(name.replace("-", " "))
    return _ARTICLE.sub("", _POSSESSIVE.sub("", key), count=1)


@dataclass
class TextScore:
    """What one text got: labels missed, suggestions that were wrong, and the time taken."""

    name: str
    language: str
    ms: float
    suggested: int = 0
    correct: int = 0
    labelled: int = 0
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    lookalike_hits: list[str] = field(default_factory=list)
    lookalikes: int = 0  # labelled look-alikes
    outside: list[str] = field(default_factory=list)  # actors outside the set, not scored
    new_labelled: int = 0
    new_found: int = 0
    new_missed: list[str] = field(default_factory=list)
    kinds_right: int = 0
    wrong_kinds: list[str] = field(default_factory=list)  # "Name: label, not guess"
    noise: list[str] = field(default_factory=list)
    other_names: list[str] = field(default_factory=list)  # offered, neither labelled nor noise


def _ratio(part: int, whole: int) -> float:
    # Nothing to find (or nothing offered) cannot be done wrong.
    return part / whole if whole else 1.0


@dataclass
class Report:
    texts: list[TextScore]

    def _sum(self, attribute: str) -> int:
        return sum(
            len(value) if isinstance(value, list) else value
            for value in (getattr(text, attribute) for text in self.texts)
        )

    @property
    def precision(self) -> float:
        return _ratio(self._sum("correct"), self._sum("suggested"))

    @property
    def recall(self) -> float:
        return _ratio(self._sum("correct"), self._sum("labelled"))

    @property
    def new_name_recall(self) -> float:
        return _ratio(self._sum("new_found"), self._sum("new_labelled"))

    @property
    def kind_accuracy(self) -> float:
        return _ratio(self._sum("kinds_right"), self._sum("new_found"))

    @property
    def lookalike_hits(self) -> int:
        return self._sum("lookalike_hits")

    @property
    def noise(self) -> int:
        return self._sum("noise")

    def ms(self) -> dict:
        """Milliseconds a text: median and 95th percentile."""
        times = sorted(text.ms for text in self.texts) or [0.0]
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18] if times[1:] else times[0]
        return {"median": statistics.median(times), "p95": p95}

    def metrics(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in TARGETS}

    def misses(self) -> dict[str, float]:
        """The targets this report misses, with the figure reached."""
        return {name: value for name, value in self.metrics().items() if value < TARGETS[name]}

    @property
    def lookalike_rejection(self) -> float:
        """The share of labelled look-alikes the suggester turned down."""
        return 1 - _ratio(self.lookalike_hits, self._sum("lookalikes"))

    def as_dict(self) -> dict:
        return {
            **self.metrics(),
            "lookalike_hits": self.lookalike_hits,
            "lookalike_rejection": self.lookalike_rejection,
            "noise": self.noise,
            "texts": len(self.texts),
            "suggested": self._sum("suggested"),
            "correct": self._sum("correct"),
            "labelled": self._sum("labelled"),
            "new_labelled": self._sum("new_labelled"),
            "new_found": self._sum("new_found"),
            "other_names": self._sum("other_names"),
            "outside": self._sum("outside"),
            "ms": self.ms(),
            "details": [asdict(text) for text in self.texts],
        }

    def __str__(self) -> str:
        lines = [
            f"{len(self.texts)} texts: precision {self.precision:.3f}, recall {self.recall:.3f}, "
            f"new-name recall {self.new_name_recall:.3f}, kind accuracy "
            f"{self.kind_accuracy:.3f}; {self.lookalike_hits} look-alike hits, {self.noise} "
            f"noise names, {self._sum('other_names')} other names offered; "
            f"median {self.ms()['median']:.1f} ms a text"
        ]
        for text in self.texts:
            problems = {
                "missed": text.missed,
                "false": text.false_positives,
                "look-alike": text.lookalike_hits,
                "new missed": text.new_missed,
                "kind": text.wrong_kinds,
                "noise": text.noise,
            }
            shown = "; ".join(f"{k}: {', '.join(v)}" for k, v in problems.items() if v)
            if shown:
                lines.append(f"  {text.name}: {shown}")
        return "\n".join(lines)


def _labels_to_ids(labels: Iterable[str], actors: Mapping[str, int], entry: Entry) -> set[int]:
    try:
        return {actors[label] for label in labels}
    except KeyError as error:
        raise ValueError(f"{entry.name}: {error.args[0]!r} is not in the authority") from None


def score_text(
    entry: Entry,
    suggestions,
    *,
    actors: Mapping[str, int],
    ms: float,
    within: Collection[int] | None = None,
) -> TextScore:
    """Compare one text's labels with what the suggester offered for it; suggested actors
    not ``within`` the set's authority (a bench corpus's) are listed, not scored."""
    expected = _labels_to_ids(entry.actors, actors, entry)
    lookalikes = _labels_to_ids(entry.lookalikes, actors, entry) - expected
    offered = {s.actor.pk: s.actor.name for s in suggestions.actors}
    result = TextScore(name=entry.name, language=entry.language, ms=ms)
    if within is not None:
        result.outside = sorted(offered.pop(pk) for pk in list(offered) if pk not in within)
    result.suggested, result.labelled = len(offered), len(expected)
    result.correct = len(expected & offered.keys())
    result.missed = sorted(label for label in entry.actors if actors[label] not in offered)
    result.false_positives = sorted(offered[pk] for pk in offered.keys() - expected)
    result.lookalike_hits = sorted(offered[pk] for pk in offered.keys() & lookalikes)
    result.lookalikes = len(lookalikes)

    new = {name_key(name): (name, kind) for name, kind in entry.new}
    noise = {name_key(name) for name in entry.noise}
    guessed: dict[str, str] = {}
    for offer in suggestions.names:
        key = name_key(offer.name)
        if key in new:
            guessed.setdefault(key, offer.kind)
        elif key in noise:
            result.noise.append(offer.name)
        else:
            result.other_names.append(offer.name)
    result.new_labelled, result.new_found = len(new), len(guessed)
    result.new_missed = [name for key, (name, _) in new.items() if key not in guessed]
    for key, kind in guessed.items():
        name, label = new[key]
        if kind == label:
            result.kinds_right += 1
        else:
            result.wrong_kinds.append(f"{name}: {label}, not {kind or 'none'}")
    return result


def score(
    entries: Iterable[Entry],
    *,
    actors: Mapping[str, int] | None = None,
    suggest: Callable | None = None,
    within: Collection[int] | None = None,
) -> Report:
    """Run the suggester on every entry and score it. ``actors`` maps labels to actor ids
    (authority_load()'s answer; by default the database's slugs and names); ``suggest``
    stands for suggest_for_text(text, language=...); ``within``: see score_text()."""
    if actors is None:
        actors = {}
        for pk, slug, name in Actor.objects.values_list("pk", "slug", "name"):
            actors[slug] = actors[name] = pk
    suggest = suggest or suggest_for_text
    entries = list(entries)
    if entries:  # the index and the kinds' model load once, not timed as the first story
        suggest(entries[0].text, language=entries[0].language)
    texts = []
    for entry in entries:
        started = time.perf_counter()
        suggestions = suggest(entry.text, language=entry.language)
        ms = (time.perf_counter() - started) * 1000
        texts.append(score_text(entry, suggestions, actors=actors, ms=ms, within=within))
    return Report(texts=texts)

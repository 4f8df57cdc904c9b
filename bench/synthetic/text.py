"""Synthetic news prose in French and English, and invented actor names.

Speed matters more than literary merit: a million stories must be written in minutes. Each
language builds a pool of generic sentences once; a story then draws from that pool in one
``random.choices`` call and adds the few sentences that are its own (the actors it tags,
its topics, a quote, a relationship it reports). Words follow the skewed frequencies of
real text because the phrase lists are drawn with Zipf-like weights.
"""

import random
from dataclasses import dataclass
from itertools import accumulate

from bench.synthetic import words

POOL_SIZE = 4000
MEDIAN_WORDS = 450


def zipf_cum_weights(n: int, exponent: float) -> list[float]:
    """Cumulative weights for ``random.choices``: item of rank r weighs 1 / r**exponent."""
    return list(accumulate(1.0 / (rank**exponent) for rank in range(1, n + 1)))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Prose:
    """Sentences, headlines and bodies in one language (``words.FR`` or ``words.EN``)."""

    def __init__(self, rng: random.Random, vocabulary: dict, language: str):
        self.rng = rng
        self.v = vocabulary
        self.language = language
        self.topic_index = 0 if language == "fr" else 1
        self.phrase_index = 0 if language == "fr" else 1
        self._weights = {
            key: zipf_cum_weights(len(vocabulary[key]), 0.8)
            for key in ("subjects", "verbs", "objects", "complements", "title_verbs")
        }
        self.pool = [self._generic_sentence() for _ in range(POOL_SIZE)]
        self.pool_words = sum(len(s.split()) for s in self.pool) / len(self.pool)

    def _pick(self, key: str) -> str:
        return self.rng.choices(self.v[key], cum_weights=self._weights[key])[0]

    def _clause(self) -> str:
        return f"{self._pick('subjects')} {self._pick('verbs')} {self._pick('objects')}"

    def _number(self) -> dict:
        return {"n": self.rng.randint(2, 900), "p": self.rng.randint(2, 60)}

    def _generic_sentence(self) -> str:
        rng = self.rng
        shape = rng.random()
        if shape < 0.35:
            return f"{_cap(self._clause())} {self._pick('complements')}."
        if shape < 0.6:
            return f"{rng.choice(self.v['connectors'])}, {self._clause()}."
        if shape < 0.75:
            return (
                f"{rng.choice(self.v['connectors'])}, {self._clause()} {self._pick('complements')}."
            )
        if shape < 0.87:
            return rng.choice(self.v["facts"]).format(**self._number())
        joiner = "et" if self.language == "fr" else "and"
        return f"{_cap(self._clause())}, {self._pick('complements')}, {joiner} {self._clause()}."

    def actor_sentence(self, name: str, kind: str) -> str:
        v, rng = self.v, self.rng
        if kind == "place":
            template = v["place_sentence"]
        elif kind == "event":
            template = v["event_sentence"]
        elif rng.random() < 0.25:
            return v["quote_sentence"].format(
                quote=rng.choice(v["quotes"]),
                said=rng.choice(v["said"]),
                name=name,
                complement=self._pick("complements"),
            )
        else:
            return (
                f"{name} {self._pick('verbs')} {self._pick('objects')} {self._pick('complements')}."
            )
        return _cap(
            template.format(
                name=name,
                subject=self._pick("subjects"),
                verb=self._pick("verbs"),
                object=self._pick("objects"),
                complement=self._pick("complements"),
            )
        )

    def topic_sentence(self, topic: tuple[str, str]) -> str:
        return self.v["topic_sentence"].format(
            topic=topic[self.topic_index],
            subject=self._pick("subjects"),
            verb=self._pick("verbs"),
            object=self._pick("objects"),
            complement=self._pick("complements"),
        )

    def relationship_sentence(self, source: str, kind_slug: str, target: str) -> str:
        phrases = words.RELATIONSHIP_PHRASES.get(kind_slug)
        phrase = phrases[self.phrase_index] if phrases else kind_slug.replace("-", " ")
        return self.v["relationship"].format(
            source=source, phrase=phrase, target=target, complement=self._pick("complements")
        )

    def title(self, lead: str | None, topic: tuple[str, str] | None) -> str:
        verb, obj = self._pick("title_verbs"), self._pick("objects")
        if lead and (topic is None or self.rng.random() < 0.7):
            return f"{lead} {verb} {obj}"
        if topic is not None:
            return _cap(
                self.v["topic_title"].format(
                    topic=topic[self.topic_index],
                    subject=self._pick("subjects"),
                    verb=verb,
                    object=obj,
                )
            )
        return _cap(f"{self._pick('subjects')} {verb} {obj}")

    def kicker(self) -> str:
        return self.rng.choice(self.v["kickers"]) if self.rng.random() < 0.3 else ""

    def standfirst(self, topic: tuple[str, str] | None) -> str:
        first = self.topic_sentence(topic) if topic else self.rng.choice(self.pool)
        return f"{first} {self.rng.choice(self.pool)}"

    def body(self, specials: list[str], target_words: int | None = None) -> str:
        """Markdown paragraphs of about ``target_words`` words; ``specials[0]`` leads."""
        rng = self.rng
        if target_words is None:
            target_words = story_length(rng)
        count = max(len(specials) + 2, round(target_words / self.pool_words))
        sentences = rng.choices(self.pool, k=count - len(specials))
        for sentence in specials[1:]:
            sentences.insert(rng.randrange(len(sentences) + 1), sentence)
        if specials:
            sentences.insert(0, specials[0])
        paragraphs, start = [], 0
        while start < len(sentences):
            size = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[start : start + size]))
            start += size
        if target_words > 600 and len(paragraphs) > 3:
            at = rng.randrange(2, len(paragraphs))
            paragraphs.insert(at, f"## {rng.choice(self.v['subheadings'])}")
        return "\n\n".join(paragraphs)


def story_length(rng: random.Random) -> int:
    """Words in a story: log-normal around 450 (briefs of 120 to long reads of 2,500)."""
    return min(2500, max(120, round(rng.lognormvariate(6.11, 0.45))))


@dataclass
class ActorName:
    kind: str
    name: str
    sort_name: str
    aliases: list[str]
    description: str


class Names:
    """Invented people, organisations, places and events, each with a few aliases."""

    KINDS = ["person", "organisation", "place", "event"]
    KIND_WEIGHTS = [60, 25, 10, 5]

    def __init__(self, rng: random.Random):
        self.rng = rng

    def _word(self) -> str:
        syllables = self.rng.choices(words.SYLLABLES, k=self.rng.randint(2, 3))
        return "".join(syllables).capitalize()

    def make(self) -> ActorName:
        kind = self.rng.choices(self.KINDS, weights=self.KIND_WEIGHTS)[0]
        return getattr(self, kind)()

    def person(self) -> ActorName:
        rng = self.rng
        first = rng.choice(words.FIRST_NAMES)
        last = rng.choice(words.LAST_NAMES) if rng.random() < 0.6 else self._word()
        aliases = [last, f"{first[0]}. {last}"]
        # Listings write the last name first; at this rate the corpus has two aliases per
        # actor, so the default bench (50,000 actors) has the 100,000 the issue asks for.
        if rng.random() < 0.45:
            aliases.append(f"{last} {first}")
        return ActorName(
            "person",
            f"{first} {last}",
            f"{last}, {first}",
            aliases,
            rng.choice(words.PERSON_DESCRIPTIONS),
        )

    def organisation(self) -> ActorName:
        rng = self.rng
        core = self._word()
        name = rng.choice(words.ORGANISATION_FORMS).format(core)
        initials = "".join(part[0] for part in name.split()).upper()
        aliases = [core] + ([initials] if len(initials) > 1 else [])
        return ActorName(
            "organisation", name, "", aliases, rng.choice(words.ORGANISATION_DESCRIPTIONS)
        )

    def place(self) -> ActorName:
        rng = self.rng
        if rng.random() < 0.3:
            name = rng.choice(words.PLACES)
        else:
            name = f"{rng.choice(['Saint-', 'Port-', 'Mont-', 'Val-', ''])}{self._word()}"
        exonym = words.PLACE_EXONYMS.get(name)
        return ActorName("place", name, "", [exonym] if exonym else [], "Ville")

    def event(self) -> ActorName:
        rng = self.rng
        base = rng.choice(words.EVENT_FORMS).format(rng.choice(words.PLACES))
        year = rng.randint(2005, 2026)
        return ActorName("event", f"{base} {year}", "", [base], "Événement")

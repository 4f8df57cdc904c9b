"""What to offer an editor: actors a text names that are not tagged, and unknown names."""

from dataclasses import dataclass

from actors.models import Actor
from actors.suggestions.index import SHOWN_FIELDS, matcher
from actors.suggestions.kinds import guess_kinds

MAX_NAMES = 20


@dataclass(frozen=True)
class ActorSuggestion:
    actor: Actor
    count: int
    forms: tuple[str, ...]  # as written in the text, most frequent first


@dataclass(frozen=True)
class NameSuggestion:
    name: str
    count: int
    kind: str = ""  # the guessed Actor.Kind, to pre-fill the create-actor choice


@dataclass(frozen=True)
class Suggestions:
    actors: list[ActorSuggestion]
    names: list[NameSuggestion]

    def __bool__(self) -> bool:
        return bool(self.actors or self.names)


def article_text(*, title: str = "", standfirst: str = "", body: str = "") -> str:
    # Blank lines keep a name from running from the headline into the standfirst.
    return "\n\n".join(part for part in (title, standfirst, body) if part)


def shown_actors(index, ids) -> dict[int, Actor]:
    """The actors by id, with only what a suggestion shows (name, kind, slug) loaded, as
    ``only()`` would: from the index, which keeps them as fresh as the names it matches."""
    if not index.shown:
        return Actor.objects.only(*SHOWN_FIELDS).in_bulk(list(ids))
    db, shown = index.db, index.shown
    return {pk: Actor.from_db(db, SHOWN_FIELDS, shown[pk]) for pk in ids if pk in shown}


def suggest_for_text(
    text: str,
    *,
    exclude: frozenset[int] | set[int] = frozenset(),
    language: str | None = None,
    kinds: bool = True,
) -> Suggestions:
    """Actors named in ``text`` (minus ``exclude``, the ids already tagged), most named
    first, and capitalised names that match no actor, each with a guessed kind unless
    ``kinds`` is false (the named-entity model then stays unloaded)."""
    index = matcher()
    scan = index.scan(text)
    wanted = {actor_id: count for actor_id, count in scan.actors.items() if actor_id not in exclude}
    actors = shown_actors(index, wanted)
    found = [
        ActorSuggestion(
            actor=actors[actor_id],
            count=count,
            forms=_most_used_first(scan.forms[actor_id]),
        )
        for actor_id, count in wanted.items()
        if actor_id in actors
    ]
    found.sort(key=lambda s: (-s.count, s.actor.name.casefold()))
    shown = sorted(scan.names, key=lambda key: (-scan.names[key], scan.name_forms[key].casefold()))
    shown = shown[:MAX_NAMES]
    guessed = {}
    if kinds and shown:
        spans = {key: scan.name_spans[key] for key in shown}
        guessed = guess_kinds(text, spans, language=language)
    names = [
        NameSuggestion(name=scan.name_forms[key], count=scan.names[key], kind=guessed.get(key, ""))
        for key in shown
    ]
    return Suggestions(actors=found, names=names)


def _most_used_first(forms: dict[str, int]) -> tuple[str, ...]:
    # A reversed sort keeps ties in order of first use, as the sort is stable.
    return tuple(sorted(forms, key=forms.__getitem__, reverse=True))


def suggest_for_article(article, *, title=None, standfirst=None, body=None) -> Suggestions:
    """Suggestions for a story; the keyword arguments stand for text being edited, not
    saved yet."""
    text = article_text(
        title=article.title if title is None else title,
        standfirst=article.standfirst if standfirst is None else standfirst,
        body=article.body if body is None else body,
    )
    tagged = set(article.actor_tags.values_list("actor_id", flat=True)) if article.pk else set()
    return suggest_for_text(text, exclude=tagged, language=article.language or None)

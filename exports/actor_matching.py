"""Finding the actors an imported story names, or creating them.

Matching order: the Wikidata id, then the slug, then the name or an alias, case- and
accent-folded (common.text.fold), same kind. Names are matched only against actors that
existed before the import: two actors the exporting desk kept apart (two "John Smith"s
with different slugs) stay apart. A matched actor is never overwritten; its empty fields
are filled and its missing aliases added.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from actors.models import Actor, Alias
from actors.services import actor_create, alias_add
from common.slugs import slug_from
from common.text import fold
from exports import fields
from exports.fields import RecordError

FILLABLE = ("sort_name", "description", "website")


def several(name: str, candidates: list[Actor]) -> str:
    """The warning for a name that matches more than one actor."""
    return (
        f"{name!r} matches several actors ({candidates[0].slug}, {candidates[1].slug}, "
        "…); a new actor was created: merge it if it is the same."
    )


class ActorMatcher:
    def __init__(self):
        self.created: list[Actor] = []
        self.warnings: list[str] = []
        self._created_ids: set[int] = set()
        self._seen: dict[tuple, Actor] = {}
        # Filled by preload(): the actors a batch of records can match, looked up at once.
        self._known: _Known | None = None

    def resolve(self, data: dict) -> Actor:
        """The actor for one entry of a record (raises RecordError naming the bad field)."""
        name = fields.text(data, "name", max_length=200)
        if not name.strip():
            raise RecordError("name", "an actor needs a name.")
        kind = fields.text(data, "kind", default=Actor.Kind.PERSON)
        if kind not in Actor.Kind.values:
            raise RecordError("kind", f"{kind!r} is not one of {', '.join(Actor.Kind.values)}.")
        slug = fields.text(data, "slug", max_length=200) or slug_from(name, max_length=200)
        wikidata_id = fields.text(data, "wikidata_id", max_length=20)
        aliases = fields.texts(data, "aliases", max_length=200)
        # Seen with the same details: nothing to match or fill again.
        key = (slug, wikidata_id, name, kind, tuple(aliases))
        key += tuple(fields.text(data, field) for field in FILLABLE)
        if key not in self._seen:
            actor = self._match(name=name, kind=kind, slug=slug, wikidata_id=wikidata_id)
            try:
                if actor is None:
                    actor = self._create(
                        data, name=name, kind=kind, slug=slug, wikidata_id=wikidata_id
                    )
                else:
                    self._fill(actor, data, wikidata_id=wikidata_id, aliases=aliases)
            except ValidationError as error:
                raise fields.from_validation_error(error) from None
            self._seen[key] = actor
        return self._seen[key]

    def preload(self, entries: list[dict]) -> None:
        """Look up, in four queries, every actor these record entries could match, so that
        ``resolve`` then matches them without a query each (bulk imports)."""
        wanted = [_wanted(entry) for entry in entries if isinstance(entry, dict)]
        wanted = [w for w in wanted if w is not None]
        self._known = _Known(
            wikidata={w[3] for w in wanted if w[3]},
            slugs={w[2] for w in wanted},
            folded={fold(w[0]) for w in wanted},
        )

    def _match(self, *, name: str, kind: str, slug: str, wikidata_id: str) -> Actor | None:
        known = self._known
        if known is not None and known.covers(name=name, slug=slug, wikidata_id=wikidata_id):
            return known.match(
                name=name, kind=kind, slug=slug, wikidata_id=wikidata_id, matcher=self
            )
        if wikidata_id:
            actor = Actor.objects.filter(wikidata_id=wikidata_id).first()
            if actor is not None:
                return actor
        actor = Actor.objects.filter(slug=slug).first()
        if actor is not None and not (wikidata_id and actor.wikidata_id):
            return actor  # a slug names the same actor unless the Wikidata ids disagree
        folded = fold(name)
        candidates = Actor.objects.filter(
            Q(name_folded=folded) | Q(aliases__folded=folded), kind=kind
        ).exclude(pk__in=self._created_ids)
        if wikidata_id:
            # No actor has this id (looked up first): one with another id is someone else.
            candidates = candidates.filter(wikidata_id="")
        candidates = list(candidates.distinct()[:2])
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            self.warnings.append(several(name, candidates))
        return None

    def _create(self, data: dict, *, name: str, kind: str, slug: str, wikidata_id: str) -> Actor:
        actor = actor_create(
            name=name,
            kind=kind,
            slug=Actor.objects.free_slug(slug),  # numbered if another actor has or had it
            wikidata_id=wikidata_id,
            aliases=[],
            # Public once a public story tags it or a public relationship names it.
            listed=False,
            **{field: fields.text(data, field) for field in FILLABLE},
        )
        for alias in fields.texts(data, "aliases", max_length=200):
            alias_add(actor=actor, name=alias)
        self.created.append(actor)
        self._created_ids.add(actor.pk)
        if self._known is not None:
            self._known.add(actor, aliases=fields.texts(data, "aliases", max_length=200))
        return actor

    def _fill(self, actor: Actor, data: dict, *, wikidata_id: str, aliases: list[str]) -> None:
        changed = [
            field for field in FILLABLE if not getattr(actor, field) and fields.text(data, field)
        ]
        for field in changed:
            setattr(actor, field, fields.text(data, field))
        if wikidata_id and not actor.wikidata_id:
            actor.wikidata_id = wikidata_id
            changed.append("wikidata_id")
        if changed:
            actor.full_clean()
            actor.save(update_fields=changed)
        for alias in aliases:
            if self._known is not None and not self._known.lacks_alias(actor, alias):
                continue  # it has one folding to the same form: alias_add would keep that
            alias_add(actor=actor, name=alias)
            if self._known is not None:
                self._known.add(actor, aliases=[alias])


def _wanted(entry: dict) -> tuple[str, str, str, str] | None:
    """The name, kind, slug and Wikidata id an entry matches by; None if it is malformed
    (``resolve`` then names the bad field)."""
    try:
        name = fields.text(entry, "name", max_length=200)
        slug = fields.text(entry, "slug", max_length=200) or slug_from(name, max_length=200)
        wikidata_id = fields.text(entry, "wikidata_id", max_length=20)
        kind = fields.text(entry, "kind", default=Actor.Kind.PERSON)
    except RecordError:
        return None
    return name, kind, slug, wikidata_id


class _Known:
    """The actors a batch can match, by Wikidata id, slug and folded name or alias, kept up
    to date with the actors and aliases the import itself makes; matches as ``_match``'s
    queries do, in the same order."""

    def __init__(self, *, wikidata: set[str], slugs: set[str], folded: set[str]):
        # Four index look-ups, then the actors by primary key: the same lookups OR-ed in one
        # query read the whole actors table (1.2 s a batch at 100,000 actors).
        lookups = (
            Actor.objects.filter(wikidata_id__in=wikidata).exclude(wikidata_id=""),
            Actor.objects.filter(slug__in=slugs),
            Actor.objects.filter(name_folded__in=folded),
        )
        ids = set(Alias.objects.filter(folded__in=folded).values_list("actor_id", flat=True))
        for lookup in lookups:
            ids.update(lookup.values_list("pk", flat=True))
        actors = Actor.objects.filter(pk__in=ids)
        self.wanted = (wikidata, slugs, folded)
        self.by_wikidata: dict[str, Actor] = {}
        self.by_slug: dict[str, Actor] = {}
        self.by_folded: dict[str, dict[int, Actor]] = {}
        self.aliases: dict[int, set[str]] = {}
        by_pk = {actor.pk: actor for actor in actors}
        for actor in by_pk.values():
            self._index(actor)
        aliases = Alias.objects.filter(actor__in=list(by_pk)).values_list("actor_id", "folded")
        for actor_id, alias in aliases:
            self.aliases.setdefault(actor_id, set()).add(alias)
            self.by_folded.setdefault(alias, {})[actor_id] = by_pk[actor_id]

    def covers(self, *, name: str, slug: str, wikidata_id: str) -> bool:
        wikidata, slugs, folded = self.wanted
        return (
            (not wikidata_id or wikidata_id in wikidata) and slug in slugs and fold(name) in folded
        )

    def _index(self, actor: Actor) -> None:
        if actor.wikidata_id:
            self.by_wikidata[actor.wikidata_id] = actor
        self.by_slug[actor.slug] = actor
        self.by_folded.setdefault(actor.name_folded or fold(actor.name), {})[actor.pk] = actor

    def add(self, actor: Actor, *, aliases: list[str]) -> None:
        self._index(actor)
        for alias in aliases:
            self.aliases.setdefault(actor.pk, set()).add(fold(alias))
            self.by_folded.setdefault(fold(alias), {})[actor.pk] = actor

    def lacks_alias(self, actor: Actor, alias: str) -> bool:
        return fold(alias) not in self.aliases.get(actor.pk, set())

    def match(self, *, name, kind, slug, wikidata_id, matcher: "ActorMatcher") -> Actor | None:
        if wikidata_id and wikidata_id in self.by_wikidata:
            return self.by_wikidata[wikidata_id]
        actor = self.by_slug.get(slug)
        if actor is not None and not (wikidata_id and actor.wikidata_id):
            return actor
        candidates = [
            actor
            for actor in self.by_folded.get(fold(name), {}).values()
            if actor.kind == kind
            and actor.pk not in matcher._created_ids
            and not (wikidata_id and actor.wikidata_id)
        ]
        candidates.sort(key=lambda actor: (actor.name, actor.pk))
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            matcher.warnings.append(several(name, candidates))
        return None

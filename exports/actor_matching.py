"""Finding the actors an imported story names, or creating them.

Matching order: the Wikidata id, then the slug, then the name or an alias, case- and
accent-folded (common.text.fold), same kind. Names are matched only against actors that
existed before the import: two actors the exporting desk kept apart (two "John Smith"s
with different slugs) stay apart. A matched actor is never overwritten; its empty fields
are filled and its missing aliases added.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from actors.models import Actor
from actors.services import actor_create, alias_add
from common.slugs import slug_from
from common.text import fold
from exports import fields
from exports.fields import RecordError

FILLABLE = ("sort_name", "description", "website")


class ActorMatcher:
    def __init__(self):
        self.created: list[Actor] = []
        self.warnings: list[str] = []
        self._created_ids: set[int] = set()
        self._seen: dict[tuple, Actor] = {}

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

    def _match(self, *, name: str, kind: str, slug: str, wikidata_id: str) -> Actor | None:
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
            self.warnings.append(
                f"{name!r} matches several actors ({candidates[0].slug}, {candidates[1].slug}, "
                "…); a new actor was created: merge it if it is the same."
            )
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
            alias_add(actor=actor, name=alias)

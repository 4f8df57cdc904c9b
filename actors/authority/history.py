"""The history of an import: one entry per actor, written in bulk.

Each actor the file created or changed gets its own history entry (a django-reversion
revision) holding the actor and all its aliases, as ``actor_create`` and the actor admin
record it (``actors.admin`` registers actors following their aliases). Not one entry for
the whole file: the history pages treat an entry as one actor's. Restoring an entry from
an actor's history reverts every row the entry holds and deletes the aliases it does not
hold, and the compare page lists every alias in it; an entry shared by a file's 100,000
actors would turn restoring one actor into restoring them all.

The rows are those django-reversion would write one by one (``serializers.serialize``'s
JSON of each row), made here in a few statements: through reversion's own API, the history
of 100,000 actors took a minute and a half.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router
from django.utils import timezone
from reversion.models import Revision, Version

from actors.authority.bulk import insert_values
from actors.models import Actor, Alias

_ENCODE = DjangoJSONEncoder(ensure_ascii=False).encode


class History:
    def __init__(self, *, by, comment: str):
        self.user_id = by.pk if getattr(by, "is_authenticated", False) else None
        self.comment = comment
        self.db = router.db_for_write(Actor)
        self.actors, self.aliases = _Kind(Actor), _Kind(Alias)

    def add(self, actors: list[dict], aliases: list[dict]) -> None:
        """An entry for each of ``actors``, holding it and its ``aliases`` (all of them): rows
        as stored, as values by attribute name (``actor_id``), no instance made."""
        if not actors:
            return
        owned = defaultdict(list)
        for alias in aliases:
            owned[alias["actor_id"]].append(alias)
        entry = {"date_created": timezone.now(), "user_id": self.user_id, "comment": self.comment}
        revisions = insert_values(Revision, [dict(entry) for _actor in actors])
        insert_values(Version, self._versions(actors, revisions, owned), keys=False)

    def _versions(self, actors, revisions, owned):
        # Made while the database stores the ones before (insert_values without keys).
        for actor, revision in zip(actors, revisions, strict=True):
            yield self.actors.version(actor, revision, self.db)
            for alias in owned[actor["id"]]:
                yield self.aliases.version(alias, revision, self.db)

    def add_stored(self, pks: list) -> None:
        """An entry for each of these stored actors, read as they are now."""
        self.add(self.actors.read(pk__in=pks), self.aliases.read(actor_id__in=pks))


class _Kind:
    """How one model's rows are written into history rows."""

    def __init__(self, model: type[models.Model]):
        self.model, self.label = model, model._meta.label_lower
        self.content_type_id = ContentType.objects.get_for_model(model).pk
        self.attnames = [field.attname for field in model._meta.concrete_fields]
        # The fields serializers.serialize() writes, in its order: the model's own, the
        # primary key apart, a foreign key as its id (Actor and Alias have no many-to-many).
        self.fields = [
            (field.name, field.attname) for field in model._meta.local_fields if field.serialize
        ]

    def read(self, **lookup) -> list[dict]:
        rows = self.model._default_manager.filter(**lookup).order_by("pk")
        return list(rows.values(*self.attnames))

    def version(self, row: dict, revision_id, db: str) -> dict:
        pk = row[self.model._meta.pk.attname]
        data = {name: row[attname] for name, attname in self.fields}
        return {
            "revision_id": revision_id,
            "content_type_id": self.content_type_id,
            "object_id": str(pk),
            "db": db,
            "format": "json",
            "serialized_data": _ENCODE([{"model": self.label, "pk": pk, "fields": data}]),
            # The model's own __str__, read from the row's values: no instance is built.
            "object_repr": self.model.__str__(SimpleNamespace(**row)),
        }

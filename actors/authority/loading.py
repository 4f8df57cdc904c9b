"""``actors_import``: an authority file into actors and aliases, whole or not at all.

A desk's authority file is its reference list, not journalism: the actors it creates are not
listed (readers meet them once a public story tags them) unless the desk says so.

Written in bulk, in batches: ``Actor.save()`` and ``Alias.save()`` are not called, so what
they fill (the folded forms, the slug) is filled before (``matching``), and what their
signals would do is done here once, after the commit: the suggestion matcher is told, and
the reader pages that show a changed actor are retired. The history is one entry for the
whole file, holding every actor it created or changed with its aliases, as the actor
admin's history keeps them (``actors.admin`` registers actors following their aliases);
its rows are written in bulk too, as django-reversion would write them one by one.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from actors import cachetags
from actors.authority.matching import BATCH, Change, Plan, plan_entries
from actors.authority.reading import SHOWN_ERRORS, AuthorityFailed, Errors, read_entries
from actors.models import Actor, Alias
from actors.suggestions import invalidate
from common import generation
from common.services import require

# Past this many changed actors, every page is retired once rather than tag by tag: the
# tags would make a purge request of megabytes, and most pages would go anyway.
RETIRE_EACH_UP_TO = 1000
# The key of the PostgreSQL advisory lock that imports take, the one exports.imports takes
# for stories (whose records create actors too): the two never match against each other's
# uncommitted actors.
IMPORT_LOCK_KEY = 730_511_422


@dataclass
class AuthorityReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)  # names
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    aliases_added: int = 0


def actors_import(
    *,
    lines: Iterable[str],
    filename: str = "",
    by=None,
    dry_run: bool = False,
    listed: bool = False,
    default_kind: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> AuthorityReport:
    """Load an authority file (CSV, JSON Lines or Wikidata items; see actors.authority).

    Raises ``AuthorityFailed`` listing the bad lines and fields, and writes nothing, when
    any entry is wrong; ``PermissionDenied`` when ``by`` may not make the changes.
    ``progress(done, total)`` is told of each batch of actors written.
    """
    errors = Errors()
    entries = read_entries(lines, filename=filename, default_kind=default_kind, errors=errors)
    with transaction.atomic():
        _one_import_at_a_time()
        plan = Plan()
        if errors.count < SHOWN_ERRORS:  # else the file is shown to be wrong enough
            plan = plan_entries(entries, listed=listed, errors=errors)
        if errors:
            raise AuthorityFailed(errors)
        if plan.created:
            require(by, "actors.add_actor")
        if any(change.fields for change in plan.updated):
            require(by, "actors.change_actor")
        if plan.aliases_added:
            require(by, "actors.add_alias")
        if not dry_run:
            name = filename if filename not in ("", "-") else _("standard input")
            comment = _("Imported from the authority file %(file)s") % {"file": name}
            _write(plan, by=by, comment=comment, progress=progress or (lambda done, total: None))
            _after_commit(plan, listed=listed)
    return AuthorityReport(
        dry_run=dry_run,
        created=[change.actor.name for change in plan.created],
        updated=[change.actor.name for change in plan.updated],
        unchanged=plan.unchanged,
        aliases_added=plan.aliases_added,
    )


def _one_import_at_a_time() -> None:
    """Wait for any other import to end before matching: two files naming the same new
    actor would otherwise both create it. SQLite lets one writer in at a time already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def _batches(changes: list[Change]):
    for start in range(0, len(changes), BATCH):
        yield changes[start : start + BATCH]


def _write(plan: Plan, *, by, comment: str, progress: Callable[[int, int], None]) -> None:
    history = _History(by=by, comment=comment)
    total = len(plan.created) + len(plan.updated)
    try:
        for batch in _batches(plan.created):
            actors = Actor.objects.bulk_create([change.actor for change in batch])
            aliases = Alias.objects.bulk_create(_new_aliases(batch))
            history.add(actors, aliases)
            progress(len(batch), total)
        for batch in _batches(plan.updated):
            _still_as_read(batch)
            changed = [change for change in batch if change.fields]
            now = timezone.now()
            for change in changed:
                change.actor.version += 1  # an editor's form opened before is now stale
                change.actor.updated_at = now
            fields = {name for change in changed for name in change.fields}
            if changed:
                Actor.objects.bulk_update(
                    [change.actor for change in changed],
                    [*sorted(fields), "version", "updated_at"],
                    batch_size=500,  # each statement holds a CASE per field and row
                )
            Alias.objects.bulk_create(_new_aliases(batch))
            actors = [change.actor for change in batch]
            history.add(actors, Alias.objects.filter(actor__in=actors).order_by("pk"))
            progress(len(batch), total)
    except DatabaseError as error:
        # Someone else's write collided with ours (a slug or a Wikidata id taken meanwhile).
        errors = Errors()
        message = _("the database refused the import: %(error)s") % {"error": error}
        errors.add(None, "", message)
        raise AuthorityFailed(errors) from error


def _new_aliases(batch: list[Change]) -> list[Alias]:
    # The folded form is what Alias.save() would fill.
    return [
        Alias(actor=change.actor, name=alias, folded=folded)
        for change in batch
        for alias, folded in change.aliases
    ]


def _still_as_read(batch: list[Change]) -> None:
    """Lock the rows about to change and check nobody changed them since they were read."""
    pks = [change.actor.pk for change in batch]
    stored = dict(Actor.objects.select_for_update().filter(pk__in=pks).values_list("pk", "version"))
    moved = [change for change in batch if stored.get(change.actor.pk) != change.version]
    if moved:
        errors = Errors()
        for change in moved:
            errors.add(
                change.entry.line,
                change.entry.where["name"],
                _(
                    "%(name)s was changed or deleted by someone else during the import: run "
                    "it again to load the file over their change."
                )
                % {"name": change.actor.name},
            )
        raise AuthorityFailed(errors)


class _History:
    """One history entry (a django-reversion revision) for the import, filled batch by batch."""

    def __init__(self, *, by, comment: str):
        user = by if getattr(by, "is_authenticated", False) else None
        self.revision = Revision(user=user, comment=comment)
        self.db = router.db_for_write(Actor)

    def add(self, actors: list[Actor], aliases: Iterable[Alias]) -> None:
        if self.revision.pk is None:
            self.revision.date_created = timezone.now()
            self.revision.save()
        versions = [*self._versions(Actor, actors), *self._versions(Alias, aliases)]
        Version.objects.bulk_create(versions, batch_size=BATCH)

    def _versions(self, model, rows) -> list[Version]:
        rows = list(rows)
        content_type = ContentType.objects.get_for_model(model)
        # Each version holds its row as a one-item JSON list, as serializers.serialize()
        # writes it; serialising the batch once is what keeps this from costing seconds.
        data = serializers.serialize("python", rows)
        return [
            Version(
                revision=self.revision,
                content_type=content_type,
                object_id=str(row.pk),
                db=self.db,
                format="json",
                serialized_data=json.dumps([item], cls=DjangoJSONEncoder, ensure_ascii=False),
                object_repr=str(row),
            )
            for row, item in zip(rows, data, strict=True)
        ]


def _after_commit(plan: Plan, *, listed: bool) -> None:
    """What the models' signals would have done for each row, done once for the file."""
    if not (plan.created or plan.updated):
        return
    invalidate()  # the suggestion matcher, on commit
    # Readers see an updated actor, and a new one only when listed: an unlisted new actor
    # is on no public page until a story tags it (ActorQuerySet.public).
    seen = [change.actor for change in plan.updated]
    if listed:
        seen += [change.actor for change in plan.created]
    if len(seen) > RETIRE_EACH_UP_TO:
        generation.retire(generation.EVERYTHING)
    elif seen:
        tags = set().union(*(cachetags.actor_retires(actor) for actor in seen))
        generation.retire(tags, withdrawn=bool(plan.updated))

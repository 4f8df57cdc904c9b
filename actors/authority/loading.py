"""``actors_import``: an authority file into actors and aliases, whole or not at all.

A desk's authority file is its reference list, not journalism: the actors it creates are not
listed (readers meet them once a public story tags them) unless the desk says so.

Written in bulk, in batches (``bulk.insert``: COPY on PostgreSQL): ``Actor.save()`` and
``Alias.save()`` are not called, so what they fill (the folded forms, the slug) is filled
before (``matching``), and what their signals would do is done here once, after the commit:
the suggestion matcher is told, and the reader pages that show a changed actor are retired.
Each actor created or changed gets its history entry, with its aliases (``history``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors import cachetags
from actors.authority.bulk import insert, insert_values, update
from actors.authority.history import History
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
    history = History(by=by, comment=comment)
    total = len(plan.created) + len(plan.updated)
    try:
        for batch in _batches(plan.created):
            actors = insert(Actor, [change.actor for change in batch])
            aliases = _new_aliases(batch)
            for alias, pk in zip(aliases, insert_values(Alias, aliases), strict=True):
                alias["id"] = pk
            history.add([_values(actor) for actor in actors], aliases)
            progress(len(batch), total)
        for batch in _batches(plan.updated):
            _still_as_read(batch)
            changed = [change for change in batch if change.fields]
            now = timezone.now()
            for change in changed:
                change.actor.version = change.version + 1  # a form opened before is stale
                change.actor.updated_at = now
            fields = {name for change in changed for name in change.fields}
            if changed:
                update(
                    Actor,
                    [change.actor for change in changed],
                    [*sorted(fields), "version", "updated_at"],
                )
            insert_values(Alias, _new_aliases(batch), keys=False)
            # As they are now: what restoring this entry gives back.
            history.add_stored([change.actor.pk for change in batch])
            progress(len(batch), total)
    except DatabaseError as error:
        # Someone else's write collided with ours (a slug or a Wikidata id taken meanwhile).
        errors = Errors()
        message = _("the database refused the import: %(error)s") % {"error": error}
        errors.add(None, "", message)
        raise AuthorityFailed(errors) from error


def _new_aliases(batch: list[Change]) -> list[dict]:
    # The folded form is what Alias.save() would fill.
    return [
        {"actor_id": change.actor.pk, "name": alias, "folded": folded}
        for change in batch
        for alias, folded in change.aliases
    ]


def _values(actor: Actor) -> dict:
    return {field.attname: getattr(actor, field.attname) for field in Actor._meta.concrete_fields}


def _still_as_read(batch: list[Change]) -> None:
    """Lock the rows about to change and check nobody changed them since they were read."""
    pks = [change.actor.pk for change in batch]
    rows = Actor.objects.select_for_update().filter(pk__in=pks).order_by("pk")  # one lock order
    stored = dict(rows.values_list("pk", "version"))
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

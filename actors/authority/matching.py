"""Which actor each entry of an authority file is, and what loading it would change.

An entry is the actor with its Wikidata id; else the actor at its slug (the one it gives, or
the one its name makes, as ``Actor.objects.free_slug`` would make it; a slug an actor left in
a merge leads to that actor), unless both have Wikidata ids and they differ; else a new
actor. An entry without a Wikidata id is found by its slug alone, so the file must give each
such entry its own slug, and a new actor made from one gets exactly that slug: the next
load finds it there again. Entries with Wikidata ids are found by them, and a new one takes
a numbered slug ("john-smith-2") when its name's slug is taken or claimed.

Everything is read in batches, one query per batch and table; nothing is written here.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from actors.authority.reading import Entry, Errors
from actors.models import Actor, ActorRedirect, Alias
from common.slugs import unique_slug

BATCH = 5000
# An actor's fields an entry can change; empty values in the file leave the stored ones.
FILLED = ("description", "website", "wikidata_id")
# What matching reads of a stored actor: what an entry may change, and what finds it.
READ = ("pk", "slug", "name", "kind", "listed", "version", *FILLED)


@dataclass(slots=True)
class Change:
    entry: Entry
    actor: Actor  # as it will be saved: a new one, or a stored one with the file's values
    fields: list[str]  # the stored fields that change (none for a new actor)
    aliases: list[tuple[str, str]]  # (alias, folded) to add
    version: int = 0  # the stored row's version when read: it must not move before the write


@dataclass
class Plan:
    created: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    unchanged: int = 0

    @property
    def aliases_added(self) -> int:
        return sum(len(change.aliases) for change in (*self.created, *self.updated))


class _Slugs:
    """What ``unique_slug()`` asks of a queryset, answered from memory: the slugs actors have
    or had, and those entries of the file claim (not ``own``, the asking entry's claim).
    The rule that numbers a taken slug stays in ``common.slugs``, in one place."""

    model = Actor

    def __init__(self, taken: set[str], claimed: dict[str, int]):
        self.taken, self.claimed, self.own = taken, claimed, ""

    def filter(self, *, slug: str) -> "_Answer":
        return _Answer(slug in self.taken or (slug != self.own and slug in self.claimed))


class _Answer:
    __slots__ = ("found",)

    def __init__(self, found: bool):
        self.found = found

    def exists(self) -> bool:
        return self.found


def name_slug(name: str) -> str:
    """The slug ``name`` gives a new actor when it is free ("" for a name with no letter)."""
    return unique_slug(name, queryset=_Slugs(set(), {}), fallback="")


def _batches(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def plan_entries(entries: list[Entry], *, listed: bool, errors: Errors) -> Plan:
    """What loading ``entries`` would do; conflicts are added to ``errors``."""
    wanted, claimed = _claims(entries, errors)
    plan = Plan()
    taken: dict[int, int] = {}  # stored actor -> the line that found it
    new: list[Change] = []
    for batch in _batches([entry for entry in entries if entry.line in wanted]):
        found = _match(batch, wanted, claimed, taken, errors)
        stored = {actor["pk"] for actor in found.values()}
        aliases: dict[int, set[str]] = {pk: set() for pk in stored}
        rows = Alias.objects.order_by().filter(actor_id__in=stored)
        rows = rows.values_list("actor_id", "folded")
        for actor_id, folded in rows.iterator(chunk_size=BATCH):
            aliases[actor_id].add(folded)
        for entry in batch:
            actor = found.get(entry.line)
            if actor is None:
                new.append(
                    Change(
                        entry=entry,
                        actor=_new_actor(entry, listed),
                        fields=[],
                        aliases=entry.aliases,
                    )
                )
                continue
            change = _update(entry, actor, aliases[actor["pk"]], listed)
            if change is None:
                plan.unchanged += 1
            else:
                plan.updated.append(change)
    if new and not errors:
        _give_slugs(new, wanted, claimed)
        plan.created = new
    return plan


def _claims(entries: list[Entry], errors: Errors) -> tuple[dict[int, str], dict[str, int]]:
    """The slug each entry is looked for at (by line), and the slugs entries claim as their
    own (a given slug, or the name's slug of an entry without a Wikidata id) with the line
    claiming each. An entry that conflicts with an earlier one is reported and left out."""
    wanted: dict[int, str] = {}
    claimed: dict[str, int] = {}
    ids: dict[str, int] = {}
    for entry in entries:
        slug = entry.slug or name_slug(entry.name)
        if entry.wikidata_id:
            first = ids.setdefault(entry.wikidata_id, entry.line)
            if first != entry.line:
                errors.add(
                    entry.line,
                    entry.where["wikidata_id"],
                    _("%(id)s is also on line %(line)s.")
                    % {"id": entry.wikidata_id, "line": first},
                )
                continue
        elif not slug:
            errors.add(
                entry.line,
                entry.where["name"],
                _(
                    "%(name)s makes no slug (it has no Latin letter or digit): give the "
                    "actor a slug or a Wikidata id."
                )
                % {"name": entry.name},
            )
            continue
        if entry.slug or not entry.wikidata_id:
            first = claimed.setdefault(slug, entry.line)
            if first != entry.line:
                errors.add(
                    entry.line,
                    "slug" if entry.slug else entry.where["name"],
                    _(
                        "gives the same slug, %(slug)s, as line %(line)s: give one of them a "
                        "slug of its own or a Wikidata id."
                    )
                    % {"slug": slug, "line": first},
                )
                continue
        wanted[entry.line] = slug
    return wanted, claimed


def _match(batch, wanted, claimed, taken, errors) -> dict[int, dict]:
    """The stored actor each entry of ``batch`` is (by line), as values, in three queries."""
    ids = [entry.wikidata_id for entry in batch if entry.wikidata_id]
    stored = Actor.objects.order_by()  # no sorting by name: the rows are looked up by key
    # Excluding "" lets the database use the partial unique index on Wikidata ids.
    by_id = {
        row["wikidata_id"]: row
        for row in stored.filter(wikidata_id__in=ids).exclude(wikidata_id="").values(*READ)
    }
    slugs = {wanted[entry.line] for entry in batch}
    by_slug = {row["slug"]: row for row in stored.filter(slug__in=slugs).values(*READ)}
    redirects = ActorRedirect.objects.order_by().filter(old_slug__in=slugs - by_slug.keys())
    for row in redirects.values("old_slug", *(f"actor__{name}" for name in READ)):
        by_slug[row.pop("old_slug")] = {name: row[f"actor__{name}"] for name in READ}
    found = {}
    for entry in batch:
        slug = wanted[entry.line]
        actor, where = by_id.get(entry.wikidata_id), entry.where["wikidata_id"]
        if actor is None:
            actor, where = by_slug.get(slug), "slug" if entry.slug else entry.where["name"]
            # Someone else if the Wikidata ids differ, and another entry's if it claims it.
            if (
                actor is not None
                and entry.wikidata_id
                and (actor["wikidata_id"] or claimed.get(slug, entry.line) != entry.line)
            ):
                actor = None
        if actor is None:
            continue
        first = taken.setdefault(actor["pk"], entry.line)
        if first != entry.line:
            errors.add(
                entry.line,
                where,
                _(
                    "this is %(actor)s (%(slug)s), as is line %(line)s: one actor cannot be "
                    "two entries."
                )
                % {"actor": actor["name"], "slug": actor["slug"], "line": first},
            )
            continue
        found[entry.line] = actor
    return found


def _new_actor(entry: Entry, listed: bool) -> Actor:
    # The folded name is what save() would fill; bulk_create does not call save().
    return Actor(
        name=entry.name,
        name_folded=entry.name_folded,
        kind=entry.kind,
        description=entry.description,
        website=entry.website,
        wikidata_id=entry.wikidata_id,
        listed=listed,
    )


def _update(entry: Entry, stored: dict, aliases: set[str], listed: bool) -> Change | None:
    """The change ``entry`` makes to the ``stored`` actor, or None."""
    values = {}
    if entry.name != stored["name"]:
        values.update(name=entry.name, name_folded=entry.name_folded)
    if entry.kind != stored["kind"]:
        values["kind"] = entry.kind
    for name in FILLED:
        value = getattr(entry, name)
        if value and value != stored[name]:
            values[name] = value
    if listed and not stored["listed"]:
        values["listed"] = True
    have = aliases | {entry.name_folded}  # the name it will have
    missing = [(alias, folded) for alias, folded in entry.aliases if folded not in have]
    if not (values or missing):
        return None
    # Only the fields that change are written (bulk_update): the rest may stay unset.
    actor = Actor(pk=stored["pk"], **{"name": stored["name"], **values})
    return Change(
        entry=entry, actor=actor, fields=list(values), aliases=missing, version=stored["version"]
    )


def _give_slugs(new: list[Change], wanted: dict[int, str], claimed: dict[str, int]) -> None:
    """Free slugs for the new actors, found in memory: the slugs in use and retired are read
    once, not asked for actor by actor."""
    taken = set(Actor.objects.values_list("slug", flat=True).iterator(chunk_size=BATCH))
    taken.update(ActorRedirect.objects.values_list("old_slug", flat=True))
    slugs = _Slugs(taken, claimed)
    for change in new:
        entry = change.entry
        slug = wanted[entry.line]
        if claimed.get(slug) != entry.line or slug in taken:
            # Found by its Wikidata id next time: a numbered slug will do.
            slugs.own = entry.slug
            slug = unique_slug(entry.slug or entry.name, queryset=slugs, fallback="actor")
        taken.add(slug)
        change.actor.slug = slug

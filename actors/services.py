"""Writes that touch actors, aliases and relationships."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from actors.models import Actor, Alias, Relationship, RelationshipKind
from actors.text import fold


@transaction.atomic
def actor_create(
    *,
    name: str,
    kind: str,
    slug: str = "",
    sort_name: str = "",
    description: str = "",
    wikidata_id: str = "",
    website: str = "",
    aliases: Iterable[str] = (),
) -> Actor:
    actor = Actor(
        name=name,
        kind=kind,
        slug=slug,
        sort_name=sort_name,
        description=description,
        wikidata_id=wikidata_id,
        website=website,
    )
    if not actor.slug:
        # save() would derive it, but full_clean() runs first and needs it.
        actor.slug = slugify(name)[:200]
    actor.full_clean()
    actor.save()
    for alias in aliases:
        alias_add(actor=actor, name=alias)
    return actor


def alias_add(*, actor: Actor, name: str) -> Alias:
    """Add an alias unless the actor already has one that folds to the same form."""
    existing = actor.aliases.filter(folded=fold(name)).first()
    if existing:
        return existing
    alias = Alias(actor=actor, name=name)
    alias.full_clean()
    alias.save()
    return alias


@transaction.atomic
def relationship_record(
    *,
    source: Actor,
    kind: RelationshipKind,
    target: Actor,
    started_on: date | None = None,
    ended_on: date | None = None,
    amount: Decimal | None = None,
    currency: str = "",
    status: str = Relationship.Status.REPORTED,
    note: str = "",
    evidence: Iterable = (),
) -> Relationship:
    """Record a relationship, or add evidence to the same one if it exists already."""
    relationship = Relationship.objects.filter(
        source=source, kind=kind, target=target, started_on=started_on
    ).first()
    if relationship is None:
        relationship = Relationship(
            source=source,
            kind=kind,
            target=target,
            started_on=started_on,
            ended_on=ended_on,
            amount=amount,
            currency=currency,
            status=status,
            note=note,
        )
        relationship.full_clean()
        relationship.save()
    evidence = list(evidence)
    if evidence:
        relationship.evidence.add(*evidence)
    return relationship

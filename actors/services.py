"""Writes that touch actors, aliases and relationships.

The suggestion matcher follows actors' and aliases' names through their save and delete
signals (actors.apps); these services write those rows one by one, so it stays current.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from actors import cachetags
from actors.models import Actor, ActorRedirect, Alias, Relationship, RelationshipKind
from common import generation
from common.services import require, revision
from common.slugs import slug_keep_redirect
from common.text import fold, validate_storable_text


@transaction.atomic
def actor_create(
    *,
    name: str,
    kind: str,
    slug: str = "",
    aliases: Iterable[str] = (),
    by=None,
    **details,
) -> Actor:
    """A new actor; ``details`` are its other fields (sort_name, description, wikidata_id,
    website, listed: False for an actor first met in a story, public once that story is)."""
    require(by, "actors.add_actor")
    actor = Actor(name=name, kind=kind, slug=slug, **details)
    if not actor.slug:
        # save() would derive it, but full_clean() runs first and needs it.
        actor.slug = Actor.objects.free_slug(name)
    with revision(by=by, comment=_("Created %(name)s") % {"name": name}):
        validate_storable_text(actor)
        actor.full_clean()
        actor.save()
        for alias in aliases:
            alias_add(actor=actor, name=alias, by=by)
    return actor


@transaction.atomic
def actor_save(*, actor: Actor, by) -> Actor:
    """Save an actor as edited on its form; a slug it leaves keeps answering (301)."""
    before = Actor.objects.filter(pk=actor.pk).values_list("slug", flat=True).first()
    require(by, "actors.change_actor" if before is not None else "actors.add_actor")
    actor.full_clean()
    actor.save()
    if before is not None:
        actor_retire_slug(actor=actor, old_slug=before, by=by)
    return actor


def alias_add(*, actor: Actor, name: str, by=None) -> Alias:
    """Add an alias unless the actor already has one that folds to the same form."""
    require(by, "actors.add_alias")
    alias = Alias(actor=actor, name=name)
    validate_storable_text(alias)
    existing = actor.aliases.filter(folded=fold(name)).first()
    if existing:
        return existing
    alias.full_clean()
    alias.save()
    return alias


@transaction.atomic
def alias_save(*, alias: Alias, by) -> Alias:
    """Save an alias as written on its form (new or edited)."""
    require(by, "actors.change_alias" if alias.pk else "actors.add_alias")
    # In the history, so that a refused second save names who (editing.locking); the
    # actor admin's own change message replaces this comment.
    with revision(by=by, comment=_("Saved alias %(name)s") % {"name": alias.name}):
        validate_storable_text(alias)
        alias.full_clean()
        alias.save()
    return alias


@transaction.atomic
def alias_delete(*, alias: Alias, by) -> None:
    require(by, "actors.delete_alias")
    alias.delete()


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
    by=None,
) -> Relationship:
    """Record a relationship, or add evidence to the same one if it exists already."""
    relationship = Relationship.objects.filter(
        source=source, kind=kind, target=target, started_on=started_on
    ).first()
    evidence = list(evidence)
    if relationship is not None:
        known = set(relationship.evidence.values_list("pk", flat=True))
        evidence = [article for article in evidence if article.pk not in known]
        if not evidence:
            return relationship  # nothing new: no history entry either
    comment = _("Recorded %(relationship)s") % {"relationship": f"{source} · {kind} · {target}"}
    with revision(by=by, comment=comment):
        if relationship is None:
            require(by, "actors.add_relationship")
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
            validate_storable_text(relationship)
            relationship.full_clean()
            relationship.save()
        if evidence:
            require(by, "actors.change_relationship")
            relationship.evidence.add(*evidence)
    return relationship


@transaction.atomic
def relationship_save(*, relationship: Relationship, by) -> Relationship:
    """Save a relationship as edited on a form (its own, or an actor's inline)."""
    require(by, "actors.change_relationship" if relationship.pk else "actors.add_relationship")
    # The admin's own change message replaces this comment; it names a script's change.
    comment = _("Recorded %(relationship)s") % {"relationship": relationship}
    with revision(by=by, comment=comment):
        validate_storable_text(relationship)
        relationship.full_clean()
        relationship.save()
    return relationship


@transaction.atomic
def relationship_delete(*, relationship: Relationship, by) -> None:
    require(by, "actors.delete_relationship")
    with revision(by=by, comment=_("Deleted %(name)s") % {"name": relationship}):
        relationship.delete()


@transaction.atomic
def relationship_kind_save(*, kind: RelationshipKind, by) -> RelationshipKind:
    """A kind's labels show on every actor page that lists one of its relationships."""
    require(by, "actors.change_relationshipkind" if kind.pk else "actors.add_relationshipkind")
    validate_storable_text(kind)
    kind.full_clean()
    kind.save()
    return kind


@transaction.atomic
def relationship_kind_delete(*, kind: RelationshipKind, by) -> None:
    require(by, "actors.delete_relationshipkind")
    kind.delete()  # refused (ProtectedError) while relationships use it


# A story cited as evidence of a relationship: a row of Relationship.evidence.through, named
# as the admin's inline names it. Changing evidence is changing the relationship.
RelationshipEvidence = Relationship.evidence.through


@transaction.atomic
def relationship_evidence_save(*, relationship_evidence: RelationshipEvidence, by):
    """Cite a story as evidence; the relationship's history records it."""
    require(by, "actors.change_relationship")
    link = relationship_evidence
    comment = _("Recorded %(relationship)s") % {"relationship": link.relationship}
    with revision(by=by, comment=comment):
        link.full_clean()
        link.save()
        reversion.add_to_revision(link.relationship)
        # A row of a link table sends no save signal (Django's auto-created through model),
        # so the pages it changes are named here, as the signal's watcher would have.
        generation.retire(cachetags.evidence_retires(link))
    return link


@transaction.atomic
def relationship_evidence_delete(*, relationship_evidence: RelationshipEvidence, by) -> None:
    require(by, "actors.change_relationship")
    tags = cachetags.evidence_retires(relationship_evidence)  # no delete signal either
    relationship_evidence.delete()
    generation.retire(tags, withdrawn=True)


@transaction.atomic
def relationships_mark_reviewed(*, relationships: Iterable[Relationship], by) -> int:
    """Clear the review flag a correction set, once an editor has checked the evidence."""
    require(by, "actors.change_relationship")
    done = 0
    with revision(by=by, comment=_("Reviewed after a correction")):
        for relationship in relationships:
            if relationship.needs_review:
                relationship.needs_review = False
                relationship.save(update_fields=["needs_review", "updated_at"])
                done += 1
    return done


def actor_retire_slug(*, actor: Actor, old_slug: str, by=None) -> ActorRedirect | None:
    """Keep the slug an actor just left as a redirect, so links to its old page still work.

    Call it after the actor is saved under its new slug (the admin does when the slug
    field changed).
    """
    require(by, "actors.change_actor")
    if not old_slug or old_slug == actor.slug:
        return None
    return slug_keep_redirect(
        ActorRedirect.objects, "old_slug", old=old_slug, new=actor.slug, to={"actor": actor}
    )


# A merge keeps the stronger of two tags on the same story.
ROLE_STRENGTH = {"about": 3, "quoted": 2, "mentions": 1}

MERGE_GONE = gettext_lazy(
    "%(names)s no longer exists: another editor merged or deleted it meanwhile. Nothing was "
    "changed; reload the list to see the actors as they are now."
)


@transaction.atomic
def actor_merge(*, keep: Actor, drop: Actor, by) -> Actor:
    """Fold ``drop`` into ``keep``: aliases, story tags, relationships and their evidence
    move; ``drop``'s name becomes an alias and its URL a redirect; ``drop`` is deleted."""
    require(by, "actors.merge_actor")
    if keep.pk == drop.pk:
        raise ValidationError(_("Choose two different actors to merge."))
    # Lock both rows, in one order for every merge (two merges never wait on each other
    # crosswise), and work from them as stored now: another editor's merge may have
    # deleted one meanwhile.
    rows = Actor.objects.select_for_update().filter(pk__in=[keep.pk, drop.pk]).order_by("pk")
    locked = {actor.pk: actor for actor in rows}
    gone = [actor.name for actor in (keep, drop) if actor.pk not in locked]
    if gone:
        raise ValidationError(MERGE_GONE % {"names": ", ".join(gone)}, code="merge_gone")
    keep, drop = locked[keep.pk], locked[drop.pk]
    comment = _("Merged %(drop)s (%(slug)s) into %(keep)s") % {
        "drop": drop.name,
        "slug": drop.slug,
        "keep": keep.name,
    }
    with revision(by=by, comment=comment):
        _move_aliases(keep, drop)
        articles = _move_tags(keep, drop)
        _move_relationships(keep, drop)
        ActorRedirect.objects.filter(actor=drop).update(actor=keep)
        dropped_slug = drop.slug
        inherited = {
            name: getattr(drop, name)
            for name in ("sort_name", "description", "wikidata_id", "website")
            if not getattr(keep, name) and getattr(drop, name)
        }
        drop.delete()
        ActorRedirect.objects.create(old_slug=dropped_slug, actor=keep)
        for name, value in inherited.items():
            setattr(keep, name, value)
        keep.full_clean()
        keep.save()
        Actor.objects.filter(pk=keep.pk).update(version=F("version") + 1)
        keep.refresh_from_db()
        reversion.add_to_revision(keep)
        for article in articles:
            reversion.add_to_revision(article)
    return keep


def actors_in_use_message(actors) -> str:
    """Why these actors cannot be deleted, and what to do instead."""
    names = ", ".join(str(actor) for actor in actors)
    return ngettext(
        "%(names)s is tagged in stories, so it cannot be deleted. If it duplicates another "
        "actor, merge it into that one instead (tick both in the actor list and choose "
        "“Merge two duplicate actors…”): its stories, aliases and relationships move there "
        "and its page redirects. Otherwise untag it from its stories first.",
        "%(names)s are tagged in stories, so they cannot be deleted. If one duplicates another "
        "actor, merge it into that one instead (tick both in the actor list and choose "
        "“Merge two duplicate actors…”): its stories, aliases and relationships move there "
        "and its page redirects. Otherwise untag them from their stories first.",
        len(actors),
    ) % {"names": names}


def actors_in_use(actors) -> list[Actor]:
    """Those of ``actors`` tagged in at least one story (their tags are PROTECTed)."""
    return list(
        Actor.objects.filter(pk__in=[a.pk for a in actors], article_tags__isnull=False)
        .distinct()
        .order_by("name")
    )


@transaction.atomic
def actor_delete(*, actor: Actor, by=None) -> None:
    """Delete an actor no story tags; a tagged one is refused with a pointer to merging."""
    require(by, "actors.delete_actor")
    in_use = actors_in_use([actor])
    if in_use:
        raise ValidationError(actors_in_use_message(in_use), code="actor_in_use")
    with revision(by=by, comment=_("Deleted %(name)s") % {"name": actor.name}):
        actor.delete()


def _move_aliases(keep: Actor, drop: Actor) -> None:
    taken = {keep.name_folded, *keep.aliases.values_list("folded", flat=True)}
    for alias in drop.aliases.all():
        if alias.folded in taken:
            alias.delete()
        else:
            alias.actor = keep
            alias.save()
            taken.add(alias.folded)
    if drop.name_folded not in taken:
        Alias.objects.create(actor=keep, name=drop.name)


def _move_tags(keep: Actor, drop: Actor) -> list:
    """Retag drop's stories with keep; where both are tagged, the stronger role stays."""
    kept = {tag.article_id: tag for tag in keep.article_tags.all()}
    articles = []
    for tag in drop.article_tags.select_related("article"):
        articles.append(tag.article)
        other = kept.get(tag.article_id)
        if other is None:
            tag.actor = keep
            tag.save(update_fields=["actor"])
            continue
        if ROLE_STRENGTH.get(tag.role, 0) > ROLE_STRENGTH.get(other.role, 0):
            other.role = tag.role
            other.save(update_fields=["role"])
        tag.delete()
    return articles


def _move_relationships(keep: Actor, drop: Actor) -> None:
    moving = Relationship.objects.involving(drop).select_related("kind").order_by("pk")
    for relationship in moving:
        source = keep if relationship.source_id == drop.pk else relationship.source
        target = keep if relationship.target_id == drop.pk else relationship.target
        if source.pk == target.pk:
            # Keep and drop were related to each other: that cannot outlive the merge.
            relationship.delete()
            continue
        same = Q(source=source, target=target)
        if relationship.kind.symmetric:
            same |= Q(source=target, target=source)
        twin = (
            Relationship.objects.filter(same, kind=relationship.kind)
            .filter(started_on=relationship.started_on)
            .exclude(pk=relationship.pk)
            .first()
        )
        if twin is None:
            relationship.source, relationship.target = source, target
            relationship.save(update_fields=["source", "target", "updated_at"])
            continue
        # The same fact twice: its evidence and review flag join the one that stays.
        twin.evidence.add(*relationship.evidence.all())
        if relationship.needs_review and not twin.needs_review:
            twin.needs_review = True
            twin.save(update_fields=["needs_review", "updated_at"])
        reversion.add_to_revision(twin)
        relationship.delete()

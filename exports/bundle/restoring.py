"""``bundle_import``: a bundle back into a newsroom, empty or not, all or nothing.

Rows are matched before anything is made (pictures by stable id or content hash, sections,
topics and kinds by slug, actors by Wikidata id then slug, stories by stable id): nothing is
duplicated, and a row already there is left as it is. Made rows get the bundle's stable ids,
slugs, versions and dates, so that their pages are the ones the bundle came from. Pictures
come first, since story bodies show them by their number in the library ([[picture:42]]),
which the import maps to the number the picture gets here.
"""

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from taggit.models import Tag

from actors.models import Actor, ActorRedirect, Alias, Relationship, RelationshipKind
from articles.models import Article, ArticleOldSlug, Section
from articles.rendering import PICTURE_REFERENCE
from common.services import require, revision
from contributors.models import Contributor, ContributorRedirect
from exports import fields
from exports.bundle import members
from exports.bundle.pictures import PictureRows, uuid_field
from exports.bundle.reading import Bundle, BundleError
from exports.fields import RecordError
from exports.imports import ImportFailed, ImportReport, _Import, _one_import_at_a_time
from pictures.models import Picture

# A bundle makes stories (published ones too), contributors, actors, relationships, sections,
# topics and pictures: only someone allowed to make all of them may import one.
PERMISSIONS = (
    "contributors.add_contributor",
    "articles.add_article",
    "articles.publish_article",
    "articles.add_section",
    "taggit.add_tag",
    "actors.add_actor",
    "actors.add_relationship",
    "actors.add_relationshipkind",
    "pictures.add_picture",
)


@dataclass
class BundleReport(ImportReport):
    restored: dict[str, int] = field(default_factory=dict)  # member -> rows made


class _DryRun(Exception):
    pass


def bundle_import(*, file: BinaryIO, by=None, dry_run: bool = False) -> BundleReport:
    """Import the bundle in ``file``; raise ``BundleError`` (nothing written) when it is wrong."""
    for permission in PERMISSIONS:
        require(by, permission)
    bundle = Bundle(file)
    report = BundleReport(dry_run=dry_run)
    written: list[str] = []
    try:
        with transaction.atomic():
            _one_import_at_a_time()
            _Restore(bundle, report, written, by).run()
            if dry_run:
                raise _DryRun
    except _DryRun:
        _delete(written)
    except BaseException:
        _delete(written)
        raise
    return report


def _delete(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


class _Restore(PictureRows):
    def __init__(self, bundle: Bundle, report: BundleReport, written: list[str], by):
        self.bundle, self.report, self.written, self.by = bundle, report, written, by
        self.numbers: dict[int, int] = {}  # a picture's number in the bundle -> here
        self.pictures: dict[str, Picture] = {}  # by stable id
        self.actors: dict[tuple[str, str], Actor] = {}  # (slug, wikidata id) in the bundle
        self.stamps: list[tuple[type, int, dict]] = []  # set last: saving moves them

    def run(self) -> None:
        with revision(by=self.by, comment=_("Imported from a bundle")):
            for name, restore in (
                ("pictures.jsonl", self.picture),
                ("sections.jsonl", self.section),
                ("topics.jsonl", self.topic),
                ("contributors.jsonl", self.contributor),
                ("relationship_kinds.jsonl", self.kind),
                ("actors.jsonl", self.actor),
                # Before the stories, which find them (in the order they were made there).
                ("relationships.jsonl", self.relationship),
            ):
                self._each(name, restore)
        self.pictures_numbered()
        self._stories()
        self._each("story_slugs.jsonl", self.story_slug)
        for number, record in self.bundle.records("relationships.jsonl"):
            with self._failing_as("relationships.jsonl", number):
                self.evidence(record)
        for model, pk, values in self.stamps:
            model.objects.filter(pk=pk).update(**values)

    def _each(self, name: str, restore) -> None:
        made = 0
        for number, record in self.bundle.records(name):
            with self._failing_as(name, number):
                made += bool(restore(record))
        self.report.restored[name.removesuffix(".jsonl")] = made

    @contextmanager
    def _failing_as(self, member: str, line: int):
        try:
            yield
        except RecordError as error:
            raise BundleError(member, error.message, line=line, field=error.field) from None
        except ValidationError as error:
            error = fields.from_validation_error(error)
            raise BundleError(member, error.message, line=line, field=error.field) from None
        except DatabaseError as error:
            raise BundleError(member, str(error), line=line) from error

    def _stamp(self, model, pk: int, record: dict, *names: str) -> None:
        values = {}
        for name in names:
            when = fields.moment(record, name)
            if when is not None:
                values[name] = when
        if "version" in record:
            values["version"] = fields.integer(record, "version", default=1) or 1
        if values:
            self.stamps.append((model, pk, values))

    # --- sections, topics, kinds, actors, relationships --------------------------------------

    def section(self, record: dict) -> bool:
        slug = fields.text(record, "slug", max_length=100)
        if Section.objects.filter(slug=slug).exists():
            return False
        section = Section(
            slug=slug,
            name=fields.text(record, "name"),
            description=fields.text(record, "description"),
            position=fields.integer(record, "position", default=0),
        )
        section.full_clean()
        section.save()
        self._stamp(Section, section.pk, record, "updated_at")
        return True

    def _portrait(self, record: dict) -> Picture | None:
        portrait = record.get("portrait")
        if portrait is not None and str(portrait) not in self.pictures:
            raise RecordError("portrait", f"picture {portrait!r} is not in pictures.jsonl.")
        return None if portrait is None else self.pictures[str(portrait)]

    def contributor(self, record: dict) -> bool:
        slug = fields.text(record, "slug", max_length=200)
        if Contributor.objects.filter(slug=slug).exists():
            return False
        username = fields.text(record, "username")
        user = get_user_model().objects.filter(username=username).first() if username else None
        contributor = Contributor(
            slug=slug,
            name=fields.text(record, "name"),
            role=fields.text(record, "role", default=Contributor.Role.REPORTER),
            bio=fields.text(record, "bio"),
            portrait=self._portrait(record),
            # An account already signing as someone else keeps that byline.
            user=None if user is None or Contributor.objects.filter(user=user).exists() else user,
        )
        contributor.full_clean()
        contributor.save()
        for old_slug in fields.texts(record, "old_slugs", max_length=200):
            if not ContributorRedirect.objects.filter(old_slug=old_slug).exists():
                ContributorRedirect.objects.create(old_slug=old_slug, contributor=contributor)
        self._stamp(Contributor, contributor.pk, record, "created_at", "updated_at")
        return True

    def topic(self, record: dict) -> bool:
        slug, name = fields.text(record, "slug"), fields.text(record, "name")
        if not slug or not name:
            raise RecordError("slug" if not slug else "name", "a topic needs a slug and a name.")
        if Tag.objects.filter(Q(slug=slug) | Q(name=name)).exists():
            return False
        fields.topics({"name": [name]}, "name")
        Tag.objects.create(slug=slug, name=name)
        return True

    def kind(self, record: dict) -> bool:
        slug, label = fields.text(record, "slug"), fields.text(record, "label")
        if RelationshipKind.objects.filter(Q(slug=slug) | Q(label=label)).exists():
            return False
        kind = RelationshipKind(
            slug=slug,
            label=label,
            inverse_label=fields.text(record, "inverse_label"),
            symmetric=bool(record.get("symmetric")),
        )
        kind.full_clean()
        kind.save()
        self._stamp(RelationshipKind, kind.pk, record, "updated_at")
        return True

    def _find_actor(self, data: dict) -> Actor | None:
        slug = fields.text(data, "slug", max_length=200)
        wikidata_id = fields.text(data, "wikidata_id", max_length=20)
        key = (slug, wikidata_id)
        if key not in self.actors:
            found = None
            if wikidata_id:
                found = Actor.objects.filter(wikidata_id=wikidata_id).first()
            found = found or Actor.objects.filter(slug=slug).first()
            if found is None:
                return None
            self.actors[key] = found
        return self.actors[key]

    def actor(self, record: dict) -> bool:
        if self._find_actor(record) is not None:
            return False
        kind = fields.text(record, "kind")
        if kind not in Actor.Kind.values:
            raise RecordError("kind", f"{kind!r} is not one of {', '.join(Actor.Kind.values)}.")
        actor = Actor(
            slug=fields.text(record, "slug", max_length=200),
            kind=kind,
            listed=bool(record.get("listed")),
            portrait=self._portrait(record),
            **{
                key: fields.text(record, key)
                for key in ("name", "sort_name", "description", "wikidata_id", "website")
            },
        )
        actor.full_clean()
        actor.save()
        for index, entry in enumerate(fields.objects(record, "aliases")):
            alias = Alias(
                actor=actor, name=fields.text(entry, "name"), any_case=bool(entry.get("any_case"))
            )
            try:
                alias.full_clean()
            except ValidationError as error:
                raise fields.from_validation_error(error, f"aliases[{index}]") from None
            alias.save()
        for old_slug in fields.texts(record, "old_slugs", max_length=200):
            if not ActorRedirect.objects.filter(old_slug=old_slug).exists():
                ActorRedirect.objects.create(old_slug=old_slug, actor=actor)
        self.actors[(actor.slug, actor.wikidata_id)] = actor
        self._stamp(Actor, actor.pk, record, "created_at", "updated_at")
        return True

    def _end(self, record: dict, end: str) -> Actor:
        data = record.get(end)
        if not isinstance(data, dict):
            raise RecordError(end, "expected an object with a slug and a wikidata_id.")
        try:
            actor = self._find_actor(data)
        except RecordError as error:
            raise error.within(end) from None
        if actor is None:
            raise RecordError(f"{end}.slug", f"actor {data.get('slug')!r} is not in actors.jsonl.")
        return actor

    def relationship(self, record: dict) -> bool:
        kind = RelationshipKind.objects.filter(slug=fields.text(record, "kind")).first()
        if kind is None:
            raise RecordError("kind", f"{record.get('kind')!r} is not in relationship_kinds.jsonl.")
        source, target = self._end(record, "source"), self._end(record, "target")
        started_on = fields.day(record, "started_on")
        relationship = Relationship.objects.filter(
            source=source, kind=kind, target=target, started_on=started_on
        ).first()
        made = relationship is None
        if made:
            relationship = Relationship(
                source=source,
                kind=kind,
                target=target,
                started_on=started_on,
                ended_on=fields.day(record, "ended_on"),
                amount=fields.amount(record, "amount"),
                currency=fields.text(record, "currency"),
                status=fields.text(record, "status", default=Relationship.Status.REPORTED),
                note=fields.text(record, "note"),
                needs_review=bool(record.get("needs_review")),
            )
            relationship.full_clean()
            relationship.save()
        if made:
            self._stamp(Relationship, relationship.pk, record, "created_at", "updated_at")
        return made

    def evidence(self, record: dict) -> None:
        """Once the stories are in: the ones the relationship cites."""
        relationship = Relationship.objects.get(
            source=self._end(record, "source"),
            kind__slug=fields.text(record, "kind"),
            target=self._end(record, "target"),
            started_on=fields.day(record, "started_on"),
        )
        evidence = [
            uuid_field({"evidence": value}, "evidence")
            for value in fields.texts(record, "evidence")
        ]
        relationship.evidence.add(*Article.objects.filter(uuid__in=evidence))

    # --- stories --------------------------------------------------------------------------

    def story_slug(self, record: dict) -> bool:
        slug = fields.text(record, "slug", max_length=250)
        story = Article.objects.filter(uuid=fields.text(record, "story")).first()
        if story is None:
            raise RecordError("story", f"story {record.get('story')!r} is not in stories.jsonl.")
        if slug == story.slug or ArticleOldSlug.objects.filter(slug=slug).exists():
            return False
        old = ArticleOldSlug(article=story, slug=slug)
        old.full_clean()
        old.save()
        self._stamp(ArticleOldSlug, old.pk, record, "created_at")
        return True

    def _stories(self) -> None:
        importing = _Import(self.report)
        try:
            importing.run(self._story_lines())
        except ImportFailed as error:
            field = error.field if error.field != "(line)" else ""
            raise BundleError(
                members.STORIES, error.message, line=error.line, field=field
            ) from None
        self.report.restored["stories"] = len(self.report.created)

    def _story_lines(self) -> Iterator[str]:
        """The member's lines, blank ones kept (so numbers match), bodies' pictures mapped."""
        last = 0
        for number, line in self.bundle.lines(members.STORIES):
            yield from ["\n"] * (number - last - 1)
            last = number
            yield self._mapped(line)

    def _mapped(self, line: str) -> str:
        if "[[picture:" not in line:
            return line
        try:
            record = json.loads(line)
        except ValueError:
            return line  # the story import names the line
        if isinstance(record, dict) and isinstance(record.get("body"), str):
            record["body"] = PICTURE_REFERENCE.sub(self._number, record["body"])
        return json.dumps(record, ensure_ascii=False)

    def _number(self, match: re.Match) -> str:
        number = int(match.group(1))
        # A picture not in the bundle keeps its number: the body shows nothing there, as before.
        return f"[[picture:{self.numbers.get(number, number)}]]"

"""Restoring the rows around an imported story: section, byline, tags, actors, corrections,
the relationships it evidences and its related links.

JSON Lines records are complete, so they replace what the story had; ninjs documents may be
partial (a partner's subset), so their corrections and links are only added.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from actors.models import Relationship, RelationshipKind
from actors.services import relationship_record
from articles.models import Article, ArticleActor, Byline, Correction, RelatedArticle, Section
from common.slugs import slug_from
from exports import fields
from exports.actor_matching import ActorMatcher
from exports.contributor_matching import ContributorMatcher
from exports.fields import RecordError
from pictures.models import Picture


class StoryRows:
    """One per import: it caches sections, kinds and actors, and collects warnings."""

    def __init__(self):
        self.actors = ActorMatcher()
        self.contributors = ContributorMatcher()
        self.sections: dict[str, Section] = {}
        self.kinds: dict[str, RelationshipKind] = {}
        self.warnings: list[str] = []
        # Relationships recorded through the service in this import (in its revision).
        self.recorded: set[int] = set()
        # Filled by preload_pictures(): the library's pictures a batch names, by id and hash.
        self.pictures: dict[str, Picture | None] = {}

    def preload_pictures(self, records: list[dict], key: str = "lead_image") -> None:
        """Find, in two queries, the pictures these records name (bulk imports)."""
        ids, hashes = set(), set()
        for record in records:
            data = record.get(key)
            if isinstance(data, dict):
                for name, found in (("uuid", ids), ("content_hash", hashes)):
                    if isinstance(data.get(name), str) and data[name]:
                        found.add(data[name])
        valid = set()
        for value in ids:
            try:
                valid.add(str(uuid.UUID(value)))
            except ValueError:
                continue  # picture() names it
        pictures = Picture.objects.filter(Q(uuid__in=valid) | Q(content_hash__in=hashes))
        self.pictures.update({f"hash:{value}": None for value in hashes})
        self.pictures.update({f"uuid:{value}": None for value in valid})
        for picture in pictures:
            self.pictures[f"uuid:{picture.uuid}"] = picture
            self.pictures[f"hash:{picture.content_hash}"] = picture

    def _picture(self, field: str, value: str) -> Picture | None:
        if field == "uuid":
            try:
                value = str(uuid.UUID(value))
            except ValueError:
                raise RecordError("uuid", f"{value!r} is not a UUID.") from None
        known = f"{'hash' if field == 'content_hash' else 'uuid'}:{value}"
        if known in self.pictures:
            return self.pictures[known]
        return Picture.objects.filter(**{field: value}).first()

    def section(self, data) -> Section | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            raise RecordError("section", "expected an object with a slug and a name.")
        try:
            slug = fields.text(data, "slug") or slug_from(fields.text(data, "name"))
            if slug not in self.sections:
                section = Section.objects.filter(slug=slug).first()
                if section is None:
                    section = Section(slug=slug, name=fields.text(data, "name") or slug)
                    section.full_clean()
                    section.save()
                self.sections[slug] = section
        except RecordError as error:
            raise error.within("section") from None
        except ValidationError as error:
            raise fields.from_validation_error(error, "section") from None
        return self.sections[slug]

    def picture(self, record: dict, key: str) -> Picture | None:
        """A picture the record names, found in the library by stable id or content hash.

        Files are never fetched from a URL in the record: a picture missing from the library
        is left out with a warning (upload it, then import again).
        """
        data = record.get(key)
        if data is None:
            return None
        if not isinstance(data, dict):
            raise RecordError(key, "expected an object with a uuid or a content_hash.")
        try:
            found = None
            picture_id = fields.text(data, "uuid")
            content_hash = fields.text(data, "content_hash")
            if picture_id:
                found = self._picture("uuid", picture_id)
            if found is None and content_hash:
                found = self._picture("content_hash", content_hash)
        except RecordError as error:
            raise error.within(key) from None
        if found is None:
            label = data.get("alt_text") or picture_id or content_hash
            self.warnings.append(
                f"{fields.record_label(record)}: picture {label!r} is not in the library; "
                "the story is imported without it."
            )
        return found

    def byline(self, article: Article, record: dict) -> None:
        """The story's contributors in order, made when this newsroom does not know them
        (files written before contributors list ``authors``, by username)."""
        rows = self.byline_rows(article, record)
        if rows is None:
            return
        article.bylines.all().delete()
        Byline.objects.bulk_create(rows)

    def byline_rows(self, article: Article, record: dict) -> list[Byline] | None:
        """The byline rows of ``record``, unsaved (None: the record says nothing of it)."""
        key = "contributors" if "contributors" in record else "authors"
        if key not in record:
            return None
        resolve = self.contributors.resolve if key == "contributors" else self.contributors.author
        rows, seen = [], set()
        for index, entry in enumerate(fields.objects(record, key)):
            try:
                contributor = resolve(entry)
            except RecordError as error:
                raise error.within(f"{key}[{index}]") from None
            if contributor.pk in seen:
                raise RecordError(f"{key}[{index}]", f"{contributor.name} signs twice.")
            seen.add(contributor.pk)
            rows.append(Byline(article=article, contributor=contributor, position=index))
        return rows

    def actor_tags(self, article: Article, entries: list[dict]) -> None:
        rows = self.actor_tag_rows(article, entries)
        article.actor_tags.all().delete()
        ArticleActor.objects.bulk_create(rows)

    def actor_tag_rows(self, article: Article, entries: list[dict]) -> list[ArticleActor]:
        rows, seen = [], set()
        for index, entry in enumerate(entries):
            try:
                actor = self.actors.resolve(entry)
                role = fields.text(entry, "role", default=ArticleActor.Role.MENTIONS)
                if role not in ArticleActor.Role.values:
                    roles = ", ".join(ArticleActor.Role.values)
                    raise RecordError("role", f"{role!r} is not one of {roles}.")
                position = fields.integer(entry, "position", default=index)
            except RecordError as error:
                raise error.within(f"actors[{index}]") from None
            if actor.pk in seen:
                raise RecordError(f"actors[{index}]", f"{actor.name} is tagged twice.")
            seen.add(actor.pk)
            rows.append(ArticleActor(article=article, actor=actor, role=role, position=position))
        return rows

    def corrections(self, article: Article, record: dict) -> None:
        corrections = self.correction_rows(article, record)
        # Corrections are public record: an import adds the ones the story lacks, and never
        # deletes or rewrites one (a withdrawn correction stays withdrawn).
        known = set(article.corrections.values_list("text", flat=True))
        corrections = [c for c in corrections if c.text not in known]
        Correction.objects.bulk_create(corrections)

    def correction_rows(self, article: Article, record: dict) -> list[Correction]:
        corrections = []
        for index, entry in enumerate(fields.objects(record, "corrections")):
            try:
                text = fields.text(entry, "text")
                if not text.strip():
                    raise RecordError("text", "a correction needs a text.")
                published_at = fields.moment(entry, "published_at")
            except RecordError as error:
                raise error.within(f"corrections[{index}]") from None
            # Undated (ninjs): the story's version time is when it was last corrected at latest.
            when = published_at or fields.moment(record, "updated_at") or timezone.now()
            corrections.append(Correction(article=article, text=text, published_at=when))
        return corrections

    def relationships(self, article: Article, entries: list[dict], *, new: bool = False) -> None:
        """The relationships the story evidences: found or recorded, the story added (a
        ``new`` story has none to forget first)."""
        if not new:
            article.evidenced_relationships.clear()
        for index, entry in enumerate(entries):
            self.relationship(article, index, self.relationship_values(index, entry))

    def relationship(self, article: Article, index: int, values: dict) -> Relationship:
        """Found or recorded through the service, the story added to its evidence."""
        try:
            relationship = relationship_record(**values, evidence=[article])
        except ValidationError as error:
            raise fields.from_validation_error(error, f"relationships[{index}]") from None
        self.recorded.add(relationship.pk)
        return relationship

    def relationship_values(self, index: int, entry: dict) -> dict:
        """What ``relationship_record`` is given for one entry of ``relationships``."""
        try:
            ends = {}
            for end in ("source", "target"):
                if not isinstance(entry.get(end), dict):
                    raise RecordError(end, "expected an actor object.")
                try:
                    ends[end] = self.actors.resolve(entry[end])
                except RecordError as error:
                    raise error.within(end) from None
            return dict(
                kind=self.kind(entry.get("kind")),
                started_on=fields.day(entry, "started_on"),
                ended_on=fields.day(entry, "ended_on"),
                amount=fields.amount(entry, "amount"),
                currency=fields.text(entry, "currency"),
                status=fields.text(entry, "status", default=Relationship.Status.REPORTED),
                note=fields.text(entry, "note"),
                **ends,
            )
        except RecordError as error:
            raise error.within(f"relationships[{index}]") from None
        except ValidationError as error:
            raise fields.from_validation_error(error, f"relationships[{index}]") from None

    def kind(self, data) -> RelationshipKind:
        if not isinstance(data, dict):
            raise RecordError("kind", "expected an object with a slug and a label.")
        try:
            slug = fields.text(data, "slug")
            label = fields.text(data, "label") or slug
            if not slug:
                raise RecordError("slug", "a relationship kind needs a slug.")
        except RecordError as error:
            raise error.within("kind") from None
        if slug not in self.kinds:
            kind = RelationshipKind.objects.filter(Q(slug=slug) | Q(label=label)).first()
            if kind is None:
                kind = RelationshipKind(
                    slug=slug,
                    label=label,
                    inverse_label=fields.text(data, "inverse_label"),
                    symmetric=bool(data.get("symmetric")),
                )
                try:
                    kind.full_clean()
                except ValidationError as error:
                    raise fields.from_validation_error(error, "kind") from None
                kind.save()
            self.kinds[slug] = kind
        return self.kinds[slug]

    def link(self, article: Article, related: list[str], *, replace: bool, label: str) -> None:
        """The editor's related links, in the file's order; the first pass made every story."""
        if str(article.uuid) in related:
            raise RecordError("related", "a story cannot be related to itself.")
        found = dict(Article.objects.filter(uuid__in=related).values_list("uuid", "pk"))
        found = {str(key): pk for key, pk in found.items()}
        missing = [value for value in related if value not in found]
        if missing:
            self.warnings.append(
                f"{label}: related stories not in the file or the database, not linked: "
                + ", ".join(missing)
            )
        targets = [found[value] for value in related if value in found]
        links = {link.to_article_id: link for link in article.related_links.all()}
        if replace:
            article.related_links.exclude(to_article_id__in=targets).delete()
            start = 0
        else:
            # A partner's file may leave links out: keep ours, add theirs after them.
            targets = [pk for pk in targets if pk not in links]
            start = 1 + max((link.position for link in links.values()), default=-1)
        for position, pk in enumerate(targets, start=start):
            link = links.get(pk)
            if link is None:
                RelatedArticle.objects.create(
                    from_article=article, to_article_id=pk, position=position
                )
            elif link.position != position:
                link.position = position
                link.save(update_fields=["position"])

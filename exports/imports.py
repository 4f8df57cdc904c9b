"""``stories_import``: JSON Lines records and ninjs documents back into stories, all or nothing.

Each line is a project record (it has a ``uuid``) or a ninjs document (it has a ``uri``).
Stories are created or updated by their stable id; related links are made in a second pass,
once every story of the file exists. The whole file is one transaction: the first bad record
stops the import and nothing is written. A dry run does everything, then rolls back.
"""

import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import TextIO

import reversion
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from articles.services import article_import
from common.services import revision
from exports import fields
from exports.bulk_import import BulkStories, fill_story, versions_after_revision
from exports.fields import ImportFailed, RecordError
from exports.ninjs import NinjsError, record_from_document
from exports.records import RECORD_PREFETCH, iso, story_record
from exports.restore import StoryRows


@dataclass
class ImportReport:
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    actors_created: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ninjs items that are stories; pictures, events or planning items in the same feed are not.
STORY_TYPES = ("text", "composite")


class _DryRun(Exception):
    pass


# The key of the PostgreSQL advisory lock that imports take: any number, the same everywhere.
IMPORT_LOCK_KEY = 730_511_422


def _one_import_at_a_time() -> None:
    """Wait for any other import to end (commit or roll back) before this one reads anything.

    Two files naming the same new actor, imported at the same moment, would otherwise both
    find no such actor and both create it (or collide on its slug, or deadlock); each import
    now matches against what the ones before it committed. The lock is PostgreSQL's and lasts
    until this import's transaction ends; SQLite lets one writer in at a time already.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def stories_import(*, lines: Iterable[str], dry_run: bool = False) -> ImportReport:
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            _one_import_at_a_time()
            _Import(report).run(lines)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


# Limits on what one file may ask of the server. A story record is a few kilobytes, a long
# one with its body a few hundred; ours nest five levels deep, a partner's ninjs a few more.
MAX_LINE_CHARS = 5_000_000
MAX_FILE_CHARS = 500_000_000
MAX_DEPTH = 32


def read_lines(stream: TextIO) -> Iterator[str]:
    """The lines of a file, none read whole past the limit: a line without end is refused
    after ``MAX_LINE_CHARS`` characters instead of filling the memory."""
    while line := stream.readline(MAX_LINE_CHARS + 1):
        yield line


def _depth(value) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            items = value.values() if isinstance(value, dict) else value
            stack += [(item, depth + 1) for item in items if isinstance(item, dict | list)]
    return deepest


def _parse(number: int, line: str) -> tuple[str, dict]:
    def refused(message: str) -> ImportFailed:
        return ImportFailed(line=number, record="", field="(line)", message=message)

    if len(line) > MAX_LINE_CHARS:
        raise refused(f"longer than {MAX_LINE_CHARS:,} characters, the limit for one record.")
    too_deep = f"nested more than {MAX_DEPTH} levels deep."
    try:
        doc = json.loads(line)
    except RecursionError:  # deeper than the parser follows
        raise refused(too_deep) from None
    except ValueError as error:  # not JSON, or a number of thousands of digits
        raise refused(f"not JSON: {error}.") from None
    if _depth(doc) > MAX_DEPTH:
        raise refused(too_deep)
    if not isinstance(doc, dict):
        raise ImportFailed(line=number, record="", field="(line)", message="not a JSON object.")
    if "uuid" in doc:
        return "jsonl", doc
    if "uri" in doc:
        if doc.get("type", "text") not in STORY_TYPES:
            return "skip", doc
        try:
            return "ninjs", record_from_document(doc)
        except NinjsError as error:
            raise ImportFailed(
                line=number, record=str(doc["uri"]), field=error.field, message=str(error)
            ) from None
    raise ImportFailed(
        line=number,
        record="",
        field="(line)",
        message="neither a story record (no uuid) nor a ninjs document (no uri).",
    )


# Records read, checked and written together by the bulk path.
BATCH_SIZE = 500


def _batches(lines: Iterable[str], warnings: list[str]) -> Iterator[list]:
    """The file's records as (line number, label, source, record), a batch at a time."""
    batch, size = [], 0
    for number, line in enumerate(lines, start=1):
        size += len(line)
        if size > MAX_FILE_CHARS:
            raise ImportFailed(
                line=number,
                record="",
                field="(file)",
                message=f"the file is longer than {MAX_FILE_CHARS:,} characters, the limit "
                "for one import: split it.",
            )
        if not line.strip():
            continue
        source, record = _parse(number, line)
        if source == "skip":
            warnings.append(
                f"Line {number}: ninjs {record['type']} item {record['uri']} is not a story; "
                "skipped."
            )
            continue
        batch.append((number, fields.record_label(record), source, record))
        if len(batch) == BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _subset(have, want):
    """``have`` cut down to the shape of ``want``: the keys a partial record does carry."""
    if isinstance(want, dict) and isinstance(have, dict):
        return {key: _subset(have.get(key), value) for key, value in want.items()}
    if isinstance(want, list) and isinstance(have, list) and len(want) == len(have):
        return [_subset(h, w) for h, w in zip(have, want, strict=True)]
    return have


def _comparable(record: dict) -> dict:
    derived = {"url", "body_html"}  # computed on export; the URL depends on the site
    record = {k: v for k, v in record.items() if k not in derived and not k.startswith("_")}
    if isinstance(record.get("lead_image"), dict):
        # The library's picture, by its stable id; its URLs and captions are not the story's.
        record["lead_image"] = record["lead_image"].get("uuid")
    if isinstance(record.get("contributors"), list):
        # Contributors by slug; their pages' URLs depend on the site.
        record["contributors"] = [
            c.get("slug") for c in record["contributors"] if isinstance(c, dict)
        ]
    return record


class _Import:
    def __init__(self, report: ImportReport):
        self.report = report
        self.rows = StoryRows()

    def run(self, lines: Iterable[str]) -> None:
        """The file a batch at a time: new stories in bulk (exports.bulk_import), the others
        one by one; all of it one revision in the history, named for the import."""
        bulk = BulkStories(self.rows, self._prepare)
        pending = []  # related links, made once every story of the file exists
        # The revision is ours when no caller opened one: new stories' versions are then
        # written after it, in one statement (exports.bulk_writes.record_in_history).
        ours = not reversion.is_active()
        with (
            versions_after_revision(bulk) if ours else nullcontext(),
            revision(by=None, comment=""),
        ):
            for batch in _batches(lines, self.report.warnings):
                if self._all_new(batch):
                    self.report.created += [story.title for story in bulk.write(batch)]
                    continue
                for number, label, source, record in batch:
                    with self._step(number, label):
                        outcome, article, related = self._story(record, source)
                    getattr(self.report, outcome).append(article.title)
                    if outcome != "unchanged" and related is not None:
                        pending.append((number, label, article, related, source == "jsonl"))
            for number, label, article, related, replace in pending:
                with self._step(number, label):
                    self.rows.link(article, related, replace=replace, label=label)
            bulk.finish(self.rows.warnings.append, fast_history=ours)
            # Services called inside name their own step; this revision is the import.
            reversion.set_comment(_("Imported from a file"))
        self.report.actors_created = [actor.name for actor in self.rows.actors.created]
        self.report.warnings += self.rows.warnings + self.rows.actors.warnings

    @staticmethod
    def _all_new(batch: list) -> bool:
        """Whether every record of the batch is a story this newsroom does not have, named
        by a slug and met once: those are written in bulk."""
        ids = []
        for _number, _label, _source, record in batch:
            slug = record.get("slug")
            if not (isinstance(slug, str) and slug and isinstance(record.get("uuid"), str)):
                return False
            try:
                ids.append(uuid.UUID(record["uuid"]))
            except ValueError:
                return False
        if len(set(ids)) < len(ids):
            return False
        return not Article.objects.filter(uuid__in=ids).exists()

    @contextmanager
    def _step(self, number: int, label: str):
        with fields.failing_as(number, label):
            yield

    # --- one story ------------------------------------------------------------------------

    def _prepare(self, record: dict, source: str, existing: Article | None = None):
        """A new story's stable id and related links, its times and status read (the bulk
        path's start; ``_story`` does the same for a story that may exist)."""
        story_id = self._story_id(record)
        self._times(record, source, existing)
        return story_id, self._related(record)

    @staticmethod
    def _story_id(record: dict) -> uuid.UUID:
        try:
            return uuid.UUID(fields.text(record, "uuid"))
        except ValueError:
            raise RecordError("uuid", f"{record.get('uuid')!r} is not a UUID.") from None

    def _times(self, record: dict, source: str, existing: Article | None) -> None:
        # One spelling of each time (UTC, Z), so that comparing with the story is exact.
        for key in ("publish_at", "first_published_at", "created_at", "updated_at"):
            if key in record:
                record[key] = iso(fields.moment(record, key))
        if source == "ninjs":
            self._ninjs_status(record, existing)

    def _related(self, record: dict) -> list[str] | None:
        if "related" not in record:
            return None
        return [self._uuid(value, "related") for value in fields.texts(record, "related")]

    def _story(self, record: dict, source: str):
        story_id = self._story_id(record)
        existing = Article.objects.filter(uuid=story_id).first()
        self._times(record, source, existing)
        if existing is not None and self._unchanged(existing, record, source):
            return "unchanged", existing, None
        related = self._related(record)
        article = existing or Article(uuid=story_id)
        old_slug = article.slug
        stamps = {key: fields.moment(record, key) for key in ("created_at", "updated_at")}
        fill_story(article, record, self.rows, new=existing is None)
        article_import(article=article, old_slug=old_slug)
        self.rows.byline(article, record)
        if "tags" in record:
            article.tags.set(fields.topics(record, "tags"))
        if "actors" in record:
            self.rows.actor_tags(article, fields.objects(record, "actors"))
        if "corrections" in record:
            self.rows.corrections(article, record)
        if "relationships" in record:
            self.rows.relationships(article, fields.objects(record, "relationships"))
        # Last: saving above set the automatic timestamps; the record's are the story's own.
        stamps = {key: value for key, value in stamps.items() if value is not None}
        if stamps:
            Article.objects.filter(pk=article.pk).update(**stamps)
        return ("updated" if existing else "created"), article, related

    @staticmethod
    def _uuid(value: str, key: str) -> str:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise RecordError(key, f"{value!r} is not a story UUID.") from None

    @staticmethod
    def _ninjs_status(record: dict, existing: Article | None) -> None:
        """ninjs only says usable, withheld (maybe until an embargo) or canceled."""
        pub_status = record.pop("_pub_status")
        embargo = fields.moment(
            {"embargoedUntil": record.pop("_embargoed_until")}, "embargoedUntil"
        )
        first = fields.moment({"firstCreated": record.pop("_first_created")}, "firstCreated")
        visible = existing is not None and existing.is_public
        if pub_status not in ("usable", "withheld", "canceled"):
            raise RecordError("pubStatus", f"{pub_status!r} is not usable, withheld or canceled.")
        if pub_status == "withheld" and embargo:
            status, publish_at = Article.Status.PUBLISHED, embargo
        elif pub_status == "usable":
            # A live story keeps its publication time; a new one gets the earliest we know.
            publish_at = existing.publish_at if visible else first or timezone.now()
            status = Article.Status.PUBLISHED
        elif pub_status == "withheld" and existing is not None and not visible:
            status, publish_at = existing.status, existing.publish_at
        else:
            status = Article.Status.DRAFT
            publish_at = existing.publish_at if existing else None
        record["status"], record["publish_at"] = status, iso(publish_at)

    def _unchanged(self, existing: Article, record: dict, source: str) -> bool:
        current = story_record(
            Article.objects.select_related("section")
            .prefetch_related(*RECORD_PREFETCH)
            .get(pk=existing.pk)
        )
        have = _comparable(current)
        if source == "ninjs":
            _drop_what_ninjs_cannot_say(have, record)
        want = _comparable(record)
        return _subset(have, want) == want


def _drop_what_ninjs_cannot_say(have: dict, record: dict) -> None:
    """Leave out of a ninjs record the parts that only differ where ninjs cannot be precise.

    ninjs lists actors by kind (so their interleaved order is lost), and a partner's file
    may list fewer links and undated corrections: in these cases the story keeps its own.
    """

    def tags(actors):
        return sorted((a.get("slug"), a.get("kind"), a.get("role")) for a in actors)

    if "actors" in record and tags(record["actors"]) == tags(have["actors"]):
        del record["actors"]
    if set(record.get("related", [])) <= set(have["related"]):
        record.pop("related", None)
    if {c.get("text") for c in record.get("corrections", [])} <= {
        c["text"] for c in have["corrections"]
    }:
        record.pop("corrections", None)

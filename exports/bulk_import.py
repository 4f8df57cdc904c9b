"""New stories of an import, a batch at a time: the same checks as one by one, fewer queries.

A batch's actors, contributors and pictures are looked up at once; every record is read and
validated (``full_clean``) before anything is written, in file order, so the first bad
record is the one named, as it would be one by one; the rows are then written with one
statement per table (COPY on PostgreSQL). What the save signals did for each story is done
once for the import when it ends (exports.bulk_writes), with the related links, which wait
for every story of the file.
"""

import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from reversion.signals import post_revision_commit

from actors.cachetags import relationship_retires
from actors.models import Relationship
from articles.models import Article, ArticleActor, Byline, Correction, RelatedArticle
from articles.models.sections import TaggedArticle
from articles.rendering import render_markdown
from exports import fields
from exports.bulk_writes import insert, record_in_history, save_versions, stories_created
from exports.fields import RecordError, failing_as
from exports.restore import StoryRows

# A batch: (line number, label, source, record) of new stories, in file order.
Batch = list[tuple[int, str, str, dict]]
TEXTS = ("slug", "kicker", "title", "standfirst", "body", "language", "status")
PUBLISHED_HAS_DATE = next(
    c for c in Article._meta.constraints if c.name == "article_published_has_date"
)


def fill_story(story: Article, record: dict, rows: StoryRows, *, new: bool) -> None:
    """A record's fields onto ``story`` (``new``: not stored yet), as both import paths read
    them; a record without a slug gets one as a story written here would."""
    for key in TEXTS:
        if key in record:
            setattr(story, key, fields.text(record, key))
    if not story.slug:
        story.slug = Article.objects.exclude(pk=story.pk).free_slug(story.title)
    story.canonical_url = fields.text(record, "canonical_url", default=story.canonical_url)
    for key in ("publish_at", "first_published_at"):
        if key in record:
            setattr(story, key, fields.moment(record, key))
    if new and "first_published_at" not in record:
        story.first_published_at = story.publish_at
    if "version" in record:
        story.version = fields.integer(record, "version", default=1)
    if "section" in record:
        story.section = rows.section(record["section"])
    if "lead_image" in record:
        story.lead_image = rows.picture(record, "lead_image")


class BulkStories:
    """The new stories of one import; ``finish`` once the whole file is written."""

    def __init__(self, rows: StoryRows, prepare: Callable[[dict, str], tuple]):
        self.rows = rows
        # The per-record reading shared with one-by-one imports: the uuid, times, ninjs
        # status; it answers the story's uuid and related links (None when it has none).
        self.prepare = prepare
        self.created: list[Article] = []
        self.lists: dict[int, set[str]] = {}  # cache tags each story's rows retire
        self.links: list[tuple[int, str, Article, list[str], bool]] = []
        self.versions: list = []  # saved once the revision is (save_versions)
        # Relationships known before the import that new stories add evidence to.
        self.evidenced: dict[int, Relationship] = {}
        # What the rows name, by id, for their labels in the history.
        self.known: dict[str, dict] = {"actor": {}, "contributor": {}, "tag": {}, "to_article": {}}

    def write(self, batch: Batch) -> list[Article]:
        """Check, then write, a batch of new stories (raises ImportFailed)."""
        records = [record for _, _, _, record in batch]
        self._preload(records)
        built = []
        for number, label, source, record in batch:
            with failing_as(number, label):
                built.append(self._build(record, source))
        stories = [story for story, *_ in built]
        self._check_slugs(batch, stories)
        insert(Article, stories)
        topics = self._topics([built_one[2] for built_one in built])
        bylines, actor_tags, tagged, corrections = [], [], [], []
        for (story, rows, _, actors, fixes, _), tags in zip(built, topics, strict=True):
            bylines += rows
            actor_tags += actors
            corrections += fixes
            tagged += [TaggedArticle(content_object=story, tag=tag) for tag in tags]
            self.lists[story.pk] = (
                {f"stories:actor:{row.actor_id}" for row in actors}
                | {f"stories:topic:{tag.pk}" for tag in tags}
                | {f"stories:contributor:{row.contributor_id}" for row in rows}
                | ({"actors"} if actors else set())
                | ({"contributors"} if rows else set())
            )
        self.known["actor"].update((row.actor_id, row.actor) for row in actor_tags)
        self.known["contributor"].update((row.contributor_id, row.contributor) for row in bylines)
        self.known["tag"].update((row.tag_id, row.tag) for row in tagged)
        self.known["to_article"].update((story.pk, story) for story in stories)
        insert(Byline, bylines)
        insert(ArticleActor, actor_tags)
        insert(TaggedArticle, tagged)
        insert(Correction, corrections)
        self._evidence(batch, stories)
        for (number, label, source, _), built_one in zip(batch, built, strict=True):
            story, related = built_one[0], built_one[-1]
            if related is not None:
                self.links.append((number, label, story, related, source == "jsonl"))
        self.created += stories
        return stories

    def _evidence(self, batch: Batch, stories: list[Article]) -> None:
        """The relationships the stories evidence. One the newsroom had before the import
        takes its new evidence in one statement for the batch; one to record (or recorded
        by this import) goes through the service, which checks it."""
        wanted = []
        for (number, label, _, record), story in zip(batch, stories, strict=True):
            if record.get("relationships"):
                with failing_as(number, label):
                    for index, entry in enumerate(fields.objects(record, "relationships")):
                        values = self.rows.relationship_values(index, entry)
                        wanted.append((number, label, index, story, values))
        if not wanted:
            return
        keys = {(v["source"].pk, v["kind"].pk, v["target"].pk, v["started_on"]) for *_, v in wanted}
        known = {}
        candidates = Relationship.objects.filter(
            source__in={key[0] for key in keys},
            kind__in={key[1] for key in keys},
            target__in={key[2] for key in keys},
        ).exclude(pk__in=self.rows.recorded)
        for relationship in candidates.order_by(*Relationship._meta.ordering):
            key = (relationship.source_id, relationship.kind_id, relationship.target_id)
            known.setdefault((*key, relationship.started_on), relationship)
        through, rows = Relationship.evidence.through, {}
        for number, label, index, story, values in wanted:
            key = (values["source"].pk, values["kind"].pk, values["target"].pk)
            relationship = known.get((*key, values["started_on"]))
            if relationship is None or relationship.pk in self.rows.recorded:
                with failing_as(number, label):
                    self.rows.relationship(story, index, values)
                continue
            # Its label in the history names them: no query each.
            relationship.source, relationship.target = values["source"], values["target"]
            relationship.kind = values["kind"]
            rows[(relationship.pk, story.pk)] = through(
                relationship_id=relationship.pk, article_id=story.pk
            )
            self.evidenced[relationship.pk] = relationship
            self.lists[story.pk] |= {
                f"stories:actor:{relationship.source_id}",
                f"stories:actor:{relationship.target_id}",
            }
        insert(through, list(rows.values()))

    def _preload(self, records: list[dict]) -> None:
        actors, contributors = [], []
        for record in records:
            if isinstance(record.get("actors"), list):
                actors += record["actors"]
            if isinstance(record.get("relationships"), list):
                for entry in record["relationships"]:
                    if isinstance(entry, dict):
                        actors += [entry.get("source"), entry.get("target")]
            if isinstance(record.get("contributors"), list):
                contributors += record["contributors"]
        self.rows.actors.preload([a for a in actors if isinstance(a, dict)])
        self.rows.contributors.preload(contributors)
        self.rows.preload_pictures(records)

    def _build(self, record: dict, source: str) -> tuple:
        """An unsaved story and its rows, checked as article_import checks it."""
        story_id, related = self.prepare(record, source)
        story = Article(uuid=story_id)
        fill_story(story, record, self.rows, new=True)
        # Uniqueness is checked for the whole batch (_check_slugs), the constraint here; the
        # section and picture were just found or made, so not looked up again.
        story.full_clean(
            exclude=["section", "lead_image"], validate_unique=False, validate_constraints=False
        )
        if story.status == Article.Status.PUBLISHED and story.publish_at is None:
            raise ValidationError(PUBLISHED_HAS_DATE.get_violation_error_message())
        story.body_rendered = render_markdown(story.body)  # what save() does
        story.created_at = fields.moment(record, "created_at")
        story.updated_at = fields.moment(record, "updated_at")
        bylines = self.rows.byline_rows(story, record) or []
        names = fields.topics(record, "tags") if "tags" in record else []
        actors = []
        if "actors" in record:
            actors = self.rows.actor_tag_rows(story, fields.objects(record, "actors"))
        corrections = self.rows.correction_rows(story, record) if "corrections" in record else []
        return story, bylines, names, actors, corrections, related

    @staticmethod
    def _check_slugs(batch: Batch, stories: list[Article]) -> None:
        """A slug another story has, in the database or earlier in the file, is refused
        where it first repeats, with full_clean's message."""
        taken = set(
            Article.objects.filter(slug__in=[s.slug for s in stories]).values_list(
                "slug", flat=True
            )
        )
        for (number, label, _, _), story in zip(batch, stories, strict=True):
            if story.slug in taken:
                with failing_as(number, label):
                    error = story.unique_error_message(Article, ["slug"])
                    raise ValidationError({"slug": [error]})
            taken.add(story.slug)

    @staticmethod
    def _topics(batches: list[list[str]]) -> list[list]:
        """Each story's topics, found or made as taggit's ``set`` does (case-insensitive):
        the known ones in one query, a new one made once."""
        Tag = TaggedArticle.tag_model()
        wanted = {name.lower() for names in batches for name in names}
        known: dict[str, object] = {}
        for tag in Tag.objects.annotate(folded=Lower("name")).filter(folded__in=wanted):
            known.setdefault(tag.name.lower(), tag)
        result = []
        for names in batches:
            tags = {}
            for name in names:
                tag = known.get(name.lower())
                if tag is None:
                    tag, _ = Tag.objects.get_or_create(name__iexact=name, defaults={"name": name})
                    known[name.lower()] = tag
                tags.setdefault(tag.pk, tag)
            result.append(list(tags.values()))
        return result

    def finish(self, warn: Callable[[str], None], *, fast_history: bool) -> None:
        """Related links (every story of the file now exists), the history, the signals."""
        wanted = {value for *_, related, _ in self.links for value in related}
        found = {
            str(key): pk
            for key, pk in Article.objects.filter(uuid__in=wanted).values_list("uuid", "pk")
        }
        rows, reached = [], set()
        for number, label, story, related, _ in self.links:
            with failing_as(number, label):
                if str(story.uuid) in related:
                    raise RecordError("related", "a story cannot be related to itself.")
            missing = [value for value in related if value not in found]
            if missing:
                warn(
                    f"{label}: related stories not in the file or the database, not linked: "
                    + ", ".join(missing)
                )
            targets = list(dict.fromkeys(found[value] for value in related if value in found))
            for position, pk in enumerate(targets):
                rows.append(RelatedArticle(from_article=story, to_article_id=pk, position=position))
                reached.add(f"story:{pk}")
        insert(RelatedArticle, rows)
        evidenced = [r for pk, r in self.evidenced.items() if pk not in self.rows.recorded]
        self.versions = record_in_history(
            self.created, known=self.known, fast=fast_history, relationships=evidenced
        )
        stories_created(
            self.created,
            lists=self.lists,
            links=reached | {tag for r in evidenced for tag in relationship_retires(r)},
        )


@contextmanager
def versions_after_revision(bulk: BulkStories):
    """Write the new stories' versions once the import's revision is saved (in it)."""
    thread = threading.get_ident()

    def saved(sender, revision, **kwargs):
        if threading.get_ident() == thread:  # not another request's revision
            save_versions(bulk.versions, revision)
            bulk.versions = []

    post_revision_commit.connect(saved, dispatch_uid=f"bulk-import-{id(bulk)}")
    try:
        yield
    finally:
        post_revision_commit.disconnect(dispatch_uid=f"bulk-import-{id(bulk)}")

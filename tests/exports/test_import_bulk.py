"""New stories are imported a batch at a time: a bounded number of queries, one revision in
the history, and what the save signals did (cached pages, webhooks, search, suggestions)
still done."""

import copy
import io
import json
import uuid

import pytest
from django.core import serializers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Revision, Version

from actors.models import Actor, Relationship
from actors.services import relationship_record
from actors.suggestions import suggest_for_text
from articles.models import Article, ArticleActor, Byline, TaggedArticle
from exports.imports import ImportFailed, stories_import
from exports.services import stories_export
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    RelationshipKindFactory,
    SectionFactory,
    sign,
)
from webhooks.models import WebhookDelivery
from webhooks.services import webhook_endpoint_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def record():
    """The exported record of a published story with a section, a topic, an actor and a
    byline, its story then deleted: importing copies of it makes new stories."""
    story = ArticleFactory(
        title="Le budget voté",
        body="La **loi de finances** est votée.",
        section=SectionFactory(name="Économie", slug="economie"),
        tags=["budget"],
    )
    ArticleActorFactory(article=story, actor=ActorFactory(name="Assemblée", slug="assemblee"))
    sign(story, ContributorFactory(name="Ada Lovelace", slug="ada-lovelace"))
    out = io.StringIO()
    stories_export(queryset=Article.objects.filter(pk=story.pk), fmt="jsonl", out=out)
    story.delete()
    return json.loads(out.getvalue())


def copies(record: dict, count: int, **change) -> list[dict]:
    made = []
    for _ in range(count):
        item = copy.deepcopy(record)
        story_id = str(uuid.uuid4())
        item.update(uuid=story_id, slug=f"{record['slug']}-{story_id[:8]}", **change)
        made.append(item)
    return made


def load(items: list[dict], **kwargs):
    return stories_import(lines=[json.dumps(item) + "\n" for item in items], **kwargs)


def test_queries_do_not_grow_with_the_number_of_stories(record):
    """Each story names its own actor and contributor, all known: they are looked up for
    the whole batch, and every row written in one statement a table."""

    def file(count: int, start: int) -> list[dict]:
        items = copies(record, count)
        for number, item in enumerate(items, start=start):
            actor = ActorFactory(name=f"Acteur {number}", slug=f"acteur-{number}")
            contributor = ContributorFactory(name=f"Auteur {number}", slug=f"auteur-{number}")
            item["actors"] = [{"name": actor.name, "slug": actor.slug, "kind": actor.kind}]
            item["contributors"] = [{"name": contributor.name, "slug": contributor.slug}]
            item["slug"] = f"histoire-{number}"
        return items

    load(file(1, 1000))  # content types and the like, cached by the first import
    counts = []
    for count, start in ((10, 0), (100, 10)):
        items = file(count, start)
        with CaptureQueriesContext(connection) as queries:
            report = load(items)
        assert len(report.created) == count
        counts.append(len(queries))
    # PostgreSQL takes any number of rows in one COPY; SQLite at most 999 values in one
    # statement, so a long INSERT is cut in a few.
    assert (
        counts[1] == counts[0] if connection.vendor == "postgresql" else counts[1] < counts[0] + 5
    )
    assert Article.objects.get(slug="histoire-42").actors.get().name == "Acteur 42"


def test_the_stories_their_rows_and_the_history_are_written(record):
    report = load(copies(record, 3))
    assert len(report.created) == 3
    stories = Article.objects.filter(slug__startswith=record["slug"])
    assert stories.count() == 3
    for story in stories:
        assert story.body_rendered == "<p>La <strong>loi de finances</strong> est votée.</p>\n"
        assert [c.name for c in story.byline_contributors] == ["Ada Lovelace"]
        assert list(story.tags.names()) == ["budget"]
        assert story.actors.get().slug == "assemblee"
        assert story.section.slug == "economie"
        # The file's times, not the moment of the import.
        assert story.created_at.isoformat().startswith(record["created_at"][:19])
    # One revision for the file, every story and the rows it follows in it.
    revision = Revision.objects.get()
    assert revision.comment == "Imported from a file"
    versions = Version.objects.filter(revision=revision)
    for model, count in ((Article, 3), (Byline, 3), (ArticleActor, 3), (TaggedArticle, 3)):
        assert versions.get_for_model(model).count() == count
    story = stories.first()
    assert Version.objects.get_for_object(story).get().field_dict["title"] == story.title
    # Each version as django-reversion itself writes it: the row's JSON and its label.
    for version in versions:
        row = version.object
        assert version.serialized_data == serializers.serialize("json", [row])
        assert version.object_repr == str(row)


def test_a_slug_repeated_late_in_the_file_fails_it_all(record):
    items = copies(record, 4)
    items[3]["slug"] = items[1]["slug"]
    with pytest.raises(ImportFailed) as failure:
        load(items)
    assert (failure.value.line, failure.value.field) == (4, "slug")
    assert "already exists" in failure.value.message
    assert not Article.objects.exists()
    assert not Revision.objects.exists()


def test_a_bad_value_names_its_line_and_field(record):
    items = copies(record, 5)
    items[2]["actors"] = [{"name": "X", "slug": "x", "kind": "robot"}]
    with pytest.raises(ImportFailed) as failure:
        load(items)
    assert str(failure.value).startswith(f"Line 3 (story {items[2]['uuid']}")
    assert failure.value.field == "actors[0].kind"
    assert not Article.objects.exists()


def test_new_and_known_stories_in_one_file(record):
    first = copies(record, 1)
    load(first)
    first[0]["title"] = "Le budget revoté"
    report = load([*first, *copies(record, 2, title="Nouveau")])
    assert report.updated == ["Le budget revoté"]
    assert report.created == ["Nouveau", "Nouveau"]
    assert Revision.objects.count() == 2


def test_related_links_between_new_stories(record):
    items = copies(record, 3)
    items[0]["related"] = [items[2]["uuid"], items[1]["uuid"]]
    load(items)
    story = Article.objects.get(uuid=items[0]["uuid"])
    linked = story.related_links.order_by("position").values_list("to_article__uuid", flat=True)
    assert [str(value) for value in linked] == [items[2]["uuid"], items[1]["uuid"]]


def test_a_cached_page_is_not_served_stale_after_the_import(
    record, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.NEWSROOM_PAGE_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "newsroom.filecache.PageFileCache",
            "LOCATION": str(tmp_path / "pages"),
        },
    }
    settings.NEWSROOM_PAGE_CACHE_SEQUENCE = str(tmp_path / "pages.seq")
    ArticleFactory(title="Déjà là", section=SectionFactory(slug="autre"))
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        load(copies(record, 1, title="Tout nouveau"))
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Tout nouveau" in response.content.decode()


def test_partners_are_told_of_published_and_scheduled_stories(record):
    webhook_endpoint_create(
        name="Partenaire", url="https://partner.example.org/hook", events=["published"]
    )
    later = "2099-01-01T08:00:00Z"
    load(
        [
            *copies(record, 2),
            *copies(record, 1, publish_at=later),
            *copies(record, 1, status="draft"),
        ]
    )
    deliveries = WebhookDelivery.objects.filter(event="published")
    assert deliveries.filter(scheduled_for__isnull=True).count() == 2
    assert deliveries.filter(scheduled_for__isnull=False).count() == 1
    assert deliveries.count() == 2 + 1  # never a word of the draft
    body = json.loads(deliveries.filter(scheduled_for__isnull=True).first().body)
    assert body["story"]["title"] == "Le budget voté"


def test_an_imported_story_is_found_by_search(record, client):
    load(copies(record, 1, title="Les hirondelles migratrices"))
    response = client.get(reverse("search:results"), {"q": "hirondelles"})
    assert [a.title for a in response.context["articles"]] == ["Les hirondelles migratrices"]


def test_a_new_actor_is_suggested_after_the_import(record, django_capture_on_commit_callbacks):
    assert not suggest_for_text("Ursula von der Leyen parle.").actors
    item = copies(record, 1)[0]
    item["actors"].append({"name": "Ursula von der Leyen", "slug": "ursula", "kind": "person"})
    with django_capture_on_commit_callbacks(execute=True):
        report = load([item])
    assert report.actors_created == ["Ursula von der Leyen"]
    found = suggest_for_text("Ursula von der Leyen parle.").actors
    assert [s.actor for s in found] == [Actor.objects.get(slug="ursula")]


def test_a_dry_run_writes_nothing(record):
    report = load(copies(record, 3), dry_run=True)
    assert len(report.created) == 3
    assert not Article.objects.exists()
    assert not Revision.objects.exists()


def test_new_evidence_for_a_known_relationship(record):
    source = ActorFactory(name="Elon Musk", slug="elon-musk")
    target = ActorFactory(name="Tesla", slug="tesla", kind=Actor.Kind.ORGANISATION)
    kind = RelationshipKindFactory(slug="dirige", label="dirige")
    known = relationship_record(source=source, kind=kind, target=target)
    entry = {
        "source": {"name": source.name, "slug": source.slug, "kind": source.kind},
        "target": {"name": target.name, "slug": target.slug, "kind": target.kind},
        "kind": {"slug": "dirige", "label": "dirige"},
    }
    entries = [entry, {**entry, "kind": {"slug": "finance", "label": "finance"}}]
    items = copies(record, 2, relationships=entries)
    load(items)
    assert Relationship.objects.count() == 2  # the known one found, the other recorded
    assert {str(a.uuid) for a in known.evidence.all()} == {item["uuid"] for item in items}
    # In the import's revision, listing its new evidence.
    version = Version.objects.get_for_object(known).first()
    assert version.revision.comment == "Imported from a file"
    assert len(version.field_dict["evidence"]) == 2

import io
import json

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version
from taggit.models import Tag

from actors.models import Actor, Relationship, RelationshipKind
from articles.models import Article, RelatedArticle, Section
from contributors.models import Contributor
from exports.imports import ImportFailed, stories_import
from exports.services import stories_export
from tests.factories import ActorFactory, AliasFactory

EVERY_STATUS = list(Article.Status.values)


def export(fmt="jsonl") -> str:
    out = io.StringIO()
    stories_export(
        queryset=Article.objects.filter(status__in=EVERY_STATUS),
        fmt=fmt,
        out=out,
        public_only=False,
    )
    return out.getvalue()


def wipe() -> None:
    """An empty newsroom: stories, contributors, actors, tags, sections and kinds (users
    stay)."""
    Relationship.objects.all().delete()
    Article.objects.all().delete()
    Contributor.objects.all().delete()
    Actor.objects.all().delete()
    Tag.objects.all().delete()
    Section.objects.all().delete()
    RelationshipKind.objects.all().delete()


def load(text: str, **kwargs):
    return stories_import(lines=text.splitlines(keepends=True), **kwargs)


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def lines_of(*items: dict) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def test_export_empty_database_import_export_is_identical(rich_story):
    first = export()
    wipe()
    report = load(first)
    assert sorted(report.created) == sorted(r["title"] for r in records(first))
    assert "Elon Musk" in report.actors_created
    assert export() == first


def test_importing_the_same_file_again_changes_nothing(rich_story):
    first = export()
    report = load(first)
    assert report.created == report.updated == []
    assert len(report.unchanged) == 3
    assert export() == first


def test_update_by_stable_id(rich_story):
    items = records(export())
    changed = next(r for r in items if r["uuid"] == str(rich_story.uuid))
    changed["title"] = "Un nouveau titre"
    changed["tags"] = ["lune"]
    changed["actors"] = changed["actors"][:1]
    report = load(lines_of(*items))
    assert report.updated == ["Un nouveau titre"]
    assert len(report.unchanged) == 2
    rich_story.refresh_from_db()
    assert rich_story.title == "Un nouveau titre"
    assert list(rich_story.tags.names()) == ["lune"]
    assert [tag.actor.slug for tag in rich_story.actor_tags.all()] == ["elon-musk"]
    assert Article.objects.count() == 3


def test_an_import_is_in_the_history_and_a_moved_story_keeps_its_old_url(rich_story, client):
    items = records(export())
    moved = next(r for r in items if r["uuid"] == str(rich_story.uuid))
    moved["slug"] = "musk-bezos-le-diner"
    load(lines_of(moved))
    versions = Version.objects.get_for_object(rich_story)
    assert versions.first().revision.comment == "Imported from a file"
    response = client.get("/articles/musk-bezos-diner/")
    assert response.status_code == 301
    assert response["Location"].endswith("/articles/musk-bezos-le-diner/")


def test_dry_run_reports_and_writes_nothing(rich_story):
    first = export()
    wipe()
    report = load(first, dry_run=True)
    assert report.dry_run
    assert len(report.created) == 3
    assert "NASA" in report.actors_created
    assert not Article.objects.exists()
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"language": "de"}, "language", "'de' is not a valid choice"),
        ({"publish_at": "hier soir"}, "publish_at", "'hier soir' is not an ISO 8601"),
        ({"uuid": "42"}, "uuid", "'42' is not a UUID"),
        ({"status": "published", "publish_at": None}, "record", "needs a publication time"),
        (
            {"actors": [{"name": "X", "slug": "x", "kind": "person", "wikidata_id": "X1"}]},
            "actors[0].wikidata_id",
            "Wikidata id looks like",
        ),
        (
            {"actors": [{"name": "X", "slug": "x", "kind": "robot"}]},
            "actors[0].kind",
            "'robot' is not one of",
        ),
        (
            {"actors": [{"name": "X", "slug": "x", "role": "villain"}]},
            "actors[0].role",
            "'villain'",
        ),
        ({"tags": ["ok", 3]}, "tags[1]", "expected a non-empty text"),
        ({"related": ["not-a-uuid"]}, "related", "not a story UUID"),
    ],
)
def test_one_bad_record_and_nothing_is_written(rich_story, change, field, message):
    items = records(export())
    wipe()
    items[2].update(change)
    with pytest.raises(ImportFailed) as failure:
        load(lines_of(*items))
    error = failure.value
    assert error.line == 3
    assert error.field == field
    assert message in error.message
    assert f"story {items[2]['uuid']}" in str(error) or field == "uuid"
    assert not Article.objects.exists()
    assert not Actor.objects.exists()


def test_bad_relationship_is_named_down_to_the_field(rich_story):
    items = records(export())
    story = next(r for r in items if r["relationships"])
    story["relationships"][0]["currency"] = "dollars"
    wipe()
    with pytest.raises(ImportFailed) as failure:
        load(lines_of(*items))
    assert failure.value.field == "relationships[0].currency"
    assert rich_story.title[:20] in str(failure.value)
    assert not Article.objects.exists()


def test_a_slug_taken_by_another_story_is_refused(rich_story):
    items = records(export())
    items[0]["uuid"] = "00000000-0000-4000-8000-000000000001"
    with pytest.raises(ImportFailed) as failure:
        load(lines_of(items[0]))
    assert failure.value.field == "slug"


@pytest.mark.parametrize(
    "line, message",
    [("{not json", "not JSON"), ("[1, 2]", "not a JSON object"), ('{"a": 1}', "neither")],
)
def test_lines_that_are_not_records(db, line, message):
    with pytest.raises(ImportFailed, match=message) as failure:
        load("\n" + line + "\n")
    assert failure.value.line == 2


def test_actors_are_matched_by_wikidata_slug_or_alias_else_created(rich_story):
    items = records(export())
    wipe()
    ActorFactory(name="Elon R. Musk", slug="musk", wikidata_id="Q317521")
    ActorFactory(name="NASA", slug="nasa", kind=Actor.Kind.ORGANISATION)
    floride = ActorFactory(name="Florida", slug="florida", kind=Actor.Kind.PLACE)
    AliasFactory(actor=floride, name="FLORIDE")
    ActorFactory(name="Dîner de Mar-a-Lago", slug="diner-person", kind=Actor.Kind.PERSON)
    report = load(lines_of(*items))
    story = Article.objects.get(slug="musk-bezos-diner")
    slugs = [tag.actor.slug for tag in story.actor_tags.all()]
    # By Wikidata id, by slug, by folded alias; the event is not the person of that name.
    assert slugs == ["musk", "nasa", "florida", "diner"]
    assert report.actors_created == ["Dîner de Mar-a-Lago", "Jeff Bezos"]
    # A matched actor is filled in, never overwritten.
    assert Actor.objects.get(slug="musk").name == "Elon R. Musk"
    assert Actor.objects.get(slug="musk").aliases.filter(name="Musk").exists()


def test_related_links_wait_for_stories_later_in_the_file(rich_story):
    items = records(export())
    items.sort(key=lambda r: r["slug"] == "musk-bezos-diner")  # the linking story comes last...
    items.reverse()  # ...then first: its targets are further down
    wipe()
    report = load(lines_of(*items))
    story = Article.objects.get(slug="musk-bezos-diner")
    assert [link.to_article.slug for link in story.related_links.all()] == [
        "spacex-blue-origin",
        "brouillon",
    ]
    assert report.warnings == []


def test_missing_related_stories_are_warnings_and_missing_contributors_are_made(rich_story):
    [item] = [r for r in records(export()) if r["slug"] == "musk-bezos-diner"]
    item["contributors"].append({"name": "AFP", "slug": "afp", "role": "agency"})
    wipe()
    report = load(lines_of(item))
    assert any("not linked" in w for w in report.warnings)
    assert not any("account" in w for w in report.warnings)
    story = Article.objects.get(slug="musk-bezos-diner")
    assert [(c.slug, c.name, c.role) for c in story.byline_contributors] == [
        ("helene-garnier", "Hélène Garnier", "reporter"),
        ("afp", "AFP", "agency"),
    ]
    assert not RelatedArticle.objects.exists()


def test_ninjs_from_our_export_updates_without_losing_what_ninjs_cannot_say(rich_story):
    before = export()
    ninjs = records(export("ninjs"))
    assert load(lines_of(*ninjs)).unchanged  # our own ninjs changes nothing
    doc = next(d for d in ninjs if d["uri"] == f"urn:uuid:{rich_story.uuid}")
    doc["headlines"][0]["value"] = "Titre corrigé"
    report = load(lines_of(doc))
    assert report.updated == ["Titre corrigé"]
    after = records(export())
    [story] = [r for r in after if r["uuid"] == str(rich_story.uuid)]
    [old] = [r for r in records(before) if r["uuid"] == str(rich_story.uuid)]
    assert story["title"] == "Titre corrigé"
    for kept in ("contributors", "relationships", "actors", "related", "corrections", "publish_at"):
        assert story[kept] == old[kept], kept


def test_ninjs_from_another_system(db):
    doc = {
        "uri": "https://partner.example/news/42",
        "type": "text",
        "versionCreated": "2026-11-20T08:00:00+01:00",
        "language": "en-GB",
        "headlines": [{"value": "Rocket launch delayed"}],
        "descriptions": [{"value": "Weather, again."}],
        "bodies": [{"contentType": "text/html", "value": "<p>First.</p><p>Second &amp; last.</p>"}],
        "people": [{"name": "Elon Musk", "uri": "http://www.wikidata.org/entity/Q317521"}],
        "places": [{"name": "Cap Canaveral", "rel": "about"}],
        "subjects": [{"name": "space", "uri": "http://cv.iptc.org/newscodes/mediatopic/13000000"}],
    }
    musk = ActorFactory(name="Elon Musk", slug="elon-musk", wikidata_id="Q317521")
    report = load(lines_of(doc))
    assert report.created == ["Rocket launch delayed"]
    assert report.actors_created == ["Cap Canaveral"]
    story = Article.objects.get()
    assert story.language == "en"
    assert story.is_public
    assert story.body == "First.\n\nSecond & last."
    assert story.standfirst == "Weather, again."
    assert list(story.tags.names()) == ["space"]
    tags = {tag.actor: tag.role for tag in story.actor_tags.all()}
    assert tags[musk] == "mentions"
    assert load(lines_of(doc)).unchanged == ["Rocket launch delayed"]  # stable id from the uri


def test_ninjs_items_that_are_not_stories_are_skipped(db):
    picture = {"uri": "urn:x:photo", "type": "picture", "headlines": [{"value": "Photo"}]}
    report = load(lines_of(picture))
    assert report.created == []
    assert report.warnings == ["Line 1: ninjs picture item urn:x:photo is not a story; skipped."]


def test_ninjs_without_a_headline_is_refused(db):
    with pytest.raises(ImportFailed) as failure:
        load(lines_of({"uri": "urn:x:1", "bodies": [{"value": "text"}]}))
    assert failure.value.field == "headlines"


def test_import_stories_command(rich_story, tmp_path):
    path = tmp_path / "stories.jsonl"
    path.write_text(export(), encoding="utf-8")
    wipe()
    out = io.StringIO()
    call_command("import_stories", str(path), "--dry-run", stdout=out)
    assert "Dry run: nothing was written." in out.getvalue()
    assert "Stories would be created: 3" in out.getvalue()
    assert not Article.objects.exists()
    out = io.StringIO()
    call_command("import_stories", str(path), stdout=out)
    assert "Stories created: 3" in out.getvalue()
    assert Article.objects.count() == 3


def test_import_stories_command_errors(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_stories", str(tmp_path / "missing.jsonl"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"uuid": "nope", "title": "T"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r"Line 1 .*field uuid.*Nothing was imported"):
        call_command("import_stories", str(bad))
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"title": "Été"}\n'.encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_stories", str(latin))

"""``manage.py import_actors``: a desk's authority file of actors, loaded whole or not at all."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from reversion.models import Revision, Version

from actors.authority import actors_import
from actors.models import Actor, ActorRedirect, Alias
from actors.suggestions import matcher, suggest_for_text
from common import generation
from tests.factories import ActorFactory, AliasFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

CSV = (
    "name,kind,aliases,wikidata_id,description,website\n"
    "Emmanuel Macron,person,Macron|E. Macron,Q3052772,Président de la République,\n"
    "Renault,organisation,Groupe Renault|RENAULT,Q6686,Constructeur automobile,"
    "https://www.renault.com/\n"
    "Marseille,place,,Q23482,,\n"
    '"Fête de l\'Humanité",event,"Fête de l\'Huma",,"Fête\npopulaire",\n'
)


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_actors", str(path), "--no-progress", *args, stdout=out)
    return out.getvalue()


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(tmp_path, *docs, name="actors.jsonl"):
    return write(
        tmp_path, name, "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs)
    )


def aliases_of(actor: Actor) -> set[str]:
    return set(actor.aliases.values_list("name", flat=True))


def failure(path, *args) -> str:
    with pytest.raises(CommandError) as raised:
        run(path, *args)
    return str(raised.value)


def test_csv_loads_actors_with_their_kinds_and_aliases(tmp_path):
    out = run(write(tmp_path, "actors.csv", CSV))

    assert "4 created, 0 updated, 0 unchanged; 4 aliases added." in out
    macron = Actor.objects.get(wikidata_id="Q3052772")
    assert (macron.name, macron.kind, macron.slug) == (
        "Emmanuel Macron",
        "person",
        "emmanuel-macron",
    )
    assert macron.name_folded == "emmanuel macron"
    assert aliases_of(macron) == {"Macron", "E. Macron"}
    renault = Actor.objects.get(slug="renault")
    assert renault.kind == "organisation" and renault.website == "https://www.renault.com/"
    # An alias that folds to the name is the name: not kept twice.
    assert aliases_of(renault) == {"Groupe Renault"}
    assert set(Alias.objects.filter(actor=renault).values_list("folded", flat=True)) == {
        "groupe renault"
    }
    fete = Actor.objects.get(kind="event")
    assert fete.slug == "fete-de-lhumanite" and fete.description == "Fête populaire"
    assert Actor.objects.get(slug="marseille").kind == "place"


def test_json_lines_rows_load_the_same_fields(tmp_path):
    path = jsonl(
        tmp_path,
        {"name": "Elon Musk", "kind": "person", "aliases": ["Musk"], "wikidata_id": "Q317521"},
        {"name": "Tesla", "kind": "organisation", "slug": "tesla-inc"},
    )

    assert "2 created" in run(path)
    assert aliases_of(Actor.objects.get(wikidata_id="Q317521")) == {"Musk"}
    assert Actor.objects.get(slug="tesla-inc").name == "Tesla"


def test_the_format_is_found_by_content_when_the_extension_says_nothing(tmp_path):
    run(write(tmp_path, "export.txt", CSV))
    run(jsonl(tmp_path, {"name": "Tesla", "kind": "organisation"}, name="more.dat"))
    assert Actor.objects.count() == 5


def test_wikidata_items_give_kind_french_name_and_every_other_label_as_alias(tmp_path):
    path = jsonl(
        tmp_path,
        {
            "id": "Q317521",
            "labels": {"fr": "Elon Musk", "en": "Elon Reeve Musk", "de": "Elon Musk (de)"},
            "aliases": {"fr": ["Musk"], "en": ["Elon R. Musk", "musk"], "es": ["Elón"]},
            "descriptions": {"fr": "entrepreneur", "en": "businessman"},
            "class": "Q5",
        },
        {
            # Wikidata's own spelling: {"language", "value"} objects and claims.P31.
            "id": "Q90",
            "labels": {"en": {"language": "en", "value": "Paris"}},
            "descriptions": {"en": {"language": "en", "value": "capital of France"}},
            "aliases": {"fr": [{"language": "fr", "value": "Ville Lumière"}]},
            "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5119"}}}}]},
        },
        {"id": "Q6686", "labels": {"fr": "Renault"}, "class": ["Q4830453", "Q891723"]},
        {"id": "Q40231", "labels": {"fr": "Élection"}, "class": "Q40231"},
    )

    run(path)

    musk = Actor.objects.get(wikidata_id="Q317521")
    assert (musk.name, musk.kind, musk.description) == ("Elon Musk", "person", "entrepreneur")
    # The other language's label and both languages' aliases, once per folded form; the
    # languages the desk does not publish in are left out.
    assert aliases_of(musk) == {"Elon Reeve Musk", "Musk", "Elon R. Musk"}
    paris = Actor.objects.get(wikidata_id="Q90")
    assert (paris.name, paris.kind, paris.description) == ("Paris", "place", "capital of France")
    assert aliases_of(paris) == {"Ville Lumière"}
    assert Actor.objects.get(wikidata_id="Q6686").kind == "organisation"
    assert Actor.objects.get(wikidata_id="Q40231").kind == "event"


def test_an_unknown_class_is_an_error_unless_a_default_kind_is_given(tmp_path):
    path = jsonl(tmp_path, {"id": "Q25653", "labels": {"fr": "Le Zodiac"}, "class": "Q11446"})

    message = failure(path)
    assert "line 1, field class: Q11446 is not a class" in message
    assert "--default-kind" in message
    assert not Actor.objects.exists()

    run(path, "--default-kind", "organisation")
    assert Actor.objects.get(wikidata_id="Q25653").kind == "organisation"


def test_a_second_run_of_the_same_file_changes_nothing(tmp_path):
    path = write(tmp_path, "actors.csv", CSV)
    run(path)
    before = {actor.pk: (actor.updated_at, actor.version) for actor in Actor.objects.all()}
    aliases = set(Alias.objects.values_list("pk", "updated_at"))
    revisions = Revision.objects.count()

    out = run(path)

    assert "0 created, 0 updated, 4 unchanged; 0 aliases added." in out
    assert {actor.pk: (actor.updated_at, actor.version) for actor in Actor.objects.all()} == before
    assert set(Alias.objects.values_list("pk", "updated_at")) == aliases
    assert Revision.objects.count() == revisions


def test_an_update_by_wikidata_id_renames_fills_and_keeps_the_desks_own_aliases(tmp_path):
    actor = ActorFactory(
        name="E. Macron", slug="macron", kind="organisation", wikidata_id="Q3052772"
    )
    AliasFactory(actor=actor, name="Le président")
    version = actor.version

    out = run(write(tmp_path, "actors.csv", CSV))

    assert "3 created, 1 updated, 0 unchanged" in out
    actor.refresh_from_db()
    assert (actor.name, actor.kind, actor.slug) == ("Emmanuel Macron", "person", "macron")
    assert actor.name_folded == "emmanuel macron"
    assert actor.description == "Président de la République"
    assert aliases_of(actor) == {"Le président", "Macron", "E. Macron"}
    assert actor.version == version + 1  # a form opened before the import is stale


def test_an_existing_actor_without_wikidata_id_is_found_by_slug_not_duplicated(tmp_path):
    actor = ActorFactory(name="Emmanuel Macron", slug="emmanuel-macron", description="Élu")
    merged = ActorFactory(name="Groupe Renault", slug="groupe-renault")
    ActorRedirect.objects.create(old_slug="renault", actor=merged)

    run(write(tmp_path, "actors.csv", CSV))

    assert Actor.objects.filter(name="Emmanuel Macron").count() == 1
    actor.refresh_from_db()
    assert actor.wikidata_id == "Q3052772"
    assert actor.description == "Président de la République"
    # A slug left in a merge leads to the actor kept.
    merged.refresh_from_db()
    assert merged.wikidata_id == "Q6686" and merged.slug == "groupe-renault"
    assert not Actor.objects.filter(slug__startswith="renault").exists()
    assert "0 created, 0 updated, 4 unchanged" in run(write(tmp_path, "actors.csv", CSV))


def test_an_actor_with_another_wikidata_id_is_someone_else(tmp_path):
    ActorFactory(name="John Smith", slug="john-smith", wikidata_id="Q1")
    path = jsonl(
        tmp_path,
        {"name": "John Smith", "kind": "person", "wikidata_id": "Q2"},
        {"name": "John Smith", "kind": "person", "wikidata_id": "Q3"},
    )

    run(path)

    assert set(Actor.objects.values_list("wikidata_id", "slug")) == {
        ("Q1", "john-smith"),
        ("Q2", "john-smith-2"),
        ("Q3", "john-smith-3"),
    }
    assert "0 created, 0 updated, 2 unchanged" in run(path)


def test_dry_run_reports_what_would_change_and_writes_nothing(tmp_path):
    ActorFactory(name="Emmanuel Macron", slug="emmanuel-macron")

    out = run(write(tmp_path, "actors.csv", CSV), "--dry-run")

    assert "Dry run: nothing was written." in out
    assert "3 would be created, 1 updated, 0 unchanged" in out
    assert Actor.objects.count() == 1 and not Alias.objects.exists()
    assert not Revision.objects.exists()


def test_errors_name_the_line_and_the_field_and_nothing_is_written(tmp_path):
    rows = [
        {"name": "Valide", "kind": "person"},
        {"name": "Médor", "kind": "animal"},
        {"name": "Quelqu'un", "kind": "person", "wikidata_id": "317521"},
        {"name": "X" * 201, "kind": "person"},
        {"name": "Nul\u0000", "kind": "person"},
        {"name": "Cloche\u0007", "kind": "person"},
        {"name": "Site", "kind": "organisation", "website": "pas une adresse"},
        {"name": "Trop", "kind": "person", "couleur": "bleu"},
    ]
    text = "".join(json.dumps(row) + "\n" for row in rows) + '{"name": "Coupé", \n'
    message = failure(write(tmp_path, "actors.jsonl", text))

    assert "The file has 8 errors; nothing was imported:" in message
    assert "line 2, field kind: 'animal' is not one of person, organisation, place, event" in (
        message
    )
    assert "line 3, field wikidata_id: A Wikidata id looks like Q317521" in message
    assert "line 4, field name: Ensure this value has at most 200 characters (it has 201)." in (
        message
    )
    assert "line 5, field name: Null characters are not allowed." in message
    assert "line 6, field name: holds a control character (U+0007)" in message
    assert "line 7, field website: Enter a valid URL." in message
    assert "line 8, field couleur: unknown field" in message
    assert "line 9, field (line): not JSON" in message
    assert "Traceback" not in message
    assert not Actor.objects.exists()


def test_an_error_on_the_last_line_after_valid_lines_leaves_nothing_written(tmp_path):
    path = write(tmp_path, "actors.csv", CSV + "Médor,animal,,,,\n")

    message = failure(path)

    assert "line 7, field kind: 'animal' is not one of" in message  # the quoted value ran on
    assert not Actor.objects.exists() and not Alias.objects.exists()


def test_duplicates_within_the_file_are_errors(tmp_path):
    path = jsonl(
        tmp_path,
        {"name": "Elon Musk", "kind": "person", "wikidata_id": "Q317521"},
        {"name": "Elon R. Musk", "kind": "person", "wikidata_id": "Q317521"},
        {"name": "John Smith", "kind": "person"},
        {"name": "JOHN SMITH", "kind": "person"},
    )

    message = failure(path)

    assert "line 2, field wikidata_id: Q317521 is also on line 1." in message
    assert "line 4, field name: gives the same slug, john-smith, as line 3" in message
    assert not Actor.objects.exists()


def test_a_user_without_permission_is_refused(tmp_path, reporter, editor):
    path = write(tmp_path, "actors.csv", CSV)

    assert "You are not allowed to do this." in failure(path, "--user", "reporter")
    with pytest.raises(PermissionDenied):
        actors_import(lines=CSV.splitlines(keepends=True), filename="a.csv", by=reporter)
    assert not Actor.objects.exists()

    run(path, "--user", "editor")
    assert {(revision.user, revision.comment) for revision in Revision.objects.all()} == {
        (editor, f"Imported from the authority file {path}")
    }


def test_each_actor_gets_a_history_entry_with_its_aliases_that_restores_only_it(tmp_path):
    run(write(tmp_path, "actors.csv", CSV))

    macron = Actor.objects.get(wikidata_id="Q3052772")
    imported = Version.objects.get_for_object(macron).get()
    assert imported.revision.comment.startswith("Imported from the authority file")
    assert imported.field_dict["name"] == "Emmanuel Macron"
    assert {version.object_repr for version in imported.revision.version_set.all()} == {
        "Emmanuel Macron",
        "Macron",
        "E. Macron",
    }
    assert Revision.objects.count() == Actor.objects.count()

    # A change is recorded with all the actor's aliases, the desk's own included.
    AliasFactory(actor=macron, name="Le président")
    run(write(tmp_path, "changed.csv", CSV.replace("E. Macron", "Emmanuel M.")))
    changed = Version.objects.get_for_object(macron).first()
    assert {version.object_repr for version in changed.revision.version_set.all()} == {
        "Emmanuel Macron",
        "Macron",
        "E. Macron",
        "Emmanuel M.",
        "Le président",
    }

    # Restoring the import's entry, as the actor admin does, brings back that actor as the
    # file made it, and no other.
    renault = Actor.objects.get(slug="renault")
    renault.description = "Changé depuis"
    renault.save()
    macron.description = "Changé depuis"
    macron.save()
    imported.revision.revert(delete=True)
    macron.refresh_from_db()
    renault.refresh_from_db()
    assert macron.description == "Président de la République"
    assert aliases_of(macron) == {"Macron", "E. Macron"}
    assert renault.description == "Changé depuis"


def test_new_actors_are_suggested_right_after_the_import(
    tmp_path, django_capture_on_commit_callbacks
):
    ActorFactory(name="Jeff Bezos")
    matcher()  # built before the import, and fresh for the table check's next 30 s

    with django_capture_on_commit_callbacks(execute=True):
        run(write(tmp_path, "actors.csv", CSV))

    found = suggest_for_text("Macron a reçu Renault à Marseille.").actors
    assert {suggestion.actor.name for suggestion in found} == {
        "Emmanuel Macron",
        "Renault",
        "Marseille",
    }


def test_imported_actors_are_not_public_unless_listed(tmp_path):
    path = write(tmp_path, "actors.csv", CSV)
    out = run(path)

    assert "New actors are not listed" in out
    assert not Actor.objects.public().exists()

    run(path, "--listed")
    assert Actor.objects.public().count() == 4


def test_reader_pages_go_only_when_readers_could_see_the_change(
    tmp_path, django_capture_on_commit_callbacks
):
    path = write(tmp_path, "actors.csv", CSV)
    before = generation.generation()
    with django_capture_on_commit_callbacks(execute=True):
        run(path)  # new actors nobody lists: on no public page
    assert generation.generation() == before

    ActorFactory(name="Autre", slug="autre", listed=True)
    moved = generation.generation()
    changed = path.read_text(encoding="utf-8").replace("Constructeur automobile", "Groupe")
    with django_capture_on_commit_callbacks(execute=True):
        run(write(tmp_path, "changed.csv", changed))
    assert generation.generation() != moved

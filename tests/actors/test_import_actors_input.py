"""``manage.py import_actors`` on files that are wrong, empty or odd: a reason, never a
traceback, and nothing written."""

from io import StringIO

import pytest
from django.db.models import F

from actors.authority import loading
from actors.models import Actor
from tests.actors.test_import_actors import failure, jsonl, run, write
from tests.factories import ActorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("latin1.csv", "name,kind\nZoé,person\n".encode("latin-1"), "is not UTF-8 text"),
        ("open.csv", b'name,kind\n"Zo\xc3\xa9,person\n', "line 2, field (line): not CSV"),
        ("header.csv", b"nom,kind\nZoe,person\n", "line 1, field nom: unknown field"),
        ("wide.csv", b"name,kind\nZoe,person,extra\n", "line 2, field (line): 3 values"),
        ("list.jsonl", b"[1, 2]\n", "line 1, field (line): not a JSON object."),
        ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n", "line 1, field (line)"),
        ("number.jsonl", b'{"name": 12, "kind": "person"}\n', "line 1, field name: expected text"),
        ("labels.jsonl", b'{"id": "Q1", "labels": ["x"]}\n', "line 1, field labels: expected"),
        ("nolabel.jsonl", b'{"id": "Q1", "labels": {"de": "X"}}\n', "no label in fr, en"),
        ("alias.jsonl", b'{"name": "X", "kind": "person", "aliases": "Y"}\n', "field aliases"),
        ("surrogate.jsonl", b'{"name": "X\\ud800", "kind": "person"}\n', "surrogate"),
        ("noslug.jsonl", '{"name": "東京", "kind": "place"}\n'.encode(), "makes no slug"),
    ],
)
def test_hostile_files_are_refused_with_a_reason_and_nothing_written(
    tmp_path, name, content, expected
):
    path = tmp_path / name
    path.write_bytes(content)

    message = failure(path)

    assert expected in message
    assert "Traceback" not in message
    assert not Actor.objects.exists()


def test_an_empty_file_and_standard_input(tmp_path, monkeypatch):
    assert "0 created, 0 updated, 0 unchanged" in run(write(tmp_path, "empty.csv", ""))
    monkeypatch.setattr("sys.stdin", StringIO('{"name": "Zoé", "kind": "person"}\n'))
    assert "1 created" in run("-")
    # A Chinese name is fine with a Wikidata id: the actor is found by it next time.
    path = jsonl(tmp_path, {"id": "Q1490", "labels": {"fr": "東京"}, "class": "Q515"})
    run(path)
    assert Actor.objects.get(wikidata_id="Q1490").slug == "actor"
    assert "0 created, 0 updated, 1 unchanged" in run(path)


def test_an_actor_changed_by_someone_else_during_the_import_stops_it(tmp_path, monkeypatch):
    actor = ActorFactory(name="Zoé", slug="zoe", description="Avant")
    planned = loading.plan_entries

    def an_editor_saves_meanwhile(*args, **kwargs):
        plan = planned(*args, **kwargs)
        Actor.objects.filter(pk=actor.pk).update(version=F("version") + 1)
        return plan

    monkeypatch.setattr(loading, "plan_entries", an_editor_saves_meanwhile)
    path = jsonl(
        tmp_path,
        {"name": "Nouveau", "kind": "person"},
        {"name": "Zoé", "kind": "person", "description": "Après"},
    )

    message = failure(path)

    assert "line 2, field name: Zoé was changed or deleted by someone else" in message
    actor.refresh_from_db()
    assert actor.description == "Avant"
    assert not Actor.objects.filter(name="Nouveau").exists()

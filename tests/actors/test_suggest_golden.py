"""The suggester's exact answers on the labelled set (tests/data/tagging), frozen: a change made
for speed must not change what an editor is offered. After a change meant to alter the
answers, write them again with ``SUGGEST_GOLDEN_WRITE=1`` and review the diff."""

import json
import os
from pathlib import Path

import pytest
from django.db import transaction

from actors.suggestions import suggest_for_text
from actors.suggestions.engine import ActorMatcher
from actors.suggestions.evaluation import DATA_DIR, authority_loaded, authority_records, load_set
from tests.factories import UserFactory

GOLDEN = Path(__file__).parent / "data" / "suggest_golden.json"


def suggestions_as_data(suggestions) -> dict:
    return {
        "actors": [[s.actor.name, s.count, list(s.forms)] for s in suggestions.actors],
        "names": [[n.name, n.count, n.kind] for n in suggestions.names],
    }


def scan_as_data(scan, names: dict[int, str]) -> dict:
    return {
        "actors": sorted([names[pk], count] for pk, count in scan.actors.items()),
        "forms": sorted([names[pk], sorted(forms.items())] for pk, forms in scan.forms.items()),
        "names": sorted([key, count, scan.name_forms[key]] for key, count in scan.names.items()),
        "spans": sorted(
            [key, [list(span) for span in spans]] for key, spans in scan.name_spans.items()
        ),
    }


def authority_entries() -> tuple[list[tuple], dict[int, str], list[int], list[int]]:
    """The authority as matcher entries, without a database: the line number is the id."""
    entries, names, persons, places = [], {}, [], []
    for pk, record in enumerate(authority_records(), start=1):
        names[pk] = record["name"]
        entries.append((pk, record["name"], False))
        entries += [(pk, alias, False) for alias in record.get("aliases", ())]
        entries += [(pk, alias, True) for alias in record.get("any_case_aliases", ())]
        {"person": persons, "place": places}.get(record["kind"], []).append(pk)
    return entries, names, persons, places


def current_answers(django_db_blocker) -> dict:
    entries = load_set()
    answers: dict = {"suggest": {}, "scan": {}}
    with django_db_blocker.unblock(), transaction.atomic():
        by = UserFactory(username="golden-root", is_superuser=True)
        with authority_loaded(authority_records(), by=by):
            for entry in entries:
                suggestions = suggest_for_text(entry.text, language=entry.language)
                answers["suggest"][entry.name] = suggestions_as_data(suggestions)
        transaction.set_rollback(True)
    actors, names, persons, places = authority_entries()
    matcher = ActorMatcher(actors, persons=persons, places=places)
    # Every text at once too: one long story naming many actors, many times.
    texts = {entry.name: entry.text for entry in entries}
    texts["all texts"] = "\n\n".join(texts.values())
    for name, text in texts.items():
        answers["scan"][name] = scan_as_data(matcher.scan(text), names)
    return answers


@pytest.fixture(scope="module")
def answers(django_db_setup, django_db_blocker):
    # Through JSON, as the golden file is: tuples become lists.
    return json.loads(json.dumps(current_answers(django_db_blocker)))


@pytest.mark.django_db
def test_the_golden_answers_cover_the_whole_set():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(golden["suggest"]) == {path.name for path in DATA_DIR.glob("[0-9][0-9]-*.md")}
    assert sum(len(text["actors"]) for text in golden["suggest"].values()) >= 100


@pytest.mark.django_db
@pytest.mark.parametrize("part", ["suggest", "scan"])
def test_the_suggester_still_gives_the_golden_answers(answers, part):
    if os.environ.get("SUGGEST_GOLDEN_WRITE"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(answers, ensure_ascii=False, indent=0), encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for name, expected in golden[part].items():
        assert answers[part][name] == expected, name
    assert answers[part].keys() == golden[part].keys()

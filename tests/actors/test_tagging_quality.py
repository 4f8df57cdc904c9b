"""The suggester against the labelled set (tests/data/tagging, issue 16), the set itself, and
the scorer that compares them."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from actors.models import Alias
from actors.suggestions.evaluation import (
    DATA_DIR,
    TARGETS,
    authority_loaded,
    authority_records,
    load_set,
    name_key,
    parse,
    score,
)
from common.slugs import slug_from
from tests.factories import UserFactory

# --- The set -----------------------------------------------------------------------------


def test_the_set_is_large_enough_and_in_both_languages():
    entries = load_set()
    assert len(entries) >= 30
    languages = [entry.language for entry in entries]
    assert languages.count("fr") >= 15 and languages.count("en") >= 15
    for entry in entries:
        words = len(entry.text.split())
        assert 80 <= words <= 300, f"{entry.name}: {words} words"
        assert entry.name.split("-")[1] == entry.language, entry.name


def test_every_label_names_an_actor_of_the_authority():
    records = authority_records()
    known = {slug_from(record["name"]) for record in records}
    known |= {record["name"] for record in records}
    for entry in load_set():
        assert entry.actors <= known, (entry.name, entry.actors - known)
        assert entry.lookalikes <= known, (entry.name, entry.lookalikes - known)
        assert not entry.actors & entry.lookalikes, entry.name


def test_the_authority_is_well_formed():
    records = authority_records()
    assert 60 <= len(records) <= 120
    names = [record["name"] for record in records]
    assert len(set(map(slug_from, names))) == len(names)
    assert {record["kind"] for record in records} == {"person", "organisation", "place", "event"}
    # Names that are also common words somewhere: the point of the set.
    assert {"Meta", "Tesla", "X", "Apple", "Amazon", "Orange", "Free", "Le Monde"} <= set(names)
    sanchez = next(record for record in records if record["name"] == "Lauren Sánchez")
    assert "Sánchez" not in sanchez["aliases"]


def test_the_files_really_hold_crlf_no_break_spaces_and_tabs():
    raw = [path.read_bytes() for path in sorted(DATA_DIR.glob("[0-9][0-9]-*.md"))]
    assert sum(b"\r\n" in text for text in raw) >= 2
    assert sum("\u00a0".encode() in text for text in raw) >= 2
    assert sum(b"\t" in text for text in raw) >= 2
    # Git must not rewrite them.
    assert "* -text" in (DATA_DIR / ".gitattributes").read_text().splitlines()


def test_every_text_labels_new_names_of_each_kind():
    kinds = {kind for entry in load_set() for _, kind in entry.new}
    assert kinds == {"person", "organisation", "place", "event"}


# --- The scorer --------------------------------------------------------------------------

IDS = {"elon-musk": 1, "Elon Musk": 1, "tesla": 2, "meta": 3, "nasa": 4}
ACTORS = {1: "Elon Musk", 2: "Tesla", 3: "Meta", 4: "Nasa"}


def fake_suggester(offers: dict[str, tuple[list[int], list[tuple[str, str]]]]):
    """Suggestions fixed in advance for each text: (actor ids, [(name, kind)])."""

    def suggest(text, *, language=None):
        ids, names = offers.get(text, ([], []))
        return SimpleNamespace(
            actors=[SimpleNamespace(actor=SimpleNamespace(pk=i, name=ACTORS[i])) for i in ids],
            names=[SimpleNamespace(name=name, kind=kind) for name, kind in names],
        )

    return suggest


def entry(body: str, *, actors="", lookalikes="", new="", noise="", language="en"):
    return parse(
        f"---\nlanguage: {language}\nactors: {actors}\nnot: {lookalikes}\nnew: {new}\n"
        f"noise: {noise}\n---\n{body}",
        name=body[:10],
    )


def test_a_perfect_suggester_scores_one_everywhere():
    texts = [entry("Elon Musk at Nasa.", actors="elon-musk | nasa", new="Florida=place")]
    report = score(
        texts,
        actors=IDS,
        suggest=fake_suggester({"Elon Musk at Nasa.": ([1, 4], [("Florida", "place")])}),
    )
    assert report.metrics() == {name: 1.0 for name in TARGETS}
    assert report.misses() == {}
    assert (report.lookalike_hits, report.noise) == (0, 0)


def test_a_false_positive_lowers_precision_and_a_miss_lowers_recall():
    texts = [
        entry("one", actors="elon-musk | nasa"),
        entry("two", actors="Elon Musk"),  # a label may be the exact name
    ]
    # "one": Musk found, Nasa missed, Tesla wrongly offered. "two": Musk found.
    report = score(
        texts, actors=IDS, suggest=fake_suggester({"one": ([1, 2], []), "two": ([1], [])})
    )
    assert report.precision == pytest.approx(2 / 3)
    assert report.recall == pytest.approx(2 / 3)
    first = report.texts[0]
    assert (first.missed, first.false_positives, first.lookalike_hits) == (["nasa"], ["Tesla"], [])


def test_a_lookalike_suggested_is_a_false_positive_and_counted_apart():
    texts = [entry("a meta-analysis", actors="", lookalikes="meta")]
    report = score(texts, actors=IDS, suggest=fake_suggester({"a meta-analysis": ([3], [])}))
    assert report.precision == 0.0
    assert report.lookalike_hits == 1
    assert report.texts[0].lookalike_hits == ["Meta"]


def test_actors_outside_the_set_are_listed_not_scored():
    texts = [entry("one", actors="elon-musk")]
    report = score(
        texts, actors=IDS, suggest=fake_suggester({"one": ([1, 2], [])}), within={1, 3, 4}
    )
    assert report.precision == 1.0
    assert report.texts[0].outside == ["Tesla"]


def test_new_names_compare_folded_and_whitespace_collapsed():
    texts = [
        entry(
            "x",
            new="Palm Beach=place | Lauren Sánchez=person | La France insoumise=organisation "
            "| Santiago-Bernabéu=place",
        )
    ]
    offers = [
        ("PALM\u00a0BEACH", "place"),
        ("Lauren\r\nSanchez's", "person"),
        ("France insoumise", "organisation"),
        ("Santiago Bernabeu", "place"),
    ]
    report = score(texts, actors=IDS, suggest=fake_suggester({"x": ([], offers)}))
    assert report.new_name_recall == 1.0
    assert name_key("Government\r\nAccountability\tOffice") == "government accountability office"
    assert name_key("Les Échos") == name_key("échos") == "echos"
    assert name_key("Theatre Royal") == "theatre royal"
    assert name_key("L'Équipe") == "equipe"


def test_a_wrong_kind_lowers_kind_accuracy_not_new_name_recall():
    texts = [entry("x", new="Floride=place | Lauren Hart=person | Sommet de Paris=event")]
    offers = [("Floride", "place"), ("Lauren Hart", "organisation")]
    report = score(texts, actors=IDS, suggest=fake_suggester({"x": ([], offers)}))
    assert report.new_name_recall == pytest.approx(2 / 3)
    assert report.kind_accuracy == pytest.approx(1 / 2)
    assert report.texts[0].new_missed == ["Sommet de Paris"]
    assert report.texts[0].wrong_kinds == ["Lauren Hart: person, not organisation"]


def test_noise_and_other_offers_are_counted_apart():
    texts = [entry("x", new="Floride=place", noise="Selon | Sánchez")]
    offers = [("Floride", "place"), ("Selon", ""), ("SANCHEZ", ""), ("Ariane", "")]
    report = score(texts, actors=IDS, suggest=fake_suggester({"x": ([], offers)}))
    assert report.noise == 2
    assert report.texts[0].other_names == ["Ariane"]
    assert report.as_dict()["other_names"] == 1
    assert "2 noise names" in str(report)


def test_parse_keeps_the_text_byte_for_byte():
    parsed = parse("---\r\nlanguage: fr\r\nactors: a | b\r\n---\r\nUn\r\ntexte\u00a0ici\t.\r\n")
    assert parsed.text == "Un\r\ntexte\u00a0ici\t.\r\n"
    assert parsed.actors == {"a", "b"}


@pytest.mark.parametrize(
    "header",
    ["language: de", "language: fr\nnew: Floride=town", "language: fr\nsubject: x", "nothing"],
)
def test_parse_refuses_a_bad_header(header):
    with pytest.raises(ValueError):
        parse(f"---\n{header}\n---\ntext")


def test_a_label_missing_from_the_authority_is_an_error():
    with pytest.raises(ValueError, match="not in the authority"):
        score([entry("x", actors="jeff-bezos")], actors=IDS, suggest=fake_suggester({}))


# --- The suggester on the set ------------------------------------------------------------


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    """The whole set scored once: the authority loaded through the services by a superuser,
    in a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        by = UserFactory(username="tagging-root", is_superuser=True)
        with authority_loaded(authority_records(), by=by) as ids:
            result = score(load_set(), actors=ids)
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_the_authority_loads_through_the_services_with_any_case_aliases(superuser):
    with authority_loaded(authority_records(), by=superuser) as ids:
        assert Alias.objects.get(actor_id=ids["youtube"], name="Youtube").any_case
        assert not Alias.objects.get(actor_id=ids["totalenergies"], name="Total").any_case


# Marked, although the report is built once by the fixture: pytest-django sets the test
# database up only for the databases the selected tests are marked with.
@pytest.mark.django_db
@pytest.mark.parametrize("metric", list(TARGETS))
def test_the_suggester_meets_its_target_on_the_set(report, metric):
    assert getattr(report, metric) >= TARGETS[metric], str(report)


@pytest.mark.django_db
def test_the_suggester_turns_down_look_alikes_as_often_as_precision_asks(report):
    # Some look-alikes stay out of reach of capitals and context alone ("Free tickets for…"
    # opening a sentence, "depuis la Libération"): at most one in twenty gets through, the
    # rate precision's target allows.
    assert sum(text.lookalikes for text in report.texts) >= 60
    assert report.lookalike_rejection >= TARGETS["precision"], str(report)

"""The topic rule (articles.services.topics): existing topics pass, a new one needs the
editor's confirmation, a topic written differently is refused, a close one is pointed out;
imports still create the topics their files name."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from taggit.models import Tag

from articles.models import Article
from articles.services import topics_check, topics_matching, topics_review
from exports.imports import stories_import
from exports.services import stories_export
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(english):
    """Messages are asserted in English."""


def refusal(names, confirmed=()):
    with pytest.raises(ValidationError) as caught:
        topics_check(names, confirmed=confirmed)
    return caught.value


@pytest.fixture
def election(db):
    return Tag.objects.create(name="Élection", slug="election")


def test_an_existing_topic_is_accepted_in_its_stored_spelling(election):
    assert topics_check(["Élection"]) == ["Élection"]
    assert topics_check(["ÉLECTION"]) == ["Élection"]  # the same name, case aside


def test_a_new_topic_is_refused_without_confirmation_naming_it(election):
    error = refusal(["Élection", "Fusées"])
    assert error.messages == ["“Fusées” is not a topic yet."]
    assert [e.code for e in error.error_list] == ["topic_new"]
    assert not Tag.objects.filter(name="Fusées").exists()  # checking writes nothing


def test_a_confirmed_new_topic_passes_and_the_story_creates_it(election):
    names = topics_check(["Élection", "Fusées"], confirmed=["fusées"])
    assert names == ["Élection", "Fusées"]
    story = ArticleFactory()
    story.tags.set(names)
    assert sorted(story.tags.names()) == ["Fusées", "Élection"]
    assert Tag.objects.count() == 2


def test_the_same_topic_written_differently_is_refused_naming_it(election):
    # Even confirmed: the existing topic is the one to use.
    error = refusal(["election"], confirmed=["election"])
    assert error.messages == [
        "“election” is the topic “Élection” written differently: use “Élection”."
    ]
    assert error.error_list[0].code == "topic_duplicate"


def test_two_new_names_written_differently_are_one_topic(db):
    error = refusal(["Électeur", "electeur"], confirmed=["Électeur", "electeur"])
    assert error.messages == [
        "“electeur” is the topic “Électeur” written differently: use “Électeur”."
    ]


@pytest.mark.parametrize("typed", ["Electoin", "Élections", "elections"])
def test_a_close_misspelling_or_plural_is_pointed_out(election, typed):
    error = refusal([typed])
    assert error.messages == [f"“{typed}” is not a topic yet. Did you mean “Élection”?"]
    # Confirmed, it is created all the same: close is not the same.
    assert topics_check([typed], confirmed=[typed]) == [typed]


def test_plurals_of_french_words_are_close(db):
    Tag.objects.create(name="Cheval", slug="cheval")
    [entry] = topics_review(["chevaux"])
    assert entry.is_new and entry.close_to == ("Cheval",)


def test_an_unrelated_name_is_not_called_close(election):
    [entry] = topics_review(["Climat"])
    assert entry.is_new and entry.close_to == () and entry.same_as == ""


def test_names_the_topic_table_cannot_hold_are_still_refused(db):
    with pytest.raises(ValidationError, match="needs at least one letter or digit"):
        topics_check(["--"], confirmed=["--"])
    with pytest.raises(ValidationError, match="longer than 100 characters"):
        topics_check(["x" * 101], confirmed=["x" * 101])


def test_a_name_with_a_percent_sign_is_quoted_as_typed(db):
    assert refusal(["100% bio"]).messages == ["“100% bio” is not a topic yet."]


def test_matching_folds_case_and_accents_prefixes_first_most_used_first(db):
    for name, uses in [("Élection", 1), ("Électeurs", 3), ("Réélection", 0), ("Loi électorale", 2)]:
        tag = Tag.objects.create(name=name)
        for _ in range(uses):
            ArticleFactory().tags.add(tag)
    Tag.objects.create(name="Sélection")  # "elec" inside a word: not a match
    found = topics_matching("ELEC")
    assert [(m.name, m.uses) for m in found] == [
        ("Électeurs", 3),
        ("Élection", 1),
        ("Loi électorale", 2),
    ]
    assert [m.name for m in topics_matching("élec", limit=1)] == ["Électeurs"]
    assert topics_matching("   ") == []


def test_matching_special_characters_is_literal(db):
    Tag.objects.create(name="C++")
    Tag.objects.create(name="C#")
    Tag.objects.create(name="Côte d’Ivoire")
    assert [m.name for m in topics_matching("c+")] == ["C++"]
    assert [m.name for m in topics_matching("cote d'iv")] == ["Côte d’Ivoire"]
    assert [m.name for m in topics_matching("ivoire")] == ["Côte d’Ivoire"]
    assert topics_matching("[a-z]*") == []


def test_an_import_creates_the_topics_its_file_names_without_confirmation(election):
    story = ArticleFactory(tags=["Élection"])
    out = io.StringIO()
    stories_export(queryset=Article.objects.filter(pk=story.pk), fmt="jsonl", out=out)
    record = json.loads(out.getvalue())
    record["tags"] = ["Élection", "Nouveau sujet"]
    stories_import(lines=[json.dumps(record) + "\n"])
    story.refresh_from_db()
    assert sorted(story.tags.names()) == ["Nouveau sujet", "Élection"]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [("Straße", "strasse"), ("Retour\r\nchariot", "retour chariot"), ("Cafe\u0301", "Café")],
)
def test_spellings_of_another_length_are_the_same_topic_too(db, stored, typed):
    Tag.objects.create(name=stored)
    [entry] = topics_review([typed])
    assert entry.same_as == stored
    assert [entry.topic.name for entry in topics_review([stored])] == [stored]

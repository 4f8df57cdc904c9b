import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from actors.models import Actor, Alias, Relationship, RelationshipKind
from actors.services import actor_create, alias_add, relationship_record
from common.text import fold
from tests.factories import ActorFactory, RelationshipFactory

pytestmark = pytest.mark.django_db


def test_fold_ignores_case_accents_and_typographic_apostrophes():
    assert fold("Lauren  SÁNCHEZ") == "lauren sanchez"
    assert fold("L\u2019Élysée") == "l'elysee"


def test_alias_stores_its_folded_form():
    alias = Alias.objects.create(actor=ActorFactory(), name="Lauren Sánchez")
    assert alias.folded == "lauren sanchez"


def test_alias_unique_per_actor_on_folded_form():
    actor = ActorFactory()
    Alias.objects.create(actor=actor, name="Sánchez")
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(actor=actor, name="SANCHEZ")


def test_alias_add_is_idempotent_on_folded_form():
    actor = ActorFactory()
    first = alias_add(actor=actor, name="Jeffrey Bezos")
    assert alias_add(actor=actor, name="jeffrey bézos") == first
    assert actor.aliases.count() == 1


def test_actor_slug_is_unique_in_the_database():
    ActorFactory(slug="elon-musk")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(slug="elon-musk")


def test_wikidata_id_unique_when_set_but_many_actors_may_have_none():
    ActorFactory(wikidata_id="Q317521")
    ActorFactory(wikidata_id="")
    ActorFactory(wikidata_id="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(wikidata_id="Q317521")


def test_wikidata_id_format_is_validated():
    with pytest.raises(ValidationError) as excinfo:
        actor_create(name="Quelqu'un", kind="person", wikidata_id="317521")
    assert "wikidata_id" in excinfo.value.message_dict


def test_actor_create_derives_slug_and_adds_aliases():
    actor = actor_create(name="Lauren Sánchez", kind="person", aliases=["Lauren Sanchez"])
    assert actor.slug == "lauren-sanchez"
    assert [a.name for a in actor.aliases.all()] == ["Lauren Sanchez"]
    assert actor.get_absolute_url() == "/actors/lauren-sanchez/"


def test_no_self_relationship_in_the_database():
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationshipFactory(source=actor, target=actor)


def test_relationship_end_not_before_start_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationshipFactory(
            started_on=datetime.date(2024, 12, 1), ended_on=datetime.date(2024, 11, 30)
        )


def test_relationship_end_equal_to_start_is_allowed():
    day = datetime.date(2024, 12, 11)
    assert RelationshipFactory(started_on=day, ended_on=day).pk


def test_relationship_amount_needs_a_currency_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationshipFactory(amount=Decimal("1000000"), currency="")


def test_exact_duplicate_relationship_refused_even_without_dates():
    existing = RelationshipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.create(
            source=existing.source, kind=existing.kind, target=existing.target
        )


def test_same_pair_may_hold_the_same_kind_over_two_periods():
    first = RelationshipFactory(started_on=datetime.date(2020, 1, 1))
    second = Relationship.objects.create(
        source=first.source,
        kind=first.kind,
        target=first.target,
        started_on=datetime.date(2024, 1, 1),
    )
    assert second.pk != first.pk


def test_relationship_record_names_the_broken_rule_before_writing():
    actor = ActorFactory()
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        relationship_record(
            source=actor, kind=RelationshipKind.objects.get(slug="rival-of"), target=actor
        )
    assert "itself" in str(excinfo.value)
    assert Relationship.objects.count() == 0


def test_relationship_record_reuses_the_existing_row_and_adds_evidence(django_db_setup):
    from tests.factories import ArticleFactory

    source, target = ActorFactory(), ActorFactory()
    owns = RelationshipKind.objects.get(slug="owns")
    first = relationship_record(source=source, kind=owns, target=target)
    story = ArticleFactory()
    again = relationship_record(source=source, kind=owns, target=target, evidence=[story])
    assert again.pk == first.pk
    assert list(again.evidence.all()) == [story]


def test_default_relationship_kinds_are_installed_with_inverse_labels():
    owns = RelationshipKind.objects.get(slug="owns")
    rival = RelationshipKind.objects.get(slug="rival-of")
    assert owns.label_from(as_source=False) == "owned by"
    assert rival.symmetric and rival.label_from(as_source=False) == "rival of"
    expected = {"rival-of", "competes-with", "leads", "founded", "owns", "works-for",
                "engaged-to", "married-to", "donated-to", "in-tension-with", "sued",
                "allied-with", "met", "visited", "member-of"}  # fmt: skip
    assert expected <= set(RelationshipKind.objects.values_list("slug", flat=True))


def test_actor_kinds_cover_people_organisations_places_events():
    assert set(Actor.Kind.values) == {"person", "organisation", "place", "event"}


@pytest.mark.django_db
def test_a_built_in_kind_reads_in_the_desks_language_and_an_editors_own_kind_as_typed():
    rival = RelationshipKind.objects.get(label="rival of")
    own = RelationshipKind.objects.create(label="sparring partner of", slug="sparring")
    with translation.override("fr"):
        assert str(rival) == "rival de"
        assert str(own) == "sparring partner of"
    with translation.override("en"):
        assert str(rival) == "rival of"

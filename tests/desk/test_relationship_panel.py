"""The desk's relationship panel records the whole relationship (dates, amount, currency,
status, note) with the story as evidence, speaks the editor's language, and answers a wrong
value with a message naming the field."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from lxml import html

from actors.models import Relationship, RelationshipKind
from tests.factories import ActorFactory, ArticleActorFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    story = ArticleFactory()
    for name in ("Ada", "Grace"):
        ArticleActorFactory(article=story, actor=ActorFactory(name=name))
    return story


def actors(story):
    return [tag.actor for tag in story.actor_tags.order_by("actor__name")]


def panel(client, user, story):
    client.force_login(user)
    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert response.status_code == 200
    found = html.fromstring(response.content.decode()).xpath('//*[@id="desk-relationship"]')
    return found[0] if found else None


def labels_and_choices(section):
    labels = [label.text_content() for label in section.xpath(".//label")]
    kinds = section.xpath('.//select[@name="kind"]/option/text()')
    statuses = section.xpath('.//select[@name="status"]/option/text()')
    return labels, kinds, statuses


def record(client, story, **values):
    ada, grace = actors(story)
    data = {
        "source": ada.pk,
        "kind": RelationshipKind.objects.get(slug="rival-of").pk,
        "target": grace.pk,
        "status": "reported",
        **values,
    }
    return client.post(
        reverse("admin:articles_article_desk_relationship", args=[story.pk]),
        data,
        HTTP_ACCEPT="application/json",
    )


def test_the_relationship_panel_is_in_french_by_default(client, editor, story):
    labels, kinds, statuses = labels_and_choices(panel(client, editor, story))
    assert labels == [
        "Source",
        "Type",
        "Cible",
        "Début",
        "Fin",
        "Montant",
        "Devise",
        "Statut",
        "Note",
    ]
    assert "possède" in kinds and "owns" not in kinds
    assert "rapporté" in statuses


def test_the_relationship_panel_in_english(client, editor, english, story):
    labels, kinds, statuses = labels_and_choices(panel(client, editor, story))
    assert labels == [
        "Source",
        "Kind",
        "Target",
        "Started on",
        "Ended on",
        "Amount",
        "Currency",
        "Status",
        "Note",
    ]
    assert "owns" in kinds and "reported" in statuses


def test_every_field_has_a_labelled_input_of_its_type(client, editor, story):
    section = panel(client, editor, story)
    types = {}
    for label in section.xpath(".//label"):
        [field] = section.xpath(f'.//*[@id="{label.get("for")}"]')
        types[field.get("name")] = field.get("type") or field.tag
    assert types == {
        "source": "select",
        "kind": "select",
        "target": "select",
        "started_on": "date",
        "ended_on": "date",
        "amount": "number",
        "currency": "text",
        "status": "select",
        "note": "textarea",
    }
    [ended] = section.xpath('.//input[@name="ended_on"]')
    assert ended.get("max") == "9999-12-31"


def test_the_panel_records_dates_amount_currency_status_and_note(client, editor, english, story):
    client.force_login(editor)
    response = record(
        client,
        story,
        started_on="2024-01-15",
        ended_on="2025-06-30",
        amount="1500000.50",
        currency="eur",
        status="confirmed",
        note="Un contrat de lancement.",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["message"].startswith("Recorded: Ada")
    relationship = Relationship.objects.get()
    assert (relationship.source, relationship.target) == tuple(actors(story))
    assert relationship.started_on == datetime.date(2024, 1, 15)
    assert relationship.ended_on == datetime.date(2025, 6, 30)
    assert relationship.amount == Decimal("1500000.50")
    assert relationship.currency == "EUR"
    assert relationship.status == "confirmed"
    assert relationship.note == "Un contrat de lancement."
    assert list(relationship.evidence.all()) == [story]


@pytest.mark.parametrize(
    "values, field, words",
    [
        (
            {"started_on": "2025-01-01", "ended_on": "2024-01-01"},
            "ended_on",
            "Ended on: The end date cannot be before the start date.",
        ),
        ({"amount": "1000"}, "currency", "Currency: An amount needs a currency"),
        ({"amount": "-5", "currency": "EUR"}, "amount", "Amount: Ensure this value is greater"),
        ({"amount": "1" * 19, "currency": "EUR"}, "amount", "Amount: Ensure that there are no"),
        ({"amount": "NaN", "currency": "EUR"}, "amount", "Amount: Enter a number."),
        ({"currency": "EURO"}, "currency", "Currency: Ensure this value has at most 3"),
        ({"currency": "E1R"}, "currency", "Currency: Use a three-letter ISO 4217 code"),
        ({"started_on": "2024-02-30"}, "started_on", "Started on: Enter a real date"),
        ({"ended_on": "10000-01-01"}, "ended_on", "Ended on: Enter a real date"),
        ({"ended_on": "+010000-01-01"}, "ended_on", "between 0001-01-01 and 9999-12-31"),
        ({"status": "rumoured"}, "status", "Status: Select a valid choice."),
        ({"note": "x" * 501}, "note", "Note: Ensure this value has at most 500"),
        ({"note": "nul\x00"}, "note", "Note: Null characters are not allowed."),
    ],
)
def test_a_wrong_value_is_refused_with_a_message_naming_the_field(
    client, editor, english, story, values, field, words
):
    client.force_login(editor)
    response = record(client, story, **values)

    assert response.status_code == 400
    answer = response.json()
    assert words in answer["message"]
    assert list(answer["errors"]) == [field]
    assert not Relationship.objects.exists()


def test_an_actor_cannot_be_related_to_itself(client, editor, english, story):
    client.force_login(editor)
    ada = actors(story)[0]
    response = record(client, story, target=ada.pk)

    assert response.status_code == 400
    assert response.json()["message"] == "Target: An actor cannot be related to itself."


def test_the_last_day_of_the_calendar_is_a_date_like_any_other(client, editor, english, story):
    client.force_login(editor)
    response = record(client, story, started_on="0001-01-01", ended_on="9999-12-31")

    assert response.status_code == 200, response.json()
    relationship = Relationship.objects.get()
    assert relationship.ended_on == datetime.date(9999, 12, 31)
    ada, grace = actors(story)
    # The pages that show it still work.
    for url in (f"/actors/{ada.slug}/", f"/actors/{ada.slug}/and/{grace.slug}/"):
        assert client.get(url).status_code == 200


def test_recording_it_again_adds_the_story_and_says_the_details_stay(client, editor, english):
    first, second = ArticleFactory(), ArticleFactory()
    ada, grace = ActorFactory(name="Ada"), ActorFactory(name="Grace")
    for story in (first, second):
        for actor in (ada, grace):
            ArticleActorFactory(article=story, actor=actor)
    client.force_login(editor)
    assert record(client, first, amount="10", currency="USD").status_code == 200

    response = record(client, second, amount="99", currency="EUR", note="Autre montant.")

    assert response.status_code == 200
    assert response.json()["message"].startswith("Already recorded: Ada")
    relationship = Relationship.objects.get()
    assert (relationship.amount, relationship.currency) == (Decimal("10"), "USD")
    assert set(relationship.evidence.all()) == {first, second}


def test_without_the_relationship_permissions_the_panel_is_absent_and_posts_refused(
    client, reporter, story
):
    # Reporters change stories but do not record relationships (actors.add_relationship).
    assert panel(client, reporter, story) is None
    assert record(client, story, note="Non.").status_code == 403

    # Someone who may change the story and relationships, but not add one.
    writer = UserFactory(username="writer")
    writer.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_article", "change_article", "change_relationship"]
        )
    )
    client.force_login(writer)
    assert record(client, story).status_code == 403
    assert not Relationship.objects.exists()


def test_without_javascript_a_refusal_comes_back_as_a_message(client, editor, english, story):
    client.force_login(editor)
    ada, grace = actors(story)
    response = client.post(
        reverse("admin:articles_article_desk_relationship", args=[story.pk]),
        {
            "source": ada.pk,
            "kind": RelationshipKind.objects.get(slug="rival-of").pk,
            "target": grace.pk,
            "status": "reported",
            "amount": "12",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0].endswith("#desk-panels")
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Currency: An amount needs a currency and cannot be negative."]

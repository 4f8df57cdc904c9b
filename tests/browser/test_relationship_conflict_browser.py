"""Two editors open the same relationship in two browsers: Hélène sets an amount and saves,
Paul edits the note and saves. Paul is told Hélène changed it, keeps his note, and
Hélène's amount stays."""

from decimal import Decimal

import pytest

from actors.models import Relationship
from tests.factories import ActorFactory, RelationshipFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct-horse-battery"  # UserFactory's


@pytest.fixture
def relationship(live_server):
    UserFactory(username="helene", first_name="Hélène", last_name="Garnier", groups=["Editor"])
    UserFactory(username="paul", first_name="Paul", last_name="Roux", groups=["Editor"])
    return RelationshipFactory(
        source=ActorFactory(name="Jeff Bezos"), target=ActorFactory(name="Lauren Sánchez")
    )


def test_second_editor_of_a_relationship_is_told_who_and_the_amount_stays(
    live_server, relationship, open_as
):
    url = f"{live_server.url}/admin/actors/relationship/{relationship.pk}/change/"
    helene, paul = open_as("helene", PASSWORD), open_as("paul", PASSWORD)
    helene.goto(url)
    paul.goto(url)

    helene.fill("#id_amount", "250000")
    helene.fill("#id_currency", "USD")
    helene.locator("input[name=_continue]").click()
    helene.wait_for_load_state()
    assert helene.locator(".errornote").count() == 0

    paul.fill("#id_note", "Selon Le Monde, 2025.")
    paul.locator("input[name=_continue]").click()
    paul.wait_for_load_state()

    error = paul.locator(".errorlist.nonfield").inner_text()
    assert "Hélène Garnier changed this" in error
    assert "Amount" in error
    assert paul.input_value("#id_note") == "Selon Le Monde, 2025."
    stored = Relationship.objects.get(pk=relationship.pk)
    assert (stored.amount, stored.currency, stored.note) == (Decimal("250000"), "USD", "")

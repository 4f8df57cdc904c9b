"""The create-actor choice of each new name comes pre-filled with its guessed kind (issue 19:
"it always says personne"): on the change form, in the live refresh, and still on the right
name once the list above it has changed."""

import pytest
from django.urls import reverse
from lxml import html

from actors.models import Actor
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BODY = (
    "La NASA a choisi Blue Origin pour son atterrisseur. Blue Origin, la société fondée par "
    "Jeff Bezos, vise la Lune. Selon Gwynne Shotwell, SpaceX répondra."
)


def chosen_kinds(content: str) -> dict[str, str]:
    """Each new name's create form: the option the browser shows first (the one marked
    selected, else the first)."""
    page = html.fromstring(content)
    found = {}
    for form in page.xpath('//*[@id="desk-actor-suggestions"]//form[.//select[@name="kind"]]'):
        [name] = form.xpath('.//input[@name="name"]/@value')
        [select] = form.xpath('.//select[@name="kind"]')
        selected = select.xpath("./option[@selected]/@value") or select.xpath("./option/@value")
        assert select.get("autocomplete") == "off"  # a reload restores no stale choice
        found[name] = selected[0]
    return found


@pytest.fixture
def story():
    return ArticleFactory(title="Atterrisseur lunaire", standfirst="", body=BODY, language="fr")


def test_an_organisation_is_offered_as_an_organisation(client, editor, story):
    client.force_login(editor)

    page = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    kinds = chosen_kinds(page.content.decode())

    assert kinds["Blue Origin"] == Actor.Kind.ORGANISATION
    assert kinds["Lune"] == Actor.Kind.PLACE
    assert kinds["Jeff Bezos"] == Actor.Kind.PERSON
    assert set(kinds.values()) > {Actor.Kind.PERSON}  # not "personne" for every name


def test_the_live_refresh_keeps_each_name_s_kind(client, editor, story):
    client.force_login(editor)
    panel = reverse("admin:articles_article_desk_panel", args=[story.pk])

    edited = "Le Sommet de Paris accueille Blue Origin. " + BODY
    kinds = chosen_kinds(
        client.post(panel, {"title": story.title, "body": edited}).content.decode()
    )

    assert kinds["Blue Origin"] == Actor.Kind.ORGANISATION
    assert kinds["Sommet de Paris"] == Actor.Kind.EVENT


def test_a_dismissed_name_above_does_not_shift_the_kinds_below(client, editor, story):
    client.force_login(editor)
    change = reverse("admin:articles_article_change", args=[story.pk])
    before = chosen_kinds(client.get(change).content.decode())
    first = next(iter(before))

    client.post(reverse("admin:articles_article_desk_dismiss", args=[story.pk]), {"name": first})
    after = chosen_kinds(client.get(change).content.decode())

    assert first not in after
    assert after == {name: kind for name, kind in before.items() if name != first}

"""Names dismissed from a story's actor panel stay dismissed: gone on reload and from the
live refresh, listed to be restored, for this story only; written only by the desk's
service, by those who may change the story (reporters on a live story too: readers never
see the list)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from lxml import html

from desk.models import DismissedName
from desk.services import dismissed_name_save
from tests.factories import ActorFactory, ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Jeff Bezos a dîné avec le président. Blue Origin, la société de Jeff Bezos, vise la Lune. "
    "Blue Origin a signé un contrat."
)


@pytest.fixture
def bezos():
    return ActorFactory(name="Jeff Bezos", slug="jeff-bezos")


@pytest.fixture
def story(bezos):
    return ArticleFactory(title="Dîner", standfirst="", body=BODY)


def url(story, name):
    return reverse(f"admin:articles_article_desk_{name}", args=[story.pk])


def read_panel(content: str) -> dict[str, list[str]]:
    """What the actor panel shows: named actors, unknown names, and the dismissed list."""
    [panel] = html.fromstring(content).xpath('//*[@id="desk-actor-suggestions"]')

    def names(path):
        return [" ".join(node.text_content().split()) for node in panel.xpath(path)]

    return {
        "actors": names('./ul[1]/li[@data-actor]//span[@class="desk-name"]'),
        "names": names('./h3/following-sibling::ul[1]/li//span[@class="desk-name"]'),
        "dismissed": names('.//details[@class="desk-dismissed"]//span[@class="desk-name"]'),
    }


def change_page(client, story) -> dict[str, list[str]]:
    response = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert response.status_code == 200
    return read_panel(response.content.decode())


def live_refresh(client, story, body=BODY) -> dict[str, list[str]]:
    response = client.post(url(story, "panel"), {"title": story.title, "body": body})
    assert response.status_code == 200
    return read_panel(response.content.decode())


def dismiss(client, story, **data):
    return client.post(url(story, "dismiss"), data, HTTP_ACCEPT="application/json")


def restore(client, story, dismissed):
    return client.post(
        url(story, "restore"), {"dismissed": dismissed.pk}, HTTP_ACCEPT="application/json"
    )


def test_a_dismissed_actor_and_name_stay_gone_until_restored(client, editor, story, bezos):
    client.force_login(editor)
    before = change_page(client, story)
    assert before["actors"] == ["Jeff Bezos"] and "Blue Origin" in before["names"]
    assert before["dismissed"] == []

    assert dismiss(client, story, actor=bezos.pk).status_code == 200
    assert dismiss(client, story, name="Blue Origin").status_code == 200

    for shown in (
        change_page(client, story),
        change_page(client, story),
        live_refresh(client, story),
    ):
        assert shown["actors"] == []
        assert "Blue Origin" not in shown["names"] and "Lune" in shown["names"]
        assert sorted(shown["dismissed"]) == ["Blue Origin", "Jeff Bezos"]

    restore(client, story, DismissedName.objects.get(actor=bezos))
    restore(client, story, DismissedName.objects.get(name_folded="blue origin"))
    assert change_page(client, story) == before
    assert not DismissedName.objects.exists()


def test_the_live_refresh_keeps_a_name_dismissed_in_any_case_or_accent(client, editor, story):
    client.force_login(editor)
    dismiss(client, story, name="Blue  Origin")

    edited = BODY + " Le directeur de Blue Origin a parlé."
    assert "Blue Origin" not in live_refresh(client, story, body=edited)["names"]
    assert DismissedName.objects.get().name_folded == "blue origin"


def test_another_story_still_offers_what_one_story_dismissed(client, editor, story, bezos):
    client.force_login(editor)
    dismiss(client, story, actor=bezos.pk)
    dismiss(client, story, name="Blue Origin")
    other = ArticleFactory(title="Autre", standfirst="", body=BODY)

    shown = change_page(client, other)

    assert shown["actors"] == ["Jeff Bezos"] and "Blue Origin" in shown["names"]
    assert shown["dismissed"] == []


def test_dismissing_twice_keeps_one_row_and_says_so_once(client, editor, english, story):
    client.force_login(editor)
    first = dismiss(client, story, name="Blue Origin").json()
    again = dismiss(client, story, name="BLUE ORIGIN").json()

    assert first["ok"] and again["ok"] and first["dismissed"] == again["dismissed"]
    assert DismissedName.objects.count() == 1
    assert first["message"].startswith("“Blue Origin” dismissed for this story")


@pytest.mark.parametrize(
    "data, words",
    [
        ({}, "Dismiss either an actor or a name."),
        ({"name": "Mars", "actor": "bezos"}, "Dismiss either an actor or a name."),
        ({"name": "x" * 201}, "Name: Ensure this value has at most 200 characters"),
        ({"actor": "999999"}, "Actor: Select a valid choice."),
        ({"name": "Mars\x00"}, "Name: Null characters are not allowed."),
    ],
)
def test_a_wrong_dismissal_is_refused_with_its_reason(
    client, editor, english, story, bezos, data, words
):
    if data.get("actor") == "bezos":
        data = {**data, "actor": bezos.pk}
    client.force_login(editor)
    response = dismiss(client, story, **data)

    assert response.status_code == 400
    assert words in response.json()["message"]
    assert not DismissedName.objects.exists()


def test_a_dismissal_is_restored_only_from_its_own_story(client, editor, english, story):
    other = ArticleFactory()
    elsewhere = dismissed_name_save(article=other, name="Mars", by=editor)
    client.force_login(editor)

    response = restore(client, story, elsewhere)

    assert response.status_code == 400
    assert "Dismissed name: Select a valid choice." in response.json()["message"]
    assert DismissedName.objects.filter(pk=elsewhere.pk).exists()


def test_a_reporter_dismisses_and_restores_on_a_live_story(client, reporter, english, story, bezos):
    assert story.is_public
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content
    buttons = html.fromstring(page).xpath('//*[@id="desk-actor-suggestions"]//button/text()')
    assert buttons.count("dismiss") == 3  # Jeff Bezos, Blue Origin, Lune

    assert dismiss(client, story, actor=bezos.pk).status_code == 200
    dismissed = DismissedName.objects.get()
    assert dismissed.dismissed_by == reporter
    assert restore(client, story, dismissed).status_code == 200
    assert not DismissedName.objects.exists()


def test_who_may_not_change_the_story_may_not_dismiss(client, export_staff, story, bezos):
    client.force_login(export_staff)
    assert dismiss(client, story, actor=bezos.pk).status_code == 403
    row = dismissed_name_save(article=story, name="Blue Origin", by=None)
    assert restore(client, story, row).status_code == 403
    assert list(DismissedName.objects.all()) == [row]

    anonymous = Client()
    response = anonymous.post(url(story, "dismiss"), {"actor": bezos.pk})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_viewer_sees_the_dismissed_list_without_buttons(client, export_staff, story):
    dismissed_name_save(article=story, name="Blue Origin", by=None)
    client.force_login(export_staff)
    content = client.get(reverse("admin:articles_article_change", args=[story.pk])).content

    assert read_panel(content.decode())["dismissed"] == ["Blue Origin"]
    assert html.fromstring(content).xpath('//*[@id="desk-actor-suggestions"]//form') == []


def test_the_endpoints_refuse_a_post_without_the_csrf_token(story, bezos):
    editor = UserFactory(username="csrf-editor", groups=["Editor"])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)

    assert browser.post(url(story, "dismiss"), {"actor": bezos.pk}).status_code == 403
    row = dismissed_name_save(article=story, name="Mars", by=None)
    assert browser.post(url(story, "restore"), {"dismissed": row.pk}).status_code == 403
    assert list(DismissedName.objects.values_list("name", flat=True)) == ["Mars"]


def test_the_endpoints_write_only_through_the_service(client, editor, story, bezos, monkeypatch):
    """The view holds no write of its own: the service's permission check decides."""

    def refuse(user, perm):
        if perm.startswith("desk."):
            raise PermissionDenied("Refused by the service.")

    monkeypatch.setattr("desk.services.require", refuse)
    client.force_login(editor)

    response = dismiss(client, story, actor=bezos.pk)

    assert response.status_code == 400
    assert response.json()["message"] == "Refused by the service."
    assert not DismissedName.objects.exists()


def test_the_services_check_the_permissions(reporter, export_staff, story, bezos):
    with pytest.raises(PermissionDenied):
        dismissed_name_save(article=story, actor=bezos, by=export_staff)
    row = dismissed_name_save(article=story, actor=bezos, by=reporter)
    assert (row.actor, row.name, row.name_folded) == (bezos, "Jeff Bezos", "")

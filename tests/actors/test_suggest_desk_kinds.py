"""The desk's create-actor choice comes pre-filled with the new name's guessed kind (issue 16,
item 2), the command-line suggestions name it too, and an alias ticked "any case" in the
admin matches text in lower case."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from actors.models import Actor, Alias
from actors.suggestions import suggest_for_text
from tests.admin_forms import change_url, form_values
from tests.factories import AliasFactory, ArticleFactory

BODY = (
    "Le Government Accountability Office a publié mardi un rapport sévère. La sonde s'est "
    "posée sur la Lune, selon Gwynne Shotwell. Elle rentrera en Floride après le Sommet de "
    "Paris."
)
EXPECTED = {
    "Government Accountability Office": "organisation",
    "Lune": "place",
    "Gwynne Shotwell": "person",
    "Floride": "place",
    "Sommet de Paris": "event",
}


def selected_kinds(page: str) -> dict[str, str]:
    """Each new name in the panel and the kind its create form has selected."""
    found = {}
    for item in re.finditer(r'name="name" value="([^"]+)"(.*?)</select>', page, flags=re.S):
        chosen = re.findall(r'<option value="(\w+)" selected>', item.group(2))
        found[item.group(1).replace("&#x27;", "'")] = chosen[0] if chosen else ""
    return found


@pytest.mark.django_db
def test_the_create_actor_choice_is_prefilled_with_the_guessed_kind(client, editor):
    story = ArticleFactory(title="Rapport", standfirst="", body=BODY, language="fr")
    client.force_login(editor)

    page = client.get(change_url(story)).content.decode()

    assert selected_kinds(page) == EXPECTED


@pytest.mark.django_db
def test_suggest_actors_prints_the_guessed_kind(tmp_path, capsys):
    path = tmp_path / "story.md"
    path.write_text(BODY, encoding="utf-8")
    with translation.override("en"):
        call_command("suggest_actors", str(path))
        out = capsys.readouterr().out
        for name, kind in EXPECTED.items():
            assert f"{name} ({Actor.Kind(kind).label})" in out


@pytest.mark.django_db
def test_an_editor_ticks_any_case_on_an_alias_and_the_desk_then_finds_it_in_lower_case(
    client, editor, django_capture_on_commit_callbacks
):
    alias = AliasFactory(name="Orange", actor__name="Orange SA", actor__kind="organisation")
    text = "le réseau orange est tombé en panne mardi"
    assert not suggest_for_text(text, kinds=False).actors  # capitals mean something
    client.force_login(editor)
    values = form_values(client.get(change_url(alias)), "alias_form")
    values["any_case"] = ["on"]

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url(alias), values).status_code == 302

    assert Alias.objects.get(pk=alias.pk).any_case
    assert [s.actor for s in suggest_for_text(text, kinds=False).actors] == [alias.actor]

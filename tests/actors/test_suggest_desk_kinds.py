"""The desk's create-actor choice comes pre-filled with the new name's guessed kind (issue 16,
item 2), and the command-line suggestions name it too."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation

from actors.models import Actor
from tests.admin_forms import change_url
from tests.factories import ArticleFactory

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

"""``suggest_actors`` speaks the desk's language: its headings are the panel's, in French."""

import pytest
from django.core.management import call_command
from django.utils import translation

from actors.services import actor_create
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_suggest_actors_headings_are_french_by_default(capsys):
    actor_create(name="Elon Musk", kind="person", aliases=["Musk"])
    ArticleFactory(body="Musk se tait à Palm Beach.", slug="musk")

    with translation.override("fr"):
        call_command("suggest_actors", article="musk")
    lines = capsys.readouterr().out.splitlines()

    # The colon's French spacing comes with the "%(heading)s: %(count)s" msgid's translation.
    assert lines[0].startswith("Acteurs nommés mais non indexés")
    assert lines[-2].startswith("Noms qui ne correspondent à aucun acteur")

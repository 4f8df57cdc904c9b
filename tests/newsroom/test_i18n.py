"""French by default, English on request; dates and numbers follow; catalogues ship compiled."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone, translation

from tests.factories import ArticleFactory
from tests.newsroom.catalogue import po_entries, translations

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = [ROOT / "locale" / lang / "LC_MESSAGES" for lang in ("fr", "en")]

pytestmark = pytest.mark.django_db


def test_interface_is_french_by_default(client):
    response = client.get("/")
    content = response.content.decode()
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in content
    assert "Derniers articles" in content and "Aller au contenu" in content


def test_accept_language_english_gets_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9,fr;q=0.5")
    content = response.content.decode()
    assert response["Content-Language"] == "en"
    assert "Latest stories" in content and "Skip to content" in content


def test_unsupported_languages_fall_back_to_french(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode().count("Derniers articles")


def test_language_switcher_sets_a_cookie_that_wins_over_accept_language(client):
    content = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in content and 'name="language"' in content
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/search/"})
    assert response.status_code == 302 and response["Location"] == "/search/"
    page = client.get("/search/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Type a few words" in page


def test_dates_are_localised(client):
    article = ArticleFactory(
        publish_at=timezone.make_aware(timezone.datetime(2024, 3, 5, 14, 0)),
    )
    french = client.get("/").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "5 mars 2024" in french
    assert "March 5, 2024" in english
    story = client.get(article.get_absolute_url()).content.decode()
    assert 'datetime="2024-03-05T14:00:00+01:00"' in story


def test_pagination_and_counts_are_translated(client):
    for index in range(21):
        ArticleFactory(title=f"Récit {index}")
    assert "Page 1 sur 2" in client.get("/").content.decode()
    assert "Page 1 of 2" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    search = client.get("/search/", {"q": "récit"}).content.decode()
    assert "21 articles trouvés" in search


def test_model_labels_used_on_public_pages_are_french():
    from actors.models import Actor, Relationship

    with translation.override("fr"):
        assert Actor.Kind.ORGANISATION.label == "organisation"
        assert str(Actor.Kind.PLACE.label) == "lieu"
        assert str(Relationship.Status.DENIED.label) == "démenti"


def _po_entries(path: Path) -> dict[str, str]:
    """Singular msgid -> msgstr of a .po file (with msgctxt joined the gettext way)."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n")[1:]:
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            keyword, _, rest = line.partition(" ")
            if keyword in {"msgctxt", "msgid", "msgstr", "msgid_plural", "msgstr[0]"}:
                current, line = keyword, rest
            fields[current] = fields.get(current, "") + line.strip()[1:-1]
        if "msgid_plural" in fields or not fields.get("msgstr"):
            continue
        msgid = fields["msgid"].replace('\\"', '"')
        if "msgctxt" in fields:
            msgid = f"{fields['msgctxt']}\x04{msgid}"
        entries[msgid] = fields["msgstr"].replace('\\"', '"')
    return entries


def test_compiled_french_catalogue_matches_its_source():
    # The .mo files are committed (a fresh clone has no gettext): they must not lag the .po.
    catalogue = CATALOGUES[0]
    with open(catalogue / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    source = _po_entries(catalogue / "django.po")
    assert len(source) > 100
    stale = {msgid for msgid, msgstr in source.items() if compiled.get(msgid) != msgstr}
    assert not stale, sorted(stale)[:5]


def test_english_catalogue_is_compiled_too():
    assert (CATALOGUES[1] / "django.mo").exists()


def _untranslated_or_fuzzy(path: Path) -> list[str]:
    """The msgids of a .po file whose translation is missing or fuzzy (obsolete ones aside)."""
    found = []
    for fields, block in po_entries(path):
        if re.search(r"^#,.*\bfuzzy\b", block, re.MULTILINE) or not all(translations(fields)):
            found.append(fields["msgid"])
    return found


def test_every_french_string_is_translated_and_none_is_fuzzy():
    assert not _untranslated_or_fuzzy(CATALOGUES[0] / "django.po")


# The project's extraction: every template extension that holds {% translate %} (.svg, .xml too).
MAKEMESSAGES = [
    *("makemessages", "-l", "fr", "-e", "html,txt,py,xml,svg"),
    *(f"--ignore={name}" for name in (".venv", "node_modules", "bench", "tests")),
]
NOT_SOURCE = (".git", ".venv", "node_modules", "tests", "media", "staticfiles", ".cache")


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="makemessages needs GNU gettext")
def test_every_string_in_the_code_has_its_french_translation(tmp_path):
    # A string wrapped for translation but never added to the catalogue shows in English; extract
    # into a copy of the project, so the working tree's catalogue is never rewritten.
    copy = tmp_path / "project"
    ignore = shutil.ignore_patterns(*NOT_SOURCE, ".hypothesis", "__pycache__", "db.sqlite3*")
    shutil.copytree(ROOT, copy, symlinks=True, ignore=ignore)
    done = subprocess.run(  # noqa: S603 - our own interpreter, manage.py and fixed arguments
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env={**os.environ, "DJANGO_DEBUG": "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    missing = _untranslated_or_fuzzy(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    assert not missing, "untranslated or fuzzy in French:\n" + "\n".join(missing)

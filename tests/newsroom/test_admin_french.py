"""The French desk has no English left in it: labels, help texts, headings, buttons, options,
links and titles of the story, actor, relationship, contributor, section, picture and correction
forms and lists.

English is recognised two ways: a text that is one of the English msgids of the catalogues
(the project's, Django's, taggit's) whose French differs, and a text holding an English word:
a word of those msgids that no French translation uses (so "date", "section" or "note", the
same in both languages, pass)."""

import re
from pathlib import Path

import lxml.html
import pytest
from django.urls import reverse
from django.utils.translation import trans_real

from tests.admin_forms import change_url
from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelationshipFactory,
    SectionFactory,
    sign,
)
from tests.newsroom.catalogue import po_entries, translations
from tests.pictures.images import make_picture

pytestmark = pytest.mark.django_db

PROJECT_PO = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# Words the two languages share, or names that stay as they are.
SAME_IN_BOTH = {
    "ok",
    "url",
    "slug",
    "wikidata",
    "markdown",
    "docx",
    "ninjs",
    "iptc",
    "json",
    "second",
}
# Text a person never reads, and what is in another language on purpose (the switch's "English").
# Names of code that French and English readers alike should not meet.
CODE_NAMES = {"taggit", "django"}
SKIPPED = {"script", "style", "template", "textarea", "noscript"}
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
WORD = re.compile(r"[^\W\d_]+")

MODELS = ["articles.article", "actors.actor", "actors.relationship"]
MODELS += ["contributors.contributor", "articles.section", "pictures.picture"]
MODELS += ["articles.correction"]


def _po_pairs(path: Path):
    """(msgid, [msgstr, ...]) of every entry of a .po file, obsolete ones aside."""
    for fields, _block in po_entries(path):
        if fields["msgid"]:
            strs = translations(fields)
            yield fields["msgid"], strs
            if "msgid_plural" in fields:
                yield fields["msgid_plural"], strs


def _english_and_french():
    """English msgids whose French differs, and every word the French translations use."""
    pairs = []
    for msgid, msgstr in trans_real.translation("fr")._catalog.items():
        msgid = msgid[0] if isinstance(msgid, tuple) else msgid
        pairs.append((msgid.rpartition("\x04")[2], [msgstr]))
    # The project's own source too: a string not yet translated is not in the compiled one.
    pairs += list(_po_pairs(PROJECT_PO))
    english, same, french_words = set(), set(), set()
    for msgid, msgstrs in pairs:
        for msgstr in msgstrs:
            french_words.update(WORD.findall(msgstr.lower()))
        # Some catalogue writes it the same in French ("active", "note"): not English.
        (same if msgid in msgstrs else english).add(msgid)
    return english - same, french_words


ENGLISH, FRENCH_WORDS = _english_and_french()
ENGLISH_WORDS = (
    {
        word
        for msgid in ENGLISH
        for word in WORD.findall(PLACEHOLDER.sub(" ", msgid).lower())
        if len(word) > 1
    }
    - FRENCH_WORDS
    - SAME_IN_BOTH
)
ENGLISH_TEXTS = {" ".join(msgid.split()) for msgid in ENGLISH if not PLACEHOLDER.search(msgid)}


def visible_texts(html: str):
    """Every text a person reads on the page: text nodes, read attributes, button values."""
    tree = lxml.html.fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            continue
        in_other_language = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
        if in_other_language and not in_other_language[0].startswith("fr"):
            continue
        # Django's class for what is never shown (the hidden lock fields' labels).
        if element.xpath("ancestor-or-self::*[contains(concat(' ', @class, ' '), ' hidden ')]"):
            continue
        texts = [element.text]
        texts += [element.get(name) for name in READ_ATTRIBUTES]
        if element.tag == "input" and element.get("type") in {"submit", "button", "reset"}:
            texts.append(element.get("value"))
        for text in texts:
            if text and text.strip():
                yield " ".join(text.split())
        parent = element.getparent()
        if element.tail and element.tail.strip() and parent is not None:
            if parent.tag not in SKIPPED:
                yield " ".join(element.tail.split())


def english_in(html: str) -> list[str]:
    found = []
    for text in visible_texts(html):
        words = set(WORD.findall(text.lower())) & ENGLISH_WORDS
        if text in ENGLISH_TEXTS or words:
            found.append(f"{text!r} {sorted(words)}")
    return sorted(set(found))


@pytest.fixture
def newsroom(settings):
    settings.NEWSROOM_SITE_NAME = "La Gazette de Montbrison"  # the default is English
    story = ArticleFactory(tags=["politique"])
    sign(story, ContributorFactory())
    ArticleActorFactory(article=story, actor=ActorFactory(name="Elon Musk"))
    RelationshipFactory().evidence.add(story)
    SectionFactory()
    CorrectionFactory(article=story)
    make_picture(seed=0)


def pages():
    yield "index", reverse("admin:index")
    yield "manuscript import", reverse("admin:articles_article_manuscript")
    for label in MODELS:
        app_label, model_name = label.split(".")
        yield f"{label} list", reverse(f"admin:{app_label}_{model_name}_changelist")
        yield f"{label} add", reverse(f"admin:{app_label}_{model_name}_add")


def test_the_french_desk_shows_no_english(client, superuser, newsroom):
    from django.apps import apps

    client.force_login(superuser)
    rows = [apps.get_model(label).objects.order_by("pk").first() for label in MODELS]
    story_history = reverse("admin:articles_article_history", args=[rows[0].pk])
    found = {}
    changes = [(f"{row._meta.label} change", change_url(row)) for row in rows]
    for where, url in [*pages(), *changes, ("story history", story_history)]:
        response = client.get(url)
        assert response.status_code == 200, where
        assert response["Content-Language"] == "fr"
        if english := english_in(response.content.decode()):
            found[where] = english
    report = "\n".join(f"{where}:\n  " + "\n  ".join(texts) for where, texts in found.items())
    assert not found, "English in the French desk:\n" + report


def test_the_detector_finds_english_and_passes_french():
    page = """<html lang="fr"><body><h1>Modifier l’article</h1><p>Titre</p>
      <label title="Save and continue editing">Date</label><p>Select a section</p>
      <option lang="en">English</option><textarea>Free text the editor typed</textarea>
    </body></html>"""
    found = english_in(page)
    assert len(found) == 2
    assert "Save and continue editing" in found[0] and "select" in found[1]

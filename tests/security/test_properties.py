"""Properties that must hold for any input (hypothesis).

- Story slugs made from French headlines (accents, apostrophes, ligatures, punctuation,
  headlines that collide) are unique, fit the story URL pattern and do not move when the
  story is saved again or edited.
- Rendered Markdown, whatever mix of Markdown and HTML it is given, holds no script element,
  no event-handler attribute and no javascript: (or data:, vbscript:) URL.
- Exporting then importing is the identity: tests/exports/test_round_trip.py proves
  it into an emptied newsroom; here, importing a newsroom's own export back into it changes
  nothing at all (no story updated, no history entry, the same export).
"""

import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reversion.models import Version

from articles.models import Article
from articles.rendering import render_markdown
from articles.services import article_create
from exports.imports import stories_import
from tests.exports.test_round_trip import authors, build, export, newsroom  # noqa: F401

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- slugs ---------------------------------------------------------------------------------

FRENCH_WORDS = [
    "Élysée", "été", "Noël", "cœur", "Œuvre", "æther", "Cæsar", "ça", "où", "déjà", "naïf",
    "L'État", "l’hôpital", "d'Orléans", "aujourd’hui", "Ünïcödé", "Ærø", "Straße", "1er",
    "2024", "« citation »", "—", "–", "!", "?", ":", ";", "…", "&", "%", "€", "/", "#", "...",
    "Macron", "Musk", "Bezos", "rivalité", "à", "Île-de-France",
]  # fmt: skip
FRENCH_LETTERS = st.characters(
    codec="utf-8",
    categories=("Lu", "Ll", "Nd", "Po", "Pd", "Ps", "Pe", "Zs", "Sm", "Sc"),
)
WORDS = st.one_of(st.sampled_from(FRENCH_WORDS), st.text(FRENCH_LETTERS, min_size=1, max_size=6))
HEADLINES = (
    st.lists(WORDS, min_size=1, max_size=10)
    .map(" ".join)
    .map(lambda text: text[:250])
    .filter(str.strip)
)
# Several stories at once, some with the very same headline (collisions).
DESKS = st.lists(HEADLINES, min_size=1, max_size=4).flatmap(
    lambda titles: st.lists(st.sampled_from(titles), min_size=len(titles), max_size=6)
)
STORY_URL = re.compile(r"^[-a-zA-Z0-9_]+$")  # Django's <slug:> converter, used by the URL


@EXAMPLES
@given(headlines=DESKS)
def test_slugs_from_french_headlines_are_unique_url_safe_and_stable(headlines):
    stories = [article_create(title=headline, body="Premier jet.") for headline in headlines]
    slugs = [story.slug for story in stories]

    assert len(set(slugs)) == len(slugs)
    assert Article.objects.filter(slug__in=slugs).count() == len(slugs)
    for story in stories:
        assert STORY_URL.match(story.slug), story.slug
        assert len(story.slug) <= Article._meta.get_field("slug").max_length
        url = story.get_absolute_url()
        match = resolve(url)
        assert (match.view_name, match.kwargs) == ("articles:detail", {"slug": story.slug})

        # Saved again, body and headline edited: the URL readers have does not move.
        story.save()
        story.body = "Second jet, tout réécrit."
        story.title = f"{story.title} (mis à jour)"
        story.full_clean()
        story.save()
        story.refresh_from_db()
        assert story.get_absolute_url() == url


def test_ligatures_apostrophes_and_punctuation_read_as_the_admin_spells_them():
    assert article_create(title="Cœur d’Œdipe et æther").slug == "coeur-doedipe-et-aether"
    assert article_create(title="L'État, l’été !").slug == "letat-lete"
    assert article_create(title="L'État, l’été !").slug == "letat-lete-2"
    assert article_create(title="« … »").slug == "article"
    assert article_create(title="« ! »").slug == "article-2"


def test_a_new_story_does_not_take_the_old_url_of_another():
    moved = article_create(title="Un titre qui a changé")
    moved.old_slugs.create(slug="un-titre-neuf")
    assert article_create(title="Un titre neuf").slug == "un-titre-neuf-2"
    assert reverse("articles:detail", args=["un-titre-neuf-2"]).endswith("/un-titre-neuf-2/")


# --- rendered Markdown -----------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><circle/></svg>",
    '<a href="javascript:alert(1)">lien</a>',
    '<a href="jav&#x09;ascript:alert(1)">lien</a>',
    '<a href="&#106;avascript:alert(1)">lien</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<body onload="alert(1)">',
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<object data=javascript:alert(1)></object>",
    '<form action="javascript:alert(1)"><button>ok</button></form>',
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](  javascript:alert(1)  )",
    "[clic](java\tscript:alert(1))",
    "[clic](&#x6A;avascript:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[clic](vbscript:msgbox(1))",
    "![image](javascript:alert(1))",
    '![image](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    '[lien](https://example.org "titre" onmouseover="alert(1)")',
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "> <img src=x onerror=alert(1)>",
    "* [a](javascript:alert(1))\n* <b onclick=alert(1)>b</b>",
    "| a | b |\n|---|---|\n| <script>x</script> | [c](javascript:x) |",
    "<a href='https://example.org' onclick='alert(1)'>ok</a>",
    "[[picture:1]]",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
MARKDOWN = [
    "# Titre", "## Sous-titre", "**gras**", "_italique_", "~~barré~~", "> citation", "* puce",
    "1. un", "---", "`code`", "[lien](https://example.org)", "<https://example.org>",
    "\n\n", "\n", "    indenté", "| a |\n|---|\n| b |", "Élysée & Cie", "<", ">", '"', "'",
    "(", ")", "[", "]", "!", "*", "_", "`",
]  # fmt: skip
FRAGMENTS = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(MARKDOWN),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
BODIES = st.lists(FRAGMENTS, min_size=1, max_size=12).map("".join)

DANGEROUS_ELEMENTS = {"script", "iframe", "object", "embed", "style", "form", "svg", "math"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class Elements(HTMLParser):
    """Every element and attribute, as a browser's tokenizer would read them (entities
    decoded in attribute values)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def scheme(value: str) -> str:
    # Browsers ignore ASCII whitespace and control characters inside a URL's scheme.
    return re.sub(r"[\x00-\x20\x7f]", "", value).lower()


@EXAMPLES
@given(text=BODIES)
def test_rendered_markdown_never_carries_a_script_an_event_handler_or_a_script_url(text):
    html = render_markdown(text)
    parser = Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.elements:
        assert tag not in DANGEROUS_ELEMENTS, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on"), (name, html)
            assert name != "style", (name, html)
            assert not scheme(value or "").startswith(DANGEROUS_SCHEMES), (name, value, html)
    assert "<script" not in html.lower()


# --- export, then import ----------------------------------------------------------------------


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(spec=newsroom)
def test_importing_a_newsrooms_own_export_changes_nothing(authors, spec):  # noqa: F811
    from django.db import transaction

    with transaction.atomic():
        build(spec)
        before = export("jsonl")
        history = Version.objects.count()

        report = stories_import(lines=io.StringIO(before))

        assert report.created == [] and report.updated == []
        assert len(report.unchanged) == Article.objects.count()
        assert report.actors_created == []
        assert Version.objects.count() == history
        assert export("jsonl") == before
        transaction.set_rollback(True)

"""The export reads rows, not stories: every format gives the same bytes as from the stories.

The reference is the per-story functions (``story_record``, ``story_document``, the CSV row)
on model instances prefetched with ``RECORD_PREFETCH``, as the importer and the API use them.
"""

import datetime as dt
import io
import json

import pytest
from django.utils import timezone

from actors.models import Actor
from articles.models import Article, ArticleActor, Correction, Section
from exports.ninjs import story_document
from exports.records import RECORD_PREFETCH, story_record
from exports.services import stories_export
from exports.writers import CsvWriter, _json
from tests.exports.conftest import ninjs_lines
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelatedArticleFactory,
    RelationshipFactory,
    sign,
)
from tests.pictures.images import make_picture


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def varied(rich_story):
    """Stories that between them fill every field an export writes, and leave each empty."""
    rich_story.lead_image = make_picture(seed=1, caption="Le dîner.", credit="Photo : AFP")
    rich_story.save()
    odd = ArticleFactory(
        title="=SUM(A1:A3) — « guillemets » et emoji 🚀",
        slug="formule",
        kicker="+33 1 23 45 67 89",
        standfirst="-2+3+cmd|' /C calc'!A0\nligne\u2028séparée\x85fin",
        body='Un texte\u2029avec des séparateurs, des "guillemets" et un \\ oblique.\n\n'
        "- une liste\n- deux\n\n> Une citation & un &amp;.",
        canonical_url="https://ailleurs.example.org/histoire",
        language=Article.Language.ENGLISH,
        tags=["Été", "zèbre", "abeille"],
    )
    second = ContributorFactory(slug="zoe-martin", name="Zoé Martin")
    first = ContributorFactory(slug="ali-ben", name="Ali Ben")
    sign(odd, second, first)  # byline order, not alphabetical
    place = ActorFactory(name="Île-de-France", slug="ile-de-france", kind=Actor.Kind.PLACE)
    AliasFactory(actor=place, name="IDF")
    AliasFactory(actor=place, name="Francilie")
    ArticleActorFactory(article=odd, actor=place, role=ArticleActor.Role.ABOUT, position=0)
    musk = Actor.objects.get(slug="elon-musk")  # shared with the rich story
    ArticleActorFactory(article=odd, actor=musk, role=ArticleActor.Role.QUOTED, position=1)
    RelationshipFactory(source=place, target=musk, note="").evidence.add(odd)
    RelationshipFactory(source=musk, target=place, started_on=None).evidence.add(odd)
    CorrectionFactory(article=odd, text="Première.", published_at=timezone.now())
    CorrectionFactory(article=odd, text="Proposée.", status=Correction.Status.PROPOSED)
    RelatedArticleFactory(from_article=odd, to_article=rich_story, position=0)
    scheduled = ArticleFactory(
        title="Programmée", slug="programmee", publish_at=timezone.now() + dt.timedelta(days=1)
    )
    RelatedArticleFactory(from_article=odd, to_article=scheduled, position=1)
    # Not rendered when saved (an import, an old row): rendered when exported.
    Article.objects.filter(pk=scheduled.pk).update(body_rendered="")
    ArticleFactory(
        title="Vide", slug="vide", kicker="", standfirst="", body="", section=None, tags=[]
    )
    return rich_story


def from_instances(fmt: str, *, public_only: bool) -> str:
    """The export as the per-story functions write it from prefetched stories."""
    stories = (
        Article.objects.select_related("section", "lead_image")
        .prefetch_related(*RECORD_PREFETCH)
        .order_by("pk")
    )
    if fmt == "jsonl":
        return "".join(_json(story_record(story)) for story in stories)
    if fmt == "ninjs":
        return "".join(_json(story_document(story, public_only=public_only)) for story in stories)
    writer = CsvWriter(public_only=public_only)
    return writer.begin() + "".join(writer.story(story) for story in stories)


def from_rows(fmt: str, *, public_only: bool) -> str:
    out = io.StringIO()
    stories_export(queryset=Article.objects.all(), fmt=fmt, out=out, public_only=public_only)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "ninjs", "csv"])
@pytest.mark.parametrize("public_only", [True, False])
def test_every_format_writes_the_same_bytes_from_rows_as_from_stories(varied, fmt, public_only):
    expected = from_instances(fmt, public_only=public_only)
    assert from_rows(fmt, public_only=public_only) == expected
    assert expected.count("\n") >= Article.objects.count()  # every story is in it


def test_the_fixture_fills_every_field_the_formats_write(varied):
    records = [json.loads(line) for line in from_rows("jsonl", public_only=False).splitlines()]
    filled = {key for record in records for key, value in record.items() if value}
    assert filled == set(records[0])  # no key is empty in every story...
    assert any(not record["tags"] and not record["section"] for record in records)  # ...or full
    picture = next(record["lead_image"] for record in records if record["lead_image"])
    assert picture["renditions"]
    actors = [actor for record in records for actor in record["actors"]]
    assert {actor["kind"] for actor in actors} == set(Actor.Kind.values)
    assert any(len(actor["aliases"]) > 1 for actor in actors)


def test_every_ninjs_document_from_rows_validates(varied):
    documents = ninjs_lines(from_rows("ninjs", public_only=True))
    assert len(documents) == Article.objects.count()
    assert any("embargoedUntil" in document for document in documents)


def test_a_section_renamed_between_exports_is_read_again(varied):
    """The shared rows are cached for one export only."""
    from_rows("csv", public_only=True)
    Section.objects.filter(slug="espace").update(name="Cosmos")
    documents = ninjs_lines(from_rows("ninjs", public_only=True))
    names = [s["name"] for d in documents for s in d.get("subjects", []) if s.get("rel")]
    assert "Cosmos" in names and "Espace" not in names


@pytest.mark.parametrize("chunk_size", [2, 3])
def test_a_chunk_carries_only_its_own_stories_relations(varied, chunk_size):
    """Every other story: the chunk's id range holds stories not exported (read by range,
    then left out) or is wide enough to be read by id; either way nothing leaks in."""
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))[::2]
    out = io.StringIO()
    chosen = Article.objects.filter(pk__in=ids)
    stories_export(queryset=chosen, fmt="jsonl", out=out, chunk_size=chunk_size, public_only=False)
    expected = chosen.select_related("section", "lead_image").prefetch_related(*RECORD_PREFETCH)
    assert out.getvalue() == "".join(_json(story_record(s)) for s in expected.order_by("pk"))


@pytest.mark.parametrize(
    "value",
    [
        "é à ü 🚀 « » — 中文",
        'quotes " and \\ backslash / slash',
        "".join(chr(n) for n in range(32)) + "\x7f",
        "line\u2028para\u2029next\x85end",
        "</script><!-- &amp; -->",
    ],
)
def test_the_json_encoder_writes_what_json_dumps_writes(value):
    data = {"text": value, "list": [value, 1, None, True], "nested": {"é": value}}
    expected = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}.items():
        expected = expected.replace(char, escaped)
    assert _json(data) == expected + "\n"
    assert json.loads(_json(data)) == data

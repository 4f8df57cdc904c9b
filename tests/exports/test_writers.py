import csv
import io
import json

from django.utils import timezone

from articles.models import Article
from exports.services import stories_export
from tests.exports.conftest import BASE_URL, ninjs_lines
from tests.factories import ArticleFactory, RelatedArticleFactory


def export(fmt, queryset=None, **kwargs) -> str:
    out = io.StringIO()
    stories_export(queryset=queryset or Article.objects.published(), fmt=fmt, out=out, **kwargs)
    return out.getvalue()


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_has_one_row_per_story_with_roles_urls_and_iso_dates(rich_story):
    rows = {row["uuid"]: row for row in csv_rows(export("csv"))}
    row = rows[str(rich_story.uuid)]
    assert len(rows) == 2  # the draft is left out
    assert row["url"] == f"{BASE_URL}/articles/musk-bezos-diner/"
    assert row["headline"] == 'Elon Musk et Jeff Bezos, "rivaux", à la même table'
    assert row["section"] == "espace"
    assert row["status"] == "published"
    assert row["authors"] == "Hélène Garnier"
    assert row["tags"] == "espace; milliardaires"
    assert row["actors"] == (
        "Elon Musk (about); NASA (mentions); Floride (mentions); Dîner de Mar-a-Lago (about)"
    )
    # Readers can follow the published related story, not the draft.
    assert row["related"] == f"{BASE_URL}/articles/spacex-blue-origin/"
    published = timezone.datetime.fromisoformat(row["publish_at"])
    assert published == rich_story.publish_at
    assert row["publish_at"].endswith("Z")


def test_csv_quotes_commas_quotes_and_line_breaks_and_writes_crlf(db):
    ArticleFactory(title='Un "titre", avec virgule', standfirst="Deux\nlignes")
    text = export("csv")
    assert "\r\n" in text
    [row] = csv_rows(text)
    assert row["headline"] == 'Un "titre", avec virgule'
    assert row["standfirst"] == "Deux\nlignes"


def test_csv_bom_only_when_asked(db):
    ArticleFactory(title="Été à Noël")
    assert export("csv", bom=True).startswith("\ufeffuuid,url,")
    assert export("csv").startswith("uuid,url,")
    assert export("csv", bom=True).encode("utf-8")[:3] == b"\xef\xbb\xbf"


def test_csv_defuses_spreadsheet_formulas_but_not_numbers(db):
    ArticleFactory(title='=HYPERLINK("http://evil")', standfirst="-20 % pour Tesla")
    [row] = csv_rows(export("csv"))
    assert row["headline"] == '\'=HYPERLINK("http://evil")'
    assert row["standfirst"] == "'-20 % pour Tesla"  # text after a sign is text


def test_jsonl_is_the_full_record(rich_story):
    records = {r["uuid"]: r for r in map(json.loads, export("jsonl").splitlines())}
    record = records[str(rich_story.uuid)]
    assert record["body"] == rich_story.body
    # Sanitised HTML: the raw <script> is text, never markup.
    assert "<script>" not in record["body_html"]
    assert "<h2>Vingt ans de rivalité</h2>" in record["body_html"]
    assert record["section"] == {"slug": "espace", "name": "Espace"}
    assert record["contributors"] == [
        {
            "name": "Hélène Garnier",
            "slug": "helene-garnier",
            "role": "reporter",
            "url": f"{BASE_URL}/contributors/helene-garnier/",
        }
    ]
    musk = record["actors"][0]
    assert musk == {
        "slug": "elon-musk",
        "name": "Elon Musk",
        "kind": "person",
        "wikidata_id": "Q317521",
        "role": "about",
        "position": 0,
        "sort_name": "",
        "description": "",
        "website": "",
        "aliases": ["Musk"],
    }
    # Links to unpublished stories stay in the full record, so imports restore them.
    assert len(record["related"]) == 2
    assert record["corrections"][0]["text"] == "Le dîner a eu lieu mercredi, pas jeudi."
    [relationship] = record["relationships"]
    assert relationship["kind"]["slug"] == "rival-of"
    assert relationship["source"]["slug"] == "elon-musk"
    assert relationship["target"]["wikidata_id"] == "Q312556"
    assert relationship["started_on"] == "2004-01-01"
    assert (relationship["amount"], relationship["currency"]) == ("2900000000.00", "USD")
    assert relationship["status"] == "reported"


def test_jsonl_keeps_accents_and_emoji_as_utf8(db):
    ArticleFactory(title="Éric 🚀 שלום")
    line = export("jsonl")
    assert "Éric 🚀 שלום" in line
    assert line.endswith("\n") and line.count("\n") == 1


def test_ninjs_documents_are_valid_and_carry_people_organisations_places(rich_story):
    documents = {d["uri"]: d for d in ninjs_lines(export("ninjs"))}
    doc = documents[f"urn:uuid:{rich_story.uuid}"]
    assert doc["type"] == "text"
    assert doc["pubStatus"] == "usable"
    assert doc["language"] == "fr"
    assert doc["headlines"][0] == {"role": "main", "value": rich_story.title}
    assert doc["descriptions"][0]["value"] == rich_story.standfirst
    bodies = {body["contentType"]: body for body in doc["bodies"]}
    assert "<h2>" in bodies["text/html"]["value"]
    # What a reader sees, markup gone; the typed "<script>" was text all along.
    assert bodies["text/plain"]["value"] == (
        "Premier paragraphe, avec emphase.\n\nVingt ans de rivalité\n\n"
        "<script>alert(1)</script> Second paragraphe."
    )
    assert bodies["text/markdown"]["value"] == rich_story.body
    assert doc["by"] == "Hélène Garnier"
    assert {"name": "espace"} in doc["subjects"]
    assert doc["people"] == [
        {
            "name": "Elon Musk",
            "rel": "about",
            "uri": "https://www.wikidata.org/entity/Q317521",
            "literal": "elon-musk",
        }
    ]
    assert doc["organisations"][0]["uri"] == "https://www.wikidata.org/entity/Q23548"
    assert doc["places"] == [{"name": "Floride", "rel": "mentions", "literal": "floride"}]
    assert doc["events"][0]["literal"] == "diner"
    # The draft is not offered to partners.
    assert [a["name"] for a in doc["associations"]] == ["SpaceX contre Blue Origin"]
    assert doc["associations"][0]["uri"].startswith("urn:uuid:")
    assert doc["altIds"][0] == {"role": "url", "value": f"{BASE_URL}/articles/musk-bezos-diner/"}


def test_ninjs_withholds_drafts_and_embargoes_scheduled_stories(db):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    scheduled = ArticleFactory(publish_at=timezone.now() + timezone.timedelta(days=3))
    RelatedArticleFactory(from_article=draft, to_article=scheduled)
    docs = {
        d["uri"]: d for d in ninjs_lines(export("ninjs", Article.objects.all(), public_only=False))
    }
    assert docs[f"urn:uuid:{draft.uuid}"]["pubStatus"] == "withheld"
    assert "embargoedUntil" not in docs[f"urn:uuid:{draft.uuid}"]
    assert docs[f"urn:uuid:{draft.uuid}"]["associations"][0]["uri"].endswith(str(scheduled.uuid))
    assert docs[f"urn:uuid:{scheduled.uuid}"]["pubStatus"] == "withheld"
    assert docs[f"urn:uuid:{scheduled.uuid}"]["embargoedUntil"].endswith("Z")


def test_ninjs_of_a_bare_story_is_valid(db):
    ArticleFactory(kicker="", standfirst="", body="", section=None)
    [doc] = ninjs_lines(export("ninjs"))
    assert "descriptions" not in doc and "people" not in doc and "subjects" not in doc

"""One writer per format: what it prefetches, its header, and the text of one story.

Writers return text; the export service decides where it goes (a file, stdout, a streamed
HTTP response), so every channel writes the same bytes.
"""

import csv
import re

import orjson

from articles.models import Article
from exports import bulk
from exports.ninjs import story_document
from exports.records import (
    LEAD_IMAGE_RENDITIONS,
    RECORD_LOADERS,
    absolute_media_url,
    absolute_url,
    actor_tags,
    byline,
    iso,
    related_links,
    story_record,
    tag_names,
)

# JSON allows these raw in strings, but many line readers (str.splitlines among them) end a
# line there: escaped, a record stays on its one line for every reader.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json(data: dict) -> str:
    # The bytes of json.dumps(ensure_ascii=False, separators=(",", ":")), ten times faster.
    text = orjson.dumps(data).decode()
    for char, escaped in _LINE_BREAKS.items():
        if char in text:  # rare; str.translate would look up every character in a dict
            text = text.replace(char, escaped)
    return text + "\n"


class StoryWriter:
    extension = ""
    content_type = ""
    # What a chunk of story rows needs (exports.rows), and of stories (stories_in_chunks).
    loaders: tuple = ()
    prefetch: tuple = ()

    def __init__(self, *, public_only: bool = True, bom: bool = False):
        self.public_only = public_only
        self.bom = bom

    def begin(self) -> str:
        return ""

    def story(self, article: Article) -> str:
        raise NotImplementedError


class JsonLinesWriter(StoryWriter):
    """The full record, one JSON object per line."""

    extension = "jsonl"
    content_type = "application/x-ndjson; charset=utf-8"
    loaders = tuple(load for load in RECORD_LOADERS if callable(load))
    prefetch = RECORD_LOADERS

    def story(self, article: Article) -> str:
        return _json(story_record(article))


class NinjsWriter(StoryWriter):
    """One IPTC ninjs 3.1 document per line."""

    extension = "ninjs.jsonl"
    content_type = "application/x-ndjson; charset=utf-8"
    loaders = (
        bulk.load_bylines,
        bulk.load_tags,
        bulk.load_actor_tags,
        bulk.load_related,
        bulk.load_corrections,
    )
    prefetch = (*loaders, LEAD_IMAGE_RENDITIONS)

    def story(self, article: Article) -> str:
        return _json(story_document(article, public_only=self.public_only))


class _Line:
    """csv.writer wants a file; this one hands each formatted row back."""

    def write(self, value: str) -> str:
        return value


# A cell a spreadsheet could run as a formula (=, +, -, @, tab or carriage return first) is
# prefixed with an apostrophe (OWASP, CSV injection): "-2+3+cmd|' /C calc'!A0" starts with a
# number too. Only a cell that is a number and nothing else ("-20 %", "+33 1 23") stays as is.
_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]\d[\d ,.\u00a0\u202f]*%?")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    if _FORMULA.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class CsvWriter(StoryWriter):
    """One row per story, for spreadsheets and data journalism."""

    extension = "csv"
    content_type = "text/csv; charset=utf-8"
    loaders = (bulk.load_bylines, bulk.load_tags, bulk.load_actor_tags, bulk.load_related)
    prefetch = loaders
    columns = (
        "uuid",
        "url",
        "headline",
        "kicker",
        "standfirst",
        "section",
        "language",
        "status",
        "publish_at",
        "first_published_at",
        "created_at",
        "updated_at",
        "authors",
        "tags",
        "actors",
        "related",
        "lead_image",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._csv = csv.writer(_Line())

    def begin(self) -> str:
        # The byte-order mark tells spreadsheet programs the file is UTF-8 (accents intact).
        return ("\ufeff" if self.bom else "") + self._csv.writerow(self.columns)

    def story(self, article: Article) -> str:
        related = [
            absolute_url(link.to_article)
            for link in related_links(article)
            if link.to_article.is_public or not self.public_only
        ]
        row = (
            str(article.uuid),
            absolute_url(article),
            article.title,
            article.kicker,
            article.standfirst,
            article.section.slug if article.section else "",
            article.language,
            article.status,
            iso(article.publish_at),
            iso(article.first_published_at),
            iso(article.created_at),
            iso(article.updated_at),
            byline(article, "; "),
            "; ".join(tag_names(article)),
            "; ".join(f"{tag.actor.name} ({tag.role})" for tag in actor_tags(article)),
            "; ".join(related),
            absolute_media_url(article.lead_image.file.url) if article.lead_image else "",
        )
        return self._csv.writerow([_cell(value) for value in row])


WRITERS: dict[str, type[StoryWriter]] = {
    "csv": CsvWriter,
    "jsonl": JsonLinesWriter,
    "ninjs": NinjsWriter,
}
FORMAT_CHOICES = [("csv", "CSV"), ("jsonl", "JSON Lines"), ("ninjs", "IPTC ninjs 3.1")]

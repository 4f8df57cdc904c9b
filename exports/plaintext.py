"""Plain-text and Markdown files into draft stories, and the actors they name
(actors.suggestions finds them).

The headline is the first line unless the file opens with front matter (``---``, ``key:
value`` lines, ``---``). Paragraphs are kept; a short line without closing punctuation
between two paragraphs is a subheading, as in a typed manuscript, and becomes ``## ``.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from actors.suggestions import Suggestions, article_text, suggest_for_text
from articles.models import Article, ArticleActor, Section
from articles.services import article_create, article_tag_actor
from common.services import require, revision

SUBHEADING_MAX = 80
_CLOSING = tuple(".!?…:;,»\"”’')]")
# Lines that are Markdown already (headings, lists, quotes, tables, code) or an attribution.
_MARKUP = re.compile(r"^(#|[-*+>|]|\d+[.)]\s|```|!\[|\[|—|–)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)


@dataclass
class PlainStory:
    title: str
    body: str
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def tags(self) -> list[str]:
        raw = self.meta.get("tags", "").strip().strip("[]")
        return [tag.strip().strip("\"'") for tag in raw.split(",") if tag.strip().strip("\"'")]


def _is_subheading(block: str) -> bool:
    line = block.strip()
    return (
        "\n" not in line
        and 0 < len(line) <= SUBHEADING_MAX
        and not line.endswith(_CLOSING)
        and not _MARKUP.match(line)
        and any(ch.isalpha() for ch in line)
    )


def parse_plain_text(text: str) -> PlainStory:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    meta = {}
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        text = text[match.end() :]
    text = text.strip("\n")
    title = meta.get("title", "")
    if not title:
        first, _, text = text.strip().partition("\n")
        title = first.lstrip("#").strip()
    blocks = [block.strip("\n") for block in re.split(r"\n[ \t]*\n", text.strip()) if block.strip()]
    last = len(blocks) - 1
    body = "\n\n".join(
        f"## {block.strip()}" if 0 < index < last and _is_subheading(block) else block
        for index, block in enumerate(blocks)
    )
    return PlainStory(title=title, body=body, meta=meta)


@transaction.atomic
def article_import_text(
    *,
    text: str,
    language: str | None = None,
    section: Section | None = None,
    tag_suggested: bool = False,
    source: str = "",
    by=None,
) -> tuple[Article, Suggestions]:
    """A draft from a plain-text or Markdown manuscript, and the actors it names.

    ``source`` names the file in the story's history. Nothing is written when the story is
    refused (ValidationError) or ``by`` may not write it (PermissionDenied).
    """
    require(by, "articles.add_article")
    if tag_suggested:
        require(by, "articles.add_articleactor")
    story = parse_plain_text(text)
    if not story.title:
        raise ValidationError(
            _("The file has no headline: its first line is empty."), code="no_headline"
        )
    if section is None and story.meta.get("section"):
        section = Section.objects.filter(Q(slug=story.meta["section"])).first()
        if section is None:
            raise ValidationError(
                _('Unknown section in the front matter: "%(value)s".')
                % {"value": story.meta["section"]},
                code="unknown_section",
            )
    with revision(by=by, comment=_("Imported from %(file)s") % {"file": source or "-"}):
        article = article_create(
            title=story.title,
            slug=story.meta.get("slug", ""),  # none: the service finds a free one
            kicker=story.meta.get("kicker", ""),
            standfirst=story.meta.get("standfirst") or story.meta.get("summary", ""),
            body=story.body,
            language=language or story.meta.get("language") or Article.Language.FRENCH,
            section=section,
            tags=story.tags,
            by=by,
        )
        suggestions = suggest_for_text(
            article_text(title=article.title, standfirst=article.standfirst, body=article.body)
        )
        if tag_suggested:
            for suggestion in suggestions.actors:
                article_tag_actor(
                    article=article,
                    actor=suggestion.actor,
                    role=ArticleActor.Role.MENTIONS,
                    by=by,
                )
    return article, suggestions

"""Markdown to safe HTML: markdown-it renders, nh3 keeps only an allow-list.

Library pictures appear in a body as ``[[picture:42]]`` on a line of their own (42 is the
picture's number in the library): the reference survives renames of the file, the caption
or the story, and is replaced here by the picture's ``<figure>`` when the body is rendered.
"""

import re

import nh3
from markdown_it import MarkdownIt

from pictures import html as picture_html
from pictures.models import Picture

# Raw HTML in the body is treated as text; nh3 is the second line of defence.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table").enable("strikethrough")

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
# Only for the figures this module writes in place of picture references: a Markdown image
# (![…](http://…)) is still dropped by the first pass, so a body cannot hotlink or track.
FIGURE_TAGS = {"figure", "figcaption", "img", "small"}
FIGURE_ATTRIBUTES = {
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding"}
}

PICTURE_REFERENCE = re.compile(r"\[\[picture:(\d{1,18})\]\]")
# As markdown-it renders a reference alone in its paragraph.
_REFERENCE_PARAGRAPH = re.compile(r"<p>\[\[picture:(\d{1,18})\]\]</p>")


def picture_ids(text: str) -> list[int]:
    """The library pictures a Markdown body refers to, in order of appearance."""
    return list(dict.fromkeys(int(pk) for pk in PICTURE_REFERENCE.findall(text or "")))


def render_markdown(text: str) -> str:
    html = _clean(_markdown.render(text or ""), ALLOWED_TAGS, ALLOWED_ATTRIBUTES)
    ids = [int(pk) for pk in _REFERENCE_PARAGRAPH.findall(html)]
    if not ids:
        return html
    pictures = Picture.objects.with_renditions().in_bulk(ids)

    def figure(match: re.Match) -> str:
        picture = pictures.get(int(match.group(1)))
        # A picture missing from the library leaves nothing behind (the admin warns).
        return picture_html.figure(picture) if picture is not None else ""

    html = _REFERENCE_PARAGRAPH.sub(figure, html)
    return _clean(html, ALLOWED_TAGS | FIGURE_TAGS, ALLOWED_ATTRIBUTES | FIGURE_ATTRIBUTES)


def _clean(html: str, tags: set[str], attributes: dict[str, set[str]]) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )

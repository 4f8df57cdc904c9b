"""What a rendered page must never contain, whatever was typed into the newsroom."""

import json
import re
from html.parser import HTMLParser

from taggit.models import Tag

# Attributes whose value a browser follows or runs.
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
_FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
# What browsers drop before reading a scheme: ASCII whitespace and control characters.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_ld: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("type") == "application/ld+json":
                self._script = ""
            else:
                self.problems.append(f"<script {attributes}>")
        if tag in _FORBIDDEN_ELEMENTS or tag == "style":
            self.problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta http-equiv={attributes['http-equiv']!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f"<{tag} style=...>")
            if name in _URL_ATTRIBUTES and value:
                scheme = _IGNORED_IN_SCHEME.sub("", value).lower()
                if scheme.startswith(_BAD_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append(self._script)
            self._script = None


def html_problems(html: str) -> list[str]:
    """Script, event handlers, inline styles, dangerous URLs or embedded frames in a page;
    broken JSON-LD. Also what the Content-Security-Policy would block on a public page."""
    audit = _Audit()
    audit.feed(html)
    audit.close()
    problems = audit.problems
    for block in audit.json_ld:
        try:
            json.loads(block)
        except ValueError as error:
            problems.append(f"JSON-LD no longer parses: {error}")
    return problems


def topic_ok(text: str) -> bool:
    """Whether a story may carry ``text`` as a topic: it fits the tag table and has a slug."""
    return len(text) <= 100 and bool(Tag().slugify(text))

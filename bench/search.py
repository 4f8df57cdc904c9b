"""Reader search (/search/?q=…) by kind of query, at scale.

    python -m bench.search measure N                 # the child: prints JSON
    python -m bench.search --scale default|large     # on its own: migrate, measure, a table

Server time of the search page, in process (django.test.Client), warm, for an anonymous
reader, with the page cache off (each request searches): a common word (the most used topic),
a rare word (the invented name of an organisation with few stories), two words, a quoted
phrase, a word nothing uses, a name (the most tagged actor's), the alias most actors share (a
surname) and the second page of the common word. The baseline, in the same run, is /healthz.
Target: p95 under 50 ms at 1,000,000 stories (issue 20).
"""

import re
import sys
from urllib.parse import urlencode

from bench.config import child
from bench.corpus import rows_main
from bench.report import Row, latency_rows

SEARCH_MAX_MS = 50
# The page's "1,000 stories found" or "More than 1,000 stories found" (the client asks for
# English).
FOUND = re.compile(r"((?:More than )?[\d][\d,\u00a0\u202f ]*)\s+stor(?:y|ies) found")
# Words of the synthetic corpus's own vocabulary (bench/synthetic/data/fr.json): two objects
# of its sentences, and one as a phrase.
TWO_WORDS = "réforme budget"
PHRASE = '"la fermeture du site"'
NOWHERE = "xylophonique"


def search_rows(scale, rows: list) -> dict | None:
    """Measure in a child process and add its rows to ``rows`` (bench.run's table)."""
    try:
        result = child(
            scale, "bench.search", "measure", str(scale.requests), NEWSROOM_PAGE_CACHE="0"
        )
    except Exception as error:  # reported in the table; the other measurements go on
        rows.append(Row(name="search", status="error", note=str(error)[:120]))
        return None
    latency_rows(result, rows, prefix="search: ", max_ms=SEARCH_MAX_MS, large=scale.name == "large")
    return result


def _url(query: str, **params) -> str:
    return f"/search/?{urlencode({'q': query, **params})}"


def _targets() -> list[tuple[str, str | None, str]]:
    """(row name, URL or None when the corpus has nothing to ask, what was asked)."""
    from urllib.parse import parse_qs, urlsplit

    from bench.story_list import _targets as desk_targets

    # The desk's bench picks the same kinds of words (bench.story_list): ask the same ones.
    desk = {name: (url, note) for name, url, note in desk_targets()}

    def word(name: str) -> str | None:
        url = desk.get(name, (None, ""))[0]
        return parse_qs(urlsplit(url).query)["q"][0] if url else None

    common, rare, name, surname = (
        word(row) for row in ("common word", "rare word", "a name", "a surname many share")
    )
    shared = desk.get("a surname many share", (None, ""))[1].partition(", ")[2]

    def when(query, **params):
        return _url(query, **params) if query else None

    return [
        ("healthz (baseline)", "/healthz", ""),
        ("common word", when(common), f"«{common}»"),
        ("rare word", when(rare), f"«{rare}»"),
        ("two words", _url(TWO_WORDS), f"«{TWO_WORDS}»"),
        ("a phrase", _url(PHRASE), f"«{PHRASE}»"),
        ("no match", _url(NOWHERE), f"«{NOWHERE}»"),
        ("a name", when(name), f"«{name}», the most tagged actor"),
        ("a surname many share", when(surname), f"«{surname}», {shared}"),
        ("common word, page 2", when(common, page=2), f"«{common}»"),
    ]


def measure(requests: int) -> dict:
    from django.test import Client

    from bench.pages import measure_targets

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    return measure_targets(
        client,
        _targets(),
        requests,
        lambda html: f"{found[1] if (found := FOUND.search(html)) else '0'} found",
    )


def main(argv: list[str]) -> None:
    rows_main(argv, "bench.search", search_rows, measure)


if __name__ == "__main__":
    main(sys.argv)

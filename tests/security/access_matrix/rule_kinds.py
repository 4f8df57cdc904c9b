"""The kinds of rule the access matrix is written with (rules.py): who gets what, per state."""

from dataclasses import dataclass

from django.urls import reverse

from tests.security.access_matrix.world import FORBIDDEN, LOGIN, NOT_FOUND, OK, WORDS


@dataclass
class Rule:
    """How to build a URL for (world, state), and what each role gets for each state."""

    url: object  # (world, state) → path
    expect: object  # (role, state) → OK / FORBIDDEN / ... / LOGIN / REDIRECT
    by_state: bool = False  # one case per story state, or one for ANY
    surface: str = ""  # "public": no secret leaks; "listing": and the public story is in it
    shows_drafts: object = None  # (role) → True when this role may see unpublished stories
    lists_drafts: object = None  # (role) → True when the answer must show the state's story


def everyone(answer):
    return lambda role, state: answer


def staff(answer, *, anonymous=LOGIN):
    return lambda role, state: anonymous if role == "anonymous" else answer


def public_story(word_url):
    """A public story URL: 200 for the published story, 404 for the others, for everybody."""
    return Rule(
        url=word_url,
        expect=lambda role, state: OK if state == "published" else NOT_FOUND,
        by_state=True,
        surface="public",
    )


def listing(url):
    return Rule(url=url, expect=everyone(OK), by_state=True, surface="listing")


def tag_page(name):
    return Rule(
        url=lambda w, s: reverse(name, kwargs={"slug": f"sujet-{WORDS[s]}"}),
        expect=lambda role, state: OK if state == "published" else NOT_FOUND,
        by_state=True,
        surface="listing",
    )


def exports_url(query):
    def url(w, s):
        return reverse("exports:stories") + query(w, s)

    return url


def export_expect():
    def expect(role, state):
        if role == "anonymous":
            return LOGIN
        if role in ("export_staff", "superuser"):
            return OK
        return FORBIDDEN

    return expect


EXPORTERS = {"export_staff", "superuser"}
PAIR = ["elon-musk", "jeff-bezos"]

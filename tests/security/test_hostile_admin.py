"""The hostile-input corpus typed into the admin by an editor: a story's headline, kicker,
standfirst, Markdown body and topics, an actor's name, description and alias.

Each case is saved exactly as typed (Django trims the ends of each text box, and line endings
are stored as ``\n`` whatever the browser sends) or refused
with a message on the field concerned; never a server error; and the public page that
shows it carries no script, event handler, dangerous link or frame.
"""

import pytest
from taggit.models import Tag
from taggit.utils import parse_tags

from actors.models import Actor
from articles.models import Article
from common.text import fold, normalise_newlines
from tests.admin_forms import error_fields, form_values
from tests.security.hostile import CASES, Case
from tests.security.hostile_checks import html_problems, topic_ok

pytestmark = pytest.mark.django_db

# A browser cannot send half a surrogate pair: what it sends in its place is a replacement.
TYPABLE = [case for case in CASES if case.storable or "\x00" in case.text]


def typed(text: str) -> str:
    return text.strip()


def kept(text: str) -> str:
    """What is stored of ``text`` typed in a text box."""
    return normalise_newlines(typed(text))


def public_problems(client, url: str) -> list[str]:
    response = client.get(url)
    if response.status_code != 200:
        return [f"{url} answered {response.status_code}"]
    return html_problems(response.content.decode())


def refused_as_expected(response, expected: set[str]) -> list[str] | None:
    """What is wrong with a refusal (or a save that should have been one); None when the
    form saved, as it should have, and the stored values are still to be checked."""
    if response.status_code == 200:
        errors = error_fields(response)
        if not errors or not errors <= expected:
            return [f"refused {sorted(errors)}, expected {sorted(expected)}"]
        return []
    if response.status_code != 302:
        return [f"answered {response.status_code}"]
    if expected:
        return [f"saved, but {sorted(expected)} should have been refused"]
    return None


def written_differently(topics: list[str]) -> bool:
    """A topic typed as another one written differently (case and accents aside, a stored
    topic or one earlier in the box) is refused: the editor picks the existing one."""
    known = [*Tag.objects.values_list("name", flat=True)]
    for topic in topics:
        if any(fold(t) == fold(topic) and t.casefold() != topic.casefold() for t in known):
            return True
        known.append(topic)
    return False


def expected_story_errors(case: Case) -> set[str]:
    text = typed(case.text)
    if "\x00" in text:
        return {"title", "kicker", "standfirst", "body", "tags"}
    errors = {name for name, limit in (("title", 250), ("kicker", 120)) if len(text) > limit}
    try:
        topics = parse_tags(text)
    except ValueError:
        return errors | {"tags"}
    if not all(topic_ok(topic) for topic in topics) or written_differently(topics):
        errors.add("tags")
    return errors


def story_case(client, blank: dict, case: Case) -> list[str]:
    text = typed(case.text)
    slug = f"cas-{case.id}"
    values = {
        "title": text,
        "slug": slug,
        "kicker": text,
        "standfirst": text,
        "body": text,
        "tags": case.text,
        "new_topics": case.text,
        "status": "published",
        "language": "fr",
    }
    expected = expected_story_errors(case)  # before the save adds its topics
    response = client.post("/admin/articles/article/add/", {**blank, **values})
    if (problems := refused_as_expected(response, expected)) is not None:
        return problems
    story = Article.objects.get(slug=slug)
    if [story.title, story.kicker, story.standfirst, story.body] != [kept(text)] * 4:
        return ["not stored as typed"]
    return public_problems(client, story.get_absolute_url())


def actor_case(client, blank: dict, case: Case) -> list[str]:
    text = typed(case.text)
    alias = f"{text} (alias)"
    values = {
        "name": text,
        "slug": f"acteur-{case.id}",
        "kind": "person",
        "description": text,
        "aliases-0-name": alias,
    }
    response = client.post("/admin/actors/actor/add/", {**blank, **values})
    expected = set()
    if "\x00" in text:
        expected = {"name", "description", "aliases-0-name"}
    expected |= {"name"} if len(text) > 200 else set()
    expected |= {"description"} if len(text) > 500 else set()
    expected |= {"aliases-0-name"} if len(alias) > 200 else set()
    if (problems := refused_as_expected(response, expected)) is not None:
        return problems
    actor = Actor.objects.get(slug=f"acteur-{case.id}")
    if (actor.name, actor.description) != (kept(text), kept(text)):
        return ["not stored as typed"]
    if [a.name for a in actor.aliases.all()] != [kept(alias)]:
        return ["alias not stored as typed"]
    return public_problems(client, actor.get_absolute_url())


@pytest.mark.parametrize(
    ("url", "form_id", "try_case"),
    [
        ("/admin/articles/article/add/", "article_form", story_case),
        ("/admin/actors/actor/add/", "actor_form", actor_case),
    ],
    ids=["story", "actor"],
)
def test_editor_form_saves_each_payload_as_typed_or_names_the_field(
    client, editor, url, form_id, try_case
):
    client.force_login(editor)
    blank = form_values(client.get(url), form_id)
    failures = {case.id: p for case in TYPABLE if (p := try_case(client, blank, case))}
    assert failures == {}

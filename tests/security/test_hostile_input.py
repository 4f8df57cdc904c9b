"""The hostile-input corpus (tests/security/hostile.py) through every way text gets in:
story and actor services, search, the staff export page and command, and both imports.

For each case: no crash; text that is accepted is stored exactly as given (with ``\n`` line
endings, as every text is stored); text that is
refused is refused with a message naming the field; and every public page that shows it is
free of script, event handlers, dangerous links and frames. The admin forms are in
test_hostile_admin.py, a real browser in tests/browser/test_hostile_browser.py.
"""

import datetime as dt
import io
import json
import uuid
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation
from lxml import etree

from actors.models import RelationshipKind
from actors.services import actor_create, relationship_record
from articles.models import Article
from articles.services import article_create, article_publish, article_tag_actor
from common.text import fold, normalise_newlines
from tests.factories import ActorFactory, ArticleFactory, SectionFactory
from tests.security.hostile import CASES, Case
from tests.security.hostile_checks import html_problems, topic_ok

pytestmark = pytest.mark.django_db

STORY_TEXT_FIELDS = {"title", "kicker", "standfirst", "body"}
LIMITS = {"title": 250, "kicker": 120}


def topics(story) -> list[str]:
    # Topics are case-insensitive (TAGGIT_CASE_INSENSITIVE): "Espace" reuses "espace".
    return [tag.name.casefold() for tag in story.tags.all()]


def refused_fields(error: ValidationError) -> set[str]:
    return set(error.message_dict) if hasattr(error, "error_dict") else {"?"}


def page_problems(client, url: str) -> list[str]:
    response = client.get(url)
    if response.status_code != 200:
        return [f"{url} answered {response.status_code}"]
    return [f"{url}: {problem}" for problem in html_problems(response.content.decode())]


def xml_problems(client, url: str) -> list[str]:
    response = client.get(url)
    if response.status_code != 200:
        return [f"{url} answered {response.status_code}"]
    try:
        etree.fromstring(response.content)
    except etree.XMLSyntaxError as error:
        return [f"{url} is not well-formed XML: {error}"]
    return []


def expected_story_refusals(case: Case) -> set[str]:
    if not case.storable:
        return STORY_TEXT_FIELDS
    refused = {name for name, limit in LIMITS.items() if len(case.text) > limit}
    if not topic_ok(case.text):
        refused.add("tags")
    return refused


def story_case(client, case: Case) -> list[str]:
    text, slug = case.text, f"cas-{case.id}"
    kept = normalise_newlines(text)
    expected = expected_story_refusals(case)
    try:
        story = article_create(
            slug=slug, title=text, kicker=text, standfirst=text, body=text, tags=[text]
        )
    except ValidationError as error:
        refused = refused_fields(error)
        if not expected or not refused <= expected:
            return [f"refused {sorted(refused)}, expected {sorted(expected)}: {error}"]
        if not case.storable:
            return []
        # The title or a topic was refused: the unlimited fields still get the payload.
        story = article_create(slug=slug, title=f"Cas {case.id}", standfirst=text, body=text)
    else:
        if expected:
            return [f"accepted, but {sorted(expected)} should have been refused"]
        if [story.title, story.kicker, story.standfirst, story.body] != [kept] * 4:
            return ["not stored as given"]
        if topics(story) != [text.casefold()]:
            return [f"topic stored as {topics(story)!r}"]
    stored = Article.objects.get(pk=story.pk)
    if (stored.standfirst, stored.body) != (kept, kept):
        return ["not stored as given"]
    article_publish(article=stored, by=None)
    problems = page_problems(client, stored.get_absolute_url())
    for tag in stored.tags.all():
        problems += page_problems(client, f"/tags/{quote(tag.slug)}/")
        problems += xml_problems(client, f"/tags/{quote(tag.slug)}/rss/")
    problems += xml_problems(client, "/feeds/rss/")
    problems += xml_problems(client, "/feeds/atom/")
    return problems


def test_story_services_keep_each_payload_exactly_or_refuse_it_by_field(client):
    SectionFactory(slug="monde")
    failures = {case.id: problems for case in CASES if (problems := story_case(client, case))}
    assert failures == {}
    # Every accepted story at once, on the listings and the machine-readable surfaces.
    problems = page_problems(client, "/") + page_problems(client, "/?page=2")
    for url in ("/sitemap.xml", "/news-sitemap.xml"):
        problems += xml_problems(client, url)
    assert problems == []


def actor_case(client, case: Case, story: Article, rival: RelationshipKind) -> list[str]:
    text = case.text
    alias = f"{text} (alias)"
    kept = normalise_newlines(text)
    try:
        actor = actor_create(name=text, kind="person", description=text, aliases=[alias])
    except ValidationError as error:
        refused = refused_fields(error)
        too_long = len(text) > 200 or len(alias) > 200
        if case.storable and not too_long:
            return [f"refused {sorted(refused)}: {error}"]
        if not refused <= {"name", "description"}:
            return [f"refused {sorted(refused)}, expected name or description"]
        return []
    if (actor.name, actor.description) != (kept, kept):
        return ["not stored as given"]
    if [a.name for a in actor.aliases.all()] != [f"{kept} (alias)"]:
        return ["alias not stored as given"]
    other = ActorFactory(name=f"Autre {case.id}", slug=f"autre-{case.id}")
    relationship_record(source=actor, kind=rival, target=other, note=text[:500], evidence=[story])
    article_tag_actor(article=story, actor=actor)
    problems = page_problems(client, actor.get_absolute_url())
    problems += page_problems(client, other.get_absolute_url())
    problems += xml_problems(client, f"{actor.get_absolute_url()}rss/")
    return problems


def test_actor_services_keep_names_aliases_and_descriptions_or_refuse_them(client):
    story = ArticleFactory(title="Une histoire", slug="une-histoire")
    rival = RelationshipKind.objects.get(slug="rival-of")
    failures = {}
    for case in CASES:
        if problems := actor_case(client, case, story, rival):
            failures[case.id] = problems
    assert failures == {}
    # The story now tags every accepted actor: its page lists them all, and so does its JSON-LD.
    assert page_problems(client, story.get_absolute_url()) == []


def test_search_answers_every_payload_without_error_or_markup(client):
    storable = [case.text for case in CASES if case.storable and case.family != "oversized"]
    for number in range(0, len(storable), 20):
        ArticleFactory(
            title=f"Recueil {number}",
            slug=f"recueil-{number}",
            standfirst=" ".join(storable[number : number + 5]),
            body="\n\n".join(storable[number : number + 20]),
        )
    failures = {}
    for case in CASES:
        # As a browser sends it: UTF-8, percent-encoded; a lone surrogate as its broken bytes.
        query = quote(case.text.encode("utf-8", "surrogatepass"))
        if "\x00" in case.text:  # refused before any view (newsroom.middleware), by name
            refused = client.get(f"/search/?q={query}")
            if refused.status_code != 400 or b"NUL" not in refused.content:
                failures[case.id] = [f"NUL answered {refused.status_code}"]
        elif problems := page_problems(client, f"/search/?q={query}"):
            failures[case.id] = problems
    assert failures == {}


def test_export_page_names_each_bad_filter_value_and_never_fails(client, export_staff):
    client.force_login(export_staff)
    SectionFactory(slug="monde")
    ArticleFactory(tags=["espace"])
    failures = {}
    for case in CASES:
        value = quote(case.text.encode("utf-8", "surrogatepass"))
        query = "&".join(
            f"{name}={value}"
            for name in ("tag", "actor", "section", "language", "status", "since", "until")
        )
        response = client.get(f"/staff/exports/?format=jsonl&{query}")
        if response.status_code != 400:
            failures[case.id] = [f"answered {response.status_code}"]
            continue
        if "\x00" in case.text:  # refused before any view, by name (newsroom.middleware)
            if b"NUL" not in response.content:
                failures[case.id] = ["NUL refused without saying so"]
            continue
        html = response.content.decode()
        problems = [p for p in html_problems(html) if not p.startswith("<script {'src'")]
        if 'class="errorlist' not in html:
            problems.append("no error shown")
        if problems:
            failures[case.id] = problems
    assert failures == {}


def test_export_command_refuses_each_bad_filter_value_with_a_message():
    ArticleFactory(tags=["espace"])
    failures = {}
    for case in CASES:
        for option in ("--tag", "--actor", "--section", "--language", "--since"):
            try:
                call_command(
                    "export_stories", "--format", "jsonl", option, case.text, stdout=io.StringIO()
                )
            except CommandError as error:
                if not str(error).startswith(option):
                    failures[f"{case.id} {option}"] = str(error)[:80]
            except Exception as error:  # noqa: BLE001 - any other exception is the failure
                failures[f"{case.id} {option}"] = repr(error)[:120]
            else:
                failures[f"{case.id} {option}"] = "exported with a value that matches nothing"
    assert failures == {}


def import_record(case: Case) -> dict:
    text = case.text
    return {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, case.id)),
        "slug": f"import-{case.id}",
        "title": text,
        "kicker": text,
        "standfirst": text,
        "body": text,
        "language": "fr",
        "status": "published",
        "publish_at": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(),
        "tags": [text],
        "actors": [
            {
                "slug": f"acteur-{case.id}",
                "name": text,
                "kind": "person",
                "description": text,
                "aliases": [f"{text} (alias)"],
                "role": "about",
            }
        ],
        "corrections": [{"text": text}],
    }


def import_case(client, case: Case, tmp_path) -> list[str]:
    path = tmp_path / f"{case.id}.jsonl"
    line = json.dumps(import_record(case), ensure_ascii=True)  # \u escapes carry NUL, surrogates
    path.write_text(line + "\n", encoding="utf-8")
    try:
        call_command("import_stories", str(path), stdout=io.StringIO())
    except CommandError as error:
        message = str(error)
        if not message.startswith("Line 1 (story ") or ", field " not in message:
            return [f"unclear refusal: {message[:120]}"]
        if case.storable and topic_ok(case.text):
            return [f"refused a storable payload: {message[:160]}"]
        return []
    except Exception as error:  # noqa: BLE001 - any other exception is the failure
        return [f"crashed: {error!r}"[:160]]
    story = Article.objects.get(slug=f"import-{case.id}")
    actor = story.actor_tags.get().actor
    stored = [story.title, story.kicker, story.standfirst, story.body, story.corrections.get().text]
    if stored != [case.text] * 5:
        return [f"not stored as given: {stored!r}"[:300]]
    # An actor or a topic already known under another case is reused, not duplicated.
    if fold(actor.name) != fold(case.text) or topics(story) != [case.text.casefold()]:
        return [f"actor or topic not stored as given: {actor.name!r}, {topics(story)!r}"[:300]]
    return page_problems(client, story.get_absolute_url()) + page_problems(
        client, actor.get_absolute_url()
    )


def test_import_stories_keeps_each_payload_or_names_line_and_field(client, tmp_path):
    failures = {case.id: p for case in CASES if (p := import_case(client, case, tmp_path))}
    assert failures == {}


def test_import_article_turns_each_payload_into_a_draft_or_says_why_not(client, tmp_path):
    failures = {}
    for case in CASES:
        path = tmp_path / f"{case.id}.md"
        path.write_text(
            f"Cas {case.id}\n\n{case.text}\n\nDernier paragraphe.",
            encoding="utf-8",
            errors="surrogatepass",
        )
        try:
            call_command("import_article", str(path), stdout=io.StringIO())
        except CommandError as error:
            if case.storable:
                failures[case.id] = f"refused: {error}"[:160]
            continue
        except Exception as error:  # noqa: BLE001 - any other exception is the failure
            failures[case.id] = f"crashed: {error!r}"[:160]
            continue
        story = Article.objects.get(title=f"Cas {case.id}")
        article_publish(article=story, by=None)
        if problems := page_problems(client, story.get_absolute_url()):
            failures[case.id] = problems
    assert failures == {}


@pytest.mark.parametrize(
    "content",
    [
        "Élection à Paris".encode("latin-1"),
        "Élection à Paris".encode("utf-16"),
        b"Titre\n\n\xc0\xbcscript\xc0\xbe",  # overlong UTF-8 for < and >
        b"Titre\n\n\xed\xa0\x80 surrogate encoded",
        b"Titre\n\n\xff\xfe\xfd",
    ],
    ids=["latin-1", "utf-16", "overlong", "encoded-surrogate", "garbage"],
)
def test_import_article_refuses_a_file_that_is_not_utf8(tmp_path, content):
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    with translation.override("en"), pytest.raises(CommandError, match="is not UTF-8 text"):
        call_command("import_article", str(path), stdout=io.StringIO())
    assert not Article.objects.exists()


def test_the_corpus_is_large_and_covers_every_family():
    families = {case.family for case in CASES}
    assert len(CASES) >= 200
    assert families == {
        "script",
        "handler",
        "svg",
        "link",
        "entity",
        "template",
        "sql",
        "unicode",
        "control",
        "oversized",
    }
    assert len({case.id for case in CASES}) == len(CASES)

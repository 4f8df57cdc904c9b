import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from actors.models import Actor
from actors.services import actor_create, alias_add
from actors.suggestions import matcher, suggest_for_article, suggest_for_text
from actors.suggestions.benchmark import benchmark
from actors.suggestions.engine import ActorMatcher
from articles.models import Article, ArticleActor
from tests.admin_forms import change_url
from tests.factories import ActorFactory, AliasFactory, ArticleActorFactory, ArticleFactory


def scan(entries, text):
    return ActorMatcher(entries).scan(text)


MUSK, OPENAI, AMAZON, SANCHEZ, MARALAGO, DINNER = 1, 2, 3, 4, 5, 6
NAMES = [
    (MUSK, "Elon Musk"),
    (MUSK, "Musk"),
    (OPENAI, "OpenAI"),
    (AMAZON, "Amazon"),
    (SANCHEZ, "Lauren Sánchez"),
    (MARALAGO, "Mar-a-Lago"),
    (DINNER, "Dîner de Mar-a-Lago"),
    (DINNER, "dîner de Mar-a-Lago", True),  # any case: prose writes it in lower case
]


@pytest.mark.parametrize(
    "text",
    [
        "Le patron d'Elon Musk",
        "le rôle d’Elon Musk",  # typographic apostrophe
        "Ce que dit l'OpenAI",
        "Il faut qu'Amazon réponde",
        "ELON MUSK a parlé",
        "Elon Musk's rocket",
        "jusqu'à Lauren Sanchez",  # no accent in the text
        "LAUREN SÁNCHEZ",
    ],
)
def test_names_are_found_through_elision_case_accents_and_apostrophes(text):
    result = scan(NAMES, text)
    assert sum(result.actors.values()) == 1, text


@pytest.mark.parametrize("text", ["Muskrat", "Amazonie", "OpenAIs", "le ramusk"])
def test_only_whole_words_match(text):
    assert not scan(NAMES, text).actors


def test_counts_every_mention_and_keeps_the_forms_used():
    text = "Elon Musk a dîné. Musk est reparti ; d'Elon Musk on ne sait rien."
    result = scan(NAMES, text)
    assert result.actors[MUSK] == 3
    assert result.forms[MUSK] == {"Elon Musk": 2, "Musk": 1}


def test_the_longest_name_wins_where_names_overlap():
    result = scan(NAMES, "Le dîner de Mar-a-Lago a eu lieu à Mar-a-Lago.")
    assert result.actors == {DINNER: 1, MARALAGO: 1}


def test_a_name_does_not_run_across_a_sentence_end():
    result = scan([(1, "Jeff Bezos")], "Il a vu Jeff. Bezos a ri.\n\nJeff\nBezos est là.")
    assert result.actors[1] == 1  # only the soft line break inside a paragraph joins


def test_capitalised_names_that_match_no_actor_are_listed():
    text = (
        "Elon Musk a dîné à Palm Beach (Floride) avec Charles de Gaulle. Mercredi, la Maison "
        "Blanche a répondu. Floride encore."
    )
    result = scan(NAMES, text)
    names = {result.name_forms[key]: count for key, count in result.names.items()}
    # "Mercredi" opens a sentence; "Floride" opens one too but also appears mid-sentence.
    assert names == {"Palm Beach": 1, "Floride": 2, "Charles de Gaulle": 1, "Maison Blanche": 1}


def test_markdown_link_targets_and_urls_are_not_prose():
    result = scan(NAMES, "Voir [le site](https://openai.com/amazon) et https://musk.example/")
    assert not result.actors


@pytest.mark.django_db
def test_article_suggestions_leave_out_tagged_actors_and_sort_by_count():
    musk = actor_create(name="Elon Musk", kind="person", aliases=["Musk"])
    bezos = actor_create(name="Jeff Bezos", kind="person", aliases=["Bezos"])
    actor_create(name="Blue Origin", kind="organisation")
    article = ArticleFactory(
        title="Musk et Bezos à table",
        standfirst="Le patron de Blue Origin.",
        body="Jeff Bezos et Elon Musk. Bezos encore. Un dîner à Palm Beach.",
    )
    ArticleActorFactory(article=article, actor=musk)

    suggestions = suggest_for_article(article)

    assert [(s.actor.name, s.count) for s in suggestions.actors] == [
        ("Jeff Bezos", 3),
        ("Blue Origin", 1),
    ]
    assert suggestions.actors[0].forms == ("Bezos", "Jeff Bezos")
    assert [n.name for n in suggestions.names] == ["Palm Beach"]
    assert bezos.pk not in set(article.actor_tags.values_list("actor_id", flat=True))


@pytest.mark.django_db
def test_the_matcher_is_built_once_and_rebuilt_when_actors_or_aliases_change(
    django_capture_on_commit_callbacks, monkeypatch
):
    actor = ActorFactory(name="Jeff Bezos")
    first = matcher()
    assert matcher() is first

    with django_capture_on_commit_callbacks(execute=True):
        alias_add(actor=actor, name="Jeffrey Preston Bezos")
    second = matcher()
    assert second is not first
    assert suggest_for_text("Jeffrey Preston Bezos").actors[0].actor == actor

    # A save outside the services is seen through the signals once it commits...
    with django_capture_on_commit_callbacks(execute=True):
        actor.name = "Jeff P. Bezos"
        actor.save()
    third = matcher()
    assert third is not second
    assert suggest_for_text("Jeff P. Bezos").actors[0].actor == actor

    # ...and a write that bypasses the ORM's signals by the table stamp, read again after
    # TABLE_CHECK_SECONDS (here: at once).
    monkeypatch.setattr("actors.suggestions.index.TABLE_CHECK_SECONDS", 0)
    Actor.objects.filter(pk=actor.pk).update(name="J. P. Bezos", updated_at=timezone.now())
    assert matcher() is not third


@pytest.mark.django_db
def test_suggest_actors_command_prints_the_same_for_a_file_and_a_story(tmp_path, capsys):
    actor_create(name="Elon Musk", kind="person", aliases=["Musk"])
    # An acronym is offered when it recurs.
    text = "Selon l’AFP, d'Elon Musk on sait peu. Musk se tait à Palm Beach, dit l'AFP."
    story = ArticleFactory(title="", standfirst="", body=text, slug="musk")
    path = tmp_path / "story.md"
    path.write_text(text, encoding="utf-8")

    with translation.override("en"):
        call_command("suggest_actors", str(path))
        from_file = capsys.readouterr().out
        call_command("suggest_actors", article="musk")
        from_story = capsys.readouterr().out

    assert "  2  Elon Musk (person, elon-musk)  as: Elon Musk, Musk" in from_file
    assert "AFP" in from_file and "Palm Beach" in from_file
    assert from_story.splitlines()[1:] == from_file.splitlines()[1:]
    assert story.actor_tags.count() == 0


def test_benchmark_5000_words_against_100000_aliases():
    result = benchmark(words=5000, aliases=100_000, repeat=10)
    print(result)
    assert result.mentions > 100
    # The target is under 20 ms on a developer machine; the margin absorbs slow CI runners.
    assert result.median_ms < 60


# The panel and its endpoints on the story change form.


def desk_url(article, name):
    return reverse(f"admin:articles_article_desk_{name}", args=[article.pk])


@pytest.fixture
def story(db):
    actor_create(name="Sundar Pichai", kind="person", aliases=["Pichai"])
    actor_create(name="Google", kind="organisation")
    return ArticleFactory(body="Sundar Pichai dirige Google. Pichai était à Palm Beach.")


@pytest.mark.django_db
def test_change_form_lists_named_actors_not_tagged_and_one_click_tags(client, editor, story):
    client.force_login(editor)
    page = client.get(change_url(story), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Actors named, not tagged" in page
    assert "Sundar Pichai" in page and "×2" in page
    pichai = Actor.objects.get(name="Sundar Pichai")

    response = client.post(desk_url(story, "tag"), {"actor": pichai.pk, "role": "about"})

    assert response.status_code == 302
    assert response.url.endswith(change_url(story) + "#desk-panels")
    assert story.actor_tags.get().actor == pichai
    assert story.actor_tags.get().role == ArticleActor.Role.ABOUT
    assert [s.actor.name for s in suggest_for_article(story).actors] == ["Google"]


@pytest.mark.django_db
def test_tag_endpoint_answers_json_to_the_panel_script(client, editor, story):
    client.force_login(editor)
    google = Actor.objects.get(name="Google")

    response = client.post(
        desk_url(story, "tag"),
        {"actor": google.pk, "role": "mentions"},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 200
    assert json.loads(response.content)["ok"] is True
    assert story.actor_tags.get().role == "mentions"


@pytest.mark.django_db
def test_create_actor_endpoint_creates_with_the_chosen_kind_and_tags(client, editor, story):
    client.force_login(editor)

    response = client.post(
        desk_url(story, "create_actor"),
        {"name": "Palm Beach", "kind": "place", "role": "mentions"},
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 200, response.content
    palm = Actor.objects.get(name="Palm Beach")
    assert palm.kind == Actor.Kind.PLACE
    assert story.actor_tags.get().actor == palm
    assert "Palm Beach" not in [n.name for n in suggest_for_article(story).names]


@pytest.mark.django_db
def test_endpoints_need_csrf_post_and_permission(reporter, story):
    # A draft: on a live story a reporter's tag waits for an editor (test_proposals.py).
    story.status, story.publish_at = Article.Status.DRAFT, None
    story.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)
    pichai = Actor.objects.get(name="Sundar Pichai")

    assert (
        client.post(desk_url(story, "tag"), {"actor": pichai.pk, "role": "about"}).status_code
        == 403
    )
    client = Client()
    client.force_login(reporter)
    assert client.get(desk_url(story, "tag")).status_code == 405
    # Reporters may tag but not create actors.
    refused = client.post(
        desk_url(story, "create_actor"), {"name": "Palm Beach", "kind": "place", "role": "about"}
    )
    assert refused.status_code == 403
    assert not Actor.objects.filter(name="Palm Beach").exists()
    assert (
        client.post(desk_url(story, "tag"), {"actor": pichai.pk, "role": "about"}).status_code
        == 302
    )
    assert story.actor_tags.filter(actor=pichai).exists()


@pytest.mark.django_db
def test_panel_follows_the_text_being_edited(client, editor, story):
    client.force_login(editor)
    response = client.post(
        desk_url(story, "panel"), {"title": "", "standfirst": "", "body": "Google seul."}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Google" in page and "Sundar Pichai" not in page


@pytest.mark.django_db
def test_suggestions_work_for_an_alias_only_actor(editor):
    actor = ActorFactory(name="National Aeronautics and Space Administration")
    AliasFactory(actor=actor, name="NASA")
    assert suggest_for_text("La NASA a tranché.").actors[0].actor == actor

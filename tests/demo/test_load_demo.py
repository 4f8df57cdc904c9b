from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape

from actors.models import Actor, Relationship
from articles.models import Article, ArticleActor, Section
from common.text import fold
from contributors.models import Contributor
from demo import content as demo

pytestmark = pytest.mark.django_db


def load_demo(*args: str) -> str:
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded():
    return load_demo()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def saved_state() -> dict:
    """What a re-save would change: timestamps, lock versions, password hashes."""
    return {
        "articles": list(Article.objects.values_list("pk", "updated_at", "version")),
        "actors": list(Actor.objects.values_list("pk", "updated_at", "version")),
        "relationships": list(Relationship.objects.values_list("pk", "updated_at", "version")),
        "users": list(get_user_model().objects.values_list("pk", "password", "last_login")),
    }


def test_load_demo_twice_changes_and_duplicates_nothing(loaded):
    counts, state = row_counts(), saved_state()

    output = load_demo()

    assert row_counts() == counts
    assert saved_state() == state
    assert "Stories: 0 created, 7 already there." in output
    assert "Relationships: 0 added." in output


def test_load_demo_leaves_an_editors_changes_to_demo_content_alone(loaded):
    Article.objects.filter(slug=demo.MAIN_STORY).update(title="Titre corrigé par la rédaction")

    load_demo()

    assert Article.objects.get(slug=demo.MAIN_STORY).title == "Titre corrigé par la rédaction"


def test_load_demo_writes_nothing_when_it_fails_half_way():
    Group.objects.filter(name="Export staff").delete()

    with pytest.raises(Group.DoesNotExist):
        load_demo()

    assert not Section.objects.exists()
    assert not get_user_model().objects.filter(username="admin").exists()


def test_anonymous_reader_gets_the_main_story_but_not_the_draft_or_the_scheduled_one(
    client, loaded
):
    draft = Article.objects.get(slug=demo.WEDDING)
    scheduled = Article.objects.get(slug=demo.ANALYSIS)
    main = Article.objects.get(slug=demo.MAIN_STORY)
    assert draft.status == Article.Status.DRAFT
    assert scheduled.status == Article.Status.PUBLISHED
    assert scheduled.publish_at > timezone.now() + timezone.timedelta(days=29)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    response = client.get(main.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(main.title) in page
    assert "Lauren Sánchez" in page


def test_every_published_demo_story_is_public_at_its_fixed_date(loaded):
    published = [spec for spec in demo.STORIES if spec.publish_at]
    assert len(published) >= 5
    public = Article.objects.published()
    for spec in published:
        article = public.get(slug=spec.slug)
        assert article.publish_at == spec.publish_at
        assert article.first_published_at == spec.publish_at
        assert article.kicker and article.standfirst and article.section
        assert article.bylines.exists()
    assert public.filter(language="en").exists()
    assert public.filter(language="fr").count() >= 4


def test_main_story_tags_every_demo_actor_with_its_role(loaded):
    main = Article.objects.get(slug=demo.MAIN_STORY)
    roles = dict(main.actor_tags.values_list("actor__slug", "role"))

    about = {"elon-musk", "jeff-bezos", "donald-trump", "diner-de-mar-a-lago"}
    assert roles == {
        spec.slug: ArticleActor.Role.ABOUT if spec.slug in about else ArticleActor.Role.MENTIONS
        for spec in demo.ACTORS
    }
    assert {"espace", "politique", "tech"} <= set(main.tags.names())
    assert main.section.slug == "tech"
    assert 500 <= len(main.body.split()) <= 700


def test_every_actor_tagged_on_a_demo_story_is_named_in_it(loaded):
    for article in Article.objects.prefetch_related("actor_tags__actor__aliases"):
        text = fold(f"{article.title} {article.standfirst} {article.body}")
        for tag in article.actor_tags.all():
            names = [tag.actor.name, *(alias.name for alias in tag.actor.aliases.all())]
            assert any(fold(name) in text for name in names), (article.slug, tag.actor.name)


def test_actors_carry_descriptions_aliases_and_only_the_known_wikidata_ids(loaded):
    wikidata = dict(Actor.objects.exclude(wikidata_id="").values_list("name", "wikidata_id"))
    assert wikidata == {
        "Elon Musk": "Q317521",
        "Jeff Bezos": "Q312556",
        "Donald Trump": "Q22686",
        "Mark Zuckerberg": "Q36215",
        "Sundar Pichai": "Q3503829",
        "Sam Altman": "Q7407093",
        "SpaceX": "Q193701",
        "NASA": "Q23548",
        "Meta": "Q380",
        "Amazon": "Q3884",
        "OpenAI": "Q21708200",
        "Tesla": "Q478214",
        "The Washington Post": "Q166032",
        "Google": "Q95",
    }
    assert not Actor.objects.filter(description="").exists()
    bezos = Actor.objects.get(slug="jeff-bezos")
    assert bezos.sort_name == "Bezos, Jeff"
    assert {"Bezos", "Jeffrey Bezos"} <= {alias.name for alias in bezos.aliases.all()}
    assert Actor.objects.get(slug="lauren-sanchez").aliases.filter(name="Lauren Sanchez").exists()
    assert Actor.objects.get(slug="diner-de-mar-a-lago").kind == Actor.Kind.EVENT
    assert Actor.objects.get(slug="mar-a-lago").kind == Actor.Kind.PLACE


def test_relationships_are_recorded_with_their_evidence(loaded):
    public = set(Article.objects.published().values_list("slug", flat=True))
    for spec in demo.RELATIONSHIPS:
        relationship = Relationship.objects.get(
            source__slug=spec.source, kind__slug=spec.kind, target__slug=spec.target
        )
        evidence = set(relationship.evidence.values_list("slug", flat=True))
        assert evidence == set(spec.evidence)
        assert evidence <= public, spec
        assert relationship.note

    donation = Relationship.objects.get(
        source__slug="meta", kind__slug="donated-to", target__slug="fonds-investiture-trump"
    )
    assert (donation.amount, donation.currency) == (1_000_000, "USD")
    campaign = Relationship.objects.get(source__slug="elon-musk", kind__slug="donated-to")
    assert campaign.amount >= 200_000_000 and campaign.currency == "USD"
    met = Relationship.objects.get(
        source__slug="elon-musk", kind__slug="met", target__slug="donald-trump"
    )
    assert met.started_on.isoweekday() == 3  # The dinner was on a Wednesday.
    assert Relationship.objects.filter(
        source__slug="sundar-pichai", kind__slug="visited", target__slug="mar-a-lago"
    ).exists()


def test_demo_users_log_in_with_the_printed_password_and_hold_their_role(client, monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    output = load_demo()

    main = Article.objects.get(slug=demo.MAIN_STORY)
    assert demo.DEMO_PASSWORD in output
    assert "http://127.0.0.1:8000/admin/" in output
    assert f"http://127.0.0.1:8000{main.get_absolute_url()}" in output
    User = get_user_model()
    for username, group in [
        ("reporter", "Reporter"),
        ("editor", "Editor"),
        ("exporter", "Export staff"),
    ]:
        user = User.objects.get(username=username)
        assert user.is_staff and list(user.groups.values_list("name", flat=True)) == [group]
        assert client.login(username=username, password=demo.DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser
    # The desk's two sign the main story, in order, as the contributors of their accounts.
    assert [(c.name, c.user.username) for c in main.byline_contributors] == [
        ("Karim Benali", "reporter"),
        ("Hélène Garnier", "editor"),
    ]


def test_load_demo_refuses_to_run_without_debug_unless_forced():
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()

    with override_settings(DEBUG=False):
        call_command("load_demo", "--force", stdout=StringIO())
    assert Article.objects.filter(slug=demo.MAIN_STORY).exists()


def test_a_freelance_correspondent_and_an_agency_sign_demo_stories(loaded, client):
    lea = Contributor.objects.get(slug="lea-fontaine")
    afp = Contributor.objects.get(slug="afp")
    assert lea.user is None and afp.user is None  # no account: a byline all the same
    assert afp.role == Contributor.Role.AGENCY
    post = Article.objects.get(slug=demo.POST)
    assert post.byline_contributors == [lea]
    contracts = Article.objects.get(slug=demo.CONTRACTS)
    assert [c.slug for c in contracts.byline_contributors] == ["karim-benali", "afp"]
    page = client.get(lea.get_absolute_url()).content.decode()
    assert escape(post.title) in page
    assert (
        f'<a href="{lea.get_absolute_url()}" rel="author">{lea.name}</a>'
        in client.get(post.get_absolute_url()).content.decode()
    )

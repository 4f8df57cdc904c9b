"""The desk's forms in Chromium, in French, checked by axe-core: the story (add and change, with
its writing surface and side panels), an actor and a relationship have no serious or critical
violation."""

import datetime as dt
from decimal import Decimal

import pytest

from actors.services import relationship_record
from tests.browser.test_reader_accessibility import AXE, BLOCKING
from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    ContributorFactory,
    CorrectionFactory,
    RelationshipKindFactory,
    UserFactory,
    sign,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def desk():
    """A story that names an actor it does not tag (the panel suggests him), a tagged actor,
    a relationship it reports, a correction; the editor who opens it."""
    story = ArticleFactory(
        title="Musk et Bezos, à la même table",
        body="## Le dîner\n\nElon Musk et Jeff Bezos ont dîné à **Mar-a-Lago**.",
        tags=["milliardaires"],
    )
    sign(story, ContributorFactory(name="Hélène Garnier"))
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    AliasFactory(actor=musk, name="Musk")
    bezos = ActorFactory(name="Jeff Bezos", slug="jeff-bezos")
    ArticleActorFactory(article=story, actor=bezos)
    CorrectionFactory(article=story)
    donated = RelationshipKindFactory(
        slug="donated-to", label="donated to", inverse_label="received donation from"
    )
    relationship = relationship_record(
        source=musk,
        kind=donated,
        target=bezos,
        started_on=dt.date(2024, 7, 1),
        amount=Decimal("1000000"),
        currency="USD",
        evidence=[story],
    )
    UserFactory(username="redaction", groups=["Editor"])
    return story, musk, relationship


def log_in(page, base_url, username):
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct-horse-battery")
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


def violations(page) -> list[tuple]:
    """axe-core's serious and critical violations on the page: rule, impact, elements."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        (
            rule["id"],
            rule["impact"],
            [(node["target"], node["html"][:120]) for node in rule["nodes"]],
        )
        for rule in results["violations"]
        if rule["impact"] in BLOCKING
    ]


def test_story_actor_and_relationship_forms_have_no_serious_axe_violation(live_server, page, desk):
    story, actor, relationship = desk
    log_in(page, live_server.url, "redaction")
    forms = {
        "story add": "/admin/articles/article/add/",
        "story change": f"/admin/articles/article/{story.pk}/change/",
        "actor change": f"/admin/actors/actor/{actor.pk}/change/",
        "relationship change": f"/admin/actors/relationship/{relationship.pk}/change/",
    }
    found = {}
    for name, path in forms.items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("#content h1").count() == 1, name
        if blocking := violations(page):
            found[name] = blocking
    report = "\n".join(
        f"{name}: {rule} ({impact}) {target} {html}"
        for name, blocking in found.items()
        for rule, impact, nodes in blocking
        for target, html in nodes
    )
    assert found == {}, "serious or critical axe violations:\n" + report

"""Security headers on every public page, and templates that the Content-Security-Policy
does not break (no inline script, no inline style, no event-handler attribute)."""

import pytest
from django.test import override_settings

from tests.factories import (
    ActorFactory,
    AliasFactory,
    ArticleActorFactory,
    ArticleFactory,
    CorrectionFactory,
    RelationshipFactory,
    SectionFactory,
)
from tests.security.hostile_checks import html_problems

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/sections/espace/",
    "/articles/musk-bezos/",
    "/actors/elon-musk/",
    "/tags/espace/",
    "/search/?q=musk",
    "/search/",
    "/no-such-page/",
]


@pytest.fixture
def newsroom():
    space = SectionFactory(name="Espace", slug="espace")
    story = ArticleFactory(
        title="Musk et Bezos",
        slug="musk-bezos",
        section=space,
        tags=["espace"],
        body="## Le dîner\n\n[Une source](https://example.org/) et **du gras**.",
    )
    musk = ActorFactory(name="Elon Musk", slug="elon-musk", wikidata_id="Q317521")
    AliasFactory(actor=musk, name="Musk")
    ArticleActorFactory(article=story, actor=musk)
    RelationshipFactory(source=musk, target=ActorFactory(name="Jeff Bezos"))
    CorrectionFactory(article=story)
    return story


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_a_policy_that_runs_no_inline_script(client, newsroom, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in " ".join(csp["style-src"] + csp["default-src"])


def test_the_admin_login_gets_the_same_policy(client):
    csp = policy(client.get("/admin/login/"))
    assert csp["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_templates_need_nothing_the_policy_blocks(client, newsroom, path):
    assert html_problems(client.get(path).content.decode()) == []


def test_the_story_keeps_its_json_ld_data_block(client, newsroom):
    html = client.get("/articles/musk-bezos/").content.decode()
    assert '<script type="application/ld+json">' in html


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000)
def test_plain_http_is_redirected_to_https(client, newsroom):
    response = client.get("/articles/musk-bezos/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/articles/musk-bezos/"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000)
def test_a_proxy_saying_https_is_believed_and_the_answer_carries_the_browser_protections(
    client, newsroom
):
    response = client.get("/articles/musk-bezos/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_load_balancer_health_checks_over_plain_http_are_not_redirected(client):
    assert client.get("/healthz").status_code == 200

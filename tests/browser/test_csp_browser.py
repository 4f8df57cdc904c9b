"""The Content-Security-Policy in a real Chromium, without bypass: an injected inline script
does not run, and no page of the site (public or admin) trips the policy by itself."""

import pytest

from tests.factories import (
    ActorFactory,
    ArticleActorFactory,
    ArticleFactory,
    RelationshipFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Records every violation the page reports, from the first byte of every document.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""

INJECT_INLINE_SCRIPT = """() => {
  const script = document.createElement('script');
  script.textContent = 'window.__inlineRan = true;';
  document.body.append(script);
  return window.__inlineRan === true;
}"""


@pytest.fixture
def newsroom():
    story = ArticleFactory(
        title="Musk et Bezos",
        slug="musk-bezos",
        section=SectionFactory(name="Espace", slug="espace"),
        tags=["espace"],
        body="## Le dîner\n\n[Une source](https://example.org/).",
    )
    musk = ActorFactory(name="Elon Musk", slug="elon-musk")
    ArticleActorFactory(article=story, actor=musk)
    RelationshipFactory(source=musk, target=ActorFactory(name="Jeff Bezos"))
    return story


def strict_page(browser):
    context = browser.new_context(locale="fr-FR")
    context.add_init_script(RECORD_VIOLATIONS)
    return context, context.new_page()


def test_an_injected_inline_script_is_blocked_on_a_story(live_server, browser, newsroom):
    context, page = strict_page(browser)
    page.goto(live_server.url + "/articles/musk-bezos/")
    ran = page.evaluate(INJECT_INLINE_SCRIPT)
    violations = page.evaluate("window.__cspViolations")
    context.close()
    assert ran is False
    assert any(v.startswith("script-src") for v in violations), violations


def test_without_the_policy_the_same_injection_runs(live_server, browser, newsroom):
    """The control: the check above fails where no policy applies."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + "/articles/musk-bezos/")
    ran = page.evaluate(INJECT_INLINE_SCRIPT)
    context.close()
    assert ran is True


PUBLIC = ["/", "/sections/espace/", "/articles/musk-bezos/", "/actors/elon-musk/"]
PUBLIC += ["/tags/espace/", "/search/?q=musk", "/nowhere/"]


def test_no_public_page_trips_the_policy(live_server, browser, newsroom):
    context, page = strict_page(browser)
    tripped = {}
    for path in PUBLIC:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if violations := page.evaluate("window.__cspViolations"):
            tripped[path] = violations
    context.close()
    assert tripped == {}


def test_no_admin_page_trips_the_policy(live_server, browser, newsroom):
    UserFactory(username="chief", is_superuser=True)
    context, page = strict_page(browser)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    tripped = {}
    for path in [
        "/admin/",
        "/admin/articles/article/",
        f"/admin/articles/article/{newsroom.pk}/change/",
        "/admin/actors/actor/add/",
        "/admin/actors/relationship/add/",
        "/staff/exports/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        if violations := page.evaluate("window.__cspViolations"):
            tripped[path] = violations
    # The widgets that build elements in script: a calendar and an autocomplete drop-down.
    page.goto(live_server.url + f"/admin/articles/article/{newsroom.pk}/change/")
    page.locator(".datetimeshortcuts a").first.click()
    page.wait_for_load_state("networkidle")
    if violations := page.evaluate("window.__cspViolations"):
        tripped["change form widgets"] = violations
    context.close()
    assert tripped == {}

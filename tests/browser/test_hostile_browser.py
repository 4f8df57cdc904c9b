"""Hostile payloads in a real Chromium: stories, actors, topics and searches filled with the
corpus's script, event-handler, SVG, link, entity and template cases, and not one of them
runs. The Content-Security-Policy is bypassed here so that escaping and sanitising are
proven on their own (test_csp_browser.py proves the policy)."""

from urllib.parse import quote

import pytest

from actors.models import RelationshipKind
from actors.services import actor_create, relationship_record
from articles.services import article_create, article_publish, article_tag_actor
from tests.security.hostile import CASES
from tests.security.hostile_checks import topic_ok

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EXECUTABLE = ("script", "handler", "svg", "entity", "template")
PAYLOADS = [case.text for case in CASES if case.family in EXECUTABLE and case.storable]
PAYLOADS += [case.text for case in CASES if case.family == "link"][::4]

# Runs before any page script: anything a payload calls, or the flag it sets, is recorded.
TRAP = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt']) {
  const original = window[name];
  window[name] = function (...args) { window.__ran.push(name); return original.apply(this, args); };
}
// Playwright itself evaluates code in the page: only payload code counts.
const payload = (code) => /pwned|alert|confirm|prompt/.test(String(code));
const originalEval = window.eval;
window.eval = function (code) {
  if (payload(code)) window.__ran.push('eval');
  return originalEval(code);
};
const OriginalFunction = window.Function;
window.Function = function (...args) {
  if (payload(args.join())) window.__ran.push('Function');
  return OriginalFunction(...args);
};
Object.defineProperty(window, '__pwned', {
  configurable: false,
  get() { return undefined; },
  set(value) { window.__ran.push('__pwned'); },
});
"""

# What is left in the DOM that could still run on a hover, a click or a focus.
DOM_AUDIT = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(element.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name)
          && /^(javascript|vbscript|data):/.test(value)) found.push(element.tagName + ' ' + name);
    }
    const tag = element.tagName.toLowerCase();
    if (['iframe', 'object', 'embed', 'base'].includes(tag)) found.push(tag);
    if (tag === 'script' && element.type !== 'application/ld+json') found.push('script');
  }
  return found;
}"""


@pytest.fixture
def hostile_newsroom():
    rival = RelationshipKind.objects.get(slug="rival-of")
    stories, actors = [], []
    for number in range(0, len(PAYLOADS), 12):
        chunk = PAYLOADS[number : number + 12]
        title = next((text for text in chunk if len(text) <= 250), "Titre")
        story = article_create(
            slug=f"hostile-{number}",
            title=title,
            kicker=next((text for text in chunk if len(text) <= 120), ""),
            standfirst=chunk[-1] + " pwned",
            body="\n\n".join(chunk) + "\n\npwned",
            tags=[text for text in chunk if topic_ok(text)][:4],
        )
        article_publish(article=story, by=None)
        stories.append(story)
        actor = actor_create(
            name=next((text for text in chunk if len(text) <= 200), "Nom"),
            kind="person",
            description=next((text for text in chunk if len(text) <= 500), ""),
            aliases=[text for text in chunk[1:3] if len(text) <= 200],
        )
        article_tag_actor(article=story, actor=actor)
        if actors:
            relationship_record(
                source=actor, kind=rival, target=actors[-1], note=chunk[0][:500], evidence=[story]
            )
        actors.append(actor)
    return stories, actors


def visit(page, url) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    # Give timers, failed image loads (onerror) and SVG animations their chance to fire.
    page.wait_for_timeout(150)
    return page.evaluate("() => window.__ran") + page.evaluate(DOM_AUDIT)


def test_no_payload_runs_or_survives_on_story_actor_topic_and_search_pages(
    live_server, browser, hostile_newsroom
):
    stories, actors = hostile_newsroom
    context = browser.new_context(bypass_csp=True, locale="fr-FR")
    context.add_init_script(TRAP)
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    urls = ["/", "/search/?q=pwned"]
    urls += [story.get_absolute_url() for story in stories]
    urls += [actor.get_absolute_url() for actor in actors]
    urls += sorted({f"/tags/{quote(tag.slug)}/" for s in stories for tag in s.tags.all()})
    urls += [f"/search/?q={quote(text)}" for text in PAYLOADS[::8]]
    ran = {}
    for url in urls:
        if found := visit(page, live_server.url + url):
            ran[url] = found
    context.close()
    assert len(urls) > 40
    assert ran == {}
    assert dialogs == []
    assert errors == []


def test_the_trap_sees_a_payload_that_does_run(live_server, browser, hostile_newsroom):
    """The control: the same payload, put into the page unescaped, is caught."""
    context = browser.new_context(bypass_csp=True)
    context.add_init_script(TRAP)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(live_server.url + "/")
    page.evaluate(
        "(html) => document.body.insertAdjacentHTML('beforeend', html)",
        '<img src="x" onerror="window.__pwned=1;alert(1)">',
    )
    page.wait_for_timeout(300)
    ran = page.evaluate("() => window.__ran")
    context.close()
    assert ran == ["__pwned", "alert"]

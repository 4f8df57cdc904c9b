"""Checking one answer of the matrix: the status each role gets, and no secret of an
unpublished story in a public surface (the rules themselves are in rules.py)."""

from tests.security.access_matrix.rules import rule_for
from tests.security.access_matrix.world import (
    ANY,
    STATES,
    UNPUBLISHED,
    assert_answer,
    body,
    secrets,
)


def check_answer(world, fetched, key, role, state):
    rule = rule_for(key)
    assert rule is not None, f"{key} is not classified: add it to the access matrix"
    url = rule.url(world, None if state == ANY else state)
    response = fetched(role, url)
    assert_answer(response, rule.expect(role, state), url)
    if not rule.surface:
        return
    # Streamed answers are read once; the memo keeps the text for the other cases.
    if not hasattr(response, "matrix_text"):
        response.matrix_text = body(response) + "\n" + response.get("Location", "")
    text = response.matrix_text
    may_see_drafts = rule.shows_drafts is not None and rule.shows_drafts(role)
    states = STATES if state == ANY else [state]
    for shown in states:
        # What the visitor typed in the URL is no secret to them (a 404 page may repeat it).
        leaked = [s for s in secrets(world, shown) if s in text and s not in url]
        if shown in UNPUBLISHED and not may_see_drafts:
            assert not leaked, f"{shown} story leaked to {role} at {url}: {leaked}"
    lists_it = state == "published" or (rule.lists_drafts is not None and rule.lists_drafts(role))
    if rule.surface == "listing" or rule.lists_drafts is not None:
        if state == ANY or response.status_code != 200 or not lists_it:
            return
        story = world.stories[state]
        # A positive control: the page does list stories, so the absence above means something.
        assert story.title in text or story.slug in text, f"{state} story missing from {url}"

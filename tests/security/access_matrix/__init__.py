"""The access-control matrix: every URL × every role × every story state → the answer.

The URLs are walked from the URL configuration (the admin site's included), and the admin
actions from the admin site's registry, so a new URL or action without a row in the tables
below fails ``test_every_url_pattern_is_classified`` (and its own matrix cases) until someone
decides who may use it. Each case names the URL, the role and the story state.

Four stories live side by side (draft, in review, scheduled, published), each with its own
secret word in its headline, slug and topic, all tagging the same actor, in the same section,
linked from the published one and evidence for the same relationship. Whatever a public
surface, a feed, a sitemap, the search or an export shows, an unpublished story's headline,
slug, topic or uuid must not be in it unless the role may see it.

The data is built once for the package (conftest.py, inside a transaction rolled back at the
end); each test runs in its own savepoint, so the actions that write are undone after each
case. world.py holds the data and the roles, rules.py the expected answer of every URL.
"""

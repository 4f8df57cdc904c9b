"""The actors index's reads can be served by indexes (see tests/explain.py for how): no new
index was needed, the folded name's B-tree and trigram indexes serve them."""

from django.utils import timezone

from actors.directory import COVERAGE_WINDOW
from actors.models import Actor
from tests.explain import POSTGRES_ONLY, assert_uses_an_index, plan

pytestmark = POSTGRES_ONLY


def index_page(queryset):
    return queryset.order_by("name_folded", "pk")[:50]


def test_explain_the_a_to_z_page_walks_the_folded_name_index(explain_corpus):
    assert_uses_an_index(plan(index_page(Actor.objects.public())), "actors_actor")


def test_explain_a_letter_reads_a_range_of_the_folded_name_index(explain_corpus):
    text = plan(index_page(Actor.objects.public().filed_under("m")))
    assert_uses_an_index(text, "actors_actor")
    assert "name_folded" in text, text


def test_explain_the_name_filter_walks_the_folded_name_index(explain_corpus):
    """Name or alias: the page walks the names in order, the aliases matched once (a hashed
    subplan). A union of the two trigram look-ups was 3 to 10 times faster for a rare word
    but 8 times slower for a common one ("mar": 1.8 s at 100,000 actors)."""
    word = Actor.objects.first().name_folded.split()[-1]
    text = plan(index_page(Actor.objects.public().named_like(word)))
    assert_uses_an_index(text, "actors_actor", "actors_alias")


def test_explain_most_covered_starts_from_the_recent_public_stories(explain_corpus):
    since = timezone.now() - COVERAGE_WINDOW
    text = plan(Actor.objects.public().most_covered(since=since)[:50])
    assert_uses_an_index(text, "actors_actor", "articles_article", "articles_articleactor")

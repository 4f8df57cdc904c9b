"""Actor reads can be served by indexes (see tests/explain.py for how)."""

from actors.models import Actor, Alias
from tests.explain import POSTGRES_ONLY, assert_uses_an_index, plan

pytestmark = POSTGRES_ONLY


def test_explain_actor_page_looks_up_by_slug_with_an_index(explain_corpus):
    actor = Actor.objects.first()
    assert_uses_an_index(plan(Actor.objects.filter(slug=actor.slug)), "actors_actor")


def test_explain_actor_look_up_by_part_of_a_name_uses_the_trigram_index(explain_corpus):
    """Admin search and autocomplete: a folded word anywhere in the name ("LIKE '%x%'")."""
    word = Actor.objects.first().name_folded.split()[-1]
    text = plan(Actor.objects.filter(name_folded__contains=word))
    assert "actor_name_folded_trgm" in text, text


def test_explain_alias_look_up_by_part_of_a_name_uses_the_trigram_index(explain_corpus):
    word = Alias.objects.first().folded.split()[-1]
    text = plan(Alias.objects.filter(folded__contains=word))
    assert "alias_folded_trgm" in text, text

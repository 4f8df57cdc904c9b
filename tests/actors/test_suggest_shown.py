"""What a suggestion shows of an actor comes from the index (issue 20): no query per story, and
as fresh as the names matched after a rename, a change of kind, a merge or a deletion."""

import pytest

from actors.models import Actor
from actors.services import actor_create, actor_delete, actor_merge, actor_save
from actors.suggestions import matcher, suggest_for_text

TEXT = "Jeff Bezos a rencontré Sundar Pichai chez Amazon. Bezos est reparti."


def shown(text=TEXT) -> dict[str, tuple[str, str, int]]:
    return {
        s.actor.name: (s.actor.kind, s.actor.slug, s.count) for s in suggest_for_text(text).actors
    }


@pytest.fixture
def actors(superuser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = {
            "bezos": actor_create(
                name="Jeff Bezos", kind="person", aliases=["Bezos"], by=superuser
            ),
            "pichai": actor_create(name="Sundar Pichai", kind="person", by=superuser),
            "amazon": actor_create(name="Amazon", kind="organisation", by=superuser),
        }
    return made


@pytest.mark.django_db
def test_a_long_story_reads_no_actor_rows_once_the_index_is_built(
    actors, django_assert_num_queries
):
    matcher()
    with django_assert_num_queries(0):
        suggestions = suggest_for_text(TEXT * 200, kinds=False)
    assert {s.actor.name for s in suggestions.actors} == {"Jeff Bezos", "Sundar Pichai", "Amazon"}


@pytest.mark.django_db
def test_a_suggested_actor_is_as_only_would_load_it(actors, django_assert_num_queries):
    bezos = next(s.actor for s in suggest_for_text(TEXT).actors if s.actor.name == "Jeff Bezos")
    assert bezos == actors["bezos"] and bezos.pk == actors["bezos"].pk
    assert (bezos.kind, bezos.slug) == ("person", actors["bezos"].slug)
    assert bezos.get_deferred_fields() >= {"description", "wikidata_id"}
    assert bezos.get_absolute_url() == actors["bezos"].get_absolute_url()
    with django_assert_num_queries(1):  # a field not shown loads on access, as with only()
        assert bezos.description == actors["bezos"].description


@pytest.mark.django_db
def test_a_rename_and_a_new_kind_show_at_once(
    actors, superuser, django_capture_on_commit_callbacks
):
    assert shown()["Amazon"][0] == "organisation"
    amazon = Actor.objects.get(pk=actors["amazon"].pk)
    amazon.name, amazon.kind = "Amazon", "place"
    pichai = Actor.objects.get(pk=actors["pichai"].pk)
    pichai.name = "Sundar Pichai"
    with django_capture_on_commit_callbacks(execute=True):
        actor_save(actor=amazon, by=superuser)
        pichai.name = "S. Pichai"
        actor_save(actor=pichai, by=superuser)
    after = shown("Jeff Bezos a rencontré S. Pichai chez Amazon.")
    assert after["Amazon"][0] == "place"
    assert "S. Pichai" in after and "Sundar Pichai" not in after


@pytest.mark.django_db
def test_a_merged_or_deleted_actor_is_no_longer_shown(
    actors, superuser, django_capture_on_commit_callbacks
):
    assert shown()["Jeff Bezos"][2] == 2
    with django_capture_on_commit_callbacks(execute=True):
        actor_merge(keep=actors["pichai"], drop=actors["bezos"], by=superuser)
    after = shown()
    assert "Jeff Bezos" not in after
    assert after["Sundar Pichai"][2] == 3  # its own name, and the dropped actor's as aliases
    with django_capture_on_commit_callbacks(execute=True):
        actor_delete(actor=actors["amazon"], by=superuser)
    assert "Amazon" not in shown()

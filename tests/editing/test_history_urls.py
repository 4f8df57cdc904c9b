"""History URLs with an id that cannot be a row's: not found, never a server error."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/abc/history/1/compare/",
        "/admin/articles/article/1.5/history/1/compare/",
        "/admin/articles/article/-1/history/1/compare/",
        "/admin/articles/article/99999999999999999999999/history/1/compare/",
        "/admin/articles/article/abc/history/",
        "/admin/articles/article/abc/history/1/",
        "/admin/articles/section/abc/history/1/compare/",
        "/admin/articles/correction/abc/history/1/compare/",
        "/admin/actors/actor/abc/history/1/compare/",
        "/admin/actors/relationship/abc/history/1/compare/",
        "/admin/actors/relationshipkind/abc/history/1/compare/",
    ],
)
def test_a_history_url_with_an_impossible_id_is_not_found(client, superuser, url):
    client.force_login(superuser)
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code in (404, 302), response.status_code
    if response.status_code == 302:  # the admin's own answer: back to the list, with a message
        assert "abc" not in response["Location"]


def test_a_story_compare_url_for_an_unknown_entry_is_not_found(client, superuser):
    story = ArticleFactory()
    client.force_login(superuser)
    client.raise_request_exception = False
    assert client.get(f"/admin/articles/article/{story.pk}/history/999/compare/").status_code == 404

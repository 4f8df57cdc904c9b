"""The story list: newest first, the export's filters and messages, a cursor to the end."""

import datetime as dt

import pytest
from django.utils import timezone

from api import cursor
from tests.api.conftest import API
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
LIST = f"{API}/stories/"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def errors_of(response, status: int = 400) -> dict[str, str]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"]
    return {error["parameter"]: error["message"] for error in body["errors"]}


def test_newest_first_and_only_what_readers_see(client, api_world):
    assert slugs(client.get(LIST)) == ["musk-bezos-diner", "fusee-nasa", "amazon-markets"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=espace", ["musk-bezos-diner", "fusee-nasa"]),
        ("topic=Milliardaires", ["musk-bezos-diner"]),  # a topic's name, any case
        ("topic=espace&topic=bourse", []),  # every topic asked for
        ("topic=espace,milliardaires", ["musk-bezos-diner"]),
        ("actor=jeff-bezos", ["musk-bezos-diner", "amazon-markets"]),
        ("actor=jeff-bezos&actor=nasa", ["musk-bezos-diner"]),
        ("section=economie", ["amazon-markets"]),
        ("language=en", ["amazon-markets"]),
    ],
)
def test_filters(client, api_world, query, expected):
    assert slugs(client.get(f"{LIST}?{query}")) == expected


def test_date_ranges_are_the_desks_calendar_days(client, api_world):
    day = timezone.localdate(api_world.rocket.publish_at)
    since = slugs(client.get(f"{LIST}?published_since={day}"))
    assert since == ["musk-bezos-diner", "fusee-nasa"]
    assert slugs(client.get(f"{LIST}?published_until={day}")) == ["fusee-nasa", "amazon-markets"]
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assert slugs(client.get(f"{LIST}?updated_until={yesterday}")) == []
    assert len(slugs(client.get(f"{LIST}?updated_since={timezone.localdate()}"))) == 3


def test_unknown_values_are_named_with_the_exports_messages(client, api_world):
    errors = errors_of(client.get(f"{LIST}?topic=nope&actor=nobody&section=sport"))
    assert errors == {
        "topic": 'Unknown tag: "nope".',
        "actor": 'Unknown actor: "nobody".',
        "section": 'Unknown section: "sport".',
    }


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("published_since=9999-12-31", "published_since", "out of range"),
        ("updated_until=0001-01-01", "updated_until", "out of range"),
        ("published_until=31/12/2024", "published_until", "use YYYY-MM-DD"),
        ("published_since=2025-02-01&published_until=2025-01-01", "published_until", "before"),
        ("language=xx", "language", "Unknown value"),
        ("limit=0", "limit", "at least 1"),
        ("limit=101", "limit", "at most 100"),
        ("limit=99999999999999999999999999", "limit", "at most 100"),
        ("limit=ten", "limit", "whole number"),
        ("format=xml", "format", "Unknown value"),
        ("topic=" + "\U0001f4a5" * 300, "topic", "Unknown tag"),
        ("actor=%ED%A0%80", "actor", "Unknown actor"),
    ],
)
def test_bad_values_are_400_naming_the_parameter(client, api_world, query, parameter, message):
    errors = errors_of(client.get(f"{LIST}?{query}"))
    assert message in errors[parameter]


def test_the_cursor_leads_to_the_end(client, api_world):
    for n in range(4):
        ArticleFactory(slug=f"same-time-{n}", publish_at=api_world.rocket.publish_at)
    url, seen = f"{LIST}?limit=2&format=json", []
    while url:
        response = client.get(url)
        seen += slugs(response)
        url = response.json()["next"]
        assert url is None or "limit=2" in url
    assert len(seen) == len(set(seen)) == 7
    assert seen == slugs(client.get(f"{LIST}?limit=100"))


def test_a_tampered_or_malformed_cursor_is_refused(client, api_world):
    following = client.get(f"{LIST}?limit=1").json()["next"]
    token = following.split("cursor=")[1]
    for bad in (token[:-2] + "xx", "garbage", "", "a" * 1000):
        response = client.get(f"{LIST}?cursor={bad}")
        if bad == "":
            assert response.status_code == 200  # no cursor: the first page
            continue
        assert "cursor" in errors_of(response)


def test_the_next_page_is_a_keyset_condition(api_world):
    """No OFFSET: the next page starts where the last story of this one sits."""
    from articles.models import Article

    stories = cursor.after(cursor.ordered(Article.objects.all()), cursor.encode(api_world.rocket))
    sql = str(stories.query).upper()
    assert "OFFSET" not in sql and "PUBLISH_AT" in sql.split("WHERE")[1]


def test_status_needs_an_export_key(client, api_world):
    errors = errors_of(client.get(f"{LIST}?status=draft"))
    assert "export permission" in errors["status"]


def test_an_export_key_reads_every_state(client, api_world, export_key):
    every = slugs(client.get(LIST))
    assert set(every) == {story.slug for story in api_world.public + api_world.hidden}
    assert slugs(client.get(f"{LIST}?status=draft")) == ["brouillon-secret"]
    assert slugs(client.get(f"{LIST}?status=review&status=draft")) == [
        "brouillon-secret",
        "en-relecture",
    ]
    # Undated drafts first, then the follow-on pages: nothing lost or repeated.
    url, seen = f"{LIST}?limit=1", []
    while url:
        response = client.get(url)
        seen += slugs(response)
        url = response.json()["next"]
    assert seen == every

"""The demo newsroom's directories: a reader can browse its actors, topics and sections."""

import re

import pytest

from demo import content as demo

pytestmark = pytest.mark.django_db


def listed(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(
        r'<a class="directory-name" href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def test_the_demo_people_are_listed_by_kind(loaded, client):
    people = listed(client, "/actors/?kind=person")
    assert {"Elon Musk", "Jeff Bezos"} <= set(people)
    assert people == sorted(people)
    organisations = listed(client, "/actors/?kind=organisation")
    assert "Amazon" in organisations and "Elon Musk" not in organisations
    assert "Elon Musk" in listed(client, "/actors/?q=musk")


def test_the_demo_topics_and_sections_are_listed(loaded, client):
    assert [name for _slug, name, _description, _position in demo.SECTIONS] == listed(
        client, "/sections/"
    )
    assert "espace" in listed(client, "/tags/")

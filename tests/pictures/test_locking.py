"""Two editors describe the same picture: the second save is refused, naming the first."""

import pytest

from pictures.models import Picture
from tests.editing.two_editors import both_save, refusal
from tests.pictures.images import make_picture

pytestmark = pytest.mark.django_db


def test_picture_second_save_is_refused_naming_who_and_keeping_the_input():
    picture = make_picture(credit="Photo : Rédaction")

    response = both_save(
        picture, {"credit": ["Photo : Jane Doe / Agence"]}, {"caption": ["Le pas de tir 39A."]}
    )

    message = refusal(response)
    assert "Hélène Garnier changed this" in message
    assert "Credit" in message
    assert "Le pas de tir 39A." in response.content.decode()
    picture = Picture.objects.get(pk=picture.pk)
    assert (picture.credit, picture.caption) == (
        "Photo : Jane Doe / Agence",
        "La fusée avant son lancement.",
    )
    assert picture.version == 2

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English; the desk's default interface is French."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield

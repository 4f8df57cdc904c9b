import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """Every test here reads the desk in English (the english fixture, tests/conftest.py)."""

"""The demo newsroom, loaded as `make demo` loads it (with fast password hashing)."""

import pytest
from django.test import override_settings

from demo.loader import load_demo


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Four accounts are hashed on every load; the production hasher would dominate the run.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def loaded():
    with override_settings(DEBUG=True):
        return load_demo()

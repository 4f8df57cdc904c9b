"""The matrix's data, built once for the whole package and rolled back at its end."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from tests.security.access_matrix.world import build_world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        cache.clear()
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()


@pytest.fixture(scope="package")
def clients(world, django_db_blocker):
    with django_db_blocker.unblock():
        made = {"anonymous": Client()}
        for role, user in world.users.items():
            made[role] = Client()
            made[role].force_login(user)
        return made


@pytest.fixture(scope="package")
def fetched(clients):
    """GET answers, memoised by (role, URL): the data does not change between GET cases."""
    memo = {}

    def fetch(role: str, url: str):
        if (role, url) not in memo:
            memo[role, url] = clients[role].get(url)
        return memo[role, url]

    return fetch

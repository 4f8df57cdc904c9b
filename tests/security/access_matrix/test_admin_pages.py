"""Every admin URL (each model's list, add, change, history, delete, compare, revision and
recover pages, and the site's own) for every role and story state: the permission each needs,
and no unpublished story shown to those who may not see it."""

import pytest

from tests.security.access_matrix.answers import check_answer
from tests.security.access_matrix.rules import matrix_cases

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("key", "role", "state"), list(matrix_cases(admin_site=True)))
def test_admin_page_matrix(world, fetched, key, role, state):
    check_answer(world, fetched, key, role, state)

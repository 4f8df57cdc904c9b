"""Every URL outside the admin (reader pages, feeds, sitemaps, search, previews, exports) for
every role and story state: the answer, and no unpublished story shown to those who may not
see it. Every URL pattern has a rule, or the first test fails."""

import pytest

from tests.security.access_matrix.answers import check_answer
from tests.security.access_matrix.rules import matrix_cases, rule_for, url_keys

pytestmark = pytest.mark.django_db


def test_every_url_pattern_is_classified():
    keys = url_keys()
    unclassified = [key for key in keys if rule_for(key) is None]
    assert not unclassified, (
        "URL patterns with no row in the access matrix (tests/security/access_matrix/rules.py): "
        f"{unclassified}"
    )
    # The walk does reach into the admin, its models and the apps' URLconfs.
    assert {"admin:articles_article_change", "articles:detail", "exports:stories"} <= set(keys)


@pytest.mark.parametrize(("key", "role", "state"), list(matrix_cases(admin_site=False)))
def test_site_page_matrix(world, fetched, key, role, state):
    check_answer(world, fetched, key, role, state)

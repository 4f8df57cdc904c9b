"""The role matrix, continued: services added once tests/security/test_service_matrix.py was
full (the coverage test reads both, and both run every role against every service)."""

import io

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article
from exports.bundle.restoring import bundle_import
from exports.bundle.writing import bundle_export
from tests.factories import ArticleFactory
from tests.security.test_service_matrix import EDITORS, ROLES, Case, user_for


def _bundle_imported(by):
    story = ArticleFactory(tags=["lune"])
    bundle = io.BytesIO()
    bundle_export(queryset=Article.objects.filter(pk=story.pk), out=bundle)
    story.delete()
    bundle.seek(0)
    bundle_import(file=bundle, by=by)
    assert Article.objects.filter(uuid=story.uuid).exists()


SERVICES = {
    # A bundle makes published stories, actors, relationships, sections, topics and pictures.
    "bundle_import": Case(EDITORS, _bundle_imported),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(SERVICES))
def test_service_role_matrix(name, role):
    case = SERVICES[name]
    by = user_for(role)
    if role in case.allowed:
        case.call(by)
    else:
        with pytest.raises(PermissionDenied):
            case.call(by)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(SERVICES))
def test_scripts_may_call_every_service(name):
    SERVICES[name].call(None)

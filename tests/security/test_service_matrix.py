"""Who may call each write service, every role against every service of the cases
(service_cases*.py): allowed roles get the write; the others get PermissionDenied and no
write. Scripts (``by=None``) may call them all."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tests.factories import UserFactory
from tests.security import (
    service_cases,
    service_cases_api,
    service_cases_bundle,
    service_cases_bylines,
    service_cases_desk,
    service_cases_manuscripts,
    service_cases_webhooks,
)
from tests.security.service_cases import GROUPS, ROLES

SERVICES = {
    **service_cases.SERVICES,
    **service_cases_bundle.SERVICES,
    **service_cases_bylines.SERVICES,
    **service_cases_desk.SERVICES,
    **service_cases_manuscripts.SERVICES,
    **service_cases_api.SERVICES,
    **service_cases_webhooks.SERVICES,
}


def user_for(role: str):
    if role == "anonymous":
        return AnonymousUser()
    if role == "superuser":
        return UserFactory(username="root", is_superuser=True)
    return UserFactory(username=role, groups=[GROUPS[role]])


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

"""Two editors open the same admin form; the first saves, then the second."""

from django.test import Client

from tests.admin_forms import change_url, form_values
from tests.factories import UserFactory


def logged_in(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def two_editors() -> tuple[Client, Client]:
    """Hélène Garnier and Paul Roux, both editors, each in their own browser."""
    helene = UserFactory(
        username="helene", first_name="Hélène", last_name="Garnier", groups=["Editor"]
    )
    paul = UserFactory(username="paul", first_name="Paul", last_name="Roux", groups=["Editor"])
    return logged_in(helene), logged_in(paul)


def both_save(obj, hers: dict, his: dict, url: str | None = None):
    """Both load ``obj``'s change form; Hélène saves ``hers``, then Paul saves ``his``.
    Returns Paul's response, after checking that Hélène's save went through."""
    url = url or change_url(obj)
    form_id = f"{obj._meta.model_name}_form"
    first, second = two_editors()
    her_form = form_values(first.get(url), form_id)
    his_form = form_values(second.get(url), form_id)
    saved = first.post(url, {**her_form, **hers})
    assert saved.status_code == 302, saved.context and saved.context["errors"]
    return second.post(url, {**his_form, **his})


def refusal(response) -> str:
    """The conflict message on the refused form (its non-field errors)."""
    assert response.status_code == 200
    return " ".join(response.context["adminform"].form.non_field_errors())

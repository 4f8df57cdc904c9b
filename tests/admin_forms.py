"""Submitting an admin form as a browser would, from the page the test just fetched."""

import lxml.html
from django.urls import reverse


def form_values(response, form_id: str = "article_form") -> dict[str, list[str]]:
    """What a browser would submit for the form ``form_id`` on the page, as a dict of lists
    (the empty inline templates, named ``__prefix__``, are left out as a browser leaves them)."""
    form = lxml.html.fromstring(response.content.decode()).get_element_by_id(form_id)
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        if "__prefix__" not in name:
            values.setdefault(name, []).append(value)
    return values


def change_url(obj) -> str:
    """The admin change page of any registered model's row."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def error_fields(response) -> set[str]:
    """The fields an admin form page marks as wrong (inline fields by their full name)."""
    tree = lxml.html.fromstring(response.content.decode())
    ids = tree.xpath("//ul[contains(concat(' ', @class, ' '), ' errorlist ')]/@id")
    return {value.removeprefix("id_").removesuffix("_error") for value in ids}

"""Filling an admin change form as a browser would: every default the page carries, then ours."""

import lxml.html


def form_defaults(html: str, form_id: str) -> dict[str, list[str]]:
    """The values a browser would submit for the form with ``form_id`` if nothing were typed."""
    form = lxml.html.fromstring(html).get_element_by_id(form_id)
    data: dict[str, list[str]] = {}
    for field in form.inputs:
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        if field.tag == "input" and field.get("type") in ("checkbox", "radio"):
            if field.checked:
                data.setdefault(name, []).append(field.get("value", "on"))
            continue
        if field.tag == "input" and field.get("type") in ("submit", "button", "file"):
            continue
        if field.tag == "select":
            values = field.value if field.multiple else [field.value]
            data[name] = [value for value in values if value is not None]
            continue
        data[name] = [field.value or ""]
    return data


def blank_form(client, url: str, form_id: str) -> dict[str, list[str]]:
    """What the admin page at ``url`` submits untouched (hidden inline management forms too)."""
    page = client.get(url)
    assert page.status_code == 200, url
    return form_defaults(page.content.decode(), form_id)


def error_fields(response) -> set[str]:
    """The fields an admin form page marks as wrong (inline fields by their full name)."""
    tree = lxml.html.fromstring(response.content.decode())
    ids = tree.xpath("//ul[contains(concat(' ', @class, ' '), ' errorlist ')]/@id")
    return {value.removeprefix("id_").removesuffix("_error") for value in ids}

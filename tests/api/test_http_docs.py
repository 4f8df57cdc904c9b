"""The documentation page works under the site's Content-Security-Policy, and the OpenAPI
document describes the story routes a partner starts from."""

import re

import pytest

from tests.api.conftest import API

pytestmark = pytest.mark.django_db


def test_the_docs_page_runs_no_inline_script_and_keeps_the_policy(client):
    response = client.get(f"{API}/docs/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attributes, body in scripts:
        # A file, or JSON data (the settings the init file reads): nothing the policy blocks.
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
        assert "src=" not in attributes or not body.strip()
    assert "style=" not in html.split("<body", 1)[1].split(">", 1)[0]


def test_the_document_describes_the_story_routes_and_keys(client):
    document = client.get(f"{API}/openapi.json").json()
    listing = document["paths"]["/api/v1/stories/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert names >= {
        "topic",
        "actor",
        "section",
        "language",
        "status",
        "published_since",
        "published_until",
        "updated_since",
        "updated_until",
        "cursor",
        "limit",
        "format",
    }
    page = listing["responses"]["200"]["content"]["application/json"]["schema"]
    assert {ref["$ref"].rsplit("/", 1)[1] for ref in page["anyOf"]} == {"StoryPage", "NinjsPage"}
    assert document["components"]["securitySchemes"]
    assert listing["security"]


def test_story_answers_match_their_documented_schemas(client, api_world):
    """The document's own components (not another router's of the same name) describe them."""
    from jsonschema import Draft202012Validator

    document = client.get(f"{API}/openapi.json").json()
    checks = [
        (f"{API}/stories/", "/api/v1/stories/"),
        (f"{API}/stories/?format=ninjs", "/api/v1/stories/"),
        (f"{API}/stories/{api_world.musk_bezos.slug}", "/api/v1/stories/{id_or_slug}"),
    ]
    for url, path in checks:
        responses = document["paths"][path]["get"]["responses"]
        schema = {**responses["200"]["content"]["application/json"]["schema"]}
        schema["components"] = document["components"]
        errors = list(Draft202012Validator(schema).iter_errors(client.get(url).json()))
        assert not errors, [error.message for error in errors][:3]


def test_keys_are_optional_in_the_document(client):
    document = client.get(f"{API}/openapi.json").json()
    for operations in document["paths"].values():
        for operation in operations.values():
            assert {} in operation.get("security", [{}])

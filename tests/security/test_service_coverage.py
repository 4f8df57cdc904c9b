"""Every write service is in the role matrix (tests/security/test_service_matrix.py, which
runs the cases of service_cases*.py).

A service is a public function of a domain app's ``services`` module (or package) that takes
``by``, the user it acts for. A public function there without ``by`` must be listed below as
not a write, so that a new write cannot slip in without its permission rule being tested.
"""

import importlib
import inspect
import pkgutil

from tests.security.test_service_matrix import SERVICES

DOMAIN_APPS = [
    "pictures",
    "actors",
    "contributors",
    "articles",
    "exports",
    "search",
    "desk",
    "demo",
    "webhooks",
    "api",
]

# Public functions of the services modules that write nothing a permission guards.
NOT_WRITES = {
    "actors.services.actors_in_use",  # a question, asked before a delete
    "actors.services.actors_in_use_message",
    "contributors.services.contributor_in_use_message",
    "articles.services.publishing.publication_moves",  # the rule's arithmetic
    "articles.services.topics.topics_check",  # the topics rule: validates, writes nothing
    "articles.services.topics.topics_matching",
    "articles.services.topics.topics_review",
    "articles.services.topics.topics_suggest",
    "articles.services.topics.validate_topics",
    "exports.services.stories_export",  # reads; the export permission is the view's
    "exports.services.stories_export_text",
    "exports.services.stories_in_chunks",
    "exports.services.writer_for",
    "exports.plaintext.parse_plain_text",  # text into a headline and body; writes nothing
    "pictures.services.duplicate_error",
    "pictures.services.duplicate_of",
    "pictures.services.rendition_specs",
    "pictures.services.stories_with_reference",
}


# Services that live with their own machinery, outside an app's services module.
OTHER_SERVICE_MODULES = [
    "actors.authority.loading",
    "exports.bundle.restoring",
    "exports.plaintext",
]


def services_modules():
    yield from map(importlib.import_module, OTHER_SERVICE_MODULES)
    for app in DOMAIN_APPS:
        try:
            module = importlib.import_module(f"{app}.services")
        except ModuleNotFoundError:
            continue
        yield module
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            if info.name.startswith("_"):
                continue  # the package's own plumbing, called by its services
            yield importlib.import_module(f"{module.__name__}.{info.name}")


def public_functions():
    for module in services_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and function.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", function


def test_every_write_service_is_in_the_role_matrix():
    covered = {key.split("[")[0] for key in SERVICES}
    services = {
        path: function
        for path, function in public_functions()
        if "by" in inspect.signature(function).parameters
    }
    missing = sorted(path for path, f in services.items() if f.__name__ not in covered)
    assert not missing, f"services missing from the role matrix: {missing}"
    assert len(services) >= 25  # the discovery found the services packages


def test_every_other_public_function_is_known_not_to_write():
    unclassified = sorted(
        path
        for path, function in public_functions()
        if "by" not in inspect.signature(function).parameters and path not in NOT_WRITES
    )
    assert not unclassified, (
        f"public functions in services modules without by= (add by= and a row in the role "
        f"matrix, or list them in NOT_WRITES if they write nothing): {unclassified}"
    )


def test_every_service_takes_by_as_a_keyword():
    positional = sorted(
        path
        for path, function in public_functions()
        if (p := inspect.signature(function).parameters.get("by")) is not None
        and p.kind is not inspect.Parameter.KEYWORD_ONLY
    )
    assert not positional, positional

"""The role matrix's cases (run by test_service_matrix.py), continued for manuscripts: a
plain-text, Markdown or Word file made a draft (``manage.py import_article`` and the desk's
upload page) by whoever writes stories; tagging the actors it names asks the tag permission
too, which writers have."""

from exports.plaintext import article_import_text
from tests.factories import ActorFactory
from tests.security.service_cases import WRITERS, Case


def _imported_and_tagged(by):
    ActorFactory(name="Ada Lovelace")
    article, _suggestions = article_import_text(
        text="Ada Lovelace à Londres\n\nAda Lovelace publie ses notes.", tag_suggested=True, by=by
    )
    assert article.actor_tags.count() == 1


SERVICES: dict[str, Case] = {
    "article_import_text": Case(
        WRITERS, lambda by: article_import_text(text="Un titre\n\nLe texte.", by=by)
    ),
    "article_import_text[tagged]": Case(WRITERS, _imported_and_tagged),
}

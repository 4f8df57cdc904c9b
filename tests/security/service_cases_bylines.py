"""The role matrix's cases (run by test_service_matrix.py), continued for who signs stories:
contributors (editors keep the list) and bylines (whoever writes the story; on a live story,
those who may publish)."""

from articles import services as articles
from articles.models import Byline
from contributors import services as contributors
from tests.factories import ContributorFactory, sign
from tests.security.service_cases import (
    EDITORS,
    WRITERS,
    Case,
    _draft,
    _published,
)


def _contributor_saved(by):
    contributor = ContributorFactory()
    contributor.bio = "Correspondante à Washington."
    contributors.contributor_save(contributor=contributor, by=by)


def _byline_row(article):
    return Byline(article=article, contributor=ContributorFactory())


def _signed(article):
    sign(article, ContributorFactory())
    return article.bylines.get()


SERVICES: dict[str, Case] = {
    "contributor_create": Case(
        EDITORS, lambda by: contributors.contributor_create(name="Léa Fontaine", by=by)
    ),
    "contributor_save": Case(EDITORS, _contributor_saved),
    "contributor_delete": Case(
        EDITORS,
        lambda by: contributors.contributor_delete(contributor=ContributorFactory(), by=by),
    ),
    "article_set_byline": Case(
        WRITERS,
        lambda by: articles.article_set_byline(
            article=_draft(), contributors=[ContributorFactory()], by=by
        ),
    ),
    "article_set_byline[live]": Case(
        EDITORS,
        lambda by: articles.article_set_byline(
            article=_published(), contributors=[ContributorFactory()], by=by
        ),
    ),
    "byline_save": Case(
        WRITERS, lambda by: articles.byline_save(byline=_byline_row(_draft()), by=by)
    ),
    "byline_save[live]": Case(
        EDITORS, lambda by: articles.byline_save(byline=_byline_row(_published()), by=by)
    ),
    "byline_delete": Case(
        WRITERS, lambda by: articles.byline_delete(byline=_signed(_draft()), by=by)
    ),
    "byline_delete[live]": Case(
        EDITORS, lambda by: articles.byline_delete(byline=_signed(_published()), by=by)
    ),
}

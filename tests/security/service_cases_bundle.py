"""The role matrix's cases, continued: the bundle import (run by test_service_matrix.py)."""

import io

from articles.models import Article
from exports.bundle.restoring import bundle_import
from exports.bundle.writing import bundle_export
from tests.factories import ArticleFactory
from tests.security.service_cases import EDITORS, Case


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

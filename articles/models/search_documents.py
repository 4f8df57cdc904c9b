"""The stored full-text search vector of a story (PostgreSQL)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.stories import Article


class SearchDocument(models.Model):
    """A story's full-text search vector, stored so that search never recomputes it.

    PostgreSQL only: a trigger on the stories table writes it whenever the headline,
    standfirst, body or language change (migration 0006, search.query.TRIGGER_SQL), so
    every way of writing a story (the admin, imports, COPY in the corpus generator) keeps it
    current; a GIN index on it answers the reader's queries. The row lives in its own table
    so that the ORM never loads or writes the vector along with the story. SQLite search
    does not use it (see search.query).
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("story"),
    )
    document = SearchVectorField(_("search vector"), null=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        default_permissions = ()

    def __str__(self):
        return str(self.article_id)

"""Related stories ranked once, when the stories they are drawn from change.

A story's related stories come from the lists of its actors and topics (``stories:actor:4``,
``stories:topic:9``, the cache tags of articles.cachetags). Each committed change stamps the
lists it retires in ``ListChange`` with a new token; a stored ranking holds a digest of the
tokens of its story's lists, read before it was computed, and is used while that digest
still matches and no scheduled story has gone public since. Nothing is recomputed for
stories nobody reads, and a busy actor's change costs one row, not one per story tagging it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListChange(models.Model):
    """The latest change to one list of stories (a cache tag), as an opaque token."""

    key = models.CharField(_("list"), max_length=100, primary_key=True)
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("list change")
        verbose_name_plural = _("list changes")

    def __str__(self):
        return self.key


class RelatedRanking(models.Model):
    """A story's best related candidates, best first, with what each shares with it.

    ``entries`` holds ``[story id, [shared actor ids], [shared topic ids]]`` rows; readers
    only ever see those of them that are public when the page is rendered.
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="related_ranking",
        verbose_name=_("story"),
    )
    digest = models.CharField(_("digest"), max_length=32)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    entries = models.JSONField(_("entries"), default=list)

    class Meta:
        verbose_name = _("related ranking")
        verbose_name_plural = _("related rankings")

    def __str__(self):
        return str(self.article_id)

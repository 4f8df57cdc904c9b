"""Who signs a story, in order. Like tags and links, a byline on a live story changes only
by those who may publish (require_live_edit): readers see it at once."""

from collections.abc import Iterable

import reversion
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Article, Byline
from articles.services.proposals import require_live_edit
from common.services import require, revision


@transaction.atomic
def article_set_byline(*, article: Article, contributors: Iterable, by=None) -> list[Byline]:
    """Sign ``article`` with ``contributors``, in this order, and with them alone (imports,
    the demo, scripts). A byline already so is left alone: no write, no history entry."""
    contributors = list(dict.fromkeys(contributors))  # once each, first place kept
    rows = list(article.bylines.all())
    if [row.contributor_id for row in rows] == [c.pk for c in contributors]:
        return rows
    require(by, "articles.change_byline" if rows else "articles.add_byline")
    require_live_edit(article=article, by=by)
    kept = {row.contributor_id: row for row in rows}
    gone = [row for row in rows if row.contributor_id not in {c.pk for c in contributors}]
    if gone:
        require(by, "articles.delete_byline")
    names = ", ".join(str(contributor) for contributor in contributors) or "—"
    with revision(by=by, comment=_("Byline: %(names)s") % {"names": names}):
        for row in gone:
            row.delete()
        result = []
        for position, contributor in enumerate(contributors):
            row = kept.get(contributor.pk) or Byline(article=article, contributor=contributor)
            if row.pk is None or row.position != position:
                row.position = position
                row.full_clean()
                row.save()
            result.append(row)
        reversion.add_to_revision(article)
    return result


# The story form's inline rows (ArticleAdmin.inline_services). The story's lock version is
# the form's to claim.


def byline_save(*, byline: Byline, by=None) -> Byline:
    require(by, "articles.change_byline" if byline.pk else "articles.add_byline")
    require_live_edit(article=byline.article, by=by)
    byline.full_clean()
    byline.save()
    return byline


def byline_delete(*, byline: Byline, by=None) -> None:
    require(by, "articles.delete_byline")
    require_live_edit(article=byline.article, by=by)
    byline.delete()

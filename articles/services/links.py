"""Links from a story to the rows around it: tagged actors and related stories.

On a live story they change only by those who may publish (require_live_edit): readers
see a tag or a link at once.
"""

import reversion
from django.db import transaction
from django.utils.translation import gettext as _

from actors.models import Actor
from actors.services import actor_create
from articles.models import Article, ArticleActor, RelatedArticle
from articles.services._rows import last_position
from articles.services.proposals import require_live_edit
from common.services import require, revision
from common.text import fold


@transaction.atomic
def article_tag_actor(
    *, article: Article, actor: Actor, role: str = ArticleActor.Role.MENTIONS, by=None
) -> ArticleActor:
    """Tag an actor on a story (or change the role of an existing tag), placed last.

    The story's lock version does not move: a tag is its own row, and an editor with the
    story open (who may have just clicked a suggestion) must still be able to save.
    """
    require(by, "articles.add_articleactor")
    require_live_edit(article=article, by=by)
    comment = _("Tagged %(actor)s (%(role)s)") % {
        "actor": actor,
        "role": ArticleActor.Role(role).label,
    }
    with revision(by=by, comment=comment):
        tag = ArticleActor.objects.filter(article=article, actor=actor).first()
        if tag is None:
            tag = ArticleActor(
                article=article,
                actor=actor,
                role=role,
                position=last_position(article.actor_tags) + 1,
            )
            tag.full_clean()
            tag.save()
        elif tag.role != role:
            tag.role = role
            tag.full_clean()
            tag.save(update_fields=["role"])
        reversion.add_to_revision(article)
    return tag


@transaction.atomic
def article_tag_new_actor(
    *, article: Article, name: str, kind: str, role: str = ArticleActor.Role.MENTIONS, by=None
) -> ArticleActor:
    """Create an actor the story names and tag it; one of that name and kind made meanwhile
    (by someone else, or a second click) is only tagged."""
    require(by, "articles.add_articleactor")
    require_live_edit(article=article, by=by)  # before an actor is made for nothing
    actor = Actor.objects.filter(name_folded=fold(name), kind=kind).first()
    # Not listed: readers meet it once a public story tags it (draft secrecy).
    actor = actor or actor_create(name=name.strip(), kind=kind, listed=False, by=by)
    return article_tag_actor(article=article, actor=actor, role=role, by=by)


@transaction.atomic
def article_link_related(*, article: Article, related: Article, by=None) -> RelatedArticle:
    """Link two stories (shown from both ends); linking twice, either way, is a no-op."""
    existing = (
        RelatedArticle.objects.filter(from_article=article, to_article=related).first()
        or RelatedArticle.objects.filter(from_article=related, to_article=article).first()
    )
    require_live_edit(article=article, by=by)
    if existing is not None:
        return existing
    require(by, "articles.add_relatedarticle")
    with revision(by=by, comment=_("Linked %(story)s") % {"story": related}):
        link = RelatedArticle(
            from_article=article,
            to_article=related,
            position=last_position(article.related_links) + 1,
        )
        link.full_clean()
        link.save()
        reversion.add_to_revision(article)
    return link


# The story form's inlines (ArticleAdmin.inline_services): one row each, called by the row's
# model name. The story's lock version is the form's to claim.


def _row_write(row, by, perm: str, article: Article) -> None:
    require(by, perm)
    require_live_edit(article=article, by=by)
    row.full_clean()
    row.save()


def article_actor_save(*, articleactor: ArticleActor, by=None) -> ArticleActor:
    perm = "articles.change_articleactor" if articleactor.pk else "articles.add_articleactor"
    _row_write(articleactor, by, perm, articleactor.article)
    return articleactor


def article_actor_delete(*, articleactor: ArticleActor, by=None) -> None:
    require(by, "articles.delete_articleactor")
    require_live_edit(article=articleactor.article, by=by)
    articleactor.delete()


def related_article_save(*, relatedarticle: RelatedArticle, by=None) -> RelatedArticle:
    perm = "articles.change_relatedarticle" if relatedarticle.pk else "articles.add_relatedarticle"
    _row_write(relatedarticle, by, perm, relatedarticle.from_article)
    return relatedarticle


def related_article_delete(*, relatedarticle: RelatedArticle, by=None) -> None:
    require(by, "articles.delete_relatedarticle")
    require_live_edit(article=relatedarticle.from_article, by=by)
    relatedarticle.delete()

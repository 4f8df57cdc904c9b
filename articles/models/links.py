"""What a story links to: tagged actors, related stories and the slugs it used to have."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from actors.models import Actor


class ArticleActor(models.Model):
    class Role(models.TextChoices):
        ABOUT = "about", _("about")
        MENTIONS = "mentions", _("mentions")
        QUOTED = "quoted", _("quoted")

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="actor_tags",
        verbose_name=_("story"),
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="article_tags", verbose_name=_("actor")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MENTIONS)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("tagged actor")
        verbose_name_plural = _("tagged actors")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "actor"],
                name="article_actor_unique",
                violation_error_message=_("This actor is already tagged on this story."),
            ),
        ]
        indexes = [models.Index(fields=["actor", "article"])]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()})"


class RelatedArticle(models.Model):
    """An editor-picked link between two stories, shown from both ends."""

    from_article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="related_links",
        verbose_name=_("story"),
    )
    to_article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="related_backlinks",
        verbose_name=_("related story"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("related story")
        verbose_name_plural = _("related stories")
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"],
                name="related_article_unique",
                violation_error_message=_("These stories are already linked."),
            ),
            models.CheckConstraint(
                condition=~Q(from_article=F("to_article")),
                name="related_article_not_self",
                violation_error_message=_("A story cannot be related to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.from_article} → {self.to_article}"


class ArticleOldSlug(models.Model):
    """A slug a story no longer uses: its old URL answers 301 to the story's current one."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="old_slugs",
        verbose_name=_("story"),
    )
    # Unique: an old URL leads to one story, the last one that left it.
    slug = models.SlugField(_("old slug"), max_length=250, unique=True)
    created_at = models.DateTimeField(_("retired"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")

    def __str__(self):
        return self.slug

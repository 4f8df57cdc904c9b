"""Stories, and the one definition of a public story."""

import uuid
from functools import cached_property

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag

from actors.models import Actor
from articles.models.bylines import Byline
from articles.models.corrections import Correction
from articles.models.links import ArticleActor, RelatedArticle
from articles.models.sections import Section, TaggedArticle
from articles.rendering import render_markdown
from common.slugs import unique_slug

# Related-story suggestions: the newest stories of each shared actor or topic are candidates.
RECENT_PER_KEY = 50
MAX_SHARED_KEYS = 20
# What ranking and listing a related story read: its headline and standfirst for shared
# words, never its body.
RELATED_FIELDS = ("title", "standfirst", "slug", "language", "publish_at", "section")
# A story's byline in order, its contributors with it (one query for any number of stories);
# read through ``Article.byline_contributors``.
BYLINES = Prefetch("bylines", queryset=Byline.objects.select_related("contributor"))


def recent_sharing(actor_ids, tag_ids) -> RawSQL:
    """The ids of the newest stories (by id) tagging each actor and each topic, in one query.

    One LIMITed branch per actor and topic, read backwards along the (actor, article) and
    (tag, story) indexes, joined by UNION ALL: a few hundred ids at most, whatever the size
    of the archive.
    """
    branches, params = [], []
    for table, key, story in (
        (ArticleActor._meta.db_table, "actor_id", "article_id"),
        (TaggedArticle._meta.db_table, "tag_id", "content_object_id"),
    ):
        for value in actor_ids if key == "actor_id" else tag_ids:
            # Identifiers from the models' metadata; the only values are parameters.
            alias = f"r{len(branches)}"
            inner = f"SELECT {story} AS story FROM {table} WHERE {key} = %s"  # noqa: S608
            newest = f"{inner} ORDER BY {story} DESC LIMIT {RECENT_PER_KEY}"
            branches.append(f"SELECT {alias}.story FROM ({newest}) AS {alias}")  # noqa: S608
            params.append(value)
    return RawSQL(" UNION ALL ".join(branches), params)  # noqa: S611 - see above


def public_q(now=None) -> Q:
    """Stories a reader may see: the one definition of "public" (``story_is_public`` is the
    same rule on one story's values, for rows already loaded)."""
    return Q(status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now())


def story_is_public(status: str, publish_at, now=None) -> bool:
    """``public_q`` on one story's status and publication time."""
    return (
        status == Article.Status.PUBLISHED
        and publish_at is not None
        and publish_at <= (now or timezone.now())
    )


# The longest body a story may have, in characters (see Article.body).
BODY_MAX_LENGTH = 200_000


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(public_q(now))

    def next_scheduled_publication(self):
        """When the next scheduled story goes public (None when none is waiting)."""
        return (
            self.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )

    def for_listing(self):
        return self.select_related("section", "lead_image").prefetch_related(
            BYLINES, "lead_image__renditions"
        )

    def for_detail(self):
        return self.select_related("section", "lead_image").prefetch_related(
            BYLINES,
            "lead_image__renditions",
            "tags",
            Prefetch(
                "corrections", queryset=Correction.objects.public(), to_attr="public_corrections"
            ),
            models.Prefetch("actor_tags", queryset=ArticleActor.objects.select_related("actor")),
        )

    def tagging(self, actor):
        return self.filter(actor_tags__actor=actor)

    def signed_by(self, contributor):
        return self.filter(bylines__contributor=contributor)

    def newest_first(self):
        return self.order_by("-publish_at", "-id")

    def in_section(self, section):
        return self.filter(section=section)

    def tagged_with(self, tag):
        return self.filter(tagged_items__tag=tag)

    def topics(self):
        """The tags these stories use: on published(), the tags readers may see.

        Asked tag by tag (does one of these stories use it?): the distinct tags of every
        story's taggings took 0.7 s at a million stories.
        """
        used = TaggedArticle.objects.filter(tag=OuterRef("pk"), content_object__in=self)
        return Tag.objects.filter(Exists(used))

    def redirected_from(self, slug: str):
        """Stories that used to live at ``slug`` (for the 301 to where they live now)."""
        return self.filter(old_slugs__slug=slug)

    def free_slug(self, title: str) -> str:
        """A slug for a new story with this headline that none of these stories has or had:
        a new story never takes over an old URL's 301."""
        return unique_slug(title, queryset=self, retired=self.redirected_from, fallback="article")

    def for_feed(self):
        return self.for_listing().prefetch_related("tags")

    def published_since(self, since):
        """For the Google News sitemap: first published after ``since``."""
        return self.filter(publish_at__gte=since)

    def sharing_with(self, *, actor_ids, tag_ids):
        """Stories sharing tagged actors or topics with another, most in common first.

        "Most in common" (an actor counts twice a topic) only chooses which candidates to
        load; ``articles.related.rank`` orders them for readers and editors alike.

        Only the most recent stories of each shared actor and topic are candidates
        (``recent_sharing``), so the cost does not grow with the archive: a busy actor may
        be tagged in a fifth of a million stories. Counted in subqueries so that the joins do
        not multiply rows; each result carries ``shared_actor_tags`` and ``shared_topics``,
        the reasons it is suggested.
        """
        actor_ids, tag_ids = list(actor_ids)[:MAX_SHARED_KEYS], list(tag_ids)[:MAX_SHARED_KEYS]
        if not actor_ids and not tag_ids:
            return self.none()
        shared_actors = (
            ArticleActor.objects.filter(article=OuterRef("pk"), actor__in=actor_ids)
            .order_by()
            .values("article")
            .annotate(n=Count("pk"))
            .values("n")
        )
        shared_tags = (
            TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag__in=tag_ids)
            .order_by()
            .values("content_object")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.filter(pk__in=recent_sharing(actor_ids, tag_ids))
            .annotate(
                shared_actor_count=Coalesce(Subquery(shared_actors), 0),
                shared_tag_count=Coalesce(Subquery(shared_tags), 0),
            )
            .filter(Q(shared_actor_count__gt=0) | Q(shared_tag_count__gt=0))
            .select_related("section")
            .only(*RELATED_FIELDS)
            .prefetch_related(
                Prefetch(
                    "actor_tags",
                    queryset=ArticleActor.objects.filter(actor__in=actor_ids).select_related(
                        "actor"
                    ),
                    to_attr="shared_actor_tags",
                ),
                Prefetch(
                    "tagged_items",
                    queryset=TaggedArticle.objects.filter(tag__in=tag_ids).select_related("tag"),
                    to_attr="shared_topics",
                ),
            )
            .order_by(
                (F("shared_actor_count") * 2 + F("shared_tag_count")).desc(), "-publish_at", "-id"
            )
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        PUBLISHED = "published", _("published")

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")

    # Stable identity across databases: exports carry it and imports match on it.
    uuid = models.UUIDField(_("stable id"), default=uuid.uuid4, unique=True, editable=False)
    kicker = models.CharField(_("kicker"), max_length=120, blank=True)
    title = models.CharField(_("headline"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(
        _("body"),
        blank=True,
        # About 30,000 words, twice a long investigation. Hostile Markdown costs up to 30 µs a
        # character to render, and the body is rendered on every save: a 2 MB body would
        # hold a worker for a minute.
        validators=[MaxLengthValidator(BODY_MAX_LENGTH)],
        help_text=_(
            "Markdown. To show a picture from the library, put [[picture:42]] on a line of "
            "its own (42 is the picture's number in the library)."
        ),
    )
    # The body rendered to sanitised HTML when the story is saved, so that pages, feeds and
    # exports do not render Markdown on every read (articles.rendering).
    body_rendered = models.TextField(_("rendered body"), blank=True, editable=False)
    # PROTECT: deleting a picture must not silently strip live stories of their image (and
    # their og:image); the admin lists the stories to change first.
    lead_image = models.ForeignKey(
        "pictures.Picture",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_of",
        verbose_name=_("lead image"),
        help_text=_("Shown above the story, in lists, feeds and when the story is shared."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FRENCH
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
        verbose_name=_("section"),
    )
    # Who signs the story, in order (Byline.position): read byline_contributors.
    contributors = models.ManyToManyField(
        "contributors.Contributor",
        through=Byline,
        related_name="articles",
        blank=True,
        verbose_name=_("byline"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("A future time schedules the story; empty means now when published."),
    )
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    canonical_url = models.URLField(
        _("canonical URL"), blank=True, help_text=_("Only for syndicated copy published elsewhere.")
    )
    actors = models.ManyToManyField(
        Actor, through="ArticleActor", related_name="articles", blank=True, verbose_name=_("actors")
    )
    related = models.ManyToManyField(
        "self",
        through="RelatedArticle",
        through_fields=("from_article", "to_article"),
        symmetrical=False,
        blank=True,
        related_name="related_from",
        verbose_name=_("related stories"),
    )
    tags = TaggableManager(_("tags"), through=TaggedArticle, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published story needs a publication time."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"]),
            models.Index(fields=["section", "status", "publish_at"]),
            # The desk's story list, newest first over every status (the model's ordering).
            models.Index(fields=["-publish_at", "-id"], name="article_desk_order"),
        ]
        permissions = [
            ("publish_article", _("Can publish and unpublish stories")),
            ("export_article", _("Can export stories")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = Article.objects.free_slug(self.title)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_rendered = render_markdown(self.body)
            self.__dict__.pop("body_html", None)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_rendered"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def get_preview_url(self):
        """Where staff read a story readers cannot see yet."""
        return reverse("articles:preview", kwargs={"uuid": self.uuid})

    @cached_property
    def body_html(self) -> str:
        """The sanitised HTML of the body: stored at save time, rendered only if missing."""
        if self.body_rendered or not self.body:
            return self.body_rendered
        return render_markdown(self.body)

    def related_public(self):
        """Editor-picked related stories, from either end of the link, readers only.

        The ids of both ends come from a union of two index look-ups: an OR across the two
        joins read the whole stories table (1.4 s at a million stories).
        """
        linked = (
            RelatedArticle.objects.filter(from_article=self)
            .order_by()
            .values_list("to_article_id", flat=True)
            .union(
                RelatedArticle.objects.filter(to_article=self)
                .order_by()
                .values_list("from_article_id", flat=True)
            )
        )
        return (
            Article.objects.published()
            .filter(pk__in=linked)
            .exclude(pk=self.pk)
            .select_related("section")
            .newest_first()
        )

    @property
    def byline_contributors(self) -> list:
        """The contributors who sign the story, in byline order; from the prefetch of
        ``for_listing()``/``for_detail()`` when there was one."""
        if "bylines" in getattr(self, "_prefetched_objects_cache", {}):
            rows = self.bylines.all()
        else:
            rows = self.bylines.select_related("contributor")
        return [row.contributor for row in rows]

    @property
    def is_public(self) -> bool:
        return story_is_public(self.status, self.publish_at)

    @property
    def is_scheduled(self) -> bool:
        """Published, waiting for its time."""
        published = self.status == self.Status.PUBLISHED and self.publish_at is not None
        return published and not self.is_public

    @property
    def last_changed(self):
        """When the story last changed for readers: never before its publication (pages,
        feeds, sitemaps and JSON-LD all say this)."""
        if self.publish_at and self.publish_at > self.updated_at:
            return self.publish_at
        return self.updated_at

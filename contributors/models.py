"""Who signs stories: reporters, photographers, correspondents, agencies.

A byline is not a login: a freelancer or an agency ("AFP") signs stories without a user
account; a contributor who is also on the desk may be linked to theirs. Stories are in the
layer above (``articles.Byline`` orders a story's contributors), named at call time.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.slugs import unique_slug


class ContributorQuerySet(models.QuerySet):
    def public(self):
        """Contributors readers may see: the one definition of a public contributor, one who
        signs at least one public story. Nothing known only from a draft reaches readers."""
        Article = apps.get_model("articles", "Article")  # the layer above, named at call time
        signed = Article.objects.published().filter(bylines__contributor=OuterRef("pk"))
        return self.filter(Exists(signed))

    def redirected_from(self, slug: str):
        """The contributor who left ``slug``, for the 301 from their old page."""
        return self.filter(redirects__old_slug=slug)

    def free_slug(self, name: str) -> str:
        """A slug for a new contributor with this name that none of these has or had: a new
        contributor never takes over an old page's 301."""
        return unique_slug(
            name, queryset=self, retired=self.redirected_from, fallback="contributor"
        )


class Contributor(models.Model):
    class Role(models.TextChoices):
        REPORTER = "reporter", _("reporter")
        PHOTOGRAPHER = "photographer", _("photographer")
        CORRESPONDENT = "correspondent", _("correspondent")
        COLUMNIST = "columnist", _("columnist")
        EDITOR = "editor", _("editor")
        ILLUSTRATOR = "illustrator", _("illustrator")
        AGENCY = "agency", _("agency")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    bio = models.CharField(
        _("short bio"),
        max_length=500,
        blank=True,
        help_text=_("A sentence or two, shown on the contributor's page."),
    )
    # PROTECT, as for an actor's portrait: a picture in use is not deleted from under a page.
    portrait = models.ForeignKey(
        "pictures.Picture",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of_contributor",
        verbose_name=_("portrait or logo"),
    )
    # Optional: a byline outlives the account (SET_NULL), and most freelancers have none.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
        verbose_name=_("user account"),
        help_text=_("Only for contributors who also work in this newsroom's desk."),
    )
    # The optimistic lock (editing.locking): bumped by every save through a form.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContributorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = Contributor.objects.free_slug(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("contributors:detail", kwargs={"slug": self.slug})


class ContributorRedirect(models.Model):
    """A slug a contributor left: their old page (and its links, its feed subscriptions)
    answers 301 to the new one."""

    # Unique: an old URL leads to one contributor.
    old_slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    contributor = models.ForeignKey(
        Contributor,
        on_delete=models.CASCADE,
        related_name="redirects",
        verbose_name=_("contributor"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("contributor redirect")
        verbose_name_plural = _("contributor redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.contributor}"

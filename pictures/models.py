import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The renditions every picture gets (pictures.services makes them once, at upload). Widths
# for list thumbnails, phones, tablets and desktops, in WebP; and the 1.91:1 card that social
# networks and search engines show, in JPEG, which every crawler reads.
WIDTHS = (240, 480, 800, 1200)
SOCIAL = "social"
SOCIAL_SIZE = (1200, 630)


def width_spec(width: int) -> str:
    return f"w{width}"


class PictureQuerySet(models.QuerySet):
    def with_renditions(self):
        return self.prefetch_related("renditions")


class Picture(models.Model):
    """An image in the library: the master file (re-encoded without metadata) and its credits.

    Stories and actors point to it by id: a story body says ``[[picture:42]]``, which keeps
    working whatever happens to the file's name, the caption or the story's slug.
    """

    # Stable identity across databases: exports carry it, imports match on it.
    uuid = models.UUIDField(_("stable id"), default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(_("file"), max_length=255, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_(
            "What the picture shows, for readers who cannot see it (screen readers, "
            "images turned off). Not the caption."
        ),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, blank=True, help_text=_("For example: Photo: Jane Doe / AFP.")
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the picture comes from: agency, handout, archive, own work."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    format = models.CharField(_("format"), max_length=10, editable=False)
    # sha256 of the uploaded bytes: uploading the same file twice finds the first copy.
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The optimistic lock (editing.locking): bumped by every save through a form.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = PictureQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    def __str__(self):
        label = self.alt_text if len(self.alt_text) <= 60 else self.alt_text[:59] + "…"
        return f"{label} (#{self.pk})" if self.pk else label

    @property
    def reference(self) -> str:
        """What an editor types in a story body to show this picture there."""
        return f"[[picture:{self.pk}]]"

    @property
    def media_type(self) -> str:
        return {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}.get(self.format, "")

    def _renditions(self) -> dict:
        # From the prefetch when there is one (pages, feeds, exports), else one query, once.
        if "_rendition_cache" not in self.__dict__:
            self._rendition_cache = {r.spec: r for r in self.renditions.all()}
        return self._rendition_cache

    def widths(self) -> list["Rendition"]:
        """The width renditions, narrowest first, for ``srcset``."""
        found = [r for r in self._renditions().values() if r.spec != SOCIAL]
        return sorted(found, key=lambda rendition: rendition.width)

    def rendition(self, spec: str) -> "Rendition | None":
        return self._renditions().get(spec)

    @property
    def social(self) -> "Rendition | None":
        return self.rendition(SOCIAL)

    def best_for(self, width: int) -> "Rendition | None":
        """The narrowest width rendition at least ``width`` wide (or the widest there is)."""
        widths = self.widths()
        return next((r for r in widths if r.width >= width), widths[-1] if widths else None)


class Rendition(models.Model):
    """A resized, re-encoded, metadata-free version of a picture, made once and kept."""

    picture = models.ForeignKey(
        Picture, on_delete=models.CASCADE, related_name="renditions", verbose_name=_("picture")
    )
    spec = models.CharField(_("rendition"), max_length=20)  # w480, w800, social…
    file = models.FileField(_("file"), max_length=255)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    media_type = models.CharField(_("media type"), max_length=30)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        ordering = ["picture", "width", "spec"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(fields=["picture", "spec"], name="rendition_unique_spec")
        ]

    def __str__(self):
        return f"{self.spec} {self.width}×{self.height}"

    @property
    def url(self) -> str:
        return self.file.url

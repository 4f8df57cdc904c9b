import datetime

from django.apps import apps
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from common.slugs import unique_slug
from common.text import fold

wikidata_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", _("A Wikidata id looks like Q317521: the letter Q and digits.")
)
currency_validator = RegexValidator(
    r"^[A-Z]{3}$", _("Use a three-letter ISO 4217 code such as USD or EUR.")
)
# Where the A–Z directory files names that do not begin with a letter.
OTHER_INITIAL = "#"


class ActorQuerySet(models.QuerySet):
    def public(self):
        """Actors readers may see: the one definition of a public actor.

        An actor is public when an editor listed it, when a public story tags it, or when it
        is party to a public relationship. An actor created from a story's panel (or by an
        import) is not listed: nothing known only from an unpublished story reaches readers.
        """
        Article = apps.get_model("articles", "Article")  # the layer above, named at call time
        tagged = Article.objects.published().filter(actor_tags__actor=OuterRef("pk"))
        related = Relationship.objects.public().filter(
            Q(source=OuterRef("pk")) | Q(target=OuterRef("pk"))
        )
        return self.filter(Q(listed=True) | Exists(tagged) | Exists(related))

    def filed_under(self, letter: str):
        """The A–Z directory's letter ("e" files "Élysée"); OTHER_INITIAL files the names
        that begin with a digit or a sign. Read from the folded name and its index."""
        if letter == OTHER_INITIAL:
            return self.exclude(name_folded__regex=r"^[a-z]")
        return self.filter(name_folded__startswith=fold(letter)[:1])

    def named_like(self, text: str):
        """Name or one of its aliases containing ``text``, whatever its case and accents."""
        folded = fold(text)
        aliases = Alias.objects.filter(folded__contains=folded).values("actor_id")
        return self.filter(Q(name_folded__contains=folded) | Q(pk__in=aliases))

    def most_covered(self, *, since):
        """Annotated with ``recent_stories``, the public stories tagging each actor since
        ``since``; only actors such a story tags, most covered first."""
        Article = apps.get_model("articles", "Article")  # the layer above, named at call time
        recent = Article.objects.published().filter(publish_at__gte=since)
        return (
            self.filter(article_tags__article__in=recent.values("pk"))
            .annotate(recent_stories=models.Count("article_tags"))
            .order_by("-recent_stories", "name_folded", "pk")
        )

    def redirected_from(self, slug: str):
        """The actor an old slug now leads to (after a merge), for the 301 from its old URL."""
        return self.filter(redirects__old_slug=slug)

    def free_slug(self, name: str) -> str:
        """A slug for a new actor with this name that none of these actors has or had: a new
        actor never takes over an old URL's 301."""
        return unique_slug(name, queryset=self, retired=self.redirected_from, fallback="actor")


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")
        PLACE = "place", _("place")
        EVENT = "event", _("event")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    sort_name = models.CharField(
        _("sort name"), max_length=200, blank=True, help_text=_("For example: Musk, Elon.")
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    wikidata_id = models.CharField(
        _("Wikidata id"), max_length=20, blank=True, validators=[wikidata_validator]
    )
    website = models.URLField(_("website"), blank=True)
    # PROTECT, as for a story's lead image: a picture in use is not deleted from under a page.
    portrait = models.ForeignKey(
        "pictures.Picture",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
        verbose_name=_("portrait or logo"),
    )
    listed = models.BooleanField(
        _("listed"),
        default=True,
        help_text=_(
            "Readers see this actor's page even before a published story tags it. Actors "
            "created from a story's panel wait for that story."
        ),
    )
    # Case- and accent-folded name, kept in step by save(), for search that ignores accents.
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="actor_unique_wikidata_id",
                violation_error_message=_("Another actor already has this Wikidata id."),
            ),
        ]
        permissions = [("merge_actor", _("Can merge duplicate actors"))]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = Actor.objects.free_slug(self.name)
        self.name_folded = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_folded"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actors:detail", kwargs={"slug": self.slug})

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class ActorRedirect(models.Model):
    """The slug of an actor merged into another: its old URL answers 301 to the kept one."""

    # Unique: an old URL leads to one actor.
    old_slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("actor")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("actor redirect")
        verbose_name_plural = _("actor redirects")

    def __str__(self):
        return f"{self.old_slug} → {self.actor}"


class Alias(models.Model):
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("actor")
    )
    name = models.CharField(_("name"), max_length=200)
    folded = models.CharField(_("normalised form"), max_length=200, editable=False, db_index=True)
    any_case = models.BooleanField(
        _("any case"),
        default=False,
        help_text=_(
            "Match this alias however the text writes it. Leave unticked for a name that is "
            "also a common word (Meta, Orange, Total): written with capitals, it then only "
            "matches text written with the same capitals."
        ),
    )
    # The optimistic lock (editing.locking): bumped by every save through a form.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "folded"],
                name="alias_unique_per_actor",
                violation_error_message=_("This actor already has this alias."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        # The unique constraint is on the folded form, which is only computed in save().
        self.folded = fold(self.name)


class RelationshipKind(models.Model):
    label = models.CharField(_("label"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    inverse_label = models.CharField(
        _("inverse label"),
        max_length=100,
        blank=True,
        help_text=_("Read from the target's side, e.g. 'owned by'. Empty when symmetric."),
    )
    symmetric = models.BooleanField(
        _("symmetric"), default=False, help_text=_("True when it reads the same both ways.")
    )
    # The optimistic lock (editing.locking): bumped by every save through a form.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("relationship kind")
        verbose_name_plural = _("relationship kinds")

    def __str__(self):
        # Built-in kinds are translated by their stored label, as on the actor page; a kind an
        # editor named has no catalogue entry and reads as typed.
        return pgettext("relationship", self.label)

    def label_from(self, *, as_source: bool) -> str:
        if as_source or self.symmetric or not self.inverse_label:
            return self.label
        return self.inverse_label


class RelationshipQuerySet(models.QuerySet):
    def public(self):
        """Relationships readers may see: the one definition of a public relationship.

        Public when one of the stories that report it is public, or when an editor recorded
        it without evidence; one reported only by drafts, stories in review or scheduled
        stories waits for them.
        """
        Article = apps.get_model("articles", "Article")
        public_evidence = Article.objects.published().filter(evidenced_relationships=OuterRef("pk"))
        any_evidence = Relationship.evidence.through.objects.filter(relationship=OuterRef("pk"))
        return self.filter(Exists(public_evidence) | ~Exists(any_evidence))

    def involving(self, actor):
        return self.filter(Q(source=actor) | Q(target=actor))

    def for_display(self):
        return self.select_related("source", "target", "kind")


class Relationship(models.Model):
    class Status(models.TextChoices):
        ALLEGED = "alleged", _("alleged")
        REPORTED = "reported", _("reported")
        CONFIRMED = "confirmed", _("confirmed")
        DENIED = "denied", _("denied")
        ENDED = "ended", _("ended")

    source = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="relationships_out",
        verbose_name=_("source"),
    )
    kind = models.ForeignKey(
        RelationshipKind,
        on_delete=models.PROTECT,
        related_name="relationships",
        verbose_name=_("kind"),
    )
    target = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="relationships_in",
        verbose_name=_("target"),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[currency_validator]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REPORTED
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    evidence = models.ManyToManyField(
        "articles.Article",
        blank=True,
        related_name="evidenced_relationships",
        verbose_name=_("evidence"),
        help_text=_("Stories that report this relationship."),
    )
    needs_review = models.BooleanField(_("needs review"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["kind__label", "started_on", "id"]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="relationship_not_self",
                violation_error_message=_("An actor cannot be related to itself."),
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="relationship_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | (Q(amount__gte=0) & ~Q(currency="")),
                name="relationship_amount_has_currency",
                violation_error_message=_("An amount needs a currency and cannot be negative."),
            ),
            # NULL start dates would make a plain unique constraint miss duplicates.
            models.UniqueConstraint(
                "source",
                "kind",
                "target",
                Coalesce(
                    "started_on",
                    models.Value(datetime.date(1, 1, 1)),
                    output_field=models.DateField(),
                ),
                name="relationship_no_duplicate",
                violation_error_message=_("This relationship is already recorded."),
            ),
        ]
        indexes = [models.Index(fields=["target", "kind"])]

    def __str__(self):
        return f"{self.source} · {self.kind} · {self.target}"


# An evidence row (the auto-created link between a relationship and a story) reads as its
# relationship on the story form and in history, not as "Relationship_evidence object (1)".
Relationship.evidence.through.__str__ = lambda row: str(row.relationship)

"""The story admin: the form, its inlines, the workflow actions and the history restore.

Declarative where Django allows; every write goes to a service (articles.services).
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from reversion.admin import VersionAdmin
from taggit.utils import parse_tags

from actors.models import Relationship
from actors.services import relationship_evidence_delete, relationship_evidence_save
from articles.admin.lists import StoryListMixin
from articles.admin.restore import StoryRestoreMixin
from articles.admin.review import ReviewMixin
from articles.models import (
    Article,
    ArticleActor,
    Byline,
    Correction,
    RelatedArticle,
    TaggedArticle,
)
from articles.rendering import picture_ids
from articles.services import (
    PUBLISH_PERMISSION,
    article_actor_delete,
    article_actor_save,
    article_check_status_change,
    article_publish,
    article_save,
    article_submit,
    article_unpublish,
    byline_delete,
    byline_save,
    correction_delete,
    correction_save,
    related_article_delete,
    related_article_save,
    topics_check,
)
from editing.history import HistoryAdminMixin
from editing.locking import LockedAdminMixin, LockedFormMixin
from editing.writes import ServiceWritesMixin
from pictures.admin import thumbnail
from pictures.models import Picture

# History (django-reversion): a story's entry carries its byline, tagged actors, related
# links and topics, so restoring it brings them back as they were. Not its corrections: they
# are public record, with a history of their own (articles.admin.restore). Registered here,
# before the VersionAdmins would register the models themselves.
reversion.register(Article, follow=("bylines", "actor_tags", "related_links", "tagged_items"))
reversion.register(Byline)
reversion.register(ArticleActor)
reversion.register(RelatedArticle)
reversion.register(TaggedArticle)


class BylineInline(admin.TabularInline):
    """Who signs the story, in order. Contributors without an account (a freelancer, an
    agency) sign as well as the desk's own; editors keep the list of contributors."""

    model = Byline
    fields = ["contributor", "position"]
    autocomplete_fields = ["contributor"]
    extra = 1


class ArticleActorInline(admin.TabularInline):
    model = ArticleActor
    fields = ["actor", "role", "position"]
    autocomplete_fields = ["actor"]
    extra = 1


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    fields = ["to_article", "position"]
    autocomplete_fields = ["to_article"]
    extra = 0


class CorrectionInline(admin.StackedInline):
    """Adds corrections (published by editors, proposed by reporters) through the correction
    services (see ArticleAdmin.inline_services). Existing ones are shown, not edited: a
    correction changes only through its own form, where its history is kept."""

    model = Correction
    fields = ["text", "published_at", "standing"]
    readonly_fields = ["standing"]
    extra = 0
    show_change_link = True

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("status"))
    def standing(self, correction):
        return correction.get_status_display() if correction.pk else "—"


class EvidenceInline(admin.TabularInline):
    """Relationships this story reports: the story becomes part of their evidence."""

    model = Relationship.evidence.through
    fk_name = "article"
    fields = ["relationship"]
    autocomplete_fields = ["relationship"]
    extra = 0
    verbose_name = _("relationship this story reports")
    verbose_name_plural = _("relationships this story reports")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The auto-created through model's field has an untranslated verbose name.
        kwargs.setdefault("label", capfirst(_("relationship")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ArticleAdminForm(LockedFormMixin, forms.ModelForm):
    """Offers publishing only to users with the publish permission; the rule itself, and its
    message, are the service's (article_check_status_change)."""

    # Set per request by ArticleAdmin.get_form(); refusing is the safe default.
    can_publish = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "tags" in self.fields:
            # Where the desk's topics widget sends the editor's confirmations.
            self.fields["tags"].widget.confirm_name = self.add_prefix("new_topics")
        status = self.fields.get("status")
        if status is None or self.can_publish:
            return
        if self.instance.status == Article.Status.PUBLISHED:
            # Moving a live story's time is unpublishing (or rescheduling) it too.
            for name in ("status", "publish_at"):
                if name in self.fields:
                    self.fields[name].disabled = True
        else:
            # Only the widget loses the option, so a forged POST gets the service's message.
            status.widget.choices = [
                choice for choice in status.choices if choice[0] != Article.Status.PUBLISHED
            ]

    class ConfirmedTopics(forms.Field):
        """The new topics the editor means to create: "Create topic …" in the desk's topic
        list, or the box ticked under the field after a refusal. Not a change to the story."""

        widget = forms.MultipleHiddenInput

        def to_python(self, value):
            return [name for text in value or () for name in parse_tags(text)]

        def has_changed(self, initial, data):
            return False

    new_topics = ConfirmedTopics(required=False)

    def clean_tags(self):
        confirmed = self.fields["new_topics"].to_python(self["new_topics"].value())
        # Kept on the widget, so a form sent back for another field keeps them confirmed.
        self.fields["tags"].widget.confirmed = confirmed
        try:
            return topics_check(self.cleaned_data["tags"], confirmed=confirmed)
        except ValidationError as error:
            new = [item.params["name"] for item in error.error_list if item.code == "topic_new"]
            if new:
                # The desk's topics widget shows the box that confirms them (desk.topics).
                self.fields["tags"].widget.new_topics = new
                how = _("To create a new topic, tick “Create the new topics” and save again.")
                error.error_list.append(ValidationError(how, code="topic_confirm"))
            raise

    def clean(self):
        cleaned_data = super().clean()
        if "status" not in cleaned_data:
            return cleaned_data
        try:
            # Filled before the model's checks, which require a time on a published story.
            cleaned_data["publish_at"] = article_check_status_change(
                before=self.instance if self.instance.pk else None,
                status=cleaned_data["status"],
                publish_at=cleaned_data.get("publish_at"),
                by=self.request_user,
            )
        except PermissionDenied as error:
            self.add_error("status", ValidationError(str(error), code="publish_permission"))
        return cleaned_data


# What the workflow actions report, by how many stories they moved.
PUBLISHED = ngettext_lazy("%(count)d story published.", "%(count)d stories published.", "count")
SUBMITTED = ngettext_lazy(
    "%(count)d story submitted for review.", "%(count)d stories submitted for review.", "count"
)
UNPUBLISHED = ngettext_lazy(
    "%(count)d story unpublished.", "%(count)d stories unpublished.", "count"
)


@admin.register(Article)
class ArticleAdmin(
    StoryListMixin,
    ReviewMixin,
    LockedAdminMixin,
    ServiceWritesMixin,
    HistoryAdminMixin,
    StoryRestoreMixin,
    VersionAdmin,
):
    form = ArticleAdminForm
    list_display = ["title", "section", "language", "status", "publish_at", "updated_at"]
    list_per_page = 50
    list_select_related = ["section"]
    # A filtered list should not also count the whole archive on every page.
    show_full_result_count = False
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["section"]
    # The picker opens the picture library's list, thumbnails included.
    raw_id_fields = ["lead_image"]
    readonly_fields = ["first_published_at", "created_at", "updated_at", "lead_image_preview"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kicker",
                    "title",
                    "slug",
                    "standfirst",
                    "body",
                    ("lead_image", "lead_image_preview"),
                    ("loaded_version", "loaded_digest"),
                ]
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "first_published_at",
                    "section",
                    "language",
                    "tags",
                ]
            },
        ),
        (
            _("More"),
            {
                "classes": ["collapse"],
                "fields": ["canonical_url", "created_at", "updated_at"],
            },
        ),
    ]
    inlines = [
        BylineInline,
        ArticleActorInline,
        RelatedArticleInline,
        EvidenceInline,
        CorrectionInline,
    ]
    save_service = article_save
    inline_services = {
        Byline: (byline_save, byline_delete),
        ArticleActor: (article_actor_save, article_actor_delete),
        RelatedArticle: (related_article_save, related_article_delete),
        Correction: (correction_save, correction_delete),
        Relationship.evidence.through: (relationship_evidence_save, relationship_evidence_delete),
    }
    actions = ["publish", "submit_for_review", "unpublish"]

    def view_on_site(self, article):
        # An unpublished story has no public page yet: "View on site" opens the preview.
        return article.get_absolute_url() if article.is_public else article.get_preview_url()

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # get_form() builds a new class per request, so this does not leak between users.
        form.can_publish = self.has_publish_permission(request)
        return form

    @admin.display(description=_("preview"))
    def lead_image_preview(self, article):
        return thumbnail(article.lead_image, width=160) if article.lead_image else "—"

    def _warn_missing_pictures(self, request, article):
        """A body reference to a picture not in the library shows nothing: say so."""
        wanted = picture_ids(article.body)
        found = set(Picture.objects.filter(pk__in=wanted).values_list("pk", flat=True))
        missing = [str(pk) for pk in wanted if pk not in found]
        if missing:
            message = ngettext(
                "The body refers to picture %(numbers)s, which is not in the library: "
                "readers see nothing in its place.",
                "The body refers to pictures %(numbers)s, which are not in the library: "
                "readers see nothing in their place.",
                len(missing),
            )
            self.message_user(request, message % {"numbers": ", ".join(missing)}, messages.WARNING)

    def save_model(self, request, obj, form, change):
        self._warn_missing_pictures(request, obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Recorded again after the inlines and tags are saved, so that this history entry
        # holds the story's tags, links and topics as they are now.
        if reversion.is_active():
            reversion.add_to_revision(form.instance)

    def _run(self, request, queryset, service, done) -> None:
        """Apply a workflow service to each story; report failures, then the successes."""
        count = 0
        for article in queryset:
            try:
                service(article=article, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                reason = "; ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, f"{article}: {reason}", messages.ERROR)
            else:
                count += 1
        self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish selected stories"), permissions=["publish"])
    def publish(self, request, queryset):
        queryset = queryset.exclude(status=Article.Status.PUBLISHED)
        self._run(request, queryset, article_publish, PUBLISHED)

    @admin.action(description=_("Submit selected stories for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        queryset = queryset.filter(status=Article.Status.DRAFT)
        self._run(request, queryset, article_submit, SUBMITTED)

    @admin.action(description=_("Unpublish selected stories"), permissions=["publish"])
    def unpublish(self, request, queryset):
        queryset = queryset.filter(status=Article.Status.PUBLISHED)
        self._run(request, queryset, article_unpublish, UNPUBLISHED)

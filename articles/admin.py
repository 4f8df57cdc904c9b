from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article, ArticleActor, Correction, RelatedArticle, Section
from articles.services import article_publish, article_submit, article_unpublish

PUBLISH_PERMISSION = "articles.publish_article"


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
    model = Correction
    fields = ["text", "published_at"]
    extra = 0


class ArticleAdminForm(forms.ModelForm):
    """Publishing and unpublishing happen only for users with the publish permission."""

    # Set per request by ArticleAdmin.get_form(); refusing is the safe default.
    can_publish = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is None or self.can_publish:
            return
        if self.instance.status == Article.Status.PUBLISHED:
            # Moving a live story's time is unpublishing (or rescheduling) it too.
            for name in ("status", "publish_at"):
                if name in self.fields:
                    self.fields[name].disabled = True
        else:
            # Only the widget loses the option, so a forged POST gets clean_status's message.
            status.widget.choices = [
                choice for choice in status.choices if choice[0] != Article.Status.PUBLISHED
            ]

    def clean_status(self):
        status = self.cleaned_data["status"]
        before = self.instance.status
        if (
            not self.can_publish
            and status != before
            and Article.Status.PUBLISHED in (status, before)
        ):
            raise ValidationError(
                _("Only editors can publish or unpublish a story. Submit it for review instead."),
                code="publish_permission",
            )
        return status

    def clean(self):
        cleaned_data = super().clean()
        # "Empty means now when published": filled here because the database requires a
        # publication time on published stories, and the form validates that constraint.
        if cleaned_data.get("status") == Article.Status.PUBLISHED and not cleaned_data.get(
            "publish_at"
        ):
            cleaned_data["publish_at"] = timezone.now()
        return cleaned_data


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section", "language", "status", "publish_at", "updated_at"]
    # Only the tags stories use, not every tag in the vocabulary.
    list_filter = ["status", "section", "language", ("tags", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["section"]
    search_fields = ["title", "standfirst", "slug"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "section"]
    readonly_fields = ["first_published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kicker", "title", "slug", "standfirst", "body"]}),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "publish_at",
                    "first_published_at",
                    "section",
                    "language",
                    "authors",
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
    inlines = [ArticleActorInline, RelatedArticleInline, CorrectionInline]
    actions = ["publish", "submit_for_review", "unpublish"]

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # get_form() builds a new class per request, so this does not leak between users.
        form.can_publish = self.has_publish_permission(request)
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.status == Article.Status.PUBLISHED and "status" in form.changed_data:
            # Publishing goes through the workflow service (first publication date, version,
            # permission check), as the publish action does.
            article_publish(article=obj, by=request.user)

    def _run(self, request, queryset, service) -> int:
        """Apply a workflow service to each story; report failures, return the successes."""
        done = 0
        for article in queryset:
            try:
                service(article=article, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                reason = "; ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, f"{article}: {reason}", messages.ERROR)
            else:
                done += 1
        return done

    @admin.action(description=_("Publish selected stories"), permissions=["publish"])
    def publish(self, request, queryset):
        queryset = queryset.exclude(status=Article.Status.PUBLISHED)
        count = self._run(request, queryset, article_publish)
        message = ngettext("%(count)d story published.", "%(count)d stories published.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Submit selected stories for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        queryset = queryset.filter(status=Article.Status.DRAFT)
        count = self._run(request, queryset, article_submit)
        message = ngettext(
            "%(count)d story submitted for review.",
            "%(count)d stories submitted for review.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Unpublish selected stories"), permissions=["publish"])
    def unpublish(self, request, queryset):
        queryset = queryset.filter(status=Article.Status.PUBLISHED)
        count = self._run(request, queryset, article_unpublish)
        message = ngettext("%(count)d story unpublished.", "%(count)d stories unpublished.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "short_text", "published_at"]
    list_select_related = ["article"]
    search_fields = ["text", "article__title"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["article"]

    @admin.display(description=_("text"))
    def short_text(self, correction):
        return str(correction)

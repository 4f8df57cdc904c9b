from datetime import timedelta

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag

from actors.models import Relationship
from articles.models import (
    Article,
    ArticleActor,
    Correction,
    RelatedArticle,
    Section,
    TaggedArticle,
)
from articles.rendering import picture_ids
from articles.services import (
    article_publish,
    article_retire_slug,
    article_submit,
    article_unpublish,
    correction_add,
    validate_topics,
)
from editing.history import HistoryAdminMixin
from editing.locking import LockedAdminMixin, LockedFormMixin
from pictures.admin import thumbnail
from pictures.models import Picture

PUBLISH_PERMISSION = "articles.publish_article"

# History (django-reversion): a story's entry carries its tagged actors, related links,
# corrections and topics, so restoring it brings them back as they were. Registered here,
# before the VersionAdmins would register the models themselves.
reversion.register(Article, follow=("actor_tags", "related_links", "corrections", "tagged_items"))
reversion.register(ArticleActor)
reversion.register(RelatedArticle)
reversion.register(Correction)
reversion.register(TaggedArticle)


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
    """New corrections go through correction_add (see ArticleAdmin.save_formset)."""

    model = Correction
    fields = ["text", "published_at"]
    extra = 0


class EvidenceInline(admin.TabularInline):
    """Relationships this story reports: the story becomes part of their evidence."""

    model = Relationship.evidence.through
    fk_name = "article"
    fields = ["relationship"]
    autocomplete_fields = ["relationship"]
    extra = 0
    verbose_name = _("relationship this story reports")
    verbose_name_plural = _("relationships this story reports")


RESTORE_NEEDS_PUBLISH = _(
    "Only editors can restore a version that publishes, unpublishes or reschedules the story."
)


def publication_moves(then: dict, now: dict) -> bool:
    """Whether going from ``now`` to ``then`` (status and publication time, as stored in the
    history) publishes, unpublishes or reschedules a story. The history keeps times to the
    millisecond only, hence the second of tolerance."""
    published = Article.Status.PUBLISHED
    if then.get("status") != now.get("status"):
        return published in (then.get("status"), now.get("status"))
    if then.get("status") != published:
        return False
    before, after = then.get("publish_at"), now.get("publish_at")
    if before is None or after is None:
        return before is not after
    return abs(before - after) >= timedelta(seconds=1)


class ArticleAdminForm(LockedFormMixin, forms.ModelForm):
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

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        validate_topics(tags)
        return tags

    def clean(self):
        cleaned_data = super().clean()
        # "Empty means now when published": filled here because the database requires a
        # publication time on published stories, and the form validates that constraint.
        if cleaned_data.get("status") == Article.Status.PUBLISHED and not cleaned_data.get(
            "publish_at"
        ):
            cleaned_data["publish_at"] = timezone.now()
        return cleaned_data


class EstimatedCountPaginator(Paginator):
    """Counts a filtered list exactly, and the whole archive from PostgreSQL's statistics.

    Counting a million stories took half a second on every page of the unfiltered list; the
    planner's row estimate (kept current by autovacuum) is close enough for "N stories" and
    the number of pages. Small tables, SQLite and any filtered list are counted exactly.
    """

    EXACT_BELOW = 100_000

    @cached_property
    def count(self):
        queryset = self.object_list
        if connection.vendor != "postgresql" or queryset.query.where:
            return super().count
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        estimate = int(row[0]) if row else -1
        return estimate if estimate >= self.EXACT_BELOW else super().count


class UsedTagsFilter(admin.RelatedFieldListFilter):
    """The tags stories use, not every tag in the vocabulary.

    Asked tag by tag (does one story use it? one probe of the tag's index each) rather than
    as the distinct tags of every story's taggings, which reads them all.
    """

    def field_choices(self, field, request, model_admin):
        used = TaggedArticle.objects.filter(tag=OuterRef("pk"))
        return [
            (tag.pk, str(tag)) for tag in Tag.objects.filter(Exists(used)).order_by("name", "pk")
        ]


@admin.register(Article)
class ArticleAdmin(LockedAdminMixin, HistoryAdminMixin, VersionAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section", "language", "status", "publish_at", "updated_at"]
    # A date filter rather than date_hierarchy, whose drill-down reads the month of every
    # story in the archive on each page.
    list_filter = [
        "status",
        "section",
        "language",
        ("publish_at", admin.DateFieldListFilter),
        ("tags", UsedTagsFilter),
    ]
    list_per_page = 50
    paginator = EstimatedCountPaginator
    list_select_related = ["section"]
    search_fields = ["title", "standfirst", "slug"]
    # A filtered list should not also count the whole archive on every page.
    show_full_result_count = False
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "section"]
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
    inlines = [ArticleActorInline, RelatedArticleInline, EvidenceInline, CorrectionInline]
    actions = ["publish", "submit_for_review", "unpublish"]

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

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if self._restore_needs_publish(request, version_id):
            self.message_user(request, RESTORE_NEEDS_PUBLISH, messages.ERROR)
            return HttpResponseRedirect(
                reverse("admin:articles_article_history", args=[unquote(object_id)])
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if self._restore_needs_publish(request, version_id):
            self.message_user(request, RESTORE_NEEDS_PUBLISH, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:articles_article_recoverlist"))
        return super().recover_view(request, version_id, extra_context)

    def _restore_needs_publish(self, request, version_id) -> bool:
        """Restoring a history entry writes its status and time back: publishing,
        unpublishing or rescheduling that way takes the publish permission, as on the form."""
        if request.method != "POST" or self.has_publish_permission(request):
            return False
        version = Version.objects.filter(pk=version_id).first()
        if version is None:
            return False  # reversion answers 404
        then = version.field_dict
        live = Article.objects.filter(pk=version.object_id).values("status", "publish_at")
        return publication_moves(then, live.first() or {})

    def save_model(self, request, obj, form, change):
        self._warn_missing_pictures(request, obj)
        old_slug = form.initial.get("slug", "")
        was = form.initial.get("status")
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            article_retire_slug(article=obj, old_slug=old_slug)
        if "status" not in form.changed_data:
            return
        # Workflow goes through the services (first publication date, version, history,
        # permission check), as the actions do.
        if obj.status == Article.Status.PUBLISHED:
            article_publish(article=obj, by=request.user)
        elif was == Article.Status.PUBLISHED:
            article_unpublish(article=obj, by=request.user, status=obj.status)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            super().save_formset(request, form, formset, change)
            if formset.model is Relationship.evidence.through:
                for link in formset.new_objects:
                    reversion.add_to_revision(link.relationship)
            return
        corrections = formset.save(commit=False)
        for correction in formset.deleted_objects:
            correction.delete()
        for correction in corrections:
            if correction.pk is None:
                # Flags the relationships this story evidences and moves its modified date.
                correction_add(
                    article=form.instance,
                    text=correction.text,
                    published_at=correction.published_at,
                    by=request.user,
                )
            else:
                correction.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Recorded again after the inlines and tags are saved, so that this history entry
        # holds the story's tags, links and topics as they are now.
        if reversion.is_active():
            reversion.add_to_revision(form.instance)

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

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new correction flags the relationships its story evidences, as from the story.
        created = correction_add(
            article=obj.article, text=obj.text, published_at=obj.published_at, by=request.user
        )
        obj.pk = created.pk


# Topics. taggit's own TagAdmin offers a "merge tags" action and page that any staff member
# reaching the tag list can run (no permission check), and that only moves taggit's generic
# TaggedItem rows: stories' topics live in TaggedArticle, so a merge would create a tag and
# move nothing. Tags are edited here as plain rows; stories keep their topics.
admin.site.unregister(Tag)


@admin.register(Tag)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    ordering = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

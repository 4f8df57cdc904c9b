import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from reversion.admin import VersionAdmin

from actors.models import Actor, ActorRedirect, Alias, Relationship, RelationshipKind
from actors.services import (
    actor_delete,
    actor_merge,
    actor_save,
    actors_in_use,
    actors_in_use_message,
    alias_delete,
    alias_save,
    relationship_delete,
    relationship_kind_delete,
    relationship_kind_save,
    relationship_save,
    relationships_mark_reviewed,
)
from common.text import fold
from editing.history import HistoryAdminMixin
from editing.locking import LockedAdminMixin, LockedFormMixin, LockedInlineMixin
from editing.writes import ServiceWritesMixin
from pictures.admin import thumbnail

# History (django-reversion): an actor's entry carries its aliases, so restoring an actor
# brings its aliases back. Registered here, before the VersionAdmins, which would otherwise
# register the models themselves; admin autodiscovery runs in every process.
reversion.register(Actor, follow=("aliases",))
reversion.register(Alias)
reversion.register(Relationship)
reversion.register(RelationshipKind)


class AliasInline(LockedInlineMixin, admin.TabularInline):
    model = Alias
    fields = ["name", "any_case"]
    extra = 1


class RelationshipInline(LockedInlineMixin, admin.TabularInline):
    """Relationships read from this actor's side; incoming ones are edited from the source."""

    model = Relationship
    fk_name = "source"
    fields = [
        "kind",
        "target",
        "status",
        "started_on",
        "ended_on",
        "amount",
        "currency",
        "evidence",
    ]
    autocomplete_fields = ["kind", "target", "evidence"]
    extra = 0
    verbose_name_plural = _("relationships (this actor as source)")


class ActorAdminForm(LockedFormMixin, forms.ModelForm):
    class Meta:
        model = Actor
        fields = [
            "kind",
            "name",
            "slug",
            "sort_name",
            "description",
            "wikidata_id",
            "website",
            "portrait",
            "listed",
        ]


class AliasAdminForm(LockedFormMixin, forms.ModelForm):
    class Meta:
        model = Alias
        fields = ["actor", "name", "any_case"]


class RelationshipKindAdminForm(LockedFormMixin, forms.ModelForm):
    class Meta:
        model = RelationshipKind
        fields = ["label", "slug", "inverse_label", "symmetric"]


class RelationshipAdminForm(LockedFormMixin, forms.ModelForm):
    class Meta:
        model = Relationship
        fields = [
            "source",
            "kind",
            "target",
            "started_on",
            "ended_on",
            "amount",
            "currency",
            "status",
            "note",
            "evidence",
            "needs_review",
        ]


class MergeForm(forms.Form):
    keep = forms.TypedChoiceField(
        label=_("Actor to keep"), coerce=int, widget=forms.RadioSelect, choices=()
    )

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(actor.pk, actor.name) for actor in actors]


@admin.register(Actor)
class ActorAdmin(LockedAdminMixin, ServiceWritesMixin, HistoryAdminMixin, VersionAdmin):
    form = ActorAdminForm
    list_display = ["name", "kind", "wikidata_id", "story_count"]
    list_filter = ["kind", "listed"]
    show_full_result_count = False
    # Explicit: the story count's GROUP BY drops Meta.ordering, and autocomplete needs one.
    ordering = ["name", "pk"]
    # Needed for autocomplete; the actual matching is get_search_results below.
    search_fields = ["name"]
    search_help_text = _("Name or alias; accents and case are ignored.")
    prepopulated_fields = {"slug": ["name"]}
    fields = [
        "kind",
        "name",
        "slug",
        "sort_name",
        "description",
        "wikidata_id",
        "website",
        ("portrait", "portrait_preview"),
        "listed",
        ("loaded_version", "loaded_digest"),
    ]
    # The picker opens the picture library's list, thumbnails included.
    raw_id_fields = ["portrait"]
    readonly_fields = ["portrait_preview"]
    inlines = [AliasInline, RelationshipInline]
    actions = ["merge_actors", "delete_selected"]
    save_service = actor_save
    delete_service = actor_delete
    inline_services = {
        Alias: (alias_save, alias_delete),
        Relationship: (relationship_save, relationship_delete),
    }

    @admin.display(description=_("preview"))
    def portrait_preview(self, actor):
        return thumbnail(actor.portrait, width=120) if actor.portrait else "—"

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(story_count=Count("article_tags", distinct=True))
        )

    @admin.display(description=_("stories"), ordering="story_count")
    def story_count(self, actor):
        return actor.story_count

    def get_search_results(self, request, queryset, search_term):
        """Match every word against the folded name or any folded alias ("sanchez" finds
        "Lauren Sánchez"); this also serves the autocomplete widgets."""
        words = fold(search_term).split()
        for word in words:
            queryset = queryset.filter(
                Q(name_folded__contains=word) | Q(aliases__folded__contains=word)
            )
        return queryset, bool(words)

    def delete_view(self, request, object_id, extra_context=None):
        # Instead of Django's list of "protected related objects": why, and what to do.
        actor = self.get_object(request, unquote(object_id))
        if actor is not None and self.has_delete_permission(request, actor):
            in_use = actors_in_use([actor])
            if in_use:
                self.message_user(request, actors_in_use_message(in_use), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:actors_actor_change", args=[actor.pk]))
        return super().delete_view(request, object_id, extra_context)

    @admin.action(
        description=_("Delete selected %(verbose_name_plural)s"),
        permissions=["delete"],
    )
    def delete_selected(self, request, queryset):
        """Django's bulk delete, refused up front when a selected actor is tagged."""
        in_use = actors_in_use(queryset)
        if in_use:
            self.message_user(request, actors_in_use_message(in_use), messages.ERROR)
            return None
        return delete_selected(self, request, queryset)

    def has_merge_permission(self, request):
        return request.user.has_perm("actors.merge_actor")

    @admin.action(description=_("Merge two duplicate actors…"), permissions=["merge"])
    def merge_actors(self, request, queryset):
        actors = list(queryset.annotate(alias_count=Count("aliases", distinct=True))[:3])
        if len(actors) != 2:
            self.message_user(request, _("Select exactly two actors to merge."), messages.WARNING)
            return None
        form = MergeForm(request.POST if "keep" in request.POST else None, actors=actors)
        if form.is_valid():
            keep = next(a for a in actors if a.pk == form.cleaned_data["keep"])
            drop = next(a for a in actors if a.pk != keep.pk)
            try:
                actor_merge(keep=keep, drop=drop, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                reason = "; ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, reason, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(drop)s was merged into %(keep)s.") % {"drop": drop, "keep": keep},
                    messages.SUCCESS,
                )
            return None
        for actor in actors:
            actor.relationship_count = Relationship.objects.involving(actor).count()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge duplicate actors"),
            "opts": self.model._meta,
            "actors": actors,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/actors/actor/merge_confirmation.html", context)


@admin.register(Alias)
class AliasAdmin(LockedAdminMixin, ServiceWritesMixin, admin.ModelAdmin):
    form = AliasAdminForm
    list_display = ["name", "actor"]
    list_select_related = ["actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]
    save_service = alias_save
    delete_service = alias_delete


class ActorRedirectAdminForm(LockedFormMixin, forms.ModelForm):
    """No version column: locked on a digest of the stored row (editing.locking)."""

    class Meta:
        model = ActorRedirect
        fields = ["old_slug", "actor"]


@admin.register(ActorRedirect)
class ActorRedirectAdmin(LockedAdminMixin, admin.ModelAdmin):
    form = ActorRedirectAdminForm
    list_display = ["old_slug", "actor", "created_at"]
    list_select_related = ["actor"]
    search_fields = ["old_slug", "actor__name"]
    autocomplete_fields = ["actor"]


@admin.register(RelationshipKind)
class RelationshipKindAdmin(LockedAdminMixin, ServiceWritesMixin, HistoryAdminMixin, VersionAdmin):
    form = RelationshipKindAdminForm
    list_display = ["name", "inverse_name", "symmetric"]
    list_filter = ["symmetric"]
    search_fields = ["label", "inverse_label"]
    prepopulated_fields = {"slug": ["label"]}
    save_service = relationship_kind_save
    delete_service = relationship_kind_delete
    service_argument = "kind"

    # The built-in kinds are stored in English and read in the desk's language, as on the
    # actor page; an editor's own kind shows as typed.
    @admin.display(description=_("label"), ordering="label")
    def name(self, kind):
        return str(kind)

    @admin.display(description=_("inverse label"), ordering="inverse_label")
    def inverse_name(self, kind):
        return pgettext("relationship", kind.inverse_label) if kind.inverse_label else ""


@admin.register(Relationship)
class RelationshipAdmin(LockedAdminMixin, ServiceWritesMixin, HistoryAdminMixin, VersionAdmin):
    form = RelationshipAdminForm
    list_display = [
        "source",
        "kind",
        "target",
        "started_on",
        "ended_on",
        "amount",
        "currency",
        "status",
        "needs_review",
    ]
    list_filter = ["kind", "status", "needs_review"]
    list_select_related = ["source", "target", "kind"]
    search_fields = ["source__name", "target__name", "note"]
    autocomplete_fields = ["source", "target", "kind", "evidence"]
    actions = ["mark_reviewed"]
    save_service = relationship_save
    delete_service = relationship_delete

    @admin.action(description=_("Mark as reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = relationships_mark_reviewed(relationships=queryset, by=request.user)
        message = ngettext(
            "%(count)d relationship marked as reviewed.",
            "%(count)d relationships marked as reviewed.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

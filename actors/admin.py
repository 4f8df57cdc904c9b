from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Alias, Relationship, RelationshipKind
from actors.text import fold


class AliasInline(admin.TabularInline):
    model = Alias
    fields = ["name"]
    extra = 1


class RelationshipInline(admin.TabularInline):
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


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "wikidata_id", "story_count"]
    list_filter = ["kind"]
    # Explicit: the story count's GROUP BY drops Meta.ordering, and autocomplete needs one.
    ordering = ["name", "pk"]
    # Needed for autocomplete; the actual matching is get_search_results below.
    search_fields = ["name"]
    search_help_text = _("Name or alias; accents and case are ignored.")
    prepopulated_fields = {"slug": ["name"]}
    fields = ["kind", "name", "slug", "sort_name", "description", "wikidata_id", "website"]
    inlines = [AliasInline, RelationshipInline]

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


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "actor"]
    list_select_related = ["actor"]
    search_fields = ["name", "actor__name"]
    autocomplete_fields = ["actor"]


@admin.register(RelationshipKind)
class RelationshipKindAdmin(admin.ModelAdmin):
    list_display = ["label", "inverse_label", "symmetric"]
    list_filter = ["symmetric"]
    search_fields = ["label", "inverse_label"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
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

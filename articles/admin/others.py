"""Sections, corrections and topics: plain rows, edited through their own lists."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import Correction, Section
from articles.services import correction_delete, correction_save
from editing.writes import ServiceWritesMixin


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Correction)
class CorrectionAdmin(ServiceWritesMixin, admin.ModelAdmin):
    list_display = ["article", "short_text", "published_at"]
    list_select_related = ["article"]
    search_fields = ["text", "article__title"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["article"]
    save_service = correction_save
    delete_service = correction_delete

    @admin.display(description=_("text"))
    def short_text(self, correction):
        return str(correction)


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

"""The story admin editors use: articles' ArticleAdmin with the desk's side panels and the
staff exports' actions.

articles sits below desk and exports and cannot import them, so the story admin is completed
here (desk is the last domain app in INSTALLED_APPS), as one replaces the admin of a model
from another app.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.urls import path

from articles.admin import ArticleAdmin
from articles.models import Article
from desk import manuscripts, topics, writing
from desk.panels import Desk, post_only
from desk.story_list import StorySearchMixin
from exports.admin_actions import EXPORT_ACTIONS, EXPORT_PERMISSION

# The desk's widgets on the story form, by field name.
WIDGETS = {**writing.WIDGETS, **topics.WIDGETS}


class DeskArticleAdmin(StorySearchMixin, ArticleAdmin):
    actions = [*ArticleAdmin.actions, *EXPORT_ACTIONS]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in WIDGETS:
            kwargs["widget"] = WIDGETS[db_field.name]()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(EXPORT_PERMISSION):
            for action in EXPORT_ACTIONS:
                actions.pop(action.__name__, None)
        return actions

    def get_urls(self):
        desk = Desk(self)
        urls = [
            path(
                f"<path:object_id>/desk/{route}/",
                self.admin_site.admin_view(post_only(view)),
                name=f"articles_article_desk_{name}",
            )
            for route, name, view in desk.views()
        ]
        # The writing surface, topics and manuscripts answer for the story list and the add
        # form as well, so their routes are not per story.
        urls += [
            path(
                f"desk/{route}/", self.admin_site.admin_view(view), name=f"articles_article_{name}"
            )
            for module in (writing, topics, manuscripts)
            for route, name, view in module.views(self)
        ]
        return urls + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            extra_context = {**Desk(self).context(request, article), **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context)


admin.site.unregister(Article)
admin.site.register(Article, DeskArticleAdmin)

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The project itself, as an app: its admin site and its operators' commands."""

    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from common import cdn, generation
        from newsroom import localpages

        # Every committed change sends the process-local copies back to the shared cache,
        # and the CDN's copies away.
        generation.on_retire(localpages.retired)
        generation.on_retire(cdn.retired)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "newsroom.admin.NewsroomAdminSite"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("Content API")

    def ready(self):
        # What each route's answers list, for the page cache's precise invalidation.
        from api import cachetags

        cachetags.register()

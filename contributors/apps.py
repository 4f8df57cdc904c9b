from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "contributors"
    verbose_name = _("Contributors")

    def ready(self):
        from contributors import cachetags

        # What contributors tag reader pages with, and what each change retires.
        cachetags.register(self)

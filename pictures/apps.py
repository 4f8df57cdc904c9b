from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PicturesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pictures"
    verbose_name = _("pictures")

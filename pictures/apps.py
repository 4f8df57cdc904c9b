from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PicturesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pictures"
    verbose_name = _("pictures")

    def ready(self):
        from common import generation

        # Pictures and their renditions show on readers' pages.
        for model in self.get_models(include_auto_created=True):
            generation.watch(model)

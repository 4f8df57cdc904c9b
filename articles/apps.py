from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from articles import cachetags, related
        from common import generation

        # What stories tag reader pages with, and what each change retires.
        cachetags.register(self)
        # Stored related-story rankings are computed again once their lists change.
        generation.on_retire(related.record_list_changes)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actors"
    verbose_name = _("Actors")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from actors import cachetags
        from actors.models import Actor, Alias
        from actors.suggestions.index import invalidate

        for model in (Actor, Alias):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"suggestions-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"suggestions-d-{model}")
        # What actors tag reader pages with, and what each change retires.
        cachetags.register(self)

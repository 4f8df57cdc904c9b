from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actors"
    verbose_name = _("Actors")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from actors.models import Actor, Alias
        from actors.suggestions.index import invalidate
        from common import generation

        for model in (Actor, Alias):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"suggestions-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"suggestions-d-{model}")
        # Every row of this app (actors, aliases, redirects, relationships and their
        # evidence) shows on readers' pages.
        for model in self.get_models(include_auto_created=True):
            generation.watch(model)

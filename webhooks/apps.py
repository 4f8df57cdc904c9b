from django.apps import AppConfig
from django.db.models import signals
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        # Listened to from here: the stories app does not know about webhooks.
        from articles.models import Article, Correction
        from articles.signals import stories_created
        from webhooks import events

        uid = "webhooks."
        signals.pre_save.connect(events.article_stored, Article, dispatch_uid=uid + "a-pre")
        signals.post_save.connect(events.article_saved, Article, dispatch_uid=uid + "a-post")
        signals.pre_delete.connect(events.article_stored, Article, dispatch_uid=uid + "a-pred")
        signals.post_delete.connect(events.article_deleted, Article, dispatch_uid=uid + "a-del")
        signals.pre_save.connect(events.correction_stored, Correction, dispatch_uid=uid + "c-pre")
        signals.post_save.connect(events.correction_saved, Correction, dispatch_uid=uid + "c-post")
        stories_created.connect(events.stories_created, Article, dispatch_uid=uid + "a-bulk")
        # The task queue's own admin is untranslated and shows task internals; the deliveries'
        # admin shows what a newsroom needs of it (status, tries, retry).
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)

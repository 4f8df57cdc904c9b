from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from articles.models import Article
        from common import generation
        from newsroom import pagecache

        pagecache.connect_signals()
        # Cached pages and counts must not outlive the next scheduled publication.
        generation.schedule(Article.objects.next_scheduled_publication)

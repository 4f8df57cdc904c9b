from datetime import UTC, datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# "Public at some time": a story readers see now or once its time comes.
END_OF_TIME = datetime.max.replace(tzinfo=UTC)


def public_now_or_later(article) -> bool:
    """Saving such a story bumps the reader cache's generation, even before its time: moving
    a scheduled story moves the moment cached pages must give way to it."""
    from articles.models import story_is_public

    return story_is_public(article.status, article.publish_at, now=END_OF_TIME)


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Stories")

    def ready(self):
        from django.apps import apps

        from articles.models import Article, SearchDocument
        from common import generation

        # Every row of these apps shows on readers' pages, except the search vectors.
        for model in self.get_models(include_auto_created=True):
            if model is Article:
                generation.watch(
                    Article, visible=public_now_or_later, fields=("status", "publish_at")
                )
            elif model is not SearchDocument:
                generation.watch(model)
        # Topics are taggit's rows; stories are their only users here.
        for model in apps.get_app_config("taggit").get_models(include_auto_created=True):
            generation.watch(model)
        # Cached pages and counts must not outlive the next scheduled publication.
        generation.schedule(Article.objects.next_scheduled_publication)

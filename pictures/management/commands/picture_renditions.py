"""``manage.py picture_renditions``: make the renditions pictures lack, and refresh bodies.

Run after adding a rendition size, restoring files from a backup, or moving the media to
another store or address (MEDIA_URL, an S3 bucket): story bodies keep the figure markup
rendered when they were saved, so those that show library pictures are rendered again.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from common.progress import add_progress_argument, progress_bar
from pictures.models import Picture
from pictures.services import renditions_make


class Command(BaseCommand):
    help = "Make missing picture renditions and render again the story bodies that show pictures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bodies", action="store_true", help="Also render again every body with a picture."
        )
        add_progress_argument(parser)

    def handle(self, *args, bodies: bool = False, **options):
        made = 0
        pictures = Picture.objects.all()
        with progress_bar(self, options, unit=" pictures", total=pictures.count) as bar:
            for picture in pictures.iterator(chunk_size=200):
                made += len(renditions_make(picture=picture))
                bar.update()
        self.stdout.write(f"Renditions made: {made}.")
        if not bodies:
            return
        Article = apps.get_model("articles", "Article")
        rendered = 0
        stories = Article.objects.filter(body__contains="[[picture:")
        with progress_bar(self, options, unit=" stories", total=stories.count) as bar:
            for article in stories.iterator(chunk_size=200):
                # update_fields without updated_at: the story itself did not change.
                article.save(update_fields=["body"])
                rendered += 1
                bar.update()
        self.stdout.write(f"Story bodies rendered again: {rendered}.")

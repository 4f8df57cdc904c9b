"""``manage.py clear_page_cache``: forget every cached reader page and list count.

The page cache follows every change made through the application; a change made beneath it
(a database restored from a backup, rows edited in psql) is not seen. Run this afterwards:
it starts a new content generation, so no page or count cached before is served again.
"""

from django.core.management.base import BaseCommand

from common import generation


class Command(BaseCommand):
    help = "Forget every cached reader page and list count (after a restore or a manual edit)."

    def handle(self, *args, **options):
        generation.bump_now()
        self.stdout.write("Reader page cache emptied: a new content generation starts.")

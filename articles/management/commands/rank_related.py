"""``manage.py rank_related``: store the related-story rankings public stories lack.

Story pages rank their related stories on the first visit after the lists they are drawn
from change (articles.related), then read the stored ranking. Run this after a migration
or a bulk import so that the first readers of the archive do not pay for the ranking; it
skips every story whose stored ranking is still current, so it can run again at any time.
"""

from itertools import islice

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from articles.models import Article, ArticleActor
from articles.related import current_ranking
from common.progress import add_progress_argument, progress_bar

BATCH = 200


class Command(BaseCommand):
    help = _("Rank the related stories of public stories whose stored ranking is out of date.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help=_("Only the newest N public stories (the ones readers open most)."),
        )
        add_progress_argument(parser)

    def handle(self, *args, limit: int | None = None, **options):
        if limit is not None and limit < 1:
            raise CommandError(_("--limit must be a positive number, not %(n)s.") % {"n": limit})
        stories = (
            Article.objects.published()
            .newest_first()
            .select_related("related_ranking")
            .prefetch_related(
                "tags",
                Prefetch("actor_tags", queryset=ArticleActor.objects.select_related("actor")),
            )
            .only("title", "standfirst", "publish_at", "related_ranking")
        )[:limit]
        ranked = seen = 0

        def total() -> int:
            public = Article.objects.published().count()
            return public if limit is None else min(limit, public)

        with progress_bar(self, options, unit=" stories", total=total) as bar:
            rows = stories.iterator(chunk_size=BATCH)
            while batch := list(islice(rows, BATCH)):
                # One commit a batch: SQLite would otherwise sync the disk for every story.
                with transaction.atomic():
                    ranked += sum(current_ranking(article)[1] for article in batch)
                seen += len(batch)
                bar.update(len(batch))
        self.stdout.write(
            _("Related stories ranked for %(ranked)d of %(seen)d public stories.")
            % {"ranked": ranked, "seen": seen}
        )

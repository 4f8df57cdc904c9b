"""``manage.py generate_corpus``: a synthetic newsroom of any size, for benchmarks."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from bench.synthetic import generate_corpus
from bench.synthetic.sink import METHODS


class Command(BaseCommand):
    help = (
        "Generate a synthetic newsroom: French and English stories, Zipf-skewed actor tags, "
        "aliases, topics, relationships with evidence, related links and a mix of statuses. "
        "Each run appends; use a dedicated database (see docs/performance.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, required=True, help="Stories to write.")
        parser.add_argument("--actors", type=int, required=True, help="Actors to write.")
        parser.add_argument(
            "--seed", type=int, default=0, help="Same seed, same newsroom (on an empty database)."
        )
        parser.add_argument(
            "--batch", type=int, default=5000, help="Stories per transaction (default 5000)."
        )
        parser.add_argument(
            "--method",
            choices=("auto", *METHODS),
            default="auto",
            help="How rows are written: COPY on PostgreSQL, bulk_create elsewhere (auto).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, stories, actors, seed, batch, method, database, **options):
        if stories < 0 or actors < 0 or batch < 1:
            raise CommandError("--stories and --actors cannot be negative; --batch must be >= 1.")
        bars = []

        def progress(label, total):
            if not sys.stderr.isatty() or options["verbosity"] < 1:
                return None
            from tqdm import tqdm

            bar = tqdm(total=total, desc=label, unit=" rows", file=sys.stderr, leave=True)
            bars.append(bar)
            return bar.update

        try:
            stats = generate_corpus(
                stories=stories,
                actors=actors,
                seed=seed,
                batch=batch,
                using=database,
                method=method,
                progress=progress,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        finally:
            for bar in bars:
                bar.close()

        if options["verbosity"] < 1:
            return
        seconds = stats.total_seconds
        rate = stories / stats.seconds["stories"] if stories and stats.seconds["stories"] else 0
        lines = [f"Corpus written with {stats.method} in {seconds:.1f} s ({rate:,.0f} stories/s):"]
        lines += [f"  {name:<14} {count:>12,}" for name, count in stats.counts.items()]
        lines.append("  phases: " + ", ".join(f"{k} {v:.1f} s" for k, v in stats.seconds.items()))
        self.stdout.write("\n".join(lines))

"""``manage.py load_demo``: the demo newsroom and its demo logins, for trials and development."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.content import DEMO_PASSWORD
from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: stories, actors, relationships and one demo account per role. "
        "Safe to run again: nothing is duplicated or overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts share a published password.",
        )

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        # The demo password is printed and documented: it must never reach a production site.
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates accounts whose password is public, so it only runs with "
                "DEBUG on (DJANGO_DEBUG=1). Pass --force to load the demo anyway."
            )
        log = self.stdout.write if verbosity >= 1 else (lambda line: None)
        result = load_demo(log=log)
        if verbosity < 1:
            return

        base = f"http://127.0.0.1:{os.environ.get('PORT') or 8000}"
        lines = [
            "",
            self.style.SUCCESS("Demo newsroom ready."),
            f"  Site:        {base}/",
            f"  Admin:       {base}/admin/",
            f"  Main story:  {base}{result.main_story.get_absolute_url()}",
            "",
            f"  Demo logins, all with the password {DEMO_PASSWORD} (demo only, not a secret):",
        ]
        for login in result.logins:
            note = "" if login.has_demo_password else "  (existing account, password unchanged)"
            lines.append(f"    {login.username:<10} {login.role}{note}")
        self.stdout.write("\n".join(lines))

"""``manage.py login_lockouts``: list the admin login lockouts in force, and lift them.

    manage.py login_lockouts                                  # list them all
    manage.py login_lockouts --username editor2               # those of one account
    manage.py login_lockouts --clear --username editor2 --address 198.51.100.7
    manage.py login_lockouts --clear --all

A lockout holds for one username from one address, or (username "*") for every account from
an address that guessed too many; it ends by itself NEWSROOM_LOGIN_LOCKOUT_SECONDS after its
last failure.
"""

from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom import throttle


class Command(BaseCommand):
    help = "List the admin login lockouts in force, or lift them (--clear)."

    def add_arguments(self, parser):
        parser.add_argument("--username", help="Only the lockouts of this account.")
        parser.add_argument("--address", help="Only the lockouts of this client address.")
        parser.add_argument("--clear", action="store_true", help="Lift the selected lockouts.")
        parser.add_argument("--all", action="store_true", help="With --clear: lift every lockout.")

    def handle(self, *args, username=None, address=None, clear=False, **options):
        if clear and not (username or address or options["all"]):
            raise CommandError(_("Say which lockouts to lift: --username, --address or --all."))
        found = throttle.lockouts(username=username, address=address)
        if clear:
            throttle.clear(found)
            self.stdout.write(_("Lockouts lifted: %(count)d.") % {"count": len(found)})
            return
        if not found:
            self.stdout.write(_("No login lockout in force."))
            return
        self.stdout.write("\t".join([_("Username"), _("Address"), _("Failures"), _("Until")]))
        for entry in found:
            until = datetime.fromtimestamp(entry["until"], tz=UTC)
            row = [
                entry["username"] or "*",
                entry["address"],
                str(entry["failures"]),
                timezone.localtime(until).isoformat(timespec="seconds"),
            ]
            self.stdout.write("\t".join(row))

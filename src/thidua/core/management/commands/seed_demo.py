"""Load the demo dataset (the Đồng Nai health sector union) into an empty database.

Idempotent: when the demo is already loaded it changes nothing and exits 0. It refuses, with a
non-zero exit, a database that holds anything but the demo. See ``thidua.demo.seed``.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.roles import Role
from thidua.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from thidua.demo.seed import AlreadyLoaded, DemoRefused, load_demo

DEMO_URL = "http://127.0.0.1:8000/"


class Command(BaseCommand):
    help = "Load the demo dataset into an empty database and print the demo logins."

    def handle(self, *args, **options):
        try:
            demo = load_demo()
        except AlreadyLoaded:
            self.stdout.write("The demo dataset is already loaded; nothing was changed.")
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        else:
            for line in demo.notes:
                self.stdout.write(line)
            self.stdout.write(self.style.SUCCESS("Demo dataset loaded."))
        self.print_logins()

    def print_logins(self):
        rows = [("Username", "Full name", "Role", "Unit")]
        rows += [
            (username, full_name, f"{Role(role).label} [{role}]", unit)
            for username, full_name, role, unit in DEMO_LOGINS
        ]
        widths = [max(len(str(row[i])) for row in rows) for i in range(4)]
        self.stdout.write("")
        for index, row in enumerate(rows):
            self.stdout.write(
                "  ".join(
                    str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write("")
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}")
        demo_mode = "" if settings.DEMO_MODE else " (run with THIDUA_DEMO=1, as `make run` does)"
        self.stdout.write(f"Open {DEMO_URL}{demo_mode}")

"""``manage.py send_training_reminders``: remind emulation officers not yet trained this year.

Run it daily (cron, or the task worker through ``thidua.oversight.tasks.send_training_reminders``).
It is idempotent: each reminder reaches each person once, however often it runs.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from thidua.oversight.services import send_training_reminders


class Command(BaseCommand):
    help = "Remind untrained emulation officers of the sector's training deadline."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up a missed day.",
        )

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today must be a date YYYY-MM-DD, not {today!r}.") from exc
        counts = send_training_reminders(day)
        self.stdout.write(
            f"Reminders sent: {counts['reminders']}; overdue notices sent: {counts['overdue']}; "
            f"officers without anyone to notify: {counts['without_recipient']}."
        )

"""``manage.py send_reminders``: the scheduled reminders and escalations of periodic reports.

Run it daily (cron, or the task worker through ``thidua.reporting.tasks.send_due_reminders``).
It is idempotent: each reminder reaches each person once, however often it runs.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from thidua.reporting.services import send_due_reminders


class Command(BaseCommand):
    help = "Remind grassroots unions of reports coming due and escalate overdue ones to the chair."

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
        counts = send_due_reminders(day)
        self.stdout.write(
            f"Reminders sent: {counts['reminders']}; escalations sent: {counts['escalations']}; "
            f"reports without anyone to notify: {counts['without_recipient']}."
        )

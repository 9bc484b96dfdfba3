"""``manage.py refresh_member_counts``: recompute every unit's stored active-member count."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from thidua.organizations.counts import refresh_all_member_counts


class Command(BaseCommand):
    help = (
        "Recompute the stored count of active members of every union unit's subtree from the "
        "members table, in one set-based statement (repair, or after a bulk load). Idempotent."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        with transaction.atomic():
            corrected = refresh_all_member_counts()
        seconds = time.perf_counter() - started
        message = f"Member counts refreshed in {seconds:.1f} s: {corrected} units corrected."
        self.stdout.write(self.style.SUCCESS(message))

"""``manage.py rebuild_award_rollups [--year Y]``: recompute the upper units' award rollups."""

import time

from django.core.management.base import BaseCommand

from thidua.dashboard.rollups import rebuild


class Command(BaseCommand):
    help = (
        "Recompute the pre-aggregated award statistics of the units above the grassroots from "
        "the award history, set-based (repair; after awards written straight to the tables; "
        "nightly, to follow changes of members' gender, post or birth date)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Only this year (default: every year).")

    def handle(self, *args, year=None, **options):
        started = time.perf_counter()
        rows = rebuild(year=year)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"{rows:,} rollup rows in {seconds:.1f} s."))

"""``manage.py generate_national --members N``: the national benchmark dataset (bench only)."""

import time

from django.core.management.base import BaseCommand, CommandError

from thidua.demo.national import NationalRefused, generate_national


class Command(BaseCommand):
    help = (
        "Load the national benchmark dataset (the whole Confederation, N members, five years of "
        "awards) into an empty PostgreSQL database with COPY. For benchmarks, never the demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=1_000_000, help="Number of members.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")

    def handle(self, *args, members, seed, **options):
        started = time.perf_counter()
        try:
            counts = generate_national(members=members, seed=seed, write=self.progress)
        except NationalRefused as exc:
            raise CommandError(str(exc)) from exc
        summary = ", ".join(f"{name} {count:,}" for name, count in counts.items())
        minutes = (time.perf_counter() - started) / 60
        self.stdout.write(self.style.SUCCESS(f"Done in {minutes:.1f} min: {summary}."))

    def progress(self, line):
        self.stdout.write(line)
        self.stdout.flush()

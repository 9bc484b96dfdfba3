"""Benchmark: export N award rows of one year to .xlsx, with the time and the memory it takes.

Run from the project root with the project's virtualenv, on a scratch database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python \
        bench/bench_export_awards.py --steps 10000,100000

For each step it tops the bench sector up to that many award rows of the year (created in
batches, once; later runs reuse them), then exports them with the award-rows export of the
statistics page (``thidua.dashboard.exports.export_award_rows``) to a temporary file, twice:

- timed, without instrumentation: seconds and rows per second;
- under ``tracemalloc``: the peak of Python allocations during the export.

The export streams (``iterator()`` into a write-only workbook), so the peak must stay flat as the
step grows: the last line prints the ratio of the largest step's peak to the smallest step's.
"""

import argparse
import datetime
import gc
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from bench_import_members import FAMILY, GIVEN, MIDDLE, bench_units  # noqa: E402
from django.core.management import call_command  # noqa: E402

from thidua.awards.models import AwardRecord, AwardType  # noqa: E402
from thidua.core.text import name_sort_key, search_key  # noqa: E402
from thidua.dashboard.exports import export_award_rows  # noqa: E402
from thidua.organizations.models import Member, OrgUnit  # noqa: E402

YEAR = 2026
MEMBERS = 20_000
BATCH = 5_000
AWARD_CODES = ("LDTT", "CSTDCS", "GK-CDN", "BK-LDLD")


def bench_members(units, count=MEMBERS):
    """``count`` members spread over the bench units (created once)."""
    existing = Member.objects.filter(org__in=units).count()
    rng = random.Random(2026)
    batch = []
    for index in range(existing, count):
        unit = units[index % len(units)]
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        batch.append(
            Member(
                org=unit,
                org_path=unit.path,
                code=f"BENCH-EXP-{index:06d}",
                full_name=name,
                gender="female" if rng.random() < 0.65 else "male",
                is_direct_worker=rng.random() < 0.8,
                search_key=search_key(name),
                sort_key=name_sort_key(name),
            )
        )
        if len(batch) == BATCH:
            Member.objects.bulk_create(batch)
            batch = []
    Member.objects.bulk_create(batch)
    return list(Member.objects.filter(org__in=units).values_list("pk", "org_id"))


def top_up_awards(units, members, rows):
    """Create award rows of ``YEAR`` in the bench units until there are ``rows`` of them."""
    awards = [AwardType.objects.get(code=code) for code in AWARD_CODES]
    existing = AwardRecord.objects.filter(year=YEAR, holder_org__in=units).count()
    rng = random.Random(existing)
    batch = []
    for index in range(existing, rows):
        member_id, org_id = members[index % len(members)]
        award = awards[index % len(awards)]
        batch.append(
            AwardRecord(
                member_id=member_id,
                holder_org_id=org_id,
                award_type=award,
                year=YEAR,
                decision_number=f"{index % 300 + 1:02d}/QĐ-CĐN",
                decided_on=datetime.date(YEAR, rng.randint(1, 12), rng.randint(1, 28)),
                amount=rng.choice((None, 700_000, 1_880_000, 3_510_000)),
            )
        )
        if len(batch) == BATCH:
            AwardRecord.objects.bulk_create(batch)
            batch = []
    AwardRecord.objects.bulk_create(batch)


def export(sector):
    with tempfile.TemporaryFile() as output:
        count = export_award_rows(YEAR, sector, output)
        return count, output.tell()


def measure(sector):
    gc.collect()
    start = time.perf_counter()
    count, size = export(sector)
    seconds = time.perf_counter() - start
    gc.collect()
    tracemalloc.start()
    export(sector)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, size, seconds, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", default="10000,100000", help="row counts, ascending")
    args = parser.parse_args()
    steps = sorted(int(step) for step in args.steps.split(","))

    call_command("migrate", verbosity=0)
    _, units = bench_units()
    sector = OrgUnit.objects.get(code="BENCH-CDN")
    members = bench_members(units)
    peaks = []
    print(f"{'rows':>9} {'seconds':>8} {'rows/s':>8} {'file':>9} {'python peak':>12}")
    for step in steps:
        top_up_awards(units, members, step)
        count, size, seconds, peak = measure(sector)
        peaks.append(peak)
        print(
            f"{count:>9,} {seconds:>8.1f} {count / seconds:>8,.0f} "
            f"{size / 2**20:>7.1f} MiB {peak / 2**20:>8.1f} MiB"
        )
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory: {peak_rss:,.0f} MiB")
    print(f"python peak, largest step / smallest step: {peaks[-1] / peaks[0]:.2f}x")


if __name__ == "__main__":
    main()

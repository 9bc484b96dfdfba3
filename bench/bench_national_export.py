"""Benchmark: the .xlsx export of award rows at national size (time and peak memory).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national .venv/bin/python \
        bench/bench_national_export.py

Exports the effective awards of one year in the largest grassroots union, the largest federation
and the whole Confederation (about 1.5 million rows at 11 million members), and with
``--all-years`` every year of the Confederation (the largest export the dataset holds: about
690,000 rows at 1 million members, 7.5 million at 11 million), with the
statistics page's exporter (``thidua.dashboard.exports.export_award_rows``) into a temporary file:
once timed, once under ``tracemalloc`` for the peak of Python allocations. The floor is
PostgreSQL's ``COPY (the same rows) TO STDOUT`` read by the client. Memory must be flat in the
number of rows: the last line prints the ratio of the largest export's peak to the smallest's.
"""

import argparse
import gc
import resource
import tempfile
import time
import tracemalloc

from django.db import connection
from national_common import machine, require_national, scopes

from thidua.awards.models import AwardRecord
from thidua.dashboard.exports import award_rows, export_award_rows


def export(org, year):
    with tempfile.TemporaryFile() as output:
        count = export_award_rows(year, org, output)
        return count, output.tell()


def copy_floor(org, year):
    """Seconds to stream the same rows out of PostgreSQL with COPY."""
    sql, params = award_rows(year, org).query.sql_with_params()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        statement = cursor.mogrify(sql, params)
        with cursor.copy(f"COPY ({statement}) TO STDOUT") as copy:
            for _ in copy:
                pass
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--all-years",
        action="store_true",
        help="Also export every year of the Confederation (7.5 million rows at 11 M members).",
    )
    args = parser.parse_args()
    members = require_national()
    year = AwardRecord.objects.order_by("-year").values_list("year", flat=True).first()
    print(f"{members:,} members; {machine()}")
    found = scopes()
    cases = [(label, found[label], year) for label in ("grassroots", "federation", "Confederation")]
    if args.all_years:
        cases.append(("Confederation, all years", found["Confederation"], None))
    print(f"{'export':<36} {'rows':>10} {'seconds':>8} {'rows/s':>8} {'file':>10} {'peak':>10}"
          f" {'COPY floor':>10} {'ratio':>6}")  # fmt: skip
    peaks = []
    for label, org, when in cases:
        gc.collect()
        started = time.perf_counter()
        count, size = export(org, when)
        seconds = time.perf_counter() - started
        gc.collect()
        tracemalloc.start()
        export(org, when)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peaks.append(peak)
        floor = copy_floor(org, when)
        print(
            f"{label:<36} {count:>10,} {seconds:>8.1f} {count / seconds:>8,.0f}"
            f" {size / 2**20:>6.1f} MiB {peak / 2**20:>6.1f} MiB {floor:>9.1f}s"
            f" {seconds / floor:>5.1f}x"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory: {rss:,.0f} MiB")
    print(f"python peak, largest export / smallest: {peaks[-1] / peaks[0]:.2f}x")


if __name__ == "__main__":
    main()

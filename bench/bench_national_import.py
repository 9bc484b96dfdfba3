"""Benchmark: .xlsx import of 100,000 members into the national dataset, against COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national .venv/bin/python \
        bench/bench_national_import.py --rows 100000

Builds a file in the import template's columns (``bench_import_members.member_file``) for 20
grassroots unions of the largest federation, imports it as a sector admin of the Confederation
(every row new, the tables already holding millions of members), then COPYs the same rows (their
search and sort keys computed beforehand) into the member table. Each pass runs in a transaction
that is rolled back, so the dataset is left as it was. Prints rows per second of both, the ratio,
and the 5,000 rows/s target.
"""

import argparse
import io
import time

from bench_import_members import member_file
from django.db import connection, transaction
from national_common import bench_user, machine, require_national, scopes
from openpyxl import load_workbook

from thidua.accounts.roles import Role
from thidua.core.text import name_sort_key, search_key
from thidua.demo.bulk_copy import CopyTable
from thidua.organizations.imports import import_members
from thidua.organizations.models import Member, OrgKind, OrgUnit

TARGET = 5_000


class RolledBack(Exception):
    pass


def rolled_back(function):
    """Seconds ``function`` takes inside a transaction that is then rolled back."""
    started = time.perf_counter()
    try:
        with transaction.atomic():
            result = function()
            seconds = time.perf_counter() - started
            raise RolledBack
    except RolledBack:
        pass
    return seconds, result


def copy_lines(data, units):
    """The file's rows as COPY lines of the member table (keys computed here, not timed)."""
    table = CopyTable(
        Member,
        "org_id org_path code full_name gender birth_date search_key sort_key active",
    )
    by_code = {unit.code: unit for unit in units}
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    lines = []
    for row in sheet.iter_rows(min_row=2, values_only=True):
        unit = by_code[row[0]]
        name = row[2]
        day, month, year = row[4].split("/")
        lines.append(
            table.line(
                (
                    unit.id,
                    unit.path,
                    row[1],
                    name,
                    "female" if row[3] == "Nữ" else "male",
                    f"{year}-{month}-{day}",
                    search_key(name),
                    name_sort_key(name),
                    True,
                )
            )
        )
    return table, lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    members = require_national()
    print(f"{members:,} members; {machine()}")
    found = scopes()
    federation = found["federation"]
    units = list(
        OrgUnit.objects.filter(
            kind=OrgKind.GRASSROOTS_UNION, path__startswith=federation.path
        ).order_by("path")[:20]
    )
    user = bench_user(found["Confederation"], Role.SECTOR_ADMIN)
    data = member_file(args.rows, units).getvalue()
    print(f"file: {args.rows:,} rows, {len(data) / 2**20:.1f} MiB, 20 unions of {federation.code}")

    seconds, result = rolled_back(lambda: import_members(io.BytesIO(data), by=user))
    rate = args.rows / seconds
    print(f"import: {seconds:.1f} s, {rate:,.0f} rows/s, created={result.created}")

    table, lines = copy_lines(data, units)

    def copy():
        with connection.cursor() as cursor:
            table.copy(cursor, lines)

    floor, _ = rolled_back(copy)
    floor_rate = args.rows / floor
    verdict = "met" if rate >= TARGET else "MISSED"
    print(
        f"COPY floor: {floor:.1f} s, {floor_rate:,.0f} rows/s | ratio {floor_rate / rate:.1f}x"
        f" | target >= {TARGET:,} rows/s: {verdict}"
    )


if __name__ == "__main__":
    main()

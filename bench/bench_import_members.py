"""Benchmark: import an .xlsx of N new members, then the same file again (all updates).

Run from the project root with the project's virtualenv, on a scratch database:

    DATABASE_URL=sqlite:////tmp/bench-import.sqlite3 .venv/bin/python bench/bench_import_members.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench .venv/bin/python \
        bench/bench_import_members.py --rows 50000

The database must be empty or hold only the bench's own units; it is migrated first. Prints the
time and rows per second of each pass and the peak resident memory of the process.
"""

import argparse
import io
import os
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from thidua.accounts.models import RoleAssignment, User  # noqa: E402
from thidua.accounts.roles import Role  # noqa: E402
from thidua.organizations.imports import MEMBER_COLUMNS, import_members  # noqa: E402
from thidua.organizations.models import EmployerType, OrgKind, OrgUnit  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Thị", "Văn", "Ngọc", "Thanh", "Minh", "Hữu", "Thu", "Quốc"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hồng", "Khánh", "Lan", "Mai", "Phúc", "Tâm", "Yến"]


def bench_units(count=20):
    """A sector with ``count`` grassroots unions (created once, reused by later runs)."""
    root = OrgUnit.objects.filter(code="BENCH-TLD").first()
    if root is None:
        root = OrgUnit.objects.add_root(
            instance=OrgUnit(kind=OrgKind.CONFEDERATION, code="BENCH-TLD", name="Bench TLĐ")
        )
        sector = OrgUnit.objects.add_child(
            root,
            instance=OrgUnit(kind=OrgKind.SECTOR_UNION, code="BENCH-CDN", name="Bench CĐN"),
        )
        for index in range(count):
            OrgUnit.objects.add_child(
                sector,
                instance=OrgUnit(
                    kind=OrgKind.GRASSROOTS_UNION,
                    code=f"BENCH-{index:03d}",
                    name=f"Bench CĐCS {index}",
                    employer_type=EmployerType.PUBLIC_SERVICE,
                ),
            )
    sector = OrgUnit.objects.get(code="BENCH-CDN")
    user, _ = User.objects.get_or_create(username="bench.admin")
    RoleAssignment.objects.get_or_create(user=user, role=Role.SECTOR_ADMIN, org=sector)
    units = list(OrgUnit.objects.filter(kind=OrgKind.GRASSROOTS_UNION, code__startswith="BENCH-"))
    return User.objects.get(pk=user.pk), units


def member_file(rows, units):
    """An .xlsx in the import template's columns with ``rows`` members and their codes."""
    rng = random.Random(2026)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([column.header for column in MEMBER_COLUMNS])
    for index in range(rows):
        female = rng.random() < 0.65
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        sheet.append(
            [
                units[index % len(units)].code,
                f"M{index:07d}",
                name,
                "Nữ" if female else "Nam",
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1966, 2002)}",
                "Điều dưỡng",
                "Không",
                "Có",
                "01/06/2015",
                "01/01/2015",
                "",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def timed_import(data, user):
    started = time.perf_counter()
    result = import_members(io.BytesIO(data), by=user)
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    user, units = bench_units()
    data = member_file(args.rows, units).getvalue()
    print(f"file: {args.rows} rows, {len(data) / 1_048_576:.1f} MiB")

    seconds, result = timed_import(data, user)
    print(f"create: {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s, created={result.created}")
    seconds, result = timed_import(data, user)
    print(f"update: {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s, updated={result.updated}")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()

"""Shared helpers of the national benchmarks (``bench_national_*.py``): Django set-up, the four
scopes (the Confederation, the largest federation, the largest sector union, the largest
grassroots union), a bench user holding a role at each, timing with percentiles, and printing a
figure beside its floor.

The scripts run against a database filled by ``manage.py generate_national`` and change nothing
in it but the bench users (``bench.<code>``) and their API tokens.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from thidua.accounts.models import RoleAssignment, User  # noqa: E402
from thidua.accounts.roles import Role  # noqa: E402
from thidua.organizations.models import Member, OrgKind, OrgUnit  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
settings.DEBUG = False


def require_national():
    """Exit with a message unless the database holds a generated national dataset."""
    if connection.vendor != "postgresql" or not OrgUnit.objects.filter(code="TLD").exists():
        sys.exit(
            "Run against a PostgreSQL database filled by `manage.py generate_national`, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national"
        )
    return Member.objects.count()


def _largest(kind):
    """The unit of ``kind`` with the most members below it (by the members' org_path prefix)."""
    units = list(OrgUnit.objects.filter(kind=kind).only("pk", "path"))
    depth = len(units[0].path)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT left(org_path, %s) AS prefix, count(*) FROM organizations_member"
            " GROUP BY prefix ORDER BY count(*) DESC LIMIT 1",
            [depth],
        )
        prefix, _ = cursor.fetchone()
    return OrgUnit.objects.get(path=prefix)


def scopes():
    """``{label: unit}`` for the four levels the issue measures."""
    root = OrgUnit.objects.get(code="TLD")
    largest = {
        "federation": _largest(OrgKind.FEDERATION),
        "sector": OrgUnit.objects.filter(kind=OrgKind.SECTOR_UNION, parent__kind=OrgKind.FEDERATION)
        .annotate(n=Count("child_units"))
        .order_by("-n")
        .first(),
        "grassroots": OrgUnit.objects.filter(kind=OrgKind.GRASSROOTS_UNION)
        .annotate(n=Count("members"))
        .order_by("-n")
        .first(),
    }
    return {"Confederation": root, **largest}


def bench_user(org, role=Role.VIEWER):
    """A user holding ``role`` at ``org`` (created once). The default read-only role needs no
    second factor, so the test client reaches the pages."""
    user, _ = User.objects.get_or_create(
        username=f"bench.{role}.{org.code.lower()}", defaults={"full_name": f"Bench {org.code}"}
    )
    RoleAssignment.objects.get_or_create(user=user, role=role, org=org)
    return User.objects.get(pk=user.pk)


def timed(function, runs, warmup=1):
    """Seconds of each of ``runs`` calls of ``function`` after ``warmup`` untimed ones."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def p50_p95(samples):
    """Median and 95th percentile, in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def compare(label, samples, floor_samples, target_ms=None):
    """Print p50/p95 of ``samples`` beside the floor's, the ratio of the p95s and the target."""
    p50, p95 = p50_p95(samples)
    f50, f95 = p50_p95(floor_samples)
    verdict = ""
    if target_ms is not None:
        verdict = f"  target p95 < {target_ms} ms: {'met' if p95 < target_ms else 'MISSED'}"
    print(
        f"{label:<44} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms | floor p50 {f50:7.1f} ms"
        f"  p95 {f95:7.1f} ms | ratio p95 {p95 / max(f95, 1e-6):5.1f}x{verdict}"
    )
    return p95


def machine():
    """One line on the machine and the data size, for the README table."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return (
        f"{os.cpu_count()} cores, PostgreSQL {version.split()[0]}, Python {sys.version.split()[0]}"
    )

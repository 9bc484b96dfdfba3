"""Benchmark: the dashboard and the statistics page at four levels of the national dataset.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national .venv/bin/python \
        bench/bench_national_dashboard.py --runs 10

For the Confederation, the largest federation, the largest sector union of a federation and the
largest grassroots union, a viewer (read-only role) there opens the dashboard
(``/dashboard/?org=…&year=…``) and the statistics page through the Django test client. The floor
is a hand-written SQL aggregate of the same figures (awards of five years; the year's awards by
sub-unit, employer type, issuing level, gender and worker kind; nominations by stage), run as
seven plain statements. Prints p50/p95 in ms, the ratio of the p95s, and the 300 ms target.
"""

import argparse

from django.db import connection
from django.test import Client
from national_common import bench_user, compare, machine, require_national, scopes, timed

from thidua.awards.models import AwardRecord

TARGET_MS = 300
STEP = 4
_AWARDS = (
    "FROM awards_awardrecord r JOIN organizations_orgunit h ON h.id = r.holder_org_id"
    " LEFT JOIN organizations_member m ON m.id = r.member_id"
    " WHERE h.path LIKE %(prefix)s AND r.revoked_at IS NULL AND r.year = %(year)s"
)
FLOOR = [
    "SELECT r.year, count(*), sum(r.amount) FROM awards_awardrecord r"
    " JOIN organizations_orgunit h ON h.id = r.holder_org_id WHERE h.path LIKE %(prefix)s"
    " AND r.revoked_at IS NULL AND r.year BETWEEN %(first)s AND %(year)s GROUP BY r.year",
    f"SELECT left(h.path, %(child)s), count(*), sum(r.amount) {_AWARDS} GROUP BY 1",
    "SELECT coalesce(nullif(h.employer_type, ''), p.employer_type), count(*), sum(r.amount)"
    f" {_AWARDS.replace(' LEFT JOIN', ' LEFT JOIN organizations_orgunit p ON p.id = h.parent_id LEFT JOIN', 1)}"  # noqa: E501
    " GROUP BY 1",
    "SELECT t.issuing_level, count(*), sum(r.amount)"
    f" {_AWARDS.replace(' LEFT JOIN', ' JOIN awards_awardtype t ON t.id = r.award_type_id LEFT JOIN', 1)}"  # noqa: E501
    " GROUP BY 1",
    f"SELECT m.gender, count(*), sum(r.amount) {_AWARDS} AND r.member_id IS NOT NULL GROUP BY 1",
    "SELECT m.is_manager, m.is_direct_worker, count(*), sum(r.amount)"
    f" {_AWARDS} AND r.member_id IS NOT NULL GROUP BY 1, 2",
    "SELECT status, count(*) FROM nominations_nomination"
    " WHERE org_path LIKE %(prefix)s AND year = %(year)s GROUP BY status",
]


def floor_query(org, year):
    params = {"prefix": f"{org.path}%", "year": year, "first": year - 4}
    params["child"] = len(org.path) + STEP

    def run():
        with connection.cursor() as cursor:
            for statement in FLOOR:
                cursor.execute(statement, params)
                cursor.fetchall()

    return run


def page(client, url, org, year):
    def run():
        response = client.get(url, {"org": org.pk, "year": year})
        assert response.status_code == 200, (url, response.status_code)

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    members = require_national()
    year = AwardRecord.objects.order_by("-year").values_list("year", flat=True).first()
    print(f"{members:,} members, year {year}; {machine()}")
    for label, org in scopes().items():
        client = Client()
        client.force_login(bench_user(org))
        floor = timed(floor_query(org, year), args.runs)
        for name, url in (("dashboard", "/dashboard/"), ("statistics", "/dashboard/statistics/")):
            samples = timed(page(client, url, org, year), args.runs)
            compare(f"{name}, {label} ({org.code})", samples, floor, TARGET_MS)


if __name__ == "__main__":
    main()

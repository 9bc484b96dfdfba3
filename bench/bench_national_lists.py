"""Benchmark: list pages and API lists on the national dataset (p95 and query counts).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national .venv/bin/python \
        bench/bench_national_lists.py --runs 10

Each list is opened by a viewer of the Confederation (the whole dataset) and of the largest
grassroots union (a few thousand rows), and each API list at ``page_size`` 10 and 100. The query
count of a list must be the same in all of them: it may not grow with the page size or with the
data. The floor is the bare SQL of the list's first page (same filter, order and limit). Prints
p50/p95, the ratio of the p95s, the 150 ms target and the query counts.
"""

import argparse

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from national_common import bench_user, compare, machine, require_national, scopes, timed

from thidua.accounts.models import ApiToken

TARGET_MS = 150
# (label, url, extra parameters, floor SQL of the first page)
LISTS = [
    (
        "member list page",
        "/members/",
        {},
        "SELECT * FROM organizations_member WHERE org_path LIKE %(prefix)s AND active"
        " ORDER BY sort_key, id LIMIT 50",
    ),
    (
        "nomination list page",
        "/nominations/",
        {},
        "SELECT * FROM nominations_nomination WHERE org_path LIKE %(prefix)s"
        " ORDER BY year DESC, org_path, id LIMIT 50",
    ),
    (
        "API members",
        "/api/v1/members",
        {"page_size": "{size}"},
        "SELECT * FROM organizations_member WHERE org_path LIKE %(prefix)s"
        " ORDER BY sort_key, id LIMIT %(size)s",
    ),
    (
        "API nominations",
        "/api/v1/nominations",
        {"page_size": "{size}"},
        "SELECT * FROM nominations_nomination WHERE org_path LIKE %(prefix)s"
        " ORDER BY year DESC, org_path, id LIMIT %(size)s",
    ),
    (
        "API units",
        "/api/v1/orgs",
        {"page_size": "{size}"},
        "SELECT * FROM organizations_orgunit WHERE path LIKE %(prefix)s ORDER BY path"
        " LIMIT %(size)s",
    ),
]
SIZES = (10, 100)


def client_for(org):
    user = bench_user(org)
    client = Client()
    client.force_login(user)
    _, raw = ApiToken.issue(user, name="bench")
    return client, {"Authorization": f"Bearer {raw}"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--skip", default="", help="comma-separated list labels to leave out")
    args = parser.parse_args()
    skipped = {label.strip() for label in args.skip.split(",") if label.strip()}
    members = require_national()
    print(f"{members:,} members; {machine()}")
    levels = {
        label: org for label, org in scopes().items() if label in ("Confederation", "grassroots")
    }
    clients = {label: client_for(org) for label, org in levels.items()}
    for name, url, extra, floor_sql in LISTS:
        if name in skipped:
            continue
        counts = set()
        sizes = SIZES if extra else (50,)
        for label, org in levels.items():
            client, headers = clients[label]
            for size in sizes:
                params = {key: value.format(size=size) for key, value in extra.items()}

                def run(url=url, params=params, client=client, headers=headers):
                    response = client.get(url, params, headers=headers)
                    assert response.status_code == 200, (url, response.status_code)

                run()  # warm-up: a client's first API call also stamps its token
                with CaptureQueriesContext(connection) as queries:
                    run()
                query_count = len(queries)
                counts.add(query_count)
                samples = timed(run, args.runs)

                def floor(floor_sql=floor_sql, size=size, org=org):
                    with connection.cursor() as cursor:
                        cursor.execute(floor_sql, {"prefix": f"{org.path}%", "size": size})
                        cursor.fetchall()

                floor_samples = timed(floor, args.runs)
                shown = f"{name}, {label}" + (f", page_size {size}" if extra else "")
                compare(f"{shown} [{query_count} q]", samples, floor_samples, TARGET_MS)
        verdict = "constant" if len(counts) == 1 else "GROWS"
        print(f"  {name}: query counts {sorted(counts)} -> {verdict}")


if __name__ == "__main__":
    main()

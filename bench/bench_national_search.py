"""Benchmark: member search by name without diacritics, on the national dataset.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_national .venv/bin/python \
        bench/bench_national_search.py --terms 40

Searches typed without diacritics ("nguyen thi thu ha", "tran minh", "ngoc hanh") by a
Confederation-level user, two ways, each against the same floor: the bare SQL query on the word
index of names (``organizations.name_index``: the rarest word's index entries in name order, the
other words checked on the same entry, joined to the member rows; same predicate, order and
limit, no ORM):

- the first page of ``Member.objects.visible_to(user).search(text)`` in Vietnamese order;
- the member list page (``/members/?q=…``, htmx partial) through the Django test client.

Prints p50/p95 in milliseconds, the ratio of the p95s and whether the 50 ms target is met.
"""

import argparse
import random

from django.db import connection
from django.test import Client
from national_common import bench_user, compare, machine, require_national, scopes, timed

from thidua.organizations import name_index
from thidua.organizations.models import Member

PAGE = 50
TARGET_MS = 50
FLOOR_SQL = (
    "SELECT m.id, m.full_name, m.org_id FROM organizations_member_name_word w"
    " JOIN organizations_member m ON m.id = w.member_id"
    " WHERE w.word = %s{others} AND m.active"
    " ORDER BY w.sort_key, w.member_id LIMIT %s"
)


def floor_query(term):
    """The floor's SQL and parameters: the rarest word's entries, each other word a LIKE."""
    words = name_index.query_words(term)
    rarest = name_index.rarest(words)
    others = [f"% {word} %" for word in words if word != rarest]
    sql = FLOOR_SQL.format(others=" AND w.padded_key LIKE %s" * len(others))
    return sql, [rarest, *others, PAGE]


def search_terms(count, rng):
    """Full names, family + given name and middle + given name, without diacritics."""
    ids = Member.objects.order_by("?").values_list("search_key", flat=True)[: count * 3]
    keys = list(ids)
    terms = []
    for index, key in enumerate(keys[:count]):
        words = key.split()
        shape = index % 3
        if shape == 0:
            terms.append(key)
        elif shape == 1:
            terms.append(f"{words[0]} {words[-1]}")
        else:
            terms.append(" ".join(words[-2:]))
    rng.shuffle(terms)
    return terms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=40)
    args = parser.parse_args()
    members = require_national()
    print(f"{members:,} members; {machine()}")
    root = scopes()["Confederation"]
    user = bench_user(root)
    terms = search_terms(args.terms, random.Random(2026))

    def floor():
        with connection.cursor() as cursor:
            for term in terms:
                cursor.execute(*floor_query(term))
                cursor.fetchall()

    def one_by_one(run):
        samples = []
        for term in terms:
            samples += timed(lambda term=term: run(term), runs=1, warmup=0)
        return samples

    def floor_one(term):
        with connection.cursor() as cursor:
            cursor.execute(*floor_query(term))
            cursor.fetchall()

    def queryset(term):
        visible = Member.objects.visible_to(user).filter(active=True)
        list(visible.search(term).in_vietnamese_order().select_related("org")[:PAGE])

    client = Client()
    client.force_login(user)

    def page(term):
        response = client.get("/members/", {"q": term}, headers={"HX-Request": "true"})
        assert response.status_code == 200, response.status_code

    floor()
    floor_samples = one_by_one(floor_one)
    compare("search, first page (queryset)", one_by_one(queryset), floor_samples, TARGET_MS)
    compare("search, member list page (client)", one_by_one(page), floor_samples, TARGET_MS)


if __name__ == "__main__":
    main()

"""Statistics at national scale (bench/README.md, National scale): the employer-type breakdown
finds the holder's grassroots union without scanning the units per award row (minutes at a
million members), and awards worth nothing are not valued row by row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dashboard.records import award
from tests.factories import MemberFactory, make_org
from thidua.awards.models import AwardRecord
from thidua.dashboard.statistics import award_breakdown, grassroots_employer_type
from thidua.organizations.models import EmployerType, OrgKind

pytestmark = pytest.mark.django_db


def test_holders_at_every_depth_get_their_unions_employer_type(tree):
    factory = make_org(
        OrgKind.GRASSROOTS_UNION,
        tree.sector,
        code="NMMAY",
        employer_type=EmployerType.FDI_ENTERPRISE,
    )
    group = make_org(OrgKind.UNION_GROUP, factory, code="NMMAY-T1")
    team = make_org(OrgKind.UNION_GROUP, group, code="NMMAY-T1A")
    shift = make_org(OrgKind.UNION_GROUP, team, code="NMMAY-T1A1")
    for holder in (factory, group, team, shift):
        award(MemberFactory(org=holder), "LDTT")
    award(None, "TTLDTT", org=shift)

    rows = {row["key"]: row["count"] for row in award_breakdown(2026, factory, "employer_type")}

    assert rows == {EmployerType.FDI_ENTERPRISE: 5}


def test_the_key_reads_the_holder_and_its_parents_before_any_scan(tree):
    sql = str(AwardRecord.objects.annotate(key=grassroots_employer_type()).query)

    head = sql[: sql.index("(SELECT")]
    assert head.count('"employer_type"') == 3
    assert '"parent_id"' in sql


def test_awards_worth_nothing_are_counted_but_not_valued_row_by_row(tree, people):
    member = MemberFactory(org=tree.bvdk)
    award(member, "DVXS", amount=None)  # coefficient 0
    award(member, "GK-CDN", amount=None)  # valued from the catalogue

    with CaptureQueriesContext(connection) as queries:
        rows = award_breakdown(2026, tree.bvdk, "award_type")

    counts = {row["key"]: (row["count"], row["amount"] > 0) for row in rows}
    assert counts == {"DVXS": (1, False), "GK-CDN": (1, True)}
    valued = [q["sql"] for q in queries if "awards_basesalary" in q["sql"]]
    assert valued
    assert all('"amount_coefficient" > ' in sql for sql in valued)

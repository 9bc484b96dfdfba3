import datetime
from collections import Counter, defaultdict

import pytest

from tests.api.helpers import assert_problem
from tests.dashboard.records import award
from tests.factories import MemberFactory, make_org
from thidua.awards.models import AwardRecord
from thidua.dashboard.statistics import BREAKDOWNS, award_breakdown
from thidua.organizations.models import EmployerType, OrgKind

YEAR = 2026


@pytest.fixture
def awarded(tree, people):
    """Awards in BVDK (and its group), BVNHI and a private clinic, one of them revoked."""
    clinic = make_org(
        OrgKind.GRASSROOTS_UNION,
        tree.sector,
        code="PKTN",
        employer_type=EmployerType.PRIVATE_ENTERPRISE,
    )
    young = MemberFactory(
        org=tree.bvdk, gender="female", birth_date=datetime.date(2000, 5, 1), is_manager=False
    )
    boss = MemberFactory(
        org=tree.bvdk_group,
        gender="male",
        birth_date=datetime.date(1970, 1, 1),
        is_manager=True,
        is_direct_worker=False,
    )
    nurse = MemberFactory(org=clinic, gender="female", birth_date=datetime.date(1985, 3, 3))
    award(young, "LDTT", amount=700_000)
    award(young, "BK-LDLD", amount=3_510_000)
    award(boss, "LDTT", amount=700_000)
    award(boss, "CSTDCS", amount=2_340_000, revoked=True)
    award(people.child_doctor, "LDTT", amount=700_000)
    award(nurse, "GK-CDN", amount=None)  # valued from the catalogue
    award(None, "TTLDTT", org=tree.bvdk_group, amount=1_880_000)
    award(young, "LDTT", year=YEAR - 1, amount=700_000)
    return clinic


def _expected(org, by):
    """The breakdown computed row by row in Python from the raw records."""
    records = [
        r
        for r in AwardRecord.objects.select_related("member", "holder_org", "award_type")
        if r.year == YEAR and r.revoked_at is None and r.holder_org.path.startswith(org.path)
    ]
    if by in {"gender", "worker", "age_band"}:
        records = [r for r in records if r.member_id]
    keys = {
        "unit": lambda r: r.holder_org.path[: len(org.path) + 4],
        "level": lambda r: r.award_type.issuing_level,
        "award_type": lambda r: r.award_type.code,
        "gender": lambda r: r.member.gender,
        "worker": lambda r: (
            "manager"
            if r.member.is_manager
            else ("direct_worker" if r.member.is_direct_worker else "other")
        ),
        "age_band": lambda r: (
            "under_30"
            if YEAR - r.member.birth_date.year < 30
            else "30_39"
            if YEAR - r.member.birth_date.year < 40
            else "40_49"
            if YEAR - r.member.birth_date.year < 50
            else "50_plus"
        ),
        "employer_type": lambda r: next(
            u.employer_type
            for u in type(r.holder_org).objects.filter(kind=OrgKind.GRASSROOTS_UNION)
            if r.holder_org.path.startswith(u.path)
        ),
    }
    counts, amounts = Counter(), defaultdict(int)
    for record in records:
        key = keys[by](record)
        counts[key] += 1
        amounts[key] += record.amount or record.award_type.amount_on(record.decided_on)
    return {key: (counts[key], amounts[key]) for key in counts}


@pytest.mark.parametrize("by", list(BREAKDOWNS))
@pytest.mark.parametrize("who,unit", [("nganh_admin", "sector"), ("bvdk_thidua", "bvdk")])
def test_api_breakdown_equals_the_records(api_client, tree, people, awarded, by, who, unit):
    org = getattr(tree, unit)
    response = api_client(getattr(people, who)).get(
        f"/api/v1/statistics/awards?year={YEAR}&org={org.pk}&by={by}"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["year"], body["org_id"], body["by"]) == (YEAR, org.pk, by)
    got = {row["key"]: (row["count"], row["amount"]) for row in body["rows"]}
    assert got == _expected(org, by)
    assert all(row["label"] for row in body["rows"])


def test_revoked_awards_are_not_counted(tree, people, awarded):
    levels = {row["key"]: row["count"] for row in award_breakdown(YEAR, tree.bvdk, "award_type")}
    assert "CSTDCS" not in levels
    assert levels["LDTT"] == 2


def test_units_row_per_direct_sub_unit(tree, awarded):
    rows = award_breakdown(YEAR, tree.sector, "unit")
    by_unit = {row["label"]: row["count"] for row in rows}
    assert by_unit == {tree.bvdk.name: 4, tree.bvnhi.name: 1, awarded.name: 1}


def test_api_defaults_to_the_home_unit_and_year(api_client, tree, people, awarded):
    body = api_client(people.bvdk_thidua).get("/api/v1/statistics/awards?by=gender").json()
    assert body["org_id"] == tree.bvdk.pk


def test_api_hides_units_outside_reach(api_client, tree, people, awarded):
    client = api_client(people.bvnhi_thidua)
    for endpoint in ("awards", "nominations", "fairness"):
        response = client.get(f"/api/v1/statistics/{endpoint}?org={tree.bvdk.pk}")
        assert_problem(response, 404)
        assert_problem(client.get(f"/api/v1/statistics/{endpoint}?org={tree.sector.pk}"), 404)


def test_api_refuses_members_and_anonymous_callers(api_client, people):
    assert_problem(api_client(people.doanvien).get("/api/v1/statistics/awards"), 403)
    assert_problem(api_client(None).get("/api/v1/statistics/awards"), 401)


def test_api_bad_parameters_are_client_errors(api_client, tree, people):
    client = api_client(people.nganh_admin)
    assert client.get("/api/v1/statistics/awards?by=colour").status_code in (400, 422)
    assert_problem(client.get("/api/v1/statistics/awards?year=20x6"), 400, field="year")
    assert_problem(client.get("/api/v1/statistics/nominations?org=abc"), 400, field="org")
    assert_problem(client.get("/api/v1/statistics/fairness?org=99999999999999999999"), 404)


def test_api_nominations_by_stage(api_client, tree, people):
    from tests.dashboard.records import nominate

    member = MemberFactory(org=tree.bvdk)
    for status in ("draft", "submitted", "approved", "forwarded", "upper_approved", "awarded"):
        nominate(member, tree.bvdk, status=status)
    body = api_client(people.ldld).get(
        f"/api/v1/statistics/nominations?year={YEAR}&org={tree.sector.pk}"
    )
    assert body.json() == {
        "year": YEAR,
        "org_id": tree.sector.pk,
        "proposed": 5,
        "approved": 4,
        "forwarded": 2,
        "upper_approved": 1,
    }

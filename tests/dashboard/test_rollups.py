"""The upper units' award rollups (``dashboard.rollups``) equal the live computation after every
kind of write, the rebuild command repairs them, and upper dashboards read them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from tests.dashboard.records import award
from tests.decisions.conftest import approved
from tests.factories import MemberFactory, UserFactory, make_org, user_with_role
from thidua.accounts.roles import Role
from thidua.awards.imports import COLUMNS, import_award_history
from thidua.awards.models import AwardRecord
from thidua.dashboard import fairness, statistics
from thidua.dashboard.models import AwardRollup
from thidua.dashboard.statistics import BREAKDOWNS, award_breakdown, awards_by_year
from thidua.decisions import services as decisions
from thidua.organizations import services as organizations
from thidua.organizations.models import EmployerType, OrgKind

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def history(tree, people):
    """Individual and collective awards over two years, one revoked, one valued from the
    catalogue, in BVDK (and its group), BVNHI and a private clinic."""
    clinic = make_org(
        OrgKind.GRASSROOTS_UNION,
        tree.sector,
        code="PKTN",
        employer_type=EmployerType.PRIVATE_ENTERPRISE,
    )
    young = MemberFactory(org=tree.bvdk, gender="female", birth_date=datetime.date(2000, 5, 1))
    boss = MemberFactory(
        org=tree.bvdk_group,
        gender="male",
        birth_date=datetime.date(1970, 1, 1),
        is_manager=True,
        is_direct_worker=False,
    )
    nurse = MemberFactory(
        org=clinic, gender="female", birth_date=None, is_direct_worker=True, is_manager=False
    )
    award(young, "LDTT", year=YEAR, amount=700_000)
    award(young, "BK-LDLD", year=YEAR, amount=3_510_000)
    award(boss, "LDTT", year=YEAR, amount=700_000)
    award(boss, "CSTDCS", year=YEAR, amount=2_340_000, revoked=True)
    award(people.child_doctor, "LDTT", year=YEAR, amount=700_000)
    award(nurse, "GK-CDN", year=YEAR, amount=None)  # valued from the catalogue
    award(None, "TTLDTT", org=tree.bvdk_group, year=YEAR, amount=1_880_000)
    award(None, "GK-CDN", org=tree.sector, year=YEAR, amount=None)  # held by the sector itself
    award(young, "LDTT", year=YEAR - 1, amount=700_000)
    award(young, "LDTT", year=YEAR - 2, amount=700_000)
    return clinic


def _live(monkeypatch, function, *args):
    with monkeypatch.context() as patch:
        patch.setattr(statistics, "uses_rollups", lambda org: False)
        patch.setattr(fairness, "uses_rollups", lambda org: False)
        return function(*args)


def _figures(year, org):
    return [
        {k: v for k, v in unit.items() if k.startswith("awards") or k == "org_id"}
        for unit in fairness.unit_figures(year, org)
    ]


def assert_rollups_equal_live(monkeypatch, tree, years=(YEAR - 1, YEAR)):
    for org in (tree.tld, tree.ldld, tree.sector):
        org.refresh_from_db()
        assert statistics.uses_rollups(org)
        for year in years:
            for by in BREAKDOWNS:
                rolled = award_breakdown(year, org, by)
                assert rolled == _live(monkeypatch, award_breakdown, year, org, by), (org, by)
            assert _figures(year, org) == _live(monkeypatch, _figures, year, org)
            concentration = fairness.concentration(year, org)
            assert concentration == _live(monkeypatch, fairness.concentration, year, org)
        assert awards_by_year(org, YEAR - 4, YEAR) == _live(
            monkeypatch, awards_by_year, org, YEAR - 4, YEAR
        )


def test_rollups_equal_the_live_figures_for_every_dimension(history, tree, monkeypatch):
    assert AwardRollup.objects.filter(org=tree.tld).exists()
    assert not AwardRollup.objects.filter(org__kind=OrgKind.GRASSROOTS_UNION).exists()
    assert_rollups_equal_live(monkeypatch, tree)
    assert fairness.concentration(YEAR, tree.tld) == {
        "years": 3,
        "repeated": 1,
        "awarded": 4,
        "share": 0.25,
    }
    sector = {r["key"]: r["count"] for r in award_breakdown(YEAR, tree.sector, "unit")}
    assert sector == {tree.sector.path: 1, tree.bvdk.path: 4, tree.bvnhi.path: 1, history.path: 1}


def test_revoking_and_restoring_a_record_follows(history, tree, monkeypatch):
    record = AwardRecord.objects.effective().filter(member__isnull=False, year=YEAR).first()
    record.revoked_at = datetime.datetime(YEAR, 12, 30, tzinfo=datetime.UTC)
    record.save()
    assert_rollups_equal_live(monkeypatch, tree)
    record.revoked_at = None
    record.save()
    assert_rollups_equal_live(monkeypatch, tree)
    record.year = YEAR - 1
    record.amount = 123_000
    record.save()
    assert_rollups_equal_live(monkeypatch, tree)
    AwardRecord.objects.filter(pk=record.pk).update(year=YEAR)
    assert_rollups_equal_live(monkeypatch, tree)
    AwardRecord.objects.filter(org__isnull=False).delete()
    assert_rollups_equal_live(monkeypatch, tree)


def test_decisions_and_their_revocation_follow(history, tree, people, monkeypatch):
    nominations = [
        approved(people.hong, org=tree.bvdk, year=YEAR),
        approved(people.nurse, org=tree.bvdk, year=YEAR),
    ]
    decision = decisions.issue_decision(
        by=people.nganh_admin,
        org=tree.sector,
        nominations=nominations,
        signed_on=datetime.date(YEAR, 12, 20),
        signer_name="Đàm Đức Chính",
        signer_title="Chủ tịch",
    )
    assert_rollups_equal_live(monkeypatch, tree)
    item = decision.items.first()
    decisions.revoke_award(
        item,
        by=people.nganh_admin,
        reason="false_declaration",
        detail="",
        revocation_number="09/QĐ-CĐN",
        revoked_on=datetime.date(YEAR, 12, 28),
        amount_recovered=item.amount,
    )
    assert AwardRecord.objects.filter(pk=item.award_record_id, revoked_at__isnull=False).exists()
    assert_rollups_equal_live(monkeypatch, tree)


def test_a_history_import_follows(history, tree, people, monkeypatch):
    MemberFactory(org=tree.bvdk, code="DV001", full_name="Nguyễn Văn An")
    MemberFactory(org=tree.bvdk_group, code="DV002", full_name="Trần Thị Bích")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in COLUMNS])
    sheet.append(["DV001", None, "Nguyễn Văn An", YEAR, "LDTT", None, "05/QĐ", "15/01/2025", "BV"])
    sheet.append(["DV002", None, None, YEAR, None, "Giấy khen của Sở Y tế", "12/QĐ", None, "SYT"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    assert import_award_history(buffer, org=tree.bvdk, by=people.bvdk_chutich) == 2
    assert_rollups_equal_live(monkeypatch, tree)


def test_moving_a_unit_and_changing_its_employer_type_follow(history, tree, monkeypatch):
    admin = UserFactory(is_superuser=True)
    other = make_org(OrgKind.SECTOR_UNION, tree.ldld, code="CDN-GD")
    organizations.move_org(tree.bvdk, new_parent=other, by=admin)
    assert_rollups_equal_live(monkeypatch, tree)
    moved = type(tree.bvdk).objects.get(pk=tree.bvdk.pk)
    assert award_breakdown(YEAR, other, "unit")
    assert award_breakdown(YEAR, other, "unit") == _live(
        monkeypatch, award_breakdown, YEAR, other, "unit"
    )
    organizations.update_org(
        moved, by=admin, employer_type=EmployerType.STATE_ENTERPRISE, version=moved.version
    )
    assert_rollups_equal_live(monkeypatch, tree)


def test_the_rebuild_command_repairs_corrupted_rollups(history, tree, monkeypatch):
    AwardRollup.objects.filter(org=tree.tld, year=YEAR, dimension="gender").update(count=99)
    AwardRollup.objects.filter(org=tree.ldld, year=YEAR, dimension="unit").delete()
    AwardRollup.objects.create(org=tree.sector, year=YEAR, dimension="level", key="x", count=3)
    with pytest.raises(AssertionError):
        assert_rollups_equal_live(monkeypatch, tree)
    out = io.StringIO()
    call_command("rebuild_award_rollups", "--year", str(YEAR), stdout=out)
    assert "rollup rows" in out.getvalue()
    assert_rollups_equal_live(monkeypatch, tree)
    AwardRollup.objects.all().delete()
    call_command("rebuild_award_rollups", stdout=out)
    assert_rollups_equal_live(monkeypatch, tree)


def test_upper_statistics_read_only_the_rollups(history, tree):
    for by in BREAKDOWNS:
        with CaptureQueriesContext(connection) as queries:
            award_breakdown(YEAR, tree.tld, by)
        assert len(queries) <= 2
        assert not any("awards_awardrecord" in q["sql"] for q in queries), by
    with CaptureQueriesContext(connection) as queries:
        awards_by_year(tree.tld, YEAR - 4, YEAR)
    assert len(queries) == 1 and "awards_awardrecord" not in queries[0]["sql"]


def test_an_upper_dashboard_makes_the_same_queries_whatever_the_awards(
    history, tree, people, client
):
    viewer = user_with_role(Role.VIEWER, tree.tld, username="tld.viewer")
    client.force_login(viewer)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/dashboard/", {"org": tree.tld.pk, "year": YEAR})
        assert response.status_code == 200
        return len(captured)

    before = queries()
    for number in range(5):
        member = MemberFactory(org=tree.bvnhi, gender="male")
        award(member, "LDTT", year=YEAR, amount=700_000 + number)
    assert queries() == before

"""Creating a round: one report slot per active grassroots union below the asking unit."""

import datetime

import pytest

from tests.factories import make_org
from thidua.core.exceptions import Forbidden, InvalidInput
from thidua.core.models import AuditEntry, Notification
from thidua.organizations.models import OrgKind
from thidua.reporting import services
from thidua.reporting.models import Report, ReportStatus

pytestmark = pytest.mark.django_db


def test_round_creates_one_pending_slot_per_active_grassroots_union(make_round, tree):
    closed = make_org(OrgKind.GRASSROOTS_UNION, tree.sector, code="CLOSED", active=False)
    round_ = make_round()
    reports = Report.objects.filter(round=round_)
    assert sorted(r.org.code for r in reports) == ["BVDK", "BVNHI"]
    assert {r.status for r in reports} == {ReportStatus.PENDING}
    assert not reports.filter(org=closed).exists()
    assert not reports.filter(org=tree.bvdk_group).exists()
    assert AuditEntry.objects.filter(object_id=str(round_.pk), action="create").exists()


def test_round_tells_each_unit_officer_and_chair(make_round, people):
    round_ = make_round()
    report = round_.reports.get(org__code="BVDK")
    notified = set(
        Notification.objects.filter(key=f"report-{report.pk}-asked").values_list(
            "user__username", flat=True
        )
    )
    assert notified == {"bvdk.thidua", "bvdk.chutich"}


def test_grassroots_staff_may_not_ask_for_reports(make_round, people, tree):
    with pytest.raises(Forbidden):
        make_round(org=tree.sector, by=people.bvdk_chutich)
    with pytest.raises(Forbidden):
        make_round(org=tree.bvdk, by=people.bvdk_thidua)


def test_invalid_round_lists_every_problem_and_writes_nothing(people, tree):
    with pytest.raises(InvalidInput) as caught:
        services.create_round(
            org=tree.sector,
            by=people.nganh_admin,
            title="  ",
            period="monthly",
            year=2026,
            due_on=datetime.date(2030, 1, 1),
        )
    fields = {e["field"] for e in caught.value.errors}
    assert fields == {"title", "period", "due_on"}
    assert not Report.objects.exists()


def test_movement_review_needs_its_movement(people, tree):
    with pytest.raises(InvalidInput) as caught:
        services.create_round(
            org=tree.sector,
            by=people.nganh_admin,
            title="Sơ kết phong trào",
            period="movement_midterm",
            year=2026,
            due_on=datetime.date(2026, 12, 1),
        )
    assert caught.value.errors[0]["field"] == "movement_id"

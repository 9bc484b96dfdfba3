"""The reporting demo: a half-year round mostly in, an annual round due 18/11/2026 in progress."""

import datetime
import random

import pytest

from tests.factories import make_org, user_with_role
from thidua.accounts.roles import Role
from thidua.demo.seed import DemoContext
from thidua.demo.units import GRASSROOTS
from thidua.organizations.models import OrgKind
from thidua.reporting.demo import reporting_rounds
from thidua.reporting.indicators import reports_on_time
from thidua.reporting.models import Report, ReportingRound

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    sector = make_org(OrgKind.SECTOR_UNION, code="CDN-YT", name="Công đoàn ngành Y tế Đồng Nai")
    units = {"CDN-YT": sector}
    for spec in GRASSROOTS:
        units[spec.code] = make_org(OrgKind.GRASSROOTS_UNION, sector, code=spec.code)
    users = {
        "nganh.thidua": user_with_role(Role.SECTOR_OFFICER, sector, username="nganh.thidua"),
        "bvdk.thidua": user_with_role(
            Role.GRASSROOTS_OFFICER, units["BVDK"], username="bvdk.thidua"
        ),
        "bvnhi.thidua": user_with_role(
            Role.GRASSROOTS_OFFICER, units["BVNHI"], username="bvnhi.thidua"
        ),
    }
    return DemoContext(units=units, users=users, rng=random.Random(7))


def test_demo_rounds_have_a_realistic_mix(demo):
    reporting_rounds(demo)
    half, annual = ReportingRound.objects.order_by("due_on")
    assert (half.due_on, annual.due_on) == (datetime.date(2026, 7, 15), datetime.date(2026, 11, 18))
    assert half.reports.count() == annual.reports.count() == len(GRASSROOTS)
    assert half.reports.filter(status="pending").count() == 2
    late = Report.objects.with_late().filter(round=half, is_late=True, submitted_at__isnull=False)
    assert late.count() == 5
    statuses = set(annual.reports.values_list("status", flat=True))
    assert {"pending", "submitted", "accepted"} <= statuses
    assert annual.reports.get(org__code="BVDK").status == "pending"
    assert annual.reports.get(org__code="BVNHI").status == "submitted"
    rate = reports_on_time(2026, demo.units["CDN-YT"])
    assert rate["total"] == 2 * len(GRASSROOTS) and 0 < rate["rate"] < 1

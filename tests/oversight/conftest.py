"""Fixtures of the oversight tests: an inspection of BVNHI by CDN-YT, courses, designations, and
an API client (``/api/v1`` with the oversight routers mounted)."""

import datetime

import pytest
from django.utils import timezone

from tests.api.helpers import ApiClient
from thidua.accounts.models import ApiToken
from thidua.organizations.models import OfficerDesignation
from thidua.oversight import services


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def inspection(people, tree):
    """A planned inspection of BVNHI by CDN-YT, planned by kiemtra (on the team)."""
    return services.create_inspection(
        by=people.kiemtra, org=tree.bvnhi, planned_on=days(-3), topic="emulation_commendation"
    )


@pytest.fixture
def with_findings(inspection, people):
    """The inspection with its findings: one recommendation overdue, one due later."""
    inspection = services.record_findings(
        inspection,
        by=people.kiemtra,
        findings="Hồ sơ khen thưởng lưu trữ chưa đầy đủ.",
        held_on=days(-3),
        recommendations=[
            {"text": "Bổ sung biên bản họp Hội đồng", "follow_up_due_on": days(-1)},
            {"text": "Cử cán bộ dự tập huấn", "follow_up_due_on": days(30)},
        ],
    )
    return inspection


@pytest.fixture
def officers(people, tree):
    """hong designated in BVDK, child_doctor in BVNHI."""
    start = datetime.date(2024, 1, 1)
    return {
        "bvdk": OfficerDesignation.objects.create(org=tree.bvdk, member=people.hong, since=start),
        "bvnhi": OfficerDesignation.objects.create(
            org=tree.bvnhi, member=people.child_doctor, since=start
        ),
    }


@pytest.fixture
def course(people, tree):
    return services.create_course(
        by=people.nganh_thidua,
        org=tree.sector,
        title="Tập huấn nghiệp vụ thi đua, khen thưởng",
        held_on=timezone.localdate(),
        counts_for_indicator=True,
    )


@pytest.fixture
def api_client(db):
    def make(user, **kwargs):
        if user is None:
            return ApiClient(**kwargs)
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw, **kwargs)

    return make

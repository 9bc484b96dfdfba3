"""Fixtures of the decision tests: approved nominations ready for a decision and an API client."""

import datetime

import pytest
from django.core.cache import cache

from tests.api.helpers import ApiClient
from tests.factories import MemberFactory
from thidua.accounts.models import ApiToken
from thidua.awards.models import AwardType
from thidua.nominations.models import Nomination, NominationStatus

YEAR = 2025
SIGNED_ON = datetime.date(2025, 12, 20)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with empty rate-limit counters."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client(db):
    def make(user=None, **kwargs):
        if user is None:
            return ApiClient(**kwargs)
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw, **kwargs)

    return make


def approved(member=None, *, org, award="GK-CDN", year=YEAR, nominee_org=None, **fields):
    """An approved nomination (the council's vote is the nominations app's concern)."""
    award_type = AwardType.objects.get(code=award)
    return Nomination.objects.create(
        award_type=award_type,
        year=year,
        org=org,
        member=member,
        nominee_org=nominee_org,
        status=fields.pop("status", NominationStatus.APPROVED),
        achievements=fields.pop("achievements", "Hoàn thành xuất sắc nhiệm vụ năm 2025"),
        **fields,
    )


@pytest.fixture
def make_approved():
    return approved


@pytest.fixture
def sector_nominations(tree, people):
    """Two approved GK-CDN nominations of BVDK members (Hồng, the doanvien, and Bình)."""
    return [
        approved(people.hong, org=tree.bvdk),
        approved(people.nurse, org=tree.bvdk),
    ]


@pytest.fixture
def issue(people, tree):
    """``issue(nominations, **overrides)``: a decision of CDN-YT by nganh.admin."""
    from thidua.decisions import services

    def make(nominations, **overrides):
        values = {
            "by": people.nganh_admin,
            "org": tree.sector,
            "nominations": nominations,
            "signed_on": SIGNED_ON,
            "signer_name": "Đàm Đức Chính",
            "signer_title": "Chủ tịch",
        }
        values.update(overrides)
        return services.issue_decision(**values)

    return make


@pytest.fixture
def member_factory():
    return MemberFactory

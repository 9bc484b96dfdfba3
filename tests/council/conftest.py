"""Fixtures of the council tests: two award types, appraised nominations in BVDK and BVNHI, a
council at CDN-YT, and an API client reaching the council routers."""

import datetime
from decimal import Decimal

import pytest

from tests.api.helpers import ApiClient
from tests.factories import grant, user_with_role
from thidua.accounts.models import ApiToken
from thidua.accounts.roles import Role
from thidua.awards.models import AwardType
from thidua.council import services
from thidua.nominations.models import Nomination

YEAR = 2026
TODAY = datetime.date.today()


@pytest.fixture
def api_client(db):
    def make(user):
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw)

    return make


def make_award(code, **fields):
    defaults = {
        "name": f"Giấy khen {code}",
        "category": "commendation",
        "subject": "individual",
        "issuing_level": "sector",
        "vote_threshold": Decimal("0.70"),
        "vote_base": "present",
        "quorum": Decimal("0.6667"),
        "quota_limited": False,
    }
    defaults.update(fields)
    award, _created = AwardType.objects.update_or_create(code=code, defaults=defaults)
    return award


@pytest.fixture
def award(db):
    return make_award("GK-CDN-T")


def appraised(org, member, award, status="appraised", **fields):
    return Nomination.objects.create(
        award_type=award,
        year=YEAR,
        org=org,
        member=member,
        achievements=fields.pop("achievements", "Hoàn thành xuất sắc nhiệm vụ năm 2026."),
        status=status,
        **fields,
    )


@pytest.fixture
def noms(tree, people, award):
    """Appraised nominations: Hồng and Bình (BVDK), Mai (BVNHI); a draft for Hồng."""
    from types import SimpleNamespace

    return SimpleNamespace(
        hong=appraised(tree.bvdk, people.hong, award),
        binh=appraised(tree.bvdk, people.nurse, award),
        mai=appraised(tree.bvnhi, people.child_doctor, award),
        draft=appraised(tree.bvdk, people.hong, make_award("GK-OTHER"), status="draft"),
    )


@pytest.fixture
def notice(people, noms):
    return services.publish_nominations(
        by=people.nganh_thidua,
        nominations=[noms.hong, noms.binh, noms.mai],
        notice_ends_on=TODAY + datetime.timedelta(days=7),
    )


@pytest.fixture
def council(tree, people):
    """Chair nganh.admin and hoidong.1..3: four members of CDN-YT's council."""
    extra = [
        user_with_role(Role.COUNCIL_MEMBER, tree.sector, username=f"hoidong.{i}") for i in (2, 3)
    ]
    seats = [
        services.add_council_member(
            by=people.nganh_admin, org=tree.sector, user=people.nganh_admin, role="chair"
        )
    ]
    for user in [people.hoidong, *extra]:
        seats.append(services.add_council_member(by=people.nganh_admin, org=tree.sector, user=user))
    return seats


def end_notice(notice):
    notice.notice_ends_on = TODAY - datetime.timedelta(days=1)
    notice.save()


__all__ = ["TODAY", "YEAR", "appraised", "end_notice", "grant", "make_award"]

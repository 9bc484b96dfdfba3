"""Fixtures of the forwarding tests: upper-level award types, a quota from the federation,
nominations brought to ``approved`` (the council's step taken directly), an API client."""

from decimal import Decimal

import pytest

from tests.api.helpers import ApiClient
from tests.nominations.conftest import GOOD_SCORES, YEAR, make_award, make_member, report
from thidua.accounts.models import ApiToken
from thidua.awards.models import Criterion
from thidua.core.workflow import transition
from thidua.nominations import quotas
from thidua.nominations import services as nominations
from thidua.nominations.models import NOMINATION_TRANSITIONS


def _rubric(award):
    Criterion.objects.get_or_create(
        award_type=award, code="TC1", defaults={"name": "Chuyên môn", "max_points": 60}
    )
    Criterion.objects.get_or_create(
        award_type=award,
        code="TC2",
        defaults={"name": "Phong trào", "max_points": 40, "required": True},
    )
    return award


@pytest.fixture
def federation_award(db):
    """BK-LDLD: given by the provincial federation, limited by quotas."""
    return _rubric(make_award())


@pytest.fixture
def confederation_award(db):
    return _rubric(
        make_award(
            "BK-TLD",
            name="Bằng khen của Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam",
            issuing_level="confederation",
            quota_limited=False,
        )
    )


@pytest.fixture
def sector_award(db):
    return _rubric(
        make_award(
            "GK-CDN",
            name="Giấy khen của Ban Chấp hành Công đoàn ngành",
            issuing_level="sector",
            quota_limited=False,
        )
    )


@pytest.fixture
def quota(tree, people, federation_award):
    return quotas.create_quota(
        by=people.nganh_admin,
        year=YEAR,
        award_type=federation_award,
        org=tree.sector,
        granted_by_org=tree.ldld,
        count=5,
        min_direct_worker_share=Decimal("0"),
    )


@pytest.fixture
def nominated(tree, people, federation_award, quota):
    """``nominated(status="approved", member=None, award=None, org=None)``: a nomination of BVDK
    (or ``org``) with a dossier, taken to ``status`` through the real services."""

    def make(status="approved", *, member=None, award=None, org=None):
        org = org or tree.bvdk
        by = people.bvdk_thidua if org == tree.bvdk else people.bvnhi_thidua
        member = member or make_member(
            org, is_direct_worker=True, job_title="Điều dưỡng", phone="0909000111"
        )
        nomination = nominations.create_nomination(
            by=by,
            org=org,
            member=member,
            award_type=award or federation_award,
            year=YEAR,
            achievements="Hoàn thành xuất sắc nhiệm vụ chăm sóc người bệnh",
            self_scores=GOOD_SCORES,
            document_ids=[report(org, by).pk, report(org, by, "TTR", "Tờ trình cơ sở").pk],
        )
        if status == "draft":
            return nomination
        nominations.submit_nomination(nomination, by=by)
        if status == "submitted":
            return nomination
        nominations.appraise_nomination(
            nomination, by=people.nganh_thidua, scores=GOOD_SCORES, recommendation="approve"
        )
        nomination.refresh_from_db()
        if status == "appraised":
            return nomination
        transition(nomination, "approved", by=people.hoidong, allowed=NOMINATION_TRANSITIONS)
        nomination.refresh_from_db()
        return nomination

    return make


@pytest.fixture
def api_client(db):
    def make(user, **kwargs):
        if user is None:
            return ApiClient(**kwargs)
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw, **kwargs)

    return make

"""Fixtures of the nomination tests: a small award catalogue, quotas, eligible members, and an
API client that reaches the /quotas and /nominations routers."""

import datetime
import io
from decimal import Decimal

import pytest
from reportlab.pdfgen import canvas

from tests.api.helpers import ApiClient
from tests.factories import MemberFactory
from thidua.accounts.models import ApiToken
from thidua.awards.models import (
    AwardType,
    Criterion,
    DisciplineRecord,
    EligibilityRule,
    MemberYearAssessment,
)
from thidua.documents import services as documents
from thidua.nominations import quotas, services

YEAR = 2026


def _pdf():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Bao cao thanh tich")
    pdf.save()
    return buffer.getvalue()


PDF = _pdf()


def make_award(code="BK-LDLD", **fields):
    defaults = {
        "name": "Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh",
        "category": "commendation",
        "subject": "individual",
        "issuing_level": "federation",
        "amount_coefficient": Decimal("1.5"),
        "quota_limited": True,
        "min_score": Decimal("60"),
        "required_dossier_parts": ["submission", "achievement_report"],
        "simplified_parts": ["submission", "summary"],
    }
    defaults.update(fields)
    award, _created = AwardType.objects.update_or_create(code=code, defaults=defaults)
    return award


@pytest.fixture
def award(db):
    """BK-LDLD: quota-limited, a 100-point rubric (min 60), no discipline in the year."""
    award = make_award()
    Criterion.objects.create(award_type=award, code="TC1", name="Chuyên môn", max_points=60)
    Criterion.objects.create(
        award_type=award, code="TC2", name="Phong trào", max_points=40, required=True
    )
    EligibilityRule.objects.create(award_type=award, kind="no_discipline", params={})
    return award


@pytest.fixture
def free_award(db):
    """GK-CDN: not quota-limited, no rubric."""
    return make_award(
        "GK-CDN",
        name="Giấy khen của Ban Chấp hành Công đoàn ngành",
        issuing_level="sector",
        quota_limited=False,
        min_score=Decimal("0"),
        required_dossier_parts=["submission"],
    )


GOOD_SCORES = {"TC1": 50, "TC2": 30}


@pytest.fixture
def sector_quota(tree, people, award):
    return quotas.create_quota(
        by=people.nganh_admin,
        year=YEAR,
        award_type=award,
        org=tree.sector,
        granted_by_org=tree.ldld,
        count=10,
        min_direct_worker_share=Decimal("0.5"),
    )


@pytest.fixture
def bvdk_quota(sector_quota, tree, people):
    return quotas.create_quota(by=people.nganh_admin, org=tree.bvdk, parent=sector_quota, count=3)


def make_member(org, **fields):
    member = MemberFactory(org=org, **fields)
    MemberYearAssessment.objects.create(member=member, year=YEAR, task_rating="excellent")
    return member


def discipline(member, year=YEAR):
    return DisciplineRecord.objects.create(
        member=member, level="reprimand", decided_on=datetime.date(year, 3, 2)
    )


def report(org, by, doc_type="BC", title="Báo cáo thành tích"):
    return documents.create_document(
        org=org, by=by, doc_type=doc_type, title=title, data=PDF, file_name="bao-cao.pdf"
    )


@pytest.fixture
def nominate(tree, people, award):
    """``nominate(member=None, **fields)``: a BVDK draft with a full dossier and good scores."""

    def make(member=None, *, org=None, by=None, with_dossier=True, **fields):
        org = org or tree.bvdk
        by = by or people.bvdk_thidua
        member = member or make_member(org)
        document_ids = []
        if with_dossier:
            document_ids = [report(org, by).pk, report(org, by, "TTR", "Tờ trình").pk]
        values = {
            "award_type": award,
            "year": YEAR,
            "achievements": "Hoàn thành xuất sắc nhiệm vụ",
            "self_scores": GOOD_SCORES,
            "document_ids": document_ids,
        }
        values.update(fields)
        return services.create_nomination(by=by, org=org, member=member, **values)

    return make


@pytest.fixture
def api_client(db):
    def make(user, **kwargs):
        if user is None:
            return ApiClient(**kwargs)
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw, **kwargs)

    return make

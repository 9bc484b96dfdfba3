"""Fixtures of the exemplar tests: exemplars in each state through the services, page and API
clients, and a small JPG/PNG photo."""

import datetime
import io

import pytest
from django.test import Client
from PIL import Image

from tests.api.helpers import ApiClient
from thidua.accounts.models import ApiToken
from thidua.exemplars import services

STORY = "Chị tình nguyện vào khu điều trị Covid-19 suốt 4 tháng, chăm sóc hơn 300 ca bệnh nặng."


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []


@pytest.fixture
def login():
    def as_user(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return as_user


@pytest.fixture
def api_client(db):
    def make(user, **kwargs):
        if user is None:
            return ApiClient(**kwargs)
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw, **kwargs)

    return make


@pytest.fixture
def found(people, tree):
    """``found(**fields)``: a found exemplar; default: BVNHI's proposal of Lê Thị Mai."""

    def make(by=None, owner_org=None, member=None, **fields):
        if fields.get("org") is None and member is None:
            member = people.child_doctor
        fields.setdefault("source", "unit_proposal")
        fields.setdefault("story", STORY)
        return services.create_exemplar(
            by=by or people.bvnhi_thidua,
            owner_org=owner_org or tree.bvnhi,
            member=member,
            **fields,
        )

    return make


@pytest.fixture
def verified(found, people):
    return services.verify_exemplar(found(), by=people.nganh_thidua)


@pytest.fixture
def honored(verified, people):
    return services.honor_exemplar(
        verified,
        by=people.nganh_thidua,
        honored_on=datetime.date(2025, 11, 20),
        how="ceremony",
        note="Tuyên dương tại Hội nghị tổng kết phong trào thi đua năm 2025.",
    )


def image_bytes(fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()

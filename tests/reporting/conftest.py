"""Fixtures of the reporting tests: rounds on the ``tree``/``people`` of ``tests/conftest.py``."""

import datetime

import pytest
from django.utils import timezone

from tests.api.helpers import ApiClient
from thidua.accounts.models import ApiToken
from thidua.reporting import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def make_round(people, tree, today):
    """``make_round(due_on=..., **fields)``: a half-year round of CDN-YT asked by nganh.thidua."""

    def make(due_on=None, **fields):
        fields.setdefault("org", tree.sector)
        fields.setdefault("by", people.nganh_thidua)
        fields.setdefault("title", "Báo cáo sơ kết 6 tháng đầu năm")
        fields.setdefault("period", "half_year")
        due_on = due_on or today + datetime.timedelta(days=10)
        fields.setdefault("year", due_on.year)
        return services.create_round(due_on=due_on, **fields)

    return make


@pytest.fixture
def figures():
    return {
        "members_participating": 120,
        "initiatives": 3,
        "exemplars_found": 2,
        "awards_proposed": 5,
    }


@pytest.fixture
def reporting_api(db):
    """``reporting_api(user)`` → an API client with a fresh token of ``user``."""

    def make(user, **kwargs):
        if user is None:
            return ApiClient(**kwargs)
        _token, raw = ApiToken.issue(user, name="test")
        return ApiClient(user=user, token=raw, **kwargs)

    return make

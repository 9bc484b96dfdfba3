"""The database going away mid-request: a clear 503 page or problem, and nothing written."""

import pytest
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from django.urls import reverse

from tests.api.helpers import API, ApiClient
from tests.factories import verified_login
from tests.organizations.test_members_pages import member_data
from thidua.accounts.models import ApiToken
from thidua.core.models import AuditEntry
from thidua.core.views.errors import server_error
from thidua.organizations import services
from thidua.organizations.models import Member

MESSAGE = "Hệ thống tạm thời không kết nối được cơ sở dữ liệu"


@pytest.fixture
def connection_lost_after_the_first_write(monkeypatch):
    """The member row is inserted, then the connection drops before the audit entry."""

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services.audit, "record", lost)


def new_member(org):
    return member_data(
        org=org.pk,
        full_name="Phạm Văn An",
        gender="male",
        birth_date="02/09/1990",
        union_joined_on="01/05/2015",
    )


def test_a_page_answers_503_in_vietnamese_and_saves_nothing(
    client, people, tree, connection_lost_after_the_first_write
):
    verified_login(client, people.bvdk_thidua)
    before = Member.objects.count()

    response = client.post(reverse("organizations:member_create"), new_member(tree.bvdk))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert MESSAGE in response.content.decode()
    assert Member.objects.count() == before
    assert not Member.objects.filter(full_name="Phạm Văn An").exists()


def test_the_api_answers_a_503_problem_and_saves_nothing(
    people, tree, connection_lost_after_the_first_write
):
    _token, raw = ApiToken.issue(people.bvdk_thidua, name="test")
    client = ApiClient(user=people.bvdk_thidua, token=raw)
    before = Member.objects.count()
    audit_before = AuditEntry.objects.count()
    body = {
        "org_id": tree.bvdk.pk,
        "full_name": "Phạm Văn An",
        "gender": "male",
        "birth_date": "1990-04-05",
        "union_joined_on": "2014-01-01",
    }

    response = client.post(f"{API}/members", body)

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 503
    assert problem["type"].endswith("/service-unavailable")
    assert MESSAGE in problem["detail"]
    assert Member.objects.count() == before
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_failure_outside_the_view_also_gets_the_503_page(error):
    request = RequestFactory().get("/members/")
    try:
        raise error("connection already closed")
    except error:
        response = server_error(request)
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()


def test_other_server_errors_keep_the_500_page(db):
    request = RequestFactory().get("/members/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500

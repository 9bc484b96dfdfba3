"""Public verification of certificates: the page and the API, valid, revoked and unknown codes,
nothing personal beyond the certificate, and the per-address rate limit."""

import datetime

import pytest
from django.test import Client

from tests.api.helpers import API, assert_problem
from thidua.decisions import services

from .conftest import SIGNED_ON

pytestmark = pytest.mark.django_db

VERIFY_FIELDS = {
    "code",
    "valid",
    "status",
    "recipient",
    "unit",
    "award",
    "decision_number",
    "decided_on",
    "issued_by",
    "revoked_on",
    "revocation_reason",
}


@pytest.fixture
def certificate(issue, sector_nominations):
    decision = issue(sector_nominations)
    return decision.items.get(member__full_name="Nguyễn Thị Hồng").certificate


def test_api_verifies_a_valid_certificate_without_login(certificate, api_client, tree):
    response = api_client().get(f"{API}/verify/{certificate.code}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == VERIFY_FIELDS
    assert body["valid"] is True and body["status"] == "valid"
    assert body["recipient"] == "Nguyễn Thị Hồng"
    assert body["unit"] == tree.bvdk.name
    assert body["award"] == certificate.item.award_type.name
    assert body["decision_number"] == "01/QĐ-CĐN"
    assert body["decided_on"] == SIGNED_ON.isoformat()
    assert body["issued_by"] == tree.sector.name
    assert body["revoked_on"] is None and body["revocation_reason"] is None


def test_api_shows_a_revoked_certificate_with_the_reason(certificate, api_client, people):
    services.revoke_award(
        certificate.item,
        by=people.nganh_admin,
        reason="forged_dossier",
        detail="Hồ sơ sáng kiến không đúng",
        revocation_number="05/QĐ-CĐN",
        revoked_on=datetime.date.today(),
    )
    body = api_client().get(f"{API}/verify/{certificate.code}").json()
    assert body["valid"] is False and body["status"] == "revoked"
    assert body["revoked_on"] == datetime.date.today().isoformat()
    assert "Hồ sơ sáng kiến không đúng" in body["revocation_reason"]


def test_api_answers_404_problem_for_an_unknown_code(db, api_client):
    assert_problem(api_client().get(f"{API}/verify/unknown-code-123"), 404)


def test_page_shows_a_valid_certificate(certificate):
    response = Client().get(f"/verify/{certificate.code}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nguyễn Thị Hồng" in text
    assert "01/QĐ-CĐN" in text
    assert 'data-testid="verify-status"' in text
    assert "Còn hiệu lực" in text
    # Nothing personal beyond the certificate.
    assert str(certificate.item.member.pk) not in response.context["facts"].values()
    assert "birth" not in str(response.context["facts"])


def test_page_shows_a_revoked_certificate(certificate, people):
    services.revoke_award(
        certificate.item,
        by=people.nganh_admin,
        reason="false_declaration",
        revocation_number="07/QĐ-CĐN",
        revoked_on=datetime.date.today(),
    )
    response = Client().get(f"/verify/{certificate.code}/")
    assert response.status_code == 200
    assert response.context["facts"]["status"] == "revoked"
    assert "Đã bị thu hồi" in response.content.decode()


def test_page_says_so_for_an_unknown_code(db):
    response = Client().get("/verify/no-such-code/")
    assert response.status_code == 404
    assert 'data-testid="verify-status"' in response.content.decode()


def test_verification_is_rate_limited_per_address(certificate, settings, api_client):
    settings.RATE_LIMIT_VERIFY_PER_ADDRESS = "3/60"
    client = api_client()
    for _ in range(3):
        assert client.get(f"{API}/verify/{certificate.code}").status_code == 200
    assert_problem(client.get(f"{API}/verify/{certificate.code}"), 429)
    assert Client().get(f"/verify/{certificate.code}/").status_code == 429
    other = api_client(REMOTE_ADDR="10.0.0.9")
    assert other.get(f"{API}/verify/{certificate.code}").status_code == 200

"""The /decisions, /certificates and /verify API: shapes of API.md, problems, visibility."""

import datetime

import pytest

from tests.api.helpers import API, assert_problem
from thidua.nominations.models import NominationStatus

from .conftest import approved

pytestmark = pytest.mark.django_db

ITEM_FIELDS = {
    "nomination_id",
    "member_id",
    "org_id",
    "award_type_code",
    "amount",
    "amount_in_words",
    "certificate_id",
    "certificate_code",
}
DECISION_FIELDS = {
    "id",
    "number",
    "org_id",
    "signed_on",
    "signer_name",
    "signer_title",
    "items",
    "total_amount",
    "total_in_words",
    "document_id",
}


def body(tree, nominations, **overrides):
    data = {
        "org_id": tree.sector.pk,
        "nomination_ids": [n.pk for n in nominations],
        "signed_on": "2025-12-20",
        "signer_name": "Đàm Đức Chính",
        "signer_title": "Chủ tịch",
    }
    data.update(overrides)
    return data


def test_post_decision_answers_201_with_the_contract_shape(
    api_client, people, tree, sector_nominations
):
    response = api_client(people.nganh_admin).post(
        f"{API}/decisions", body(tree, sector_nominations)
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) >= DECISION_FIELDS
    assert data["number"] == "01/QĐ-CĐN"
    assert data["org_id"] == tree.sector.pk
    assert len(data["items"]) == 2
    for item in data["items"]:
        assert set(item) >= ITEM_FIELDS
        assert item["award_type_code"] == "GK-CDN"
        assert item["amount"] == 710_000
        assert item["amount_in_words"] == "Bảy trăm mười nghìn đồng"
        assert item["org_id"] in {tree.bvdk.pk, tree.bvdk_group.pk}
    assert data["total_amount"] == 1_420_000
    assert data["total_in_words"] == "Một triệu bốn trăm hai mươi nghìn đồng"
    hong = next(i for i in data["items"] if i["member_id"] == people.hong.pk)
    assert hong["nomination_id"] == sector_nominations[0].pk


def test_post_decision_with_a_refused_nomination_is_422_with_reasons(
    api_client, people, tree, sector_nominations
):
    sector_nominations[1].status = NominationStatus.APPRAISED
    sector_nominations[1].save()
    response = api_client(people.nganh_admin).post(
        f"{API}/decisions", body(tree, sector_nominations)
    )
    problem = assert_problem(response, 422)
    assert len(problem["reasons"]) == 1
    assert f"#{sector_nominations[1].pk}" in problem["reasons"][0]


def test_post_decision_bad_input(api_client, people, tree, sector_nominations):
    client = api_client(people.nganh_admin)
    assert_problem(client.post(f"{API}/decisions", body(tree, [], signer_name="")), 422)
    assert_problem(
        client.post(f"{API}/decisions", body(tree, sector_nominations, signed_on="x")), 400
    )
    assert_problem(
        client.post(f"{API}/decisions", "{not json", content_type="application/json"), 400
    )
    assert_problem(
        client.post(f"{API}/decisions", body(tree, sector_nominations, org_id=10**12)), 404
    )


def test_post_decision_requires_a_token_and_the_role(api_client, people, tree, sector_nominations):
    assert_problem(api_client().post(f"{API}/decisions", body(tree, sector_nominations)), 401)
    assert_problem(
        api_client(people.nganh_thidua).post(f"{API}/decisions", body(tree, sector_nominations)),
        403,
    )
    # BVNHI does not see the sector union's subtree beyond itself: the sector is not visible.
    response = api_client(people.bvnhi_chutich).post(
        f"{API}/decisions", body(tree, sector_nominations)
    )
    assert response.status_code in (403, 404)


@pytest.fixture
def decision(issue, sector_nominations):
    return issue(sector_nominations)


def test_list_and_get_decisions(api_client, people, tree, decision):
    client = api_client(people.nganh_admin)
    page = client.get(f"{API}/decisions?year=2025&org={tree.sector.pk}").json()
    assert page["count"] == 1 and page["results"][0]["number"] == decision.number_symbol
    assert client.get(f"{API}/decisions?year=2024").json()["count"] == 0
    one = client.get(f"{API}/decisions/{decision.pk}").json()
    assert set(one) >= DECISION_FIELDS
    assert one["document_id"] == decision.document_id


def test_visibility_bvnhi_gets_404_on_a_bvdk_decision(api_client, people, decision):
    bvnhi = api_client(people.bvnhi_chutich)
    assert bvnhi.get(f"{API}/decisions").json()["count"] == 0
    assert_problem(bvnhi.get(f"{API}/decisions/{decision.pk}"), 404)
    assert_problem(bvnhi.get(f"{API}/decisions/{decision.pk}/document.pdf"), 404)
    certificate = decision.items.first().certificate
    assert_problem(bvnhi.get(f"{API}/certificates/{certificate.pk}/pdf"), 404)
    # BVDK staff see the decision that awards their members.
    bvdk = api_client(people.bvdk_thidua)
    assert bvdk.get(f"{API}/decisions/{decision.pk}").status_code == 200


def test_documents_download(api_client, people, decision):
    client = api_client(people.nganh_admin)
    pdf = client.get(f"{API}/decisions/{decision.pk}/document.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(f"{API}/decisions/{decision.pk}/document.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    batch = client.get(f"{API}/decisions/{decision.pk}/certificates.pdf")
    assert batch.status_code == 200 and batch.content.startswith(b"%PDF")
    certificate = decision.items.first().certificate
    one = client.get(f"{API}/certificates/{certificate.pk}/pdf")
    assert one.status_code == 200 and one["Content-Type"] == "application/pdf"


def test_member_downloads_own_certificate_only(api_client, people, decision):
    client = api_client(people.doanvien)
    own = decision.items.get(member=people.hong).certificate
    other = decision.items.get(member=people.nurse).certificate
    assert client.get(f"{API}/certificates/{own.pk}/pdf").status_code == 200
    assert_problem(client.get(f"{API}/certificates/{other.pk}/pdf"), 404)
    assert_problem(client.get(f"{API}/decisions/{decision.pk}"), 404)


def test_revoke_through_the_api(api_client, people, decision):
    item = decision.items.first()
    url = f"{API}/decisions/{decision.pk}/items/{item.pk}/revoke"
    payload = {
        "reason": "unlawful_appraisal",
        "detail": "Thẩm định sai quy định",
        "revocation_number": "11/QĐ-CĐN",
        "revoked_on": datetime.date.today().isoformat(),
        "amount_recovered": 0,
    }
    assert_problem(api_client(people.nganh_thidua).post(url, payload), 403)
    assert_problem(api_client(people.bvnhi_chutich).post(url, payload), 404)
    assert_problem(api_client(people.nganh_admin).post(url, {**payload, "reason": "x"}), 422)
    response = api_client(people.nganh_admin).post(url, payload)
    assert response.status_code == 201, response.content
    assert response.json()["revocation_number"] == "11/QĐ-CĐN"
    assert_problem(api_client(people.nganh_admin).post(url, payload), 409)
    after = api_client(people.nganh_admin).get(f"{API}/decisions/{decision.pk}").json()
    assert after["status"] == "partially_revoked"
    assert next(i for i in after["items"] if i["id"] == item.pk)["revoked"] is True


def test_grassroots_chair_through_the_api(api_client, people, tree):
    nomination = approved(people.hong, org=tree.bvdk, award="GK-CDCS")
    response = api_client(people.bvdk_chutich).post(
        f"{API}/decisions",
        body(tree, [nomination], org_id=tree.bvdk.pk, signer_name="Võ Minh Tuấn"),
    )
    assert response.status_code == 201, response.content
    assert response.json()["org_id"] == tree.bvdk.pk


def test_openapi_documents_the_operations(api_client, people):
    schema = api_client(people.nganh_admin).get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/decisions" in paths
    assert "/api/v1/verify/{code}" in paths
    verify = paths["/api/v1/verify/{code}"]["get"]
    assert not verify.get("security")
    assert "429" in verify["responses"]

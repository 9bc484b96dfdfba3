"""The API of the catalogue, base salaries, initiatives and the members' award history."""

import datetime

import pytest

from tests.api.helpers import API, assert_problem
from thidua.awards import services
from thidua.awards.models import AwardRecord, AwardType, Initiative


@pytest.fixture
def initiative(people, tree):
    return services.create_initiative(
        org=tree.bvdk,
        by=people.bvdk_thidua,
        title="Sáng kiến BVĐK",
        author_ids=[people.hong.pk],
        benefit_value=150_000_000,
    )


def test_award_types_list_is_paginated_with_the_contract_fields(api_client, people):
    response = api_client(people.doanvien).get(f"{API}/award-types?page_size=200")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == AwardType.objects.count() and body["next"] is None
    ldtt = next(item for item in body["results"] if item["code"] == "LDTT")
    for field in (
        "id", "code", "name", "category", "subject", "issuing_level", "amount_coefficient",
        "amount", "vote_threshold", "criteria", "min_score", "quota_limited", "active", "version",
    ):  # fmt: skip
        assert field in ldtt
    assert ldtt["amount_coefficient"] == 0.3 and ldtt["vote_threshold"] == 0.7
    assert ldtt["amount"] == AwardType.objects.get(code="LDTT").amount
    assert {"code", "name", "max_points", "required"} <= set(ldtt["criteria"][0])


def test_award_type_detail_and_missing_one(api_client, people):
    client = api_client(people.bvdk_thidua)
    cdcs = AwardType.objects.get(code="CDCS-VM")
    body = client.get(f"{API}/award-types/{cdcs.pk}").json()
    assert sum(c["max_points"] for c in body["criteria"]) == 100
    assert_problem(client.get(f"{API}/award-types/999999"), 404)
    assert api_client(None).get(f"{API}/award-types").status_code == 401


def test_sector_admin_creates_and_patches_an_award_type(api_client, people):
    client = api_client(people.nganh_admin)
    payload = {
        "code": "GK-THU",
        "name": "Giấy khen thử",
        "category": "commendation",
        "subject": "individual",
        "issuing_level": "sector",
        "amount_coefficient": 0.5,
        "criteria": [{"code": "1", "name": "Chuyên môn", "max_points": 100, "required": True}],
    }
    response = client.post(f"{API}/award-types", payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["criteria"][0]["max_points"] == 100 and body["version"] == 1
    assert_problem(client.post(f"{API}/award-types", payload), 409)
    patched = client.patch(
        f"{API}/award-types/{body['id']}", {"vote_threshold": 0.75, "version": 1}
    )
    assert patched.status_code == 200 and patched.json()["vote_threshold"] == 0.75
    assert_problem(client.patch(f"{API}/award-types/{body['id']}", {"version": 1}), 409)
    assert_problem(
        client.patch(f"{API}/award-types/{body['id']}", {"name": None}), 422, field="name"
    )
    assert_problem(client.post(f"{API}/award-types", {**payload, "category": "x"}), 422)
    assert_problem(client.post(f"{API}/award-types", {**payload, "amount_coefficient": "a"}), 400)


@pytest.mark.parametrize("who", ["nganh_thidua", "bvdk_chutich", "doanvien", "ldld", "kiemtra"])
def test_others_may_not_edit_the_catalogue(api_client, people, who):
    client = api_client(getattr(people, who))
    ldtt = AwardType.objects.get(code="LDTT")
    assert_problem(client.patch(f"{API}/award-types/{ldtt.pk}", {"name": "Khác"}), 403)
    payload = {
        "code": "X",
        "name": "X",
        "category": "title",
        "subject": "individual",
        "issuing_level": "sector",
    }
    assert_problem(client.post(f"{API}/award-types", payload), 403)
    salary = {"amount": 2_600_000, "effective_from": "2027-01-01"}
    assert_problem(client.post(f"{API}/base-salaries", salary), 403)
    ldtt.refresh_from_db()
    assert ldtt.name == "Lao động tiên tiến"


def test_base_salaries(api_client, people):
    client = api_client(people.nganh_admin)
    body = client.get(f"{API}/base-salaries").json()
    assert body[-1] == {
        "amount": 1_490_000,
        "effective_from": "2019-07-01",
        "note": body[-1]["note"],
    }
    created = client.post(
        f"{API}/base-salaries", {"amount": 2_530_000, "effective_from": "2026-07-01"}
    )
    assert created.status_code == 201
    assert created.json()["amount"] == 2_530_000
    again = client.post(f"{API}/base-salaries", {"amount": 1, "effective_from": "2026-07-01"})
    assert_problem(again, 409)
    assert_problem(
        client.post(f"{API}/base-salaries", {"amount": 0, "effective_from": "2026-08-01"}), 422
    )


def test_initiatives_create_list_and_recognise(api_client, people, tree):
    client = api_client(people.bvdk_thidua)
    payload = {
        "org_id": tree.bvdk.pk,
        "title": "Phần mềm nhắc lịch tái khám",
        "author_ids": [people.hong.pk],
        "description": "",
        "applied_from": "2026-02-01",
        "benefit_value": 150_000_000,
    }
    response = client.post(f"{API}/initiatives", payload)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["author_ids"] == [people.hong.pk] and created["recognized"] is False
    listed = client.get(f"{API}/initiatives").json()
    assert [i["id"] for i in listed["results"]] == [created["id"]]
    url = f"{API}/initiatives/{created['id']}/recognize"
    assert_problem(client.post(url, {"recognized_on": "2026-03-01"}), 403)
    chair = api_client(people.bvdk_chutich)
    recognised = chair.post(url, {"recognized_on": "2026-03-01"})
    assert recognised.status_code == 200 and recognised.json()["reward_amount"] == 4_680_000
    assert_problem(chair.post(url, {"recognized_on": "2026-03-02"}), 409)
    assert_problem(chair.post(url, {"recognized_on": "hôm qua"}), 400)


def test_initiative_input_errors(api_client, people, tree):
    client = api_client(people.bvdk_thidua)
    base = {"org_id": tree.bvdk.pk, "title": "T", "author_ids": [people.hong.pk]}
    assert_problem(
        client.post(f"{API}/initiatives", {**base, "org_id": tree.bvnhi.pk}), 422, field="org_id"
    )
    assert_problem(
        client.post(f"{API}/initiatives", {**base, "author_ids": [people.child_doctor.pk]}),
        422,
        field="author_ids",
    )
    assert_problem(client.post(f"{API}/initiatives", {**base, "author_ids": []}), 422)
    assert not Initiative.objects.exists()


def test_another_unit_cannot_see_bvdk_initiatives(api_client, people, initiative):
    for who in ("bvnhi_chutich", "bvnhi_thidua"):
        client = api_client(getattr(people, who))
        assert_problem(client.get(f"{API}/initiatives/{initiative.pk}"), 404)
        assert_problem(
            client.post(
                f"{API}/initiatives/{initiative.pk}/recognize", {"recognized_on": "2026-01-02"}
            ),
            404,
        )
        assert client.get(f"{API}/initiatives").json()["count"] == 0
    for who in ("nganh_thidua", "bvdk_chutich", "ldld"):
        assert (
            api_client(getattr(people, who)).get(f"{API}/initiatives/{initiative.pk}").status_code
            == 200
        )


def test_member_award_history_is_the_effective_history_newest_first(api_client, people, tree):
    ldtt = AwardType.objects.get(code="LDTT")
    for year in (2024, 2025):
        AwardRecord.objects.create(
            member=people.hong,
            holder_org=tree.bvdk,
            award_type=ldtt,
            year=year,
            decision_number=f"0{year - 2020}/QĐ-BVĐK",
            decided_on=datetime.date(year + 1, 1, 15),
            issued_by_org=tree.bvdk,
        )
    revoked = AwardRecord.objects.create(
        member=people.hong, holder_org=tree.bvdk, award_type=ldtt, year=2023
    )
    services.revoke_award(revoked, by=people.nganh_admin, reason="Khai man")
    body = api_client(people.bvdk_thidua).get(f"{API}/members/{people.hong.pk}/awards").json()
    assert [(a["year"], a["award_type_code"]) for a in body] == [(2025, "LDTT"), (2024, "LDTT")]
    assert (
        body[0]["decision_number"] == "05/QĐ-BVĐK" and body[0]["issued_by_org_id"] == tree.bvdk.pk
    )
    assert_problem(
        api_client(people.bvnhi_thidua).get(f"{API}/members/{people.hong.pk}/awards"), 404
    )

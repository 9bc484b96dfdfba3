"""The /quotas and /nominations API: shapes, status codes and visibility (API.md)."""

import pytest

from tests.api.helpers import API, assert_problem
from tests.nominations.conftest import GOOD_SCORES, YEAR, discipline, make_member, report

NOMINATION_KEYS = {
    "id",
    "award_type_id",
    "year",
    "org_id",
    "member_id",
    "nominee_org_id",
    "movement_id",
    "achievements",
    "self_scores",
    "status",
    "eligibility",
    "score",
    "history",
    "version",
    "document_ids",
    "kind",
}
QUOTA_KEYS = {
    "id",
    "year",
    "award_type_id",
    "org_id",
    "granted_by_org_id",
    "count",
    "min_direct_worker_share",
    "used",
    "remaining",
    "version",
}


def body(award, tree, people, member=None, **extra):
    member = member or make_member(tree.bvdk)
    data = {
        "award_type_id": award.pk,
        "year": YEAR,
        "org_id": tree.bvdk.pk,
        "member_id": member.pk,
        "achievements": "Hoàn thành xuất sắc nhiệm vụ",
        "self_scores": GOOD_SCORES,
        "document_ids": [
            report(tree.bvdk, people.bvdk_thidua).pk,
            report(tree.bvdk, people.bvdk_thidua, "TTR", "Tờ trình").pk,
        ],
    }
    data.update(extra)
    return data


def test_create_read_submit_return_resubmit_appraise(api_client, award, bvdk_quota, people, tree):
    unit = api_client(people.bvdk_thidua)
    response = unit.post(f"{API}/nominations", body(award, tree, people))
    assert response.status_code == 201, response.content
    nomination = response.json()
    assert set(nomination) >= NOMINATION_KEYS
    assert nomination["status"] == "draft" and nomination["score"] == 80
    assert nomination["eligibility"] == {"eligible": True, "reasons": []}
    url = f"{API}/nominations/{nomination['id']}"
    assert unit.post(f"{url}/submit").json()["status"] == "submitted"
    sector = api_client(people.nganh_thidua)
    assert_problem(sector.post(f"{url}/return", {}), 422)
    returned = sector.post(f"{url}/return", {"reason": "Bổ sung"}).json()
    assert returned["status"] == "returned"
    patched = unit.patch(url, {"achievements": "Đã bổ sung", "version": returned["version"]})
    assert patched.status_code == 200 and patched.json()["achievements"] == "Đã bổ sung"
    assert_problem(unit.patch(url, {"achievements": "x", "version": 1}), 409)
    unit.post(f"{url}/submit")
    appraised = sector.post(
        f"{url}/appraise", {"scores": {"TC1": 55, "TC2": 30}, "recommendation": "approve"}
    ).json()
    assert appraised["status"] == "appraised"
    assert [h["to"] for h in appraised["history"]] == [
        "submitted",
        "returned",
        "submitted",
        "appraised",
    ]
    assert set(appraised["history"][0]) == {"from", "to", "by", "at", "comment"}
    assert_problem(unit.patch(url, {"achievements": "x"}), 409)
    assert_problem(sector.post(f"{url}/appraise", {"recommendation": "approve"}), 409)


def test_submit_refusals_carry_their_codes(api_client, award, bvdk_quota, people, tree):
    unit = api_client(people.bvdk_chutich)
    member = make_member(tree.bvdk)
    discipline(member)
    bad = unit.post(f"{API}/nominations", body(award, tree, people, member)).json()
    problem = assert_problem(unit.post(f"{API}/nominations/{bad['id']}/submit"), 422)
    assert problem["reasons"]
    empty = unit.post(f"{API}/nominations", body(award, tree, people, document_ids=[])).json()
    problem = assert_problem(unit.post(f"{API}/nominations/{empty['id']}/submit"), 422)
    assert len(problem["reasons"]) == 2
    ids = [
        unit.post(f"{API}/nominations", body(award, tree, people)).json()["id"] for _ in range(4)
    ]
    for pk in ids[:3]:
        assert unit.post(f"{API}/nominations/{pk}/submit").status_code == 200
    problem = assert_problem(unit.post(f"{API}/nominations/{ids[3]}/submit"), 422)
    assert "3" in problem["detail"]
    twin = unit.post(f"{API}/nominations", body(award, tree, people, member=None)).json()
    first = unit.get(f"{API}/nominations/{ids[0]}").json()
    dup = unit.post(
        f"{API}/nominations", body(award, tree, people, member=None, member_id=first["member_id"])
    ).json()
    problem = assert_problem(unit.post(f"{API}/nominations/{dup['id']}/submit"), 409)
    assert tree.bvdk.name in problem["detail"]
    assert twin["status"] == "draft"


def test_bad_input_is_422_or_400_never_500(api_client, award, people, tree):
    unit = api_client(people.bvdk_thidua)
    assert_problem(
        unit.post(f"{API}/nominations", body(award, tree, people, self_scores={"X": 1})), 422
    )
    assert_problem(unit.post(f"{API}/nominations", body(award, tree, people, year="abc")), 400)
    foreign = body(award, tree, people, member_id=people.child_doctor.pk)
    assert_problem(unit.post(f"{API}/nominations", foreign), 422, field="member_id")
    assert_problem(unit.post(f"{API}/nominations/999999/submit"), 404)


def test_visibility_and_roles(api_client, nominate, bvdk_quota, people):
    nomination = nominate()
    url = f"{API}/nominations/{nomination.pk}"
    assert_problem(api_client(people.bvnhi_chutich).get(url), 404)
    assert_problem(api_client(people.bvnhi_chutich).post(f"{url}/submit"), 404)
    assert_problem(api_client(people.doanvien).get(url), 404)
    assert api_client(people.hoidong).get(url).status_code == 200
    viewer = api_client(people.ldld)
    assert viewer.get(url).status_code == 200
    assert_problem(viewer.post(f"{url}/submit"), 403)
    assert_problem(viewer.post(f"{url}/withdraw"), 403)
    listing = api_client(people.bvnhi_thidua).get(f"{API}/nominations?year={YEAR}").json()
    assert listing["count"] == 0
    assert api_client(people.nganh_admin).get(f"{API}/nominations?year={YEAR}").json()["count"] == 1


def test_quota_api(api_client, award, people, tree):
    admin = api_client(people.nganh_admin)
    created = admin.post(
        f"{API}/quotas",
        {
            "year": YEAR,
            "award_type_id": award.pk,
            "org_id": tree.sector.pk,
            "granted_by_org_id": tree.ldld.pk,
            "count": 10,
            "min_direct_worker_share": 0.5,
        },
    )
    assert created.status_code == 201, created.content
    quota = created.json()
    assert set(quota) >= QUOTA_KEYS and quota["remaining"] == 10
    child = admin.post(
        f"{API}/quotas", {"parent_id": quota["id"], "org_id": tree.bvdk.pk, "count": 3}
    )
    assert child.status_code == 201
    over = admin.post(
        f"{API}/quotas", {"parent_id": quota["id"], "org_id": tree.bvnhi.pk, "count": 8}
    )
    assert "11" in assert_problem(over, 422)["detail"]
    parent = admin.get(f"{API}/quotas/{quota['id']}").json()
    assert parent["remaining"] == 7 and parent["allocated"] == 3
    assert_problem(admin.patch(f"{API}/quotas/{quota['id']}", {"count": 2}), 422)
    assert_problem(admin.patch(f"{API}/quotas/{quota['id']}", {"count": 12, "version": 9}), 409)
    assert admin.patch(f"{API}/quotas/{quota['id']}", {"count": 12}).json()["count"] == 12
    listing = api_client(people.bvdk_thidua).get(f"{API}/quotas?year={YEAR}").json()
    assert [q["org_id"] for q in listing["results"]] == [tree.bvdk.pk]
    assert_problem(api_client(people.bvnhi_thidua).get(f"{API}/quotas/{quota['id']}"), 404)
    assert_problem(
        api_client(people.bvdk_chutich).post(
            f"{API}/quotas",
            {"parent_id": child.json()["id"], "org_id": tree.bvdk_group.pk, "count": 1},
        ),
        403,
    )


@pytest.mark.parametrize("path", ["/quotas", "/nominations"])
def test_lists_need_a_token(api_client, path, db):
    assert_problem(api_client(None).get(f"{API}{path}"), 401)


def test_openapi_documents_the_operations_and_their_errors(api_client, db):
    schema = api_client(None).get(f"{API}/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/quotas", "/api/v1/nominations/{nomination_id}/appraise"):
        assert path in paths
    submit = paths["/api/v1/nominations/{nomination_id}/submit"]["post"]["responses"]
    assert {"200", "403", "404", "409", "422"} <= set(submit)

"""/members: members visible to the caller, searched, sorted, created and changed."""

import pytest

from tests.api.helpers import API, assert_problem
from tests.factories import MemberFactory, make_org
from thidua.core.models import AuditEntry
from thidua.organizations.models import Member, OrgKind

MEMBER_FIELDS = {
    "id", "org_id", "full_name", "gender", "birth_date", "job_title", "is_manager",
    "is_direct_worker", "union_joined_on", "active", "version",
}  # fmt: skip


def names(response):
    assert response.status_code == 200, response.content
    return [m["full_name"] for m in response.json()["results"]]


@pytest.fixture
def officer(people, api_client):
    return api_client(people.bvdk_thidua)


def test_list_has_the_contract_shape(people, tree, officer):
    body = officer.get(f"{API}/members").json()

    assert set(body) == {"count", "next", "previous", "results"}
    hong = next(m for m in body["results"] if m["id"] == people.hong.pk)
    assert set(hong) >= MEMBER_FIELDS
    assert hong["org_id"] == tree.bvdk.pk
    assert hong["full_name"] == "Nguyễn Thị Hồng"
    assert hong["gender"] == "female"
    assert hong["birth_date"] == people.hong.birth_date.isoformat()
    assert hong["union_joined_on"] == "2015-06-01"
    assert hong["is_direct_worker"] is True
    assert hong["version"] == 1


def test_each_unit_sees_only_its_own_members(people, api_client):
    assert names(api_client(people.bvnhi_thidua).get(f"{API}/members")) == ["Lê Thị Mai"]
    assert sorted(names(api_client(people.bvdk_thidua).get(f"{API}/members"))) == [
        "Nguyễn Thị Hồng",
        "Trần Văn Bình",
    ]
    assert len(names(api_client(people.ldld).get(f"{API}/members"))) == 3


def test_a_member_sees_only_their_own_record(people, api_client):
    client = api_client(people.doanvien)

    assert names(client.get(f"{API}/members")) == ["Nguyễn Thị Hồng"]
    assert client.get(f"{API}/members/{people.hong.pk}").status_code == 200
    assert_problem(client.get(f"{API}/members/{people.nurse.pk}"), 404)


def test_a_member_of_another_unit_is_404_like_a_missing_one(people, api_client):
    client = api_client(people.bvnhi_thidua)

    hidden = assert_problem(client.get(f"{API}/members/{people.hong.pk}"), 404)

    assert hidden == assert_problem(client.get(f"{API}/members/99999999"), 404)


@pytest.mark.parametrize(
    "query", ["q=nguyen thi hong", "q=NGUYEN THI HONG", "q=Nguyễn Thị Hồng", "q=hồng", "q=thi hong"]
)
def test_search_ignores_diacritics_and_case(people, api_client, query):
    assert names(api_client(people.ldld).get(f"{API}/members?{query}")) == ["Nguyễn Thị Hồng"]


def test_filter_by_org_includes_its_sub_units(people, tree, api_client):
    client = api_client(people.ldld)

    assert sorted(names(client.get(f"{API}/members?org={tree.bvdk.pk}"))) == [
        "Nguyễn Thị Hồng",
        "Trần Văn Bình",
    ]
    assert names(client.get(f"{API}/members?org={tree.bvdk_group.pk}")) == ["Trần Văn Bình"]


def test_filter_by_an_org_outside_the_reach_finds_nothing(people, tree, api_client):
    assert names(api_client(people.bvnhi_thidua).get(f"{API}/members?org={tree.bvdk.pk}")) == []


def test_filters_on_worker_manager_gender_and_active(people, tree, officer):
    boss = MemberFactory(
        org=tree.bvdk, full_name="Phạm Văn Sếp", gender="male", is_manager=True,
        is_direct_worker=False,
    )  # fmt: skip
    MemberFactory(org=tree.bvdk, full_name="Đỗ Thị Nghỉ", gender="female", active=False)

    assert names(officer.get(f"{API}/members?is_manager=true")) == [boss.full_name]
    assert boss.full_name not in names(officer.get(f"{API}/members?is_direct_worker=true"))
    assert names(officer.get(f"{API}/members?gender=male&active=true")) == [
        "Trần Văn Bình",
        "Phạm Văn Sếp",
    ]
    assert names(officer.get(f"{API}/members?active=false")) == ["Đỗ Thị Nghỉ"]


def test_ordering_by_name_is_vietnamese_order(people, tree, api_client):
    unit = make_org(OrgKind.GRASSROOTS_UNION, tree.sector, code="BVDL")
    for full_name in ["Phạm Văn Đức", "Lê Thị Dung", "Trần Thị Ân", "Nguyễn Văn Anh", "Hoàng Bình"]:
        MemberFactory(org=unit, full_name=full_name)
    client = api_client(people.nganh_admin)

    ordered = names(client.get(f"{API}/members?org={unit.pk}&ordering=name"))

    assert ordered == ["Nguyễn Văn Anh", "Trần Thị Ân", "Hoàng Bình", "Lê Thị Dung", "Phạm Văn Đức"]
    assert names(client.get(f"{API}/members?org={unit.pk}")) == ordered
    assert names(client.get(f"{API}/members?org={unit.pk}&ordering=-name")) == ordered[::-1]


@pytest.mark.parametrize(
    "query", ["ordering=salary", "gender=other", "org=abc", "org=-1", "is_manager=maybe"]
)
def test_bad_filters_are_problems(people, officer, query):
    response = officer.get(f"{API}/members?{query}")

    assert_problem(response, response.status_code)
    assert response.status_code in (400, 422)


def test_pagination_links(people, tree, officer):
    for n in range(5):
        MemberFactory(org=tree.bvdk, full_name=f"Võ Văn Số{n}")

    first = officer.get(f"{API}/members?page_size=3&q=vo van").json()
    second = officer.get(first["next"]).json()

    assert first["count"] == 5
    assert len(first["results"]) == 3
    assert first["previous"] is None
    assert len(second["results"]) == 2
    assert second["next"] is None
    assert "q=vo+van" in second["previous"]


def test_list_query_count_does_not_grow_with_the_page(
    people, tree, officer, django_assert_max_num_queries
):
    for _ in range(60):
        MemberFactory(org=tree.bvdk_group)
    officer.get(f"{API}/me")

    with django_assert_max_num_queries(5):
        response = officer.get(f"{API}/members?page_size=200")

    assert response.json()["count"] == 62


def new_member(org, **fields):
    return {
        "org_id": org.pk,
        "full_name": "Đặng Thị Thu",
        "gender": "female",
        "birth_date": "1990-04-05",
        "job_title": "Điều dưỡng",
        "is_direct_worker": True,
        "union_joined_on": "2014-01-01",
        **fields,
    }


def test_grassroots_officer_creates_a_member_in_their_union(people, tree, officer):
    response = officer.post(f"{API}/members", new_member(tree.bvdk, code="DV01"))

    assert response.status_code == 201, response.content
    body = response.json()
    member = Member.objects.get(pk=body["id"])
    assert member.org == tree.bvdk
    assert body["birth_date"] == "1990-04-05"
    assert body["code"] == "DV01"
    assert body["version"] == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_id=member.pk).exists()


def test_create_in_another_union_is_422_on_org_id_without_revealing_it(people, tree, officer):
    hidden = officer.post(f"{API}/members", new_member(tree.bvnhi))
    missing = officer.post(f"{API}/members", new_member(tree.bvnhi, org_id=987654))

    assert assert_problem(hidden, 422, field="org_id") == assert_problem(missing, 422)
    assert not Member.objects.filter(full_name="Đặng Thị Thu").exists()


@pytest.mark.parametrize("who", ["doanvien", "ldld", "kiemtra"])
def test_create_by_a_read_only_role_is_403(people, tree, api_client, who):
    response = api_client(getattr(people, who)).post(f"{API}/members", new_member(tree.bvdk))

    assert_problem(response, 403)


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"gender": "other"}, 422, "gender"),
        ({"birth_date": "05/04/1990"}, 400, "birth_date"),
        ({"birth_date": "2999-01-01"}, 422, "birth_date"),
        ({"is_manager": True, "is_direct_worker": True}, 422, "is_direct_worker"),
        ({"full_name": ""}, 422, "full_name"),
        ({"full_name": "x" * 500}, 422, "full_name"),
        ({"email": "not-an-email"}, 422, "email"),
        ({"org_id": "BVDK"}, 400, "org_id"),
        ({"is_manager": [1]}, 400, "is_manager"),
    ],
)
def test_create_with_invalid_fields(people, tree, officer, fields, status, field):
    response = officer.post(f"{API}/members", new_member(tree.bvdk, **fields))

    assert_problem(response, status, field=field)


def test_create_with_a_taken_code_is_a_409_duplicate(people, tree, officer):
    officer.post(f"{API}/members", new_member(tree.bvdk, code="DV01"))

    response = officer.post(f"{API}/members", new_member(tree.bvdk, code="DV01"))

    assert_problem(response, 409, field="code")


def test_a_login_that_may_not_add_members_is_refused_before_the_code_is_checked(
    people, tree, officer, api_client
):
    officer.post(f"{API}/members", new_member(tree.bvdk, code="DV01"))

    response = api_client(people.kiemtra).post(f"{API}/members", new_member(tree.bvdk, code="DV01"))

    assert_problem(response, 403)


def test_patch_changes_the_fields_sent_and_bumps_the_version(people, officer):
    response = officer.patch(
        f"{API}/members/{people.hong.pk}", {"job_title": "Điều dưỡng trưởng", "version": 1}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["job_title"] == "Điều dưỡng trưởng"
    assert body["full_name"] == "Nguyễn Thị Hồng"
    assert body["version"] == 2


def test_patch_with_a_stale_version_is_409(people, officer):
    officer.patch(f"{API}/members/{people.hong.pk}", {"job_title": "A"})

    response = officer.patch(f"{API}/members/{people.hong.pk}", {"job_title": "B", "version": 1})

    assert_problem(response, 409)
    people.hong.refresh_from_db()
    assert people.hong.job_title == "A"


def test_patch_org_id_transfers_the_member(people, tree, officer):
    response = officer.patch(f"{API}/members/{people.hong.pk}", {"org_id": tree.bvdk_group.pk})

    assert response.status_code == 200, response.content
    assert response.json()["org_id"] == tree.bvdk_group.pk
    people.hong.refresh_from_db()
    assert people.hong.org_path == tree.bvdk_group.path


def test_patch_transfer_to_an_invisible_unit_is_422(people, tree, officer):
    response = officer.patch(f"{API}/members/{people.hong.pk}", {"org_id": tree.bvnhi.pk})

    assert_problem(response, 422, field="org_id")


def test_patch_null_clears_a_date_but_not_the_name(people, officer):
    cleared = officer.patch(f"{API}/members/{people.hong.pk}", {"birth_date": None})
    refused = officer.patch(f"{API}/members/{people.hong.pk}", {"full_name": None})

    assert cleared.status_code == 200
    assert cleared.json()["birth_date"] is None
    assert_problem(refused, 422, field="full_name")


def test_patch_of_a_member_of_another_unit_is_404(people, api_client):
    client = api_client(people.bvnhi_thidua)

    assert_problem(client.patch(f"{API}/members/{people.hong.pk}", {"job_title": "X"}), 404)


@pytest.mark.parametrize("body", [{"job_title": "X"}, {}])
def test_a_member_may_not_edit_their_own_record(people, api_client, body):
    client = api_client(people.doanvien)

    assert_problem(client.patch(f"{API}/members/{people.hong.pk}", body), 403)


def test_leaving_sets_left_on(people, officer):
    response = officer.patch(
        f"{API}/members/{people.hong.pk}", {"active": False, "left_on": "2026-01-31"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    assert response.json()["left_on"] == "2026-01-31"


def test_award_history_is_a_list_for_a_visible_member(people, officer):
    response = officer.get(f"{API}/members/{people.hong.pk}/awards")

    assert response.status_code == 200
    assert response.json() == []


def test_award_history_of_an_invisible_member_is_404(people, api_client):
    client = api_client(people.bvnhi_thidua)

    assert_problem(client.get(f"{API}/members/{people.hong.pk}/awards"), 404)


def test_validation_messages_in_english_when_asked(people, tree, api_client):
    client = api_client(people.bvdk_thidua, headers={"Accept-Language": "en"})

    body = assert_problem(
        client.post(f"{API}/members", new_member(tree.bvdk, birth_date="2999-01-01")), 422
    )

    assert body["title"] == "Invalid data"
    assert "future" in body["errors"][0]["message"]

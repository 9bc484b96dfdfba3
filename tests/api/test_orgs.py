"""/orgs: the union units visible to the caller, created and changed through the services."""

import pytest

from tests.api.helpers import API, assert_problem
from tests.factories import MemberFactory, make_org
from thidua.core.models import AuditEntry
from thidua.organizations.models import Member, OrgKind, OrgUnit

ORG_FIELDS = {
    "id",
    "code",
    "name",
    "kind",
    "parent_id",
    "employer_type",
    "member_count",
    "active",
    "version",
}


def codes(response):
    assert response.status_code == 200, response.content
    return [o["code"] for o in response.json()["results"]]


@pytest.fixture
def admin(people, api_client):
    return api_client(people.nganh_admin)


def test_list_has_the_contract_shape_and_subtree_member_counts(people, tree, admin):
    MemberFactory(org=tree.bvdk, full_name="Đã Nghỉ", active=False)

    response = admin.get(f"{API}/orgs")

    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    by_code = {o["code"]: o for o in body["results"]}
    assert list(by_code) == ["CDN-YT", "BVDK", "BVDK-KN", "BVNHI"]
    bvdk = by_code["BVDK"]
    assert set(bvdk) >= ORG_FIELDS
    assert bvdk["id"] == tree.bvdk.pk
    assert bvdk["kind"] == "grassroots_union"
    assert bvdk["parent_id"] == tree.sector.pk
    assert bvdk["employer_type"] == "public_service"
    # Hồng, and Bình in the union group; the member who left is not counted.
    assert bvdk["member_count"] == 2
    assert bvdk["active"] is True
    assert bvdk["version"] == 1
    assert by_code["CDN-YT"]["employer_type"] is None
    assert by_code["CDN-YT"]["member_count"] == 3
    assert by_code["BVDK-KN"]["member_count"] == 1


def test_grassroots_officer_sees_only_their_unit(people, api_client):
    assert codes(api_client(people.bvnhi_thidua).get(f"{API}/orgs")) == ["BVNHI"]
    assert codes(api_client(people.bvdk_thidua).get(f"{API}/orgs")) == ["BVDK", "BVDK-KN"]


def test_upper_level_viewer_sees_its_whole_subtree(people, api_client):
    assert codes(api_client(people.ldld).get(f"{API}/orgs"))[:2] == ["LDLD-DN", "CDN-YT"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=grassroots_union", ["BVDK", "BVNHI"]),
        ("kind=union_group", ["BVDK-KN"]),
        ("employer_type=public_service", ["BVDK", "BVNHI"]),
        ("q=benh vien nhi dong", ["BVNHI"]),
        ("q=CONG DOAN NGANH Y TE", ["CDN-YT"]),
        ("active=false", []),
    ],
)
def test_list_filters(people, tree, admin, query, expected):
    assert codes(admin.get(f"{API}/orgs?{query}")) == expected


def test_filter_by_parent_gives_direct_children(people, tree, admin):
    assert codes(admin.get(f"{API}/orgs?parent={tree.sector.pk}")) == ["BVDK", "BVNHI"]


def test_filter_by_a_parent_outside_the_reach_finds_nothing(people, tree, api_client):
    client = api_client(people.bvnhi_thidua)

    assert codes(client.get(f"{API}/orgs?parent={tree.bvdk.pk}")) == []


@pytest.mark.parametrize(
    "query", ["kind=planet", "page=0", "parent=0", "parent=abc", "active=perhaps", "page=x"]
)
def test_bad_filters_are_problems_not_errors(people, admin, query):
    response = admin.get(f"{API}/orgs?{query}")

    assert response.status_code in (400, 422)
    assert_problem(response, response.status_code)


def test_pagination_links_and_page_size_cap(people, tree, admin):
    for n in range(3):
        make_org(OrgKind.GRASSROOTS_UNION, tree.sector, code=f"CS{n}")

    first = admin.get(f"{API}/orgs?page_size=2&kind=grassroots_union").json()
    second = admin.get(first["next"]).json()

    assert first["count"] == 5
    assert first["previous"] is None
    assert "page=2" in first["next"] and "kind=grassroots_union" in first["next"]
    assert first["next"].startswith("http://testserver/api/v1/orgs?")
    assert len(second["results"]) == 2
    assert "page=1" in second["previous"]
    big = admin.get(f"{API}/orgs?page_size=100000")
    assert big.status_code == 200
    assert big.json()["count"] == 7
    assert admin.get(f"{API}/orgs?page=99").json()["results"] == []


def test_list_query_count_does_not_grow_with_the_page(
    people, tree, admin, django_assert_max_num_queries
):
    for n in range(30):
        unit = make_org(OrgKind.GRASSROOTS_UNION, tree.sector, code=f"CS{n:02d}")
        MemberFactory(org=unit)
    admin.get(f"{API}/me")  # the token's last use is recorded once

    with django_assert_max_num_queries(5):
        response = admin.get(f"{API}/orgs?page_size=200")

    assert response.json()["count"] == 34


def test_get_one_visible_unit(people, tree, api_client):
    response = api_client(people.bvdk_thidua).get(f"{API}/orgs/{tree.bvdk_group.pk}")

    assert response.status_code == 200
    assert response.json()["code"] == "BVDK-KN"
    assert response.json()["parent_id"] == tree.bvdk.pk


def test_a_unit_outside_the_reach_is_404_like_a_missing_one(people, tree, api_client):
    client = api_client(people.bvnhi_thidua)

    hidden = assert_problem(client.get(f"{API}/orgs/{tree.bvdk.pk}"), 404)
    missing = assert_problem(client.get(f"{API}/orgs/999999"), 404)

    assert hidden == missing


def test_a_non_integer_id_is_400(people, admin):
    assert_problem(admin.get(f"{API}/orgs/abc"), 400)


def new_unit(parent, **fields):
    return {
        "code": "BVDL",
        "name": "Công đoàn cơ sở Bệnh viện Da liễu",
        "kind": "grassroots_union",
        "parent_id": parent.pk,
        "employer_type": "public_service",
        **fields,
    }


def test_sector_admin_creates_a_grassroots_union(people, tree, admin):
    response = admin.post(f"{API}/orgs", new_unit(tree.sector, short_name="BV Da liễu"))

    assert response.status_code == 201, response.content
    body = response.json()
    unit = OrgUnit.objects.get(code="BVDL")
    assert body["id"] == unit.pk
    assert body["parent_id"] == tree.sector.pk
    assert body["member_count"] == 0
    assert body["version"] == 1
    assert unit.short_name == "BV Da liễu"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_id=unit.pk).exists()


def test_employer_type_is_null_and_ignored_for_other_kinds(people, tree, admin):
    response = admin.post(
        f"{API}/orgs",
        new_unit(tree.bvdk, code="BVDK-NGOAI", kind="union_group", name="Tổ Ngoại"),
    )

    assert response.status_code == 201, response.content
    assert response.json()["employer_type"] is None


def test_create_refuses_a_grassroots_union_without_employer_type(people, tree, admin):
    response = admin.post(f"{API}/orgs", new_unit(tree.sector, employer_type=None))

    assert_problem(response, 422, field="employer_type")
    assert not OrgUnit.objects.filter(code="BVDL").exists()


def test_create_refuses_a_kind_that_cannot_sit_under_the_parent(people, tree, admin):
    response = admin.post(f"{API}/orgs", new_unit(tree.bvdk))

    assert_problem(response, 422, field="parent_id")


def test_create_with_a_taken_code_is_a_409_duplicate(people, tree, admin):
    response = admin.post(f"{API}/orgs", new_unit(tree.sector, code="BVNHI"))

    assert_problem(response, 409, field="code")


def test_a_login_that_may_not_create_is_refused_before_the_code_is_checked(
    people, tree, api_client
):
    reader = api_client(people.ldld)

    response = reader.post(f"{API}/orgs", new_unit(tree.sector, code="BVNHI"))

    assert_problem(response, 403)


def test_create_under_an_invisible_parent_is_422_without_revealing_it(people, tree, api_client):
    client = api_client(people.bvnhi_thidua)

    hidden = client.post(f"{API}/orgs", new_unit(tree.bvdk, kind="union_group"))
    missing = client.post(f"{API}/orgs", {**new_unit(tree.bvdk), "parent_id": 999999})

    assert assert_problem(hidden, 422, field="parent_id") == assert_problem(missing, 422)


@pytest.mark.parametrize("who", ["bvdk_thidua", "ldld", "kiemtra", "doanvien"])
def test_create_by_a_role_that_may_not_is_403(people, tree, api_client, who):
    client = api_client(getattr(people, who))

    response = client.post(f"{API}/orgs", new_unit(tree.bvdk, kind="union_group"))

    assert_problem(response, 403)


def test_only_a_system_administrator_creates_a_root(people, admin):
    response = admin.post(f"{API}/orgs", {"code": "TLD2", "name": "X", "kind": "confederation"})

    assert_problem(response, 403)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"code": "X", "name": "X", "kind": "union_group", "parent_id": "abc"}, 400),
        ({"code": 5, "name": "X", "kind": "union_group"}, 400),
        ({"code": "X", "name": "X", "kind": "planet"}, 422),
        ({"name": "X", "kind": "union_group"}, 422),
        ({"code": "X\x00", "name": "X", "kind": "union_group"}, 422),
        ([1, 2], 400),
    ],
)
def test_create_with_bad_input_is_a_problem(people, admin, body, status):
    assert_problem(admin.post(f"{API}/orgs", body), status)


def test_patch_changes_only_the_fields_sent_and_bumps_the_version(people, tree, admin):
    response = admin.patch(
        f"{API}/orgs/{tree.bvnhi.pk}", {"name": "Công đoàn Bệnh viện Nhi", "version": 1}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "Công đoàn Bệnh viện Nhi"
    assert body["code"] == "BVNHI"
    assert body["version"] == 2


def test_patch_with_a_stale_version_is_409_and_changes_nothing(people, tree, admin):
    admin.patch(f"{API}/orgs/{tree.bvnhi.pk}", {"name": "Lần một"})

    response = admin.patch(f"{API}/orgs/{tree.bvnhi.pk}", {"name": "Lần hai", "version": 1})

    assert_problem(response, 409)
    tree.bvnhi.refresh_from_db()
    assert tree.bvnhi.name == "Lần một"


def test_patch_parent_moves_the_unit_and_its_members(people, tree, admin):
    response = admin.patch(f"{API}/orgs/{tree.bvdk_group.pk}", {"parent_id": tree.bvnhi.pk})

    assert response.status_code == 200, response.content
    assert response.json()["parent_id"] == tree.bvnhi.pk
    people.nurse.refresh_from_db()
    moved = OrgUnit.objects.get(pk=tree.bvdk_group.pk)
    assert people.nurse.org_path == moved.path
    assert moved.path.startswith(OrgUnit.objects.get(pk=tree.bvnhi.pk).path)


def test_patch_with_move_and_rename_together(people, tree, admin):
    response = admin.patch(
        f"{API}/orgs/{tree.bvdk_group.pk}",
        {"parent_id": tree.bvnhi.pk, "name": "Tổ Nội Nhi", "version": 1},
    )

    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Tổ Nội Nhi"
    assert response.json()["parent_id"] == tree.bvnhi.pk


def test_patch_active_false_deactivates_the_subtree(people, tree, admin):
    response = admin.patch(f"{API}/orgs/{tree.bvdk.pk}", {"active": False})

    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    assert not OrgUnit.objects.get(pk=tree.bvdk_group.pk).active


def test_patch_on_an_invisible_unit_is_404(people, tree, api_client):
    response = api_client(people.bvnhi_thidua).patch(f"{API}/orgs/{tree.bvdk.pk}", {"name": "X"})

    assert_problem(response, 404)


@pytest.mark.parametrize("body", [{"name": "X"}, {}])
def test_patch_by_a_visible_but_not_allowed_role_is_403(people, tree, api_client, body):
    response = api_client(people.ldld).patch(f"{API}/orgs/{tree.bvdk.pk}", body)

    assert_problem(response, 403)
    assert OrgUnit.objects.get(pk=tree.bvdk.pk).name != "X"


def test_patch_null_on_a_required_field_is_422(people, tree, admin):
    assert_problem(admin.patch(f"{API}/orgs/{tree.bvdk.pk}", {"name": None}), 422, field="name")


def test_patch_moving_under_its_own_descendant_is_422(people, tree, admin):
    response = admin.patch(f"{API}/orgs/{tree.bvdk.pk}", {"parent_id": tree.bvdk_group.pk})

    assert_problem(response, 422, field="parent_id")
    assert Member.objects.get(pk=people.nurse.pk).org_path.startswith(tree.bvdk.path)


def test_problems_speak_english_when_asked(people, tree, api_client):
    client = api_client(people.bvnhi_thidua, headers={"Accept-Language": "en"})

    body = assert_problem(client.get(f"{API}/orgs/{tree.bvdk.pk}"), 404)

    assert body["title"] == "Not found"
    assert body["detail"] == "No such record, or it is not visible to you."

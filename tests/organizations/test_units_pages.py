"""The union tree pages: the tree, a unit's page, and creating, editing, moving, deactivating."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MemberFactory, make_org, user_with_role
from thidua.accounts.roles import Role
from thidua.organizations import services
from thidua.organizations.models import Member, OrgKind, OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = []


@pytest.fixture
def login():
    def as_user(user):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        return client

    return as_user


def url(name, *args):
    return reverse(f"organizations:{name}", args=args)


HTMX = {"HTTP_HX_REQUEST": "true"}


# The tree


def test_tree_shows_the_sector_with_counts_and_missing_officers(people, tree, login):
    response = login(people.nganh_admin).get(url("org_tree"))
    html = response.content.decode()
    assert response.status_code == 200
    assert tree.sector.name in html
    assert tree.bvdk.name in html and tree.bvnhi.name in html
    assert "3 members" in html  # the sector's subtree
    assert "No officer" in html
    # Deeper levels load on demand: the union group is not in the page, its loader is.
    assert tree.bvdk_group.name not in html
    assert url("org_children", tree.bvdk.pk) in html


def test_tree_of_a_grassroots_officer_is_its_own_union(people, tree, login):
    html = login(people.bvdk_thidua).get(url("org_tree")).content.decode()
    assert tree.bvdk.name in html
    assert tree.bvdk_group.name in html
    assert tree.bvnhi.name not in html
    assert tree.sector.name not in html


def test_children_load_with_htmx_and_stay_within_reach(people, tree, login):
    response = login(people.nganh_admin).get(url("org_children", tree.bvdk.pk), **HTMX)
    assert response.status_code == 200
    assert tree.bvdk_group.name in response.content.decode()
    outsider = login(people.bvnhi_thidua).get(url("org_children", tree.bvdk.pk), **HTMX)
    assert outsider.status_code == 404


def test_children_of_a_large_unit_come_a_page_at_a_time(people, tree, login):
    for number in range(105):
        make_org(OrgKind.UNION_GROUP, tree.bvnhi, code=f"NHI-{number:03d}")
    client = login(people.nganh_admin)
    first = client.get(url("org_children", tree.bvnhi.pk), **HTMX).content.decode()
    assert first.count("<li>") == 101  # 100 units and the "show more" item
    assert "Show more (100 of 105 shown)" in first
    second = client.get(url("org_children", tree.bvnhi.pk) + "?page=2", **HTMX).content.decode()
    assert second.count("<li>") == 5


def test_inactive_units_are_hidden_unless_asked_for(people, tree, login):
    services.set_org_active(tree.bvnhi, False, by=people.nganh_admin)
    client = login(people.nganh_admin)
    assert tree.bvnhi.name not in client.get(url("org_tree")).content.decode()
    shown = client.get(url("org_tree") + "?inactive=1").content.decode()
    assert tree.bvnhi.name in shown
    assert "unit-inactive" in shown


def test_tree_search_ignores_diacritics_and_reach(people, tree, login):
    html = login(people.nganh_admin).get(url("org_tree") + "?q=khoa noi").content.decode()
    assert "1 unit found" in html
    assert tree.bvdk_group.name in html
    outsider = login(people.bvnhi_thidua).get(url("org_tree") + "?q=khoa noi").content.decode()
    assert "0 units found" in outsider


def test_tree_queries_do_not_grow_with_the_number_of_units(
    people, tree, login, django_assert_max_num_queries
):
    client = login(people.nganh_admin)
    client.get(url("org_tree"))
    with django_assert_max_num_queries(20) as small:
        client.get(url("org_tree"))
    for number in range(40):
        union = make_org(OrgKind.GRASSROOTS_UNION, tree.sector, code=f"CS{number:02d}")
        MemberFactory(org=union)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("org_tree"))
    assert "CS39" in response.content.decode() or "Đơn vị CS39" in response.content.decode()


# A unit's page


def test_unit_page_shows_counts_officer_and_actions(people, tree, login):
    response = login(people.nganh_admin).get(url("org_detail", tree.bvdk.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-stat="total">2<' in html
    assert 'data-stat="women">1<' in html
    assert tree.bvdk_group.name in html
    assert "No officer designated" in html
    assert url("org_edit", tree.bvdk.pk) in html
    assert url("officer_designate", tree.bvdk.pk) in html
    assert f"{url('member_list')}?org={tree.bvdk.pk}" in html


def test_breadcrumbs_above_the_reach_show_names_without_links(people, tree, login):
    html = login(people.bvdk_thidua).get(url("org_detail", tree.bvdk_group.pk)).content.decode()
    assert tree.sector.name in html
    assert url("org_detail", tree.sector.pk) not in html
    assert url("org_detail", tree.bvdk.pk) in html


def test_unit_outside_reach_is_404(people, tree, login):
    client = login(people.bvnhi_thidua)
    for name in ("org_detail", "org_edit", "org_move"):
        assert client.get(url(name, tree.bvdk.pk)).status_code == 404
    assert client.post(url("org_set_active", tree.bvdk.pk), {"active": "0"}).status_code == 404


def test_viewer_reads_but_cannot_change(people, tree, login):
    client = login(people.ldld)
    html = client.get(url("org_detail", tree.bvdk.pk)).content.decode()
    assert url("org_edit", tree.bvdk.pk) not in html
    assert client.get(url("org_edit", tree.bvdk.pk)).status_code == 403
    assert client.get(url("org_move", tree.bvdk.pk)).status_code == 403
    assert client.get(url("org_create") + f"?parent={tree.sector.pk}").status_code == 403
    response = client.post(url("org_set_active", tree.bvdk.pk), {"active": "0", "version": "1"})
    assert response.status_code == 403
    assert OrgUnit.objects.get(pk=tree.bvdk.pk).active


# Create


def test_create_offers_only_kinds_that_fit_under_the_parent(people, tree, login):
    form = (
        login(people.nganh_admin)
        .get(url("org_create") + f"?parent={tree.sector.pk}")
        .context["form"]
    )
    assert [value for value, _ in form.fields["kind"].choices] == [OrgKind.GRASSROOTS_UNION]


def test_create_a_grassroots_union_needs_an_employer_type(people, tree, login):
    client = login(people.nganh_admin)
    data = {
        "parent": tree.sector.pk,
        "kind": OrgKind.GRASSROOTS_UNION,
        "code": "TTYT-LK",
        "name": "Công đoàn cơ sở Trung tâm Y tế Long Khánh",
    }
    response = client.post(url("org_create") + f"?parent={tree.sector.pk}", data)
    assert response.status_code == 200
    assert response.context["form"].errors["employer_type"]
    assert not OrgUnit.objects.filter(code="TTYT-LK").exists()
    response = client.post(url("org_create"), {**data, "employer_type": "public_service"})
    org = OrgUnit.objects.get(code="TTYT-LK")
    assert response.status_code == 302
    assert response["Location"] == url("org_detail", org.pk)
    assert org.parent == tree.sector


def test_a_duplicate_code_is_shown_on_the_field(people, tree, login):
    response = login(people.nganh_admin).post(
        url("org_create"),
        {
            "parent": tree.sector.pk,
            "kind": OrgKind.GRASSROOTS_UNION,
            "code": "BVNHI",
            "name": "Trùng mã",
            "employer_type": "public_service",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert OrgUnit.objects.filter(code="BVNHI").count() == 1


def test_grassroots_chair_adds_a_union_group_in_own_union(people, tree, login):
    client = login(people.bvdk_chutich)
    response = client.post(
        url("org_create"),
        {"parent": tree.bvdk.pk, "kind": OrgKind.UNION_GROUP, "code": "BVDK-KNG", "name": "Tổ KNG"},
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="BVDK-KNG").parent == tree.bvdk
    assert client.get(url("org_create") + f"?parent={tree.bvnhi.pk}").status_code == 404
    assert client.get(url("org_edit", tree.bvdk.pk)).status_code == 403


def test_create_with_a_malformed_parent_is_404(people, login):
    client = login(people.nganh_admin)
    assert client.get(url("org_create") + "?parent=abc").status_code == 404
    assert client.get(url("org_create") + "?parent=999999").status_code == 404


def test_create_without_a_parent_sends_a_non_superuser_to_the_tree(people, login):
    response = login(people.nganh_admin).get(url("org_create"))
    assert response.status_code == 302
    assert response["Location"] == url("org_tree")


# Edit


def edit_data(org, **changes):
    data = {
        "kind": org.kind,
        "code": org.code,
        "name": org.name,
        "short_name": org.short_name,
        "symbol": org.symbol,
        "employer_type": org.employer_type,
        "place": org.place,
        "address": org.address,
        "email": org.email,
        "phone": org.phone,
        "version": org.version,
    }
    data.update(changes)
    return data


def test_edit_saves_through_the_service(people, tree, login):
    response = login(people.nganh_admin).post(
        url("org_edit", tree.bvdk.pk), edit_data(tree.bvdk, short_name="CĐCS BVĐK")
    )
    assert response.status_code == 302
    org = OrgUnit.objects.get(pk=tree.bvdk.pk)
    assert org.short_name == "CĐCS BVĐK"
    assert org.version == 2


def test_stale_edit_is_refused_and_keeps_nothing(people, tree, login):
    client = login(people.nganh_admin)
    stale = edit_data(tree.bvdk, name="Tên của người thứ hai")
    services.update_org(tree.bvdk, by=people.nganh_admin, version=1, name="Tên của người thứ nhất")
    response = client.post(url("org_edit", tree.bvdk.pk), stale)
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    org = OrgUnit.objects.get(pk=tree.bvdk.pk)
    assert org.name == "Tên của người thứ nhất"
    assert response.context["form"]["name"].value() == "Tên của người thứ nhất"
    assert response.context["form"]["version"].value() == 2


def test_edit_without_a_version_is_refused(people, tree, login):
    data = edit_data(tree.bvdk, name="Không phiên bản")
    del data["version"]
    response = login(people.nganh_admin).post(url("org_edit", tree.bvdk.pk), data)
    assert response.status_code == 200
    assert OrgUnit.objects.get(pk=tree.bvdk.pk).name != "Không phiên bản"


# Move


def test_move_page_moves_the_subtree_and_the_members(people, tree, login):
    other_sector = make_org(OrgKind.SECTOR_UNION, tree.ldld, code="CDN-GD", name="CĐN Giáo dục")
    admin = user_with_role(Role.SECTOR_ADMIN, tree.ldld, username="ldld.admin")
    client = login(admin)
    form = client.get(url("org_move", tree.bvdk.pk)).context["form"]
    assert other_sector in form.fields["new_parent"].queryset
    assert tree.sector not in form.fields["new_parent"].queryset  # the current parent
    response = client.post(
        url("org_move", tree.bvdk.pk), {"new_parent": other_sector.pk, "version": 1}
    )
    assert response.status_code == 302
    group = OrgUnit.objects.get(pk=tree.bvdk_group.pk)
    assert group.path.startswith(other_sector.path)
    assert Member.objects.get(pk=people.nurse.pk).org_path == group.path


def test_move_offers_only_units_the_user_may_add_to(people, tree, login):
    make_org(OrgKind.SECTOR_UNION, tree.ldld, code="CDN-GD", name="CĐN Giáo dục")
    response = login(people.nganh_admin).get(url("org_move", tree.bvdk.pk))
    assert not response.context["has_targets"]
    assert "no other unit in your reach" in response.content.decode()


# Deactivate


def test_deactivate_takes_the_descendants_along(people, tree, login):
    client = login(people.nganh_admin)
    assert client.get(url("org_set_active", tree.bvdk.pk)).status_code == 405
    response = client.post(url("org_set_active", tree.bvdk.pk), {"active": "0", "version": "1"})
    assert response.status_code == 302
    assert not OrgUnit.objects.get(pk=tree.bvdk.pk).active
    assert not OrgUnit.objects.get(pk=tree.bvdk_group.pk).active
    page = client.get(url("org_detail", tree.bvdk.pk)).content.decode()
    assert "data-confirm" in page and 'name="active" value="1"' in page


def test_deactivate_with_a_stale_version_changes_nothing(people, tree, login):
    response = login(people.nganh_admin).post(
        url("org_set_active", tree.bvdk.pk), {"active": "0", "version": "7"}, follow=True
    )
    assert "changed by someone else" in response.content.decode()
    assert OrgUnit.objects.get(pk=tree.bvdk.pk).active


def test_deactivate_with_nonsense_input_changes_nothing(people, tree, login):
    client = login(people.nganh_admin)
    for data in ({"active": "maybe"}, {"active": "0", "version": "x"}):
        response = client.post(url("org_set_active", tree.bvdk.pk), data)
        assert response.status_code == 302
    assert OrgUnit.objects.get(pk=tree.bvdk.pk).active

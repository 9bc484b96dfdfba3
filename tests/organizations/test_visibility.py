"""visible_to: a role reaches its unit and the descendants, never a sibling's records."""

import pytest

from thidua.organizations.models import Member, OrgUnit

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(m.full_name for m in queryset)


def test_grassroots_officer_sees_own_union_and_its_groups_only(people):
    visible = Member.objects.visible_to(people.bvdk_thidua)
    assert names(visible) == ["Nguyễn Thị Hồng", "Trần Văn Bình"]


def test_sibling_union_sees_none_of_bvdk(people):
    visible = Member.objects.visible_to(people.bvnhi_thidua)
    assert names(visible) == ["Lê Thị Mai"]


def test_sector_roles_see_every_grassroots_union(people):
    for user in (people.nganh_admin, people.nganh_thidua, people.kiemtra, people.hoidong):
        assert Member.objects.visible_to(user).count() == 3


def test_viewer_at_federation_reads_the_whole_sector(people):
    assert Member.objects.visible_to(people.ldld).count() == 3


def test_member_role_sees_only_its_own_record(people):
    assert names(Member.objects.visible_to(people.doanvien)) == ["Nguyễn Thị Hồng"]


def test_units_visible_are_the_subtree(people, tree):
    codes = set(OrgUnit.objects.visible_to(people.bvdk_thidua).values_list("code", flat=True))
    assert codes == {"BVDK", "BVDK-KN"}


def test_anonymous_sees_nothing(people):
    from django.contrib.auth.models import AnonymousUser

    assert not Member.objects.visible_to(AnonymousUser()).exists()


def test_member_role_reads_its_union_tree_but_no_other_member(people, tree):
    """A member sees the structure of its own union (the unit pages), never its fellow members."""
    codes = set(OrgUnit.objects.visible_to(people.doanvien).values_list("code", flat=True))
    assert codes == {"BVDK", "BVDK-KN"}
    assert not people.doanvien.has_perm("organizations.view_member_list", tree.bvdk)

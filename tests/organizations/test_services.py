"""The writes on units, members and officers: permissions, rules, versions, audit."""

import datetime

import pytest

from tests.factories import MemberFactory, make_org, user_with_role
from thidua.accounts.roles import Role
from thidua.core.exceptions import Conflict, Forbidden, InvalidInput, StaleVersion
from thidua.core.models import AuditEntry
from thidua.organizations import services
from thidua.organizations.models import EmployerType, Member, OfficerDesignation, OrgKind, OrgUnit

pytestmark = pytest.mark.django_db


def fields_of(exc):
    return {e["field"] for e in exc.value.errors}


# Units


def test_sector_admin_creates_a_grassroots_union_with_audit(people, tree):
    org = services.create_org(
        parent=tree.sector,
        by=people.nganh_admin,
        kind=OrgKind.GRASSROOTS_UNION,
        code="TTYT-BH",
        name="Công đoàn cơ sở Trung tâm Y tế Biên Hòa",
        employer_type=EmployerType.PUBLIC_SERVICE,
    )
    assert org.parent == tree.sector
    assert org.path.startswith(tree.sector.path)
    assert AuditEntry.objects.filter(object_id=str(org.pk), action="create").exists()


def test_grassroots_union_without_employer_type_is_refused(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.create_org(
            parent=tree.sector,
            by=people.nganh_admin,
            kind=OrgKind.GRASSROOTS_UNION,
            code="X1",
            name="Không có loại",
        )
    assert fields_of(exc) == {"employer_type"}
    assert not OrgUnit.objects.filter(code="X1").exists()


def test_a_kind_that_cannot_sit_under_the_parent_is_refused(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.create_org(
            parent=tree.bvdk, by=people.nganh_admin, kind=OrgKind.SECTOR_UNION, code="X2", name="X"
        )
    assert fields_of(exc) == {"parent_id"}


def test_only_a_superuser_creates_a_top_level_unit(people):
    with pytest.raises(Forbidden):
        services.create_org(
            parent=None, by=people.nganh_admin, kind=OrgKind.CONFEDERATION, code="R", name="R"
        )


def test_grassroots_chair_adds_union_groups_in_own_union_only(people, tree):
    group = services.create_org(
        parent=tree.bvdk,
        by=people.bvdk_chutich,
        kind=OrgKind.UNION_GROUP,
        code="BVDK-KNG",
        name="Tổ công đoàn Khoa Ngoại",
    )
    assert group.parent == tree.bvdk
    with pytest.raises(Forbidden):
        services.create_org(
            parent=tree.bvnhi, by=people.bvdk_chutich, kind=OrgKind.UNION_GROUP, code="Z", name="Z"
        )
    with pytest.raises(Forbidden):
        services.update_org(tree.bvdk, by=people.bvdk_chutich, name="Đổi tên")


def test_viewer_and_grassroots_officer_cannot_change_units(people, tree):
    for user in (people.ldld, people.bvdk_thidua, people.nganh_thidua):
        with pytest.raises(Forbidden):
            services.update_org(tree.bvdk, by=user, name="Đổi tên")


def test_stale_version_is_refused_and_nothing_changes(people, tree):
    services.update_org(tree.bvdk, by=people.nganh_admin, version=1, name="Tên mới")
    with pytest.raises(StaleVersion):
        services.update_org(tree.bvdk, by=people.nganh_admin, version=1, name="Tên khác")
    tree.bvdk.refresh_from_db()
    assert tree.bvdk.name == "Tên mới"
    assert tree.bvdk.version == 2


def test_kind_change_that_would_orphan_the_sub_units_is_refused(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.update_org(tree.bvdk, by=people.nganh_admin, kind=OrgKind.SECTOR_UNION)
    assert fields_of(exc) == {"kind"}


def test_move_takes_the_subtree_and_members_along(people, tree):
    other_sector = make_org(OrgKind.SECTOR_UNION, tree.ldld, code="CDN-GD", name="CĐN Giáo dục")
    federation_admin = user_with_role(Role.SECTOR_ADMIN, tree.ldld, username="ldld.admin")
    with pytest.raises(Forbidden):
        services.move_org(tree.bvdk, new_parent=other_sector, by=people.nganh_admin)
    services.move_org(tree.bvdk, new_parent=other_sector, by=federation_admin, version=1)
    bvdk = OrgUnit.objects.get(pk=tree.bvdk.pk)
    group = OrgUnit.objects.get(pk=tree.bvdk_group.pk)
    assert bvdk.parent == other_sector
    assert bvdk.path.startswith(other_sector.path)
    assert group.path.startswith(bvdk.path)
    assert group.parent_id == bvdk.pk
    for member in Member.objects.filter(pk__in=[people.hong.pk, people.nurse.pk]):
        assert member.org_path == member.org.path
    assert Member.objects.get(pk=people.child_doctor.pk).org_path == tree.bvnhi.path


def test_move_under_own_descendant_is_refused(people, tree):
    with pytest.raises(InvalidInput):
        services.move_org(tree.sector, new_parent=tree.bvdk, by=people.nganh_admin)


def test_deactivating_a_unit_deactivates_its_descendants(people, tree):
    services.set_org_active(tree.bvdk, False, by=people.nganh_admin, version=1)
    assert not OrgUnit.objects.get(pk=tree.bvdk.pk).active
    assert not OrgUnit.objects.get(pk=tree.bvdk_group.pk).active
    assert OrgUnit.objects.get(pk=tree.bvnhi.pk).active
    assert AuditEntry.objects.filter(after={"active": False}).count() == 2


def test_reactivating_under_an_inactive_parent_is_refused(people, tree):
    services.set_org_active(tree.bvdk, False, by=people.nganh_admin)
    with pytest.raises(InvalidInput):
        services.set_org_active(tree.bvdk_group, True, by=people.nganh_admin)
    services.set_org_active(tree.bvdk, True, by=people.nganh_admin)
    assert OrgUnit.objects.get(pk=tree.bvdk.pk).active
    assert not OrgUnit.objects.get(pk=tree.bvdk_group.pk).active


def test_update_with_active_false_takes_the_subtree_along(people, tree):
    services.update_org(tree.bvdk, by=people.nganh_admin, active=False)
    assert not OrgUnit.objects.get(pk=tree.bvdk_group.pk).active


# Members


def test_grassroots_officer_creates_members_in_own_union_only(people, tree):
    member = services.create_member(
        org=tree.bvdk, by=people.bvdk_thidua, full_name="Phạm Văn An", gender="male"
    )
    assert member.org_path == tree.bvdk.path
    with pytest.raises(Forbidden):
        services.create_member(
            org=tree.bvnhi, by=people.bvdk_thidua, full_name="Phạm Văn Bá", gender="male"
        )


def test_member_in_an_inactive_unit_is_refused(people, tree):
    services.set_org_active(tree.bvdk_group, False, by=people.nganh_admin)
    tree.bvdk_group.refresh_from_db()
    with pytest.raises(InvalidInput) as exc:
        services.create_member(
            org=tree.bvdk_group, by=people.bvdk_thidua, full_name="Võ Thị Cúc", gender="female"
        )
    assert fields_of(exc) == {"org_id"}


def test_manager_cannot_be_a_direct_worker(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.create_member(
            org=tree.bvdk,
            by=people.bvdk_thidua,
            full_name="Đỗ Văn Dũng",
            gender="male",
            is_manager=True,
            is_direct_worker=True,
        )
    assert fields_of(exc) == {"is_direct_worker"}


def test_deactivate_member_records_the_date_and_refuses_a_second_time(people):
    left_on = datetime.date(2026, 1, 15)
    member = services.deactivate_member(people.nurse, by=people.bvdk_thidua, left_on=left_on)
    assert not member.active
    assert member.left_on == left_on
    with pytest.raises(Conflict):
        services.deactivate_member(member, by=people.bvdk_thidua)


def test_leaving_before_joining_is_refused(people):
    with pytest.raises(InvalidInput) as exc:
        services.deactivate_member(
            people.nurse, by=people.bvdk_thidua, left_on=datetime.date(2010, 1, 1)
        )
    assert fields_of(exc) == {"left_on"}
    assert Member.objects.get(pk=people.nurse.pk).active


def test_reactivating_a_member_clears_the_leaving_date(people):
    member = services.deactivate_member(people.nurse, by=people.bvdk_thidua)
    member = services.update_member(member, by=people.bvdk_thidua, active=True)
    assert member.active
    assert member.left_on is None


# Officers


def test_designating_a_new_officer_ends_the_current_term(people, tree):
    first = services.designate_officer(
        tree.bvdk, member=people.hong, since=datetime.date(2025, 1, 1), by=people.bvdk_chutich
    )
    second = services.designate_officer(
        tree.bvdk, member=people.nurse, since=datetime.date(2026, 1, 1), by=people.bvdk_chutich
    )
    first.refresh_from_db()
    assert first.until == datetime.date(2026, 1, 1)
    assert services.current_officers([tree.bvdk]) == {tree.bvdk.pk: second}


def test_officer_must_be_a_member_of_the_union(people, tree):
    with pytest.raises(InvalidInput) as exc:
        services.designate_officer(
            tree.bvdk,
            member=people.child_doctor,
            since=datetime.date.today(),
            by=people.nganh_admin,
        )
    assert fields_of(exc) == {"member_id"}


def test_officers_are_designated_in_grassroots_unions_only(people, tree):
    with pytest.raises(InvalidInput):
        services.designate_officer(
            tree.bvdk_group, member=people.nurse, since=datetime.date.today(), by=people.nganh_admin
        )


def test_grassroots_officer_cannot_designate(people, tree):
    with pytest.raises(Forbidden):
        services.designate_officer(
            tree.bvdk, member=people.hong, since=datetime.date.today(), by=people.bvdk_thidua
        )


def test_end_designation_before_it_started_is_refused(people, tree):
    services.designate_officer(
        tree.bvdk, member=people.hong, since=datetime.date(2025, 6, 1), by=people.bvdk_chutich
    )
    with pytest.raises(InvalidInput):
        services.end_officer_designation(
            tree.bvdk, until=datetime.date(2025, 1, 1), by=people.bvdk_chutich
        )
    services.end_officer_designation(
        tree.bvdk, until=datetime.date(2026, 1, 1), by=people.bvdk_chutich
    )
    assert not OfficerDesignation.objects.filter(until__isnull=True).exists()


# Reads


def test_member_counts_sum_the_subtree_and_skip_inactive_members(people, tree):
    MemberFactory(org=tree.bvdk_group, active=False)
    units = [tree.sector, tree.bvdk, tree.bvnhi, tree.bvdk_group]
    counts = dict(
        OrgUnit.objects.filter(pk__in=[u.pk for u in units]).values_list("pk", "member_count")
    )
    assert counts == {tree.sector.pk: 3, tree.bvdk.pk: 2, tree.bvnhi.pk: 1, tree.bvdk_group.pk: 1}


def test_member_stats_of_a_unit(people, tree):
    stats = services.member_stats(tree.bvdk)
    assert stats == {"total": 2, "own": 1, "direct_workers": 2, "managers": 0, "women": 1}

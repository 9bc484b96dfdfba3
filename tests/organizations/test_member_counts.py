"""The stored active-member count of each unit's subtree stays exact through every member change."""

import importlib
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from tests.api.helpers import API, ApiClient
from tests.factories import MemberFactory, UserFactory, make_org
from tests.organizations.test_import_members import three_members
from thidua.accounts.models import ApiToken
from thidua.accounts.roles import Role
from thidua.organizations import services
from thidua.organizations.counts import refresh_member_counts, visible_active_members
from thidua.organizations.imports import import_members
from thidua.organizations.models import EmployerType, Member, OrgKind, OrgUnit
from thidua.privacy.services import anonymise_member

pytestmark = pytest.mark.django_db


def stored(*units):
    """The stored counts of ``units``, by code."""
    rows = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).values_list("code", "member_count")
    return dict(rows)


def live(*units):
    """The same counts computed from the members table (what the stored value must equal)."""
    return {
        u.code: Member.objects.filter(active=True, org_path__startswith=u.path).count()
        for u in units
    }


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_superuser=True)


@pytest.fixture
def other_branch(tree):
    """A second branch under the Confederation: LĐLĐ BD → CĐN Y tế BD → BVBD."""
    federation = make_org(OrgKind.FEDERATION, tree.tld, code="LDLD-BD", name="LĐLĐ Bình Dương")
    sector = make_org(OrgKind.SECTOR_UNION, federation, code="CDN-YT-BD", name="CĐN Y tế BD")
    union = make_org(
        OrgKind.GRASSROOTS_UNION,
        sector,
        code="BVBD",
        name="CĐCS Bệnh viện Bình Dương",
        employer_type=EmployerType.PUBLIC_SERVICE,
    )
    return SimpleNamespace(federation=federation, sector=sector, union=union)


def test_factories_leave_exact_counts(people, tree):
    units = (tree.tld, tree.ldld, tree.sector, tree.bvdk, tree.bvdk_group, tree.bvnhi)
    assert (
        stored(*units)
        == live(*units)
        == {
            "TLD": 3,
            "LDLD-DN": 3,
            "CDN-YT": 3,
            "BVDK": 2,
            "BVDK-KN": 1,
            "BVNHI": 1,
        }
    )


def test_a_new_member_counts_in_the_unit_and_every_ancestor_after_the_commit(
    people, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.create_member(
            org=tree.bvnhi, by=people.bvnhi_thidua, full_name="Võ Thị Thu", gender="female"
        )
    assert stored(tree.bvnhi)["BVNHI"] == 1  # not before the commit
    for callback in callbacks:
        callback()
    assert stored(tree.tld, tree.ldld, tree.sector, tree.bvnhi, tree.bvdk) == {
        "TLD": 4,
        "LDLD-DN": 4,
        "CDN-YT": 4,
        "BVNHI": 2,
        "BVDK": 2,
    }


def test_a_member_created_as_left_changes_no_count(
    people, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.create_member(
            org=tree.bvnhi,
            by=people.bvnhi_thidua,
            full_name="Võ Thị Thu",
            gender="female",
            active=False,
        )
    assert callbacks == []
    assert stored(tree.tld, tree.bvnhi) == {"TLD": 3, "BVNHI": 1}


def test_moving_a_member_to_another_branch_changes_both_branches(
    people, tree, other_branch, superuser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.update_member(people.nurse, by=superuser, org=other_branch.union)
    units = (
        tree.tld,
        tree.ldld,
        tree.sector,
        tree.bvdk,
        tree.bvdk_group,
        other_branch.federation,
        other_branch.sector,
        other_branch.union,
    )
    assert (
        stored(*units)
        == live(*units)
        == {
            "TLD": 3,
            "LDLD-DN": 2,
            "CDN-YT": 2,
            "BVDK": 1,
            "BVDK-KN": 0,
            "LDLD-BD": 1,
            "CDN-YT-BD": 1,
            "BVBD": 1,
        }
    )


def test_leaving_and_coming_back(people, tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member = services.deactivate_member(people.nurse, by=people.bvdk_chutich)
    assert stored(tree.tld, tree.bvdk, tree.bvdk_group) == {"TLD": 2, "BVDK": 1, "BVDK-KN": 0}
    with django_capture_on_commit_callbacks(execute=True):
        services.update_member(member, by=people.bvdk_chutich, active=True)
    assert stored(tree.tld, tree.bvdk, tree.bvdk_group) == {"TLD": 3, "BVDK": 2, "BVDK-KN": 1}


def test_an_edit_that_keeps_unit_and_status_refreshes_nothing(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.update_member(people.nurse, by=people.bvdk_chutich, job_title="Bác sĩ")
    assert callbacks == []


def test_an_import_refreshes_every_touched_unit_once(
    people, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_members(three_members(), by=people.bvdk_thidua)  # 2 in BVDK, 1 in its group
    assert len(callbacks) == 1
    units = (tree.tld, tree.sector, tree.bvdk, tree.bvdk_group, tree.bvnhi)
    assert (
        stored(*units)
        == live(*units)
        == {
            "TLD": 6,
            "CDN-YT": 6,
            "BVDK": 5,
            "BVDK-KN": 2,
            "BVNHI": 1,
        }
    )


def test_anonymising_a_member_who_left_keeps_the_counts(
    people, tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hong = services.deactivate_member(people.hong, by=people.bvdk_chutich)
    before = stored(tree.tld, tree.bvdk)
    assert before == {"TLD": 2, "BVDK": 1}
    with django_capture_on_commit_callbacks(execute=True):
        anonymise_member(member=hong, by=people.bvdk_chutich, reason="Đề nghị xóa dữ liệu")
    assert stored(tree.tld, tree.bvdk) == before


def test_moving_a_unit_moves_its_count_between_branches(
    people, tree, other_branch, superuser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.move_org(tree.bvdk, new_parent=other_branch.sector, by=superuser)
    units = OrgUnit.objects.filter(code__in=["TLD", "LDLD-DN", "CDN-YT", "BVDK", "CDN-YT-BD"])
    assert (
        stored(*units)
        == live(*units)
        == {
            "TLD": 3,
            "LDLD-DN": 1,
            "CDN-YT": 1,
            "BVDK": 2,
            "CDN-YT-BD": 2,
        }
    )


def test_editing_a_unit_from_a_stale_copy_keeps_the_stored_count(people, tree):
    sector = OrgUnit.objects.get(pk=tree.sector.pk)
    MemberFactory(org=tree.bvnhi)  # refreshes the stored counts; ``sector`` is now stale
    services.update_org(sector, by=people.nganh_admin, short_name="CĐN Y tế")
    assert stored(tree.sector) == {"CDN-YT": 4}


def test_refresh_recomputes_from_the_members_and_the_childrens_stored_counts(people, tree):
    OrgUnit.objects.filter(pk__in=[tree.tld.pk, tree.sector.pk, tree.bvdk.pk]).update(
        member_count=77
    )
    refresh_member_counts([tree.bvdk])
    assert stored(tree.tld, tree.sector, tree.bvdk) == {"TLD": 3, "CDN-YT": 3, "BVDK": 2}


def test_the_command_repairs_a_wrong_count(people, tree, capsys):
    OrgUnit.objects.filter(pk=tree.sector.pk).update(member_count=99)
    OrgUnit.objects.filter(pk=tree.bvnhi.pk).update(member_count=0)
    call_command("refresh_member_counts")
    assert stored(tree.sector, tree.bvnhi) == {"CDN-YT": 3, "BVNHI": 1}
    assert "2 units corrected" in capsys.readouterr().out


def test_the_migration_backfills_a_small_tree(people, tree, other_branch):
    MemberFactory(org=other_branch.union)
    MemberFactory(org=other_branch.sector, active=False)
    OrgUnit.objects.update(member_count=0)
    migration = importlib.import_module("thidua.organizations.migrations.0003_orgunit_member_count")
    migration.backfill_member_counts(None, SimpleNamespace(connection=connection))
    units = list(OrgUnit.objects.all())
    assert stored(*units) == live(*units)
    assert stored(tree.tld, other_branch.sector) == {"TLD": 4, "CDN-YT-BD": 1}


def test_the_start_page_count_reads_the_stored_counts(people, tree, superuser):
    assert visible_active_members(superuser) == 3
    assert visible_active_members(people.nganh_admin) == 3
    assert visible_active_members(people.bvnhi_thidua) == 1
    # Hồng's login holds a staff role at BVNHI only: her own record in BVDK counts once.
    people.doanvien.roles.create(role=Role.GRASSROOTS_OFFICER, org=tree.bvnhi)
    people.doanvien.__dict__.pop("role_assignments", None)
    assert visible_active_members(people.doanvien) == 2
    assert visible_active_members(people.doanvien) == (
        Member.objects.visible_to(people.doanvien).filter(active=True).count()
    )


def _api(user):
    _token, raw = ApiToken.issue(user, name="test")
    return ApiClient(user=user, token=raw)


def test_the_api_units_list_reads_the_stored_count_in_constant_queries(
    people, tree, superuser, django_assert_max_num_queries
):
    for number in range(30):
        unit = make_org(OrgKind.GRASSROOTS_UNION, tree.sector, code=f"BV{number:02d}")
        MemberFactory(org=unit)
    OrgUnit.objects.filter(pk=tree.bvnhi.pk).update(member_count=42)  # only the field says 42
    api = _api(superuser)
    api.get(f"{API}/orgs?page_size=1")  # warm the caches of the first request
    with django_assert_max_num_queries(8) as small:
        api.get(f"{API}/orgs?page_size=2")
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = api.get(f"{API}/orgs?page_size=200")
    assert len(large.captured_queries) == len(small.captured_queries)
    by_code = {o["code"]: o["member_count"] for o in response.json()["results"]}
    assert len(by_code) == 36
    assert by_code["BVNHI"] == 42
    assert by_code["TLD"] == 33
    assert by_code["BV07"] == 1
    assert not any("organizations_member" in q["sql"] for q in large.captured_queries)


def test_the_api_and_the_member_table_agree_for_every_unit(people, tree, superuser):
    response = _api(superuser).get(f"{API}/orgs?page_size=200")
    counts = {o["code"]: o["member_count"] for o in response.json()["results"]}
    assert counts == live(*OrgUnit.objects.all())


def test_counts_ignore_the_unit_being_inactive(people, tree):
    """As before the stored count: members of an inactive unit still count until they leave."""
    services.set_org_active(tree.bvnhi, False, by=people.nganh_admin)
    grouped = Member.objects.filter(active=True).values("org").annotate(n=Count("id"))
    assert sum(row["n"] for row in grouped) == stored(tree.tld)["TLD"] == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="generate_national needs COPY")
def test_generate_national_stores_the_counts_at_the_end_of_its_load():
    from thidua.demo.national import generate_national

    generate_national(members=500, seed=11, write=lambda line: None)
    units = list(OrgUnit.objects.all())
    assert stored(*units) == live(*units)
    assert OrgUnit.objects.get(depth=1).member_count == Member.objects.filter(active=True).count()

"""seed_demo: the Đồng Nai health sector union, its members and the demo logins, loaded once."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import RequestFactory, override_settings

from tests.factories import UserFactory, make_org
from thidua.accounts.models import RoleAssignment, User
from thidua.core.text import name_sort_key, search_key
from thidua.demo import seed
from thidua.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from thidua.demo.people import generate_members
from thidua.demo.units import GRASSROOTS, WITHOUT_OFFICER
from thidua.organizations.models import Member, OfficerDesignation, OrgKind, OrgUnit

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed_demo():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return (
        OrgUnit.objects.count(),
        Member.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        OfficerDesignation.objects.count(),
    )


@pytest.fixture(scope="class")
def demo_output(django_db_setup, django_db_blocker):
    """The demo loaded once for the class, inside a transaction rolled back afterwards."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        yield seed_demo()
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo_output")
class TestTheLoadedDemo:
    def test_the_sector_union_has_34_grassroots_unions_named_for_their_employers(self):
        sector = OrgUnit.objects.get(code="CDN-YT")
        assert sector.name == "Công đoàn ngành Y tế Đồng Nai"
        assert (sector.short_name, sector.symbol, sector.place) == (
            "Công đoàn ngành Y tế",
            "CĐN",
            "Đồng Nai",
        )
        assert sector.parent.code == "LDLD-DN"
        assert sector.parent.parent.code == "TLD"
        assert sector.parent.name == "Liên đoàn Lao động tỉnh Đồng Nai"
        unions = OrgUnit.objects.grassroots()
        assert unions.count() == 34
        assert set(unions.values_list("parent__code", flat=True)) == {"CDN-YT"}
        assert OrgUnit.objects.get(code="BVDK").name == "Công đoàn cơ sở Bệnh viện Đa khoa Đồng Nai"
        assert (
            OrgUnit.objects.get(code="BVNHI").name == "Công đoàn cơ sở Bệnh viện Nhi đồng Đồng Nai"
        )
        assert all(
            name.startswith("Công đoàn cơ sở ") for name in unions.values_list("name", flat=True)
        )
        assert not unions.filter(employer_type="").exists()
        assert set(unions.values_list("employer_type", flat=True)) == {
            "administrative",
            "public_service",
            "state_enterprise",
            "private_enterprise",
            "fdi_enterprise",
        }

    def test_union_groups_sit_under_some_grassroots_unions(self):
        groups = OrgUnit.objects.filter(kind=OrgKind.UNION_GROUP)
        assert groups.get(code="BVDK-KN").parent.code == "BVDK"
        assert groups.filter(parent__code="BVNHI").count() >= 3
        assert groups.values("parent").distinct().count() >= 4

    def test_about_four_thousand_members_spread_over_unions_and_groups(self):
        assert 3500 <= Member.objects.count() <= 4500
        bvdk = OrgUnit.objects.get(code="BVDK")
        in_bvdk = Member.objects.filter(org_path__startswith=bvdk.path)
        assert 300 <= in_bvdk.count() <= 450
        assert in_bvdk.filter(org=bvdk).exists()
        assert in_bvdk.exclude(org=bvdk).count() > in_bvdk.filter(org=bvdk).count()
        assert Member.objects.filter(org__code="TTGDYK").count() <= 40

    def test_members_look_like_a_health_sector_workforce(self):
        members = list(Member.objects.all())
        total = len(members)
        women = sum(m.gender == "female" for m in members)
        managers = [m for m in members if m.is_manager]
        assert 0.55 <= women / total <= 0.75
        assert 0.08 <= len(managers) / total <= 0.13
        assert not any(m.is_direct_worker for m in managers)
        assert sum(m.is_direct_worker for m in members) / total >= 0.6
        assert {"Giám đốc", "Trưởng khoa", "Điều dưỡng trưởng khoa"} <= {
            m.job_title for m in managers
        }
        assert {"Bác sĩ", "Điều dưỡng", "Kỹ thuật viên", "Dược sĩ", "Hộ sinh", "Công nhân"} <= {
            m.job_title for m in members
        }
        for m in members:
            assert datetime.date(1966, 1, 1) <= m.birth_date <= datetime.date(2002, 12, 31)
            assert m.employed_since >= m.birth_date.replace(year=m.birth_date.year + 22, day=1)
            assert m.union_joined_on >= m.employed_since
            assert m.job_title
            assert len(m.full_name.split()) >= 3
        left = [m for m in members if not m.active]
        assert 0 < len(left) < total * 0.05
        assert all(m.left_on and m.left_on > m.union_joined_on for m in left)

    def test_family_names_follow_their_real_shares(self):
        families = [name.split()[0] for name in Member.objects.values_list("full_name", flat=True)]
        share = families.count("Nguyễn") / len(families)
        assert 0.33 <= share <= 0.43
        assert families.count("Huỳnh") > families.count("Hoàng")

    def test_every_demo_login_authenticates_and_holds_its_role_at_its_unit(self):
        request = RequestFactory().post("/accounts/login/")
        for username, full_name, role, unit in DEMO_LOGINS:
            user = authenticate(request, username=username, password=DEMO_PASSWORD)
            assert user is not None, username
            assert user.full_name == full_name
            assert list(user.roles.values_list("role", "org__code")) == [(role, unit)]

    def test_doanvien_is_a_nurse_of_bvdk(self):
        member = User.objects.get(username="doanvien").member
        assert member.full_name == "Nguyễn Thị Hồng"
        assert member.org_path.startswith(OrgUnit.objects.get(code="BVDK").path)
        assert (member.gender, member.job_title) == ("female", "Điều dưỡng")
        assert member.is_direct_worker and not member.is_manager

    def test_demo_logins_of_grassroots_unions_have_member_records(self):
        linked = dict(
            Member.objects.filter(user__isnull=False).values_list("user__username", "org__code")
        )
        assert linked == {
            "doanvien": "BVDK",
            "bvdk.chutich": "BVDK",
            "bvdk.thidua": "BVDK",
            "bvnhi.chutich": "BVNHI",
            "bvnhi.thidua": "BVNHI",
        }
        names = {username: name for username, name, _role, _unit in DEMO_LOGINS}
        for member in Member.objects.filter(user__isnull=False).select_related("user"):
            assert member.full_name == names[member.user.username]

    def test_officers_are_designated_in_all_but_a_few_grassroots_unions(self):
        terms = OfficerDesignation.objects.filter(until__isnull=True).select_related(
            "member", "org"
        )
        by_unit = {term.org.code: term for term in terms}
        assert by_unit["BVDK"].member.user.username == "bvdk.thidua"
        assert by_unit["BVNHI"].member.user.username == "bvnhi.thidua"
        without = {spec.code for spec in GRASSROOTS} - set(by_unit)
        assert without == set(WITHOUT_OFFICER)
        assert len(without) == 3
        for term in terms:
            assert term.member.active
            assert term.member.org_path.startswith(term.org.path)

    def test_stored_name_keys_are_those_member_save_computes(self):
        for member in Member.objects.order_by("id")[::97]:
            assert member.sort_key == name_sort_key(member.full_name)
            assert member.search_key == search_key(member.full_name)
            assert member.org_path == member.org.path
        member = Member.objects.get(user__username="bvdk.chutich")
        stored = (member.sort_key, member.search_key, member.org_path, member.full_name)
        member.save()
        member.refresh_from_db()
        assert (member.sort_key, member.search_key, member.org_path, member.full_name) == stored

    def test_members_sort_by_given_name_then_middle_then_family_name(self):
        ordered = list(
            Member.objects.filter(
                full_name__in=["Võ Thị Ngọc Ánh", "Nguyễn Thị Hồng", "Huỳnh Văn Phúc"]
            )
            .in_vietnamese_order()
            .values_list("full_name", flat=True)
        )
        assert ordered == ["Võ Thị Ngọc Ánh", "Nguyễn Thị Hồng", "Huỳnh Văn Phúc"]
        assert Member.objects.search("nguyen thi hong").filter(user__username="doanvien").exists()

    def test_the_members_are_the_generators_output(self):
        stored = list(Member.objects.order_by("id").values_list("code", "full_name", "birth_date"))
        generated = [(m.code, m.full_name, m.birth_date) for m in generate_members()]
        assert stored == generated

    def test_running_again_changes_nothing(self):
        before = counts()
        output = seed_demo()
        assert "already loaded" in output
        assert counts() == before

    def test_every_unit_stores_the_active_members_of_its_subtree(self):
        counts = dict(OrgUnit.objects.values_list("code", "member_count"))
        assert counts == {
            unit.code: Member.objects.filter(active=True, org_path__startswith=unit.path).count()
            for unit in OrgUnit.objects.all()
        }
        assert counts["TLD"] == Member.objects.filter(active=True).count() > 3000

    def test_the_command_prints_the_logins_the_password_and_the_address(self, demo_output):
        assert "Demo dataset loaded." in demo_output
        for username, full_name, role, unit in DEMO_LOGINS:
            line = next(
                line for line in demo_output.splitlines() if line.startswith(username + " ")
            )
            assert full_name in line and role in line and line.rstrip().endswith(unit)
        assert DEMO_PASSWORD in demo_output
        assert "http://127.0.0.1:8000/" in demo_output


def test_the_member_generator_gives_the_same_people_every_run():
    assert generate_members() == generate_members()


def test_refuses_a_database_with_a_unit_outside_the_demo():
    make_org(OrgKind.FEDERATION, code="LDLD-BD", name="Liên đoàn Lao động tỉnh Bình Dương")
    with pytest.raises(CommandError, match="LDLD-BD"):
        seed_demo()
    assert OrgUnit.objects.count() == 1
    assert not User.objects.exists()


def test_refuses_a_database_with_other_users():
    UserFactory(username="ketoan.bvdk")
    with pytest.raises(CommandError, match=r"ketoan\.bvdk"):
        seed_demo()
    assert not OrgUnit.objects.exists()


def test_refuses_an_incomplete_demo(tree):
    with pytest.raises(CommandError, match="incomplete"):
        seed_demo()
    assert not Member.objects.exists()


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
def test_superusers_do_not_stop_the_demo_from_loading():
    User.objects.create_superuser("admin", "admin@example.org", "Qu4n-tri-vien")
    assert "Demo dataset loaded." in seed_demo()
    assert OrgUnit.objects.grassroots().count() == 34


@override_settings(PASSWORD_HASHERS=FAST_HASHER)
def test_registered_seeders_run_after_the_core_ones_in_the_same_transaction(monkeypatch):
    seen = []

    def movements(demo):
        seen.append((demo.units["BVDK"].code, demo.users["bvdk.thidua"].username))
        raise RuntimeError("a later feature failed")

    monkeypatch.setattr(seed, "SEEDERS", [*seed.SEEDERS, movements])
    with pytest.raises(RuntimeError):
        seed_demo()
    assert seen == [("BVDK", "bvdk.thidua")]
    assert counts() == (0, 0, 0, 0, 0)

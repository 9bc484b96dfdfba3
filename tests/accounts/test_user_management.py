"""User and role management by the sector admin: reach, creation, roles, member links, audit."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.conftest import verified_login
from tests.factories import MemberFactory, UserFactory, grant, make_org, user_with_role
from thidua.accounts import services
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.roles import Role
from thidua.core.audit import history
from thidua.core.exceptions import Forbidden, NotFound, RuleViolation
from thidua.organizations.models import OrgKind

STRONG = "Bv-DaKhoa-2026!"


@pytest.fixture
def other(tree):
    """Another sector union of the federation, outside the health sector admin's reach."""
    sector = make_org(
        OrgKind.SECTOR_UNION, tree.ldld, code="CDN-GD", name="Công đoàn ngành Giáo dục"
    )
    school = make_org(OrgKind.GRASSROOTS_UNION, sector, code="THPT-A", name="CĐCS Trường THPT A")
    user = user_with_role(Role.GRASSROOTS_OFFICER, school, username="thpta.thidua")
    member = MemberFactory(org=school, full_name="Phạm Văn Giáo")
    return type("Other", (), {"sector": sector, "school": school, "user": user, "member": member})


@pytest.fixture
def admin(client, people):
    verified_login(client, people.nganh_admin)
    return people.nganh_admin


def url(name, *args):
    return reverse(f"accounts:{name}", args=args)


# --- Who may use the pages ------------------------------------------------------------------


@pytest.mark.parametrize(
    "username", ["bvdk_thidua", "bvnhi_chutich", "bvdk_chutich", "doanvien", "ldld", "hoidong"]
)
def test_other_roles_are_refused_the_user_pages(client, people, username):
    user = getattr(people, username)
    client.force_login(user)
    target = people.bvdk_thidua
    for page in (url("user_list"), url("user_create"), url("user_detail", target.pk)):
        assert client.get(page).status_code == 403, page
    for page in (url("user_set_active", target.pk), url("role_grant", target.pk)):
        assert client.post(page, {"active": "0"}).status_code == 403, page
    assert client.get(url("member_search"), {"member_q": "hong"}).status_code == 403
    target.refresh_from_db()
    assert target.is_active


def test_the_menu_shows_users_only_to_the_admin(client, people, admin):
    assert url("user_list") in client.get(url("profile")).content.decode()
    client.force_login(people.bvdk_thidua)
    assert url("user_list") not in client.get(url("profile")).content.decode()


# --- The list -----------------------------------------------------------------------------


def test_list_shows_users_in_reach_only(client, people, other, admin):
    response = client.get(url("user_list"))
    assert response.status_code == 200
    usernames = {row["user"].username for row in response.context["rows"]}
    assert {"bvdk.thidua", "bvnhi.chutich", "doanvien", "nganh.admin"} <= usernames
    assert "thpta.thidua" not in usernames
    assert "ldld" not in usernames


def test_list_search_ignores_case_and_diacritics(client, people, admin):
    people.bvdk_thidua.full_name = "Huỳnh Văn Phúc"
    people.bvdk_thidua.save()
    response = client.get(url("user_list"), {"q": "HUYNH van phuc"})
    assert [row["user"] for row in response.context["rows"]] == [people.bvdk_thidua]


def test_list_filters_by_role_and_status(client, people, admin):
    response = client.get(url("user_list"), {"role": "grassroots_chair"})
    usernames = {row["user"].username for row in response.context["rows"]}
    assert usernames == {"bvdk.chutich", "bvnhi.chutich"}
    people.bvnhi_chutich.is_active = False
    people.bvnhi_chutich.save()
    response = client.get(url("user_list"), {"status": "inactive"})
    assert [row["user"] for row in response.context["rows"]] == [people.bvnhi_chutich]


def test_list_is_paginated(client, people, tree, admin):
    for index in range(30):
        user_with_role(Role.VIEWER, tree.bvdk, username=f"xem.{index:02d}")
    first = client.get(url("user_list"))
    assert len(first.context["rows"]) == 25
    second = client.get(url("user_list"), {"page": 2})
    assert second.context["page"].number == 2
    assert len(second.context["rows"]) == first.context["page"].paginator.count - 25
    assert client.get(url("user_list"), {"page": "abc"}).status_code == 200


def test_list_hides_roles_at_units_outside_reach(client, people, other, admin):
    grant(people.bvdk_thidua, Role.VIEWER, other.school)
    response = client.get(url("user_list"), {"q": "bvdk.thidua"})
    row = response.context["rows"][0]
    assert [a.org.code for a in row["roles"]] == ["BVDK"]
    assert row["elsewhere"] == 1
    assert "THPT-A" not in response.content.decode()


# --- Outside the reach: 404 ------------------------------------------------------------------


def test_users_outside_reach_answer_404_everywhere(client, people, other, admin):
    outsider = other.user
    assignment = outsider.roles.get()
    pages = [url("user_detail", outsider.pk), url("user_edit", outsider.pk)]
    for page in pages:
        assert client.get(page).status_code == 404, page
    posts = [
        (url("user_edit", outsider.pk), {"full_name": "X", "email": ""}),
        (url("user_set_active", outsider.pk), {"active": "0"}),
        (url("role_grant", outsider.pk), {"role": "viewer", "org": people.bvdk_thidua.pk}),
        (url("role_revoke", outsider.pk, assignment.pk), {}),
        (url("member_link", outsider.pk), {"member": people.nurse.pk}),
        (url("member_unlink", outsider.pk), {}),
        (url("user_send_password_email", outsider.pk), {}),
        (url("user_reset_two_factor", outsider.pk), {}),
    ]
    for page, data in posts:
        assert client.post(page, data).status_code == 404, page
    outsider.refresh_from_db()
    assert outsider.is_active
    assert outsider.full_name != "X"
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_services_refuse_users_outside_reach(people, other):
    with pytest.raises(NotFound):
        services.update_user(other.user, by=people.nganh_admin, full_name="X", email="")
    with pytest.raises(NotFound):
        services.set_user_active(other.user, False, by=people.nganh_admin)
    with pytest.raises(Forbidden):
        services.grant_role(
            people.bvdk_thidua, role=Role.VIEWER, org=other.school, by=people.nganh_admin
        )


def test_a_grassroots_officer_cannot_use_the_services(people, tree):
    with pytest.raises(Forbidden):
        services.create_user(
            by=people.bvdk_thidua,
            username="lau.hanh",
            full_name="Lâu Hạnh",
            role=Role.VIEWER,
            org=tree.bvdk,
            password=STRONG,
        )
    with pytest.raises(Forbidden):
        services.grant_role(
            people.doanvien, role=Role.VIEWER, org=tree.bvdk, by=people.bvdk_chutich
        )
    assert not User.objects.filter(username="lau.hanh").exists()


def test_the_role_assignment_of_another_user_cannot_be_revoked_through_this_user(
    client, people, admin
):
    foreign = people.bvnhi_chutich.roles.get()
    response = client.post(url("role_revoke", people.bvdk_thidua.pk, foreign.pk))
    assert response.status_code == 404
    assert RoleAssignment.objects.filter(pk=foreign.pk).exists()


# --- Creating users -------------------------------------------------------------------------


def create(client, tree, **overrides):
    data = {
        "username": "bvdk.ketoan",
        "full_name": "Trần Thị Kế Toán",
        "email": "ketoan@bvdk.example.vn",
        "password": STRONG,
        "role": "grassroots_officer",
        "org": tree.bvdk.pk,
    }
    data.update(overrides)
    return client.post(url("user_create"), data)


def test_admin_creates_a_user_with_a_role_at_bvdk(client, people, tree, admin):
    assert client.get(url("user_create")).status_code == 200
    response = create(client, tree)
    user = User.objects.get(username="bvdk.ketoan")
    assert response.status_code == 302
    assert response.url == url("user_detail", user.pk)
    assert user.check_password(STRONG)
    assignment = RoleAssignment.objects.get(user=user)
    assert (assignment.role, assignment.org, assignment.granted_by) == (
        Role.GRASSROOTS_OFFICER,
        tree.bvdk,
        people.nganh_admin,
    )
    created = history(user).get(action="create")
    assert created.actor == people.nganh_admin
    assert created.org_path == tree.bvdk.path
    assert created.after["username"] == "bvdk.ketoan"
    assert "password" not in created.after
    assert user.password not in str(created.after)
    assert history(assignment).filter(action="create").exists()
    # The new user logs in with the initial password.
    client.post(url("logout"))
    response = client.post(url("login"), {"username": "bvdk.ketoan", "password": STRONG})
    assert response.status_code == 302


def test_admin_creates_a_user_who_chooses_the_password_by_email(
    client, people, tree, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = create(client, tree, password="", send_invitation="on")
    assert response.status_code == 302
    user = User.objects.get(username="bvdk.ketoan")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ketoan@bvdk.example.vn"]
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert "bvdk.ketoan" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"username": "nganh.admin"}, "username"),
        ({"username": "Có Dấu"}, "username"),
        ({"full_name": "  "}, "full_name"),
        ({"password": "12345"}, "password"),
        ({"password": ""}, "password"),
        ({"password": "", "send_invitation": "on", "email": ""}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"role": "emperor"}, "role"),
        ({"role": "member"}, "member"),
        ({"role": "grassroots_chair", "org": "SECTOR"}, "org"),
    ],
)
def test_invalid_creation_explains_and_creates_nothing(
    client, people, tree, admin, overrides, field
):
    if overrides.get("org") == "SECTOR":
        overrides["org"] = tree.sector.pk
    before = User.objects.count()
    response = create(client, tree, **overrides)
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert User.objects.count() == before
    assert not mail.outbox


def test_a_unit_outside_reach_is_not_offered_and_is_refused(client, people, tree, other, admin):
    form = client.get(url("user_create")).context["form"]
    offered = set(form.fields["org"].queryset.values_list("code", flat=True))
    assert offered == {"CDN-YT", "BVDK", "BVDK-KN", "BVNHI"}
    for org in (other.school, tree.ldld):
        response = create(client, tree, org=org.pk)
        assert response.context["form"].errors["org"]
    assert not User.objects.filter(username="bvdk.ketoan").exists()


def test_a_member_account_is_created_linked_to_the_member_record(client, people, tree, admin):
    response = create(
        client, tree, username="tran.binh", role="member", member=people.nurse.pk, email=""
    )
    assert response.status_code == 302
    people.nurse.refresh_from_db()
    assert people.nurse.user.username == "tran.binh"
    assert RoleAssignment.objects.filter(user=people.nurse.user, role="member").exists()


def test_member_search_lists_unlinked_members_in_reach_only(client, people, other, admin):
    response = client.get(url("member_search"), {"member_q": "binh"})
    assert list(response.context["members"]) == [people.nurse]
    # Already linked (Hồng) or outside reach (Giáo) are not offered.
    assert client.get(url("member_search"), {"member_q": "hong"}).context["members"] == []
    assert client.get(url("member_search"), {"member_q": "giao"}).context["members"] == []
    assert client.get(url("member_search"), {"member_q": ""}).context["searched"] is False


# --- Editing, activation ----------------------------------------------------------------------


def test_admin_edits_name_and_email_with_an_audit_entry(client, people, admin):
    target = people.bvdk_thidua
    response = client.post(
        url("user_edit", target.pk), {"full_name": "Huỳnh Văn Phúc", "email": "phuc@x.vn"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.full_name, target.email) == ("Huỳnh Văn Phúc", "phuc@x.vn")
    entry = history(target).filter(action="update").latest("at")
    assert entry.actor == people.nganh_admin
    assert entry.after["email"] == "phuc@x.vn"


def test_a_user_with_roles_elsewhere_is_not_edited_or_deactivated(client, people, other, admin):
    target = people.bvdk_thidua
    grant(target, Role.VIEWER, other.school)
    response = client.post(url("user_edit", target.pk), {"full_name": "Khác", "email": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    client.post(url("user_set_active", target.pk), {"active": "0"})
    target.refresh_from_db()
    assert target.full_name != "Khác"
    assert target.is_active
    # Roles at the admin's own units still change.
    client.post(url("role_grant", target.pk), {"role": "viewer", "org": people.bvdk_thidua.pk})


def test_admin_deactivates_and_reactivates_a_user(client, people, admin):
    target = people.bvdk_thidua
    client.post(url("user_set_active", target.pk), {"active": "0"})
    target.refresh_from_db()
    assert not target.is_active
    assert history(target).filter(before={"is_active": True}, after={"is_active": False}).exists()
    # A deactivated user still shows in the list and can be reactivated.
    assert client.get(url("user_detail", target.pk)).status_code == 200
    client.post(url("user_set_active", target.pk), {"active": "1"})
    target.refresh_from_db()
    assert target.is_active


def test_admin_never_deactivates_themself(client, people, admin):
    response = client.post(url("user_set_active", admin.pk), {"active": "0"}, follow=True)
    admin.refresh_from_db()
    assert admin.is_active
    assert list(response.context["messages"])
    with pytest.raises(RuleViolation):
        services.set_user_active(admin, False, by=admin)


# --- Roles --------------------------------------------------------------------------------------


def test_admin_grants_a_role_at_a_unit_in_reach(client, people, tree, admin):
    target = people.bvdk_thidua
    response = client.post(
        url("role_grant", target.pk), {"role": "inspector", "org": tree.bvnhi.pk}
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=target, role="inspector")
    assert assignment.org == tree.bvnhi
    entry = history(assignment).get(action="create")
    assert entry.org_path == tree.bvnhi.path


def test_granting_twice_or_outside_reach_is_refused(client, people, tree, other, admin):
    target = people.bvdk_thidua
    response = client.post(
        url("role_grant", target.pk), {"role": "grassroots_officer", "org": tree.bvdk.pk}
    )
    assert response.status_code == 200
    assert response.context["grant_form"].non_field_errors()
    response = client.post(url("role_grant", target.pk), {"role": "viewer", "org": other.school.pk})
    assert response.context["grant_form"].errors["org"]
    assert target.roles.count() == 1


def test_admin_revokes_a_role_with_an_audit_entry(client, people, admin):
    assignment = people.bvdk_thidua.roles.get()
    response = client.post(url("role_revoke", people.bvdk_thidua.pk, assignment.pk))
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    entry = history(assignment).get(action="delete")
    assert entry.before["role"] == "grassroots_officer"


def test_admin_cannot_remove_their_own_last_sector_admin_role(client, people, tree, admin):
    own = admin.roles.get(role=Role.SECTOR_ADMIN)
    client.post(url("role_revoke", admin.pk, own.pk))
    assert RoleAssignment.objects.filter(pk=own.pk).exists()
    # With a second sector admin role, one of them may go.
    extra = RoleAssignment.objects.create(user=admin, role=Role.SECTOR_ADMIN, org=tree.bvdk)
    admin.__dict__.pop("role_assignments", None)
    client.post(url("role_revoke", admin.pk, extra.pk))
    assert not RoleAssignment.objects.filter(pk=extra.pk).exists()


def test_another_admin_may_remove_a_sector_admin_role(people, tree):
    second = user_with_role(Role.SECTOR_ADMIN, tree.sector, username="nganh.admin2")
    own = people.nganh_admin.roles.get(role=Role.SECTOR_ADMIN)
    services.revoke_role(own, by=second)
    assert not RoleAssignment.objects.filter(pk=own.pk).exists()


# --- Member links -----------------------------------------------------------------------------


def test_admin_links_and_unlinks_a_member_record(client, people, tree, admin):
    target = people.bvdk_thidua
    response = client.post(url("member_link", target.pk), {"member": people.nurse.pk})
    assert response.status_code == 302
    people.nurse.refresh_from_db()
    assert people.nurse.user == target
    assert people.nurse.version == 2
    client.post(url("role_grant", target.pk), {"role": "member", "org": tree.bvdk.pk})
    assert RoleAssignment.objects.filter(user=target, role="member").exists()
    client.post(url("member_unlink", target.pk))
    people.nurse.refresh_from_db()
    assert people.nurse.user is None
    # The member role needs the link, so it goes with it.
    assert not RoleAssignment.objects.filter(user=target, role="member").exists()
    assert history(people.nurse).filter(action="update").count() == 2


def test_a_member_outside_reach_or_already_linked_is_refused(client, people, other, admin):
    target = people.bvdk_thidua
    for member in (other.member, people.hong):
        response = client.post(url("member_link", target.pk), {"member": member.pk})
        assert response.status_code == 200
        assert response.context["link_form"].errors["member"]
    assert other.member.user is None
    people.hong.refresh_from_db()
    assert people.hong.user == people.doanvien


def test_the_member_role_needs_a_member_record(client, people, tree, admin):
    response = client.post(
        url("role_grant", people.bvdk_thidua.pk), {"role": "member", "org": tree.bvdk.pk}
    )
    assert response.context["grant_form"].errors["role"]
    assert not RoleAssignment.objects.filter(user=people.bvdk_thidua, role="member").exists()


def test_a_user_linked_to_a_member_in_reach_is_in_reach(client, people, admin):
    lone = UserFactory(username="chua.co.vai.tro")
    people.nurse.user = lone
    people.nurse.save()
    assert client.get(url("user_detail", lone.pk)).status_code == 200


# --- Emails, two-factor reset, superuser ------------------------------------------------------


def test_admin_resends_the_set_password_email(client, people, admin):
    client.post(url("user_send_password_email", people.bvdk_thidua.pk))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [people.bvdk_thidua.email]


def test_admin_resets_a_lost_two_factor(client, people, with_two_factor, admin):
    with_two_factor(people.bvdk_thidua)
    client.post(url("user_reset_two_factor", people.bvdk_thidua.pk))
    assert not services.has_two_factor(people.bvdk_thidua)
    assert history(people.bvdk_thidua).filter(after={"two_factor": False}).exists()


def test_user_detail_shows_the_history(client, people, admin):
    client.post(url("user_set_active", people.bvdk_thidua.pk), {"active": "0"})
    page = client.get(url("user_detail", people.bvdk_thidua.pk))
    assert len(page.context["entries"]) == 1


def test_a_superuser_sees_every_user(client, people, other):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(url("user_detail", other.user.pk)).status_code == 200
    usernames = {row["user"].username for row in client.get(url("user_list")).context["rows"]}
    assert {"thpta.thidua", "ldld", "nganh.admin"} <= usernames


def test_a_refused_creation_keeps_the_chosen_member(client, people, tree, admin):
    response = create(client, tree, username="x", role="member", member=people.nurse.pk)
    assert response.context["form"].errors["username"]
    content = response.content.decode()
    assert f'value="{people.nurse.pk}" checked' in content

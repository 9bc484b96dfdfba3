"""The profile page: personal details, roles, two-factor status and the user's API tokens."""

from django.urls import reverse

from tests.accounts.conftest import verified_login
from tests.factories import UserFactory
from thidua.accounts.models import ApiToken, hash_token
from thidua.core.audit import history


def test_profile_shows_roles_with_units_and_two_factor_status(client, people):
    client.force_login(people.bvdk_thidua)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "BVDK" in content
    assert people.bvdk_thidua.full_name in content
    assert response.context["two_factor_on"] is False


def test_profile_saves_name_and_email_with_an_audit_entry(client, people):
    user = people.bvdk_thidua
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "  Huỳnh   Văn Phúc ", "email": "phuc@bvdk.example.vn"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Huỳnh Văn Phúc"
    assert user.email == "phuc@bvdk.example.vn"
    assert "huynh van phuc" in user.search_key
    entry = history(user).get(action="update")
    assert entry.after["email"] == "phuc@bvdk.example.vn"
    assert entry.org_path == people.bvdk_thidua.home_org.path


def test_profile_refuses_an_email_of_another_user_and_changes_nothing(client, people):
    user = people.bvdk_thidua
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"full_name": "Tên mới", "email": people.bvnhi_thidua.email},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    user.refresh_from_db()
    assert user.full_name != "Tên mới"


def test_profile_refuses_an_empty_name(client, people):
    client.force_login(people.bvdk_thidua)
    response = client.post(reverse("accounts:profile"), {"full_name": "   ", "email": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]


def test_creating_a_token_shows_the_raw_value_exactly_once(client, people):
    user = people.bvdk_thidua
    client.force_login(user)
    response = client.post(reverse("accounts:token_create"), {"name": "Báo cáo LĐLĐ"})
    assert response.status_code == 302
    page = client.get(reverse("accounts:profile"))
    raw = page.context["new_token"]["raw"]
    assert raw in page.content.decode()
    token = ApiToken.objects.get(user=user)
    assert token.name == "Báo cáo LĐLĐ"
    assert token.key_hash == hash_token(raw)
    assert ApiToken.objects.usable().filter(pk=token.pk).exists()
    assert raw not in client.get(reverse("accounts:profile")).content.decode()
    entry = history(token).get(action="create")
    assert "key_hash" not in entry.after
    assert token.key_hash not in str(entry.after)


def test_a_token_needs_a_name(client, people):
    client.force_login(people.bvdk_thidua)
    response = client.post(reverse("accounts:token_create"), {"name": "  "})
    assert response.status_code == 200
    assert response.context["token_form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_revoking_a_token_makes_it_unusable(client, people):
    user = people.bvdk_thidua
    token, raw = ApiToken.issue(user, name="script")
    client.force_login(user)
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not ApiToken.objects.usable().filter(key_hash=hash_token(raw)).exists()
    assert history(token).filter(action="update").exists()
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Đã thu hồi" in page


def test_nobody_revokes_or_sees_another_users_token(client, people):
    token, _raw = ApiToken.issue(people.bvnhi_thidua, name="theirs")
    for user in (people.bvdk_thidua, people.nganh_admin):
        verified_login(client, user)
        assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
        assert "theirs" not in client.get(reverse("accounts:profile")).content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_needs_post(client, people):
    token, _raw = ApiToken.issue(people.bvdk_thidua, name="script")
    client.force_login(people.bvdk_thidua)
    assert client.get(reverse("accounts:token_revoke", args=[token.pk])).status_code == 405


def test_a_user_without_roles_still_has_a_profile(client, db):
    user = UserFactory(username="moi.tao")
    client.force_login(user)
    assert client.get(reverse("accounts:profile")).status_code == 200

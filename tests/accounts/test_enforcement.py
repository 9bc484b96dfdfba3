"""TwoFactorEnforcementMiddleware: roles that require two-factor set it up outside demo mode."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import PASSWORD, code_for, verified_login


@pytest.fixture
def enforced(settings):
    settings.DEMO_MODE = False
    settings.TWO_FACTOR_REQUIRED_ROLES = ["sector_admin"]


def test_sector_admin_without_two_factor_is_sent_to_the_setup(client, people, enforced):
    client.force_login(people.nganh_admin)
    for url in (reverse("core:home"), reverse("accounts:user_list"), reverse("accounts:profile")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:two_factor") + "?next=")


def test_setup_logout_and_language_switch_stay_reachable(client, people, enforced):
    client.force_login(people.nganh_admin)
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "vi"}).status_code == 302
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_htmx_requests_are_redirected_with_a_header(client, people, enforced):
    client.force_login(people.nganh_admin)
    response = client.get(reverse("accounts:user_list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:two_factor"))


def test_after_setup_the_admin_reaches_the_page_asked_for(client, people, enforced):
    client.force_login(people.nganh_admin)
    target = reverse("accounts:user_list")
    response = client.get(target)
    setup = client.get(response.url)
    device = TOTPDevice.objects.get(user=people.nganh_admin)
    response = client.post(
        reverse("accounts:two_factor"), {"code": code_for(device), "next": setup.context["next"]}
    )
    codes_page = client.get(response.url)
    assert codes_page.context["next"] == target
    assert client.get(target).status_code == 200


def test_password_login_of_an_admin_then_code_reaches_the_pages(client, people, enforced):
    device = TOTPDevice.objects.create(user=people.nganh_admin, name="app", confirmed=True)
    client.post(reverse("accounts:login"), {"username": "nganh.admin", "password": PASSWORD})
    client.post(reverse("accounts:login_verify"), {"code": code_for(device)})
    assert client.get(reverse("accounts:user_list")).status_code == 200


def test_roles_that_do_not_require_it_are_not_redirected(client, people, enforced):
    client.force_login(people.bvdk_thidua)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_demo_mode_does_not_enforce_two_factor(client, people, settings):
    settings.DEMO_MODE = True
    client.force_login(people.nganh_admin)
    assert client.get(reverse("accounts:user_list")).status_code == 200


def test_the_required_roles_come_from_the_settings(client, people, settings):
    settings.DEMO_MODE = False
    settings.TWO_FACTOR_REQUIRED_ROLES = ["sector_admin", "grassroots_officer"]
    client.force_login(people.bvdk_thidua)
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_by_default_sector_admins_and_sector_officers_must_use_two_factor():
    assert set(django_settings.TWO_FACTOR_REQUIRED_ROLES) == {"sector_admin", "sector_officer"}


def test_sector_officer_without_a_device_is_sent_to_the_setup(client, people, settings):
    settings.DEMO_MODE = False
    client.force_login(people.nganh_thidua)
    response = client.get(reverse("nominations:nomination_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor") + "?next=")


def test_sector_officer_with_a_verified_device_reaches_the_pages(client, people, settings):
    settings.DEMO_MODE = False
    verified_login(client, people.nganh_thidua)
    response = client.get(reverse("nominations:nomination_list"))
    assert response.status_code == 200


def test_sector_officer_with_a_device_but_an_unverified_session_must_enter_a_code(
    client, people, settings, with_two_factor
):
    settings.DEMO_MODE = False
    with_two_factor(people.nganh_thidua)
    client.force_login(people.nganh_thidua)
    response = client.get(reverse("nominations:nomination_list"))
    assert response.url.startswith(reverse("accounts:two_factor"))


def test_demo_mode_lets_a_sector_officer_in_without_two_factor(client, people, settings):
    settings.DEMO_MODE = True
    client.force_login(people.nganh_thidua)
    assert client.get(reverse("nominations:nomination_list")).status_code == 200

"""Two-factor authentication: setup with a QR code, backup codes, the login's second step,
turning it off."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import PASSWORD, code_for
from thidua.core.audit import history


def password_step(client, username, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": PASSWORD, **extra}
    )


def test_setup_page_shows_an_inline_svg_qr_code_and_the_secret(client, people):
    client.force_login(people.bvdk_thidua)
    response = client.get(reverse("accounts:two_factor"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<svg role="img" class="qr-code"' in content
    assert "data:" not in content
    device = TOTPDevice.objects.get(user=people.bvdk_thidua)
    assert not device.confirmed
    secret = response.context["secret"].replace(" ", "")
    assert secret and secret in device.config_url
    # Reloading the page keeps the same pending device (the app already scanned it).
    client.get(reverse("accounts:two_factor"))
    assert TOTPDevice.objects.filter(user=people.bvdk_thidua).count() == 1


def test_confirming_with_a_code_turns_it_on_and_shows_ten_backup_codes_once(client, people):
    user = people.bvdk_thidua
    client.force_login(user)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two_factor"), {"code": code_for(device)})
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_factor_codes")
    device.refresh_from_db()
    assert device.confirmed
    page = client.get(reverse("accounts:two_factor_codes"))
    codes = page.context["codes"]
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert codes[0] in page.content.decode()
    # Shown once: the next visit goes back to the status page.
    again = client.get(reverse("accounts:two_factor_codes"))
    assert again.status_code == 302
    # The session that turned it on is verified: the status page offers to turn it off.
    status = client.get(reverse("accounts:two_factor"))
    assert status.context["verified"] is True
    assert history(user).filter(after={"two_factor": True}).exists()


def test_a_wrong_code_does_not_turn_it_on(client, people):
    client.force_login(people.bvdk_thidua)
    client.get(reverse("accounts:two_factor"))
    response = client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=people.bvdk_thidua, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=people.bvdk_thidua).exists()


def test_login_asks_for_the_code_after_the_password(client, people, with_two_factor):
    device, _codes = with_two_factor(people.bvdk_thidua)
    response = password_step(client, "bvdk.thidua", next="/accounts/profile/")
    assert response.status_code == 302
    assert response.url == reverse("accounts:login_verify")
    # Not logged in yet: every page still sends to the login.
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:profile")).status_code == 302
    response = client.post(reverse("accounts:login_verify"), {"code": code_for(device)})
    assert response.status_code == 302
    assert response.url == "/accounts/profile/"
    assert client.session["_auth_user_id"] == str(people.bvdk_thidua.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_code_at_login_is_refused(client, people, with_two_factor):
    with_two_factor(people.bvdk_thidua)
    password_step(client, "bvdk.thidua")
    response = client.post(reverse("accounts:login_verify"), {"code": "123456"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_codes_are_throttled(client, people, with_two_factor):
    device, _codes = with_two_factor(people.bvdk_thidua)
    password_step(client, "bvdk.thidua")
    client.post(reverse("accounts:login_verify"), {"code": "123456"})
    # Right away even the right code waits for the throttle delay.
    response = client.post(reverse("accounts:login_verify"), {"code": code_for(device)})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "giây" in str(response.context["form"].errors["code"])


def test_a_backup_code_logs_in_once(client, people, with_two_factor):
    _device, codes = with_two_factor(people.bvdk_thidua)
    password_step(client, "bvdk.thidua")
    response = client.post(reverse("accounts:login_verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(people.bvdk_thidua.pk)
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.post(reverse("accounts:logout"))
    password_step(client, "bvdk.thidua")
    response = client.post(reverse("accounts:login_verify"), {"code": codes[0]})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_code_step_expires_and_needs_the_password_again(client, people, with_two_factor):
    device, _codes = with_two_factor(people.bvdk_thidua)
    password_step(client, "bvdk.thidua")
    session = client.session
    pending = session["accounts_second_factor"]
    pending["at"] -= 10 * 60
    session["accounts_second_factor"] = pending
    session.save()
    response = client.post(reverse("accounts:login_verify"), {"code": code_for(device)})
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_step_goes_to_login(client, db):
    response = client.get(reverse("accounts:login_verify"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")


def test_turning_it_off_needs_a_valid_code(client, people, with_two_factor):
    user = people.bvdk_thidua
    _device, codes = with_two_factor(user)
    password_step(client, "bvdk.thidua")
    client.post(reverse("accounts:login_verify"), {"code": codes[0]})
    client.post(reverse("accounts:two_factor_disable"), {"code": "wrong1"})
    assert TOTPDevice.objects.filter(user=user).exists()
    StaticDevice.objects.filter(user=user).update(throttling_failure_timestamp=None)
    client.post(reverse("accounts:two_factor_disable"), {"code": codes[1]})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert history(user).filter(after={"two_factor": False}).exists()
    # Turned off: the next login needs only the password.
    client.post(reverse("accounts:logout"))
    assert password_step(client, "bvdk.thidua").url == reverse("core:home")


def test_new_backup_codes_replace_the_old_ones(client, people, with_two_factor):
    user = people.bvdk_thidua
    device, codes = with_two_factor(user)
    password_step(client, "bvdk.thidua")
    client.post(reverse("accounts:login_verify"), {"code": code_for(device)})
    response = client.post(
        reverse("accounts:two_factor_new_codes"), {"code": code_for(device, offset=1)}
    )
    assert response.url == reverse("accounts:two_factor_codes")
    new_codes = client.get(response.url).context["codes"]
    assert len(new_codes) == 10
    tokens = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert tokens == set(new_codes)
    assert not tokens & set(codes)


def test_an_unverified_session_of_a_user_with_two_factor_must_verify(
    client, people, with_two_factor
):
    device, _codes = with_two_factor(people.bvdk_thidua)
    client.force_login(people.bvdk_thidua)  # a session opened before two-factor was turned on
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor") + "?next=")
    page = client.get(response.url)
    assert page.context["verified"] is False
    response = client.post(
        reverse("accounts:two_factor_verify"),
        {"code": code_for(device), "next": "/accounts/profile/"},
    )
    assert response.url == "/accounts/profile/"
    assert client.get(reverse("accounts:profile")).status_code == 200

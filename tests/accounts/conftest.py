"""Helpers of the account tests: two-factor devices and codes computed like an authenticator app."""

import time

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "ThiDua@2026"


def code_for(device, offset=0):
    """The code the app shows now (``offset`` steps later), as the user would type it."""
    counter = int((time.time() - device.t0) // device.step) + offset
    return f"{hotp(device.bin_key, counter, digits=device.digits):0{device.digits}d}"


@pytest.fixture
def client():
    """A plain test client: the account tests go through the password and two-factor steps
    themselves, so ``force_login`` leaves the session unverified (unlike ``tests/conftest.py``)."""
    return Client()


@pytest.fixture
def with_two_factor():
    """Give a user a confirmed authenticator and backup codes; returns ``(device, codes)``."""

    def make(user):
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
        backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
        codes = ["abcd2345", "efgh6789"]
        for code in codes:
            StaticToken.objects.create(device=backup, token=code)
        return device, codes

    return make


def verified_login(client, user):
    """Log ``user`` in with a session verified by an authenticator (as after the code step)."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="app", defaults={"confirmed": True}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device

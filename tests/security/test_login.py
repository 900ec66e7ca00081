"""Issue 7, authentication: login throttling (django-axes) and the staff's second factor
(django-otp, TOTP per RFC 6238)."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bb103.cases.models import Role
from tests.cases.factories import make_user

PASSWORD = "en-lang-nok-adgangskode"


@pytest.fixture
def staff(ballerup):
    user = make_user("ballerup-login", ballerup.municipality, Role.CASEWORKER)
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client: Client, password: str):
    return client.post(reverse("login"), {"username": "ballerup-login", "password": password})


def test_repeated_wrong_passwords_lock_the_username(staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(2):
        assert _login(client, "forkert").status_code == 200  # the form again, with its error
    locked = _login(client, "forkert")
    assert locked.status_code == 429
    assert "midlertidigt spærret" in locked.text
    # Even the right password is refused while the lock lasts.
    assert _login(client, PASSWORD).status_code == 429


def test_a_right_password_resets_the_count(staff, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    _login(client, "forkert")
    _login(client, "forkert")
    assert _login(client, PASSWORD).status_code == 302
    client.logout()
    _login(client, "forkert")
    assert _login(client, PASSWORD).status_code == 302


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_staff_must_enrol_and_confirm_a_second_factor(staff, settings):
    settings.BB103_REQUIRE_OTP = True
    # django-otp delays the next try after a wrong code (1 s, doubling); not in a test.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client = Client()
    assert _login(client, PASSWORD).status_code == 302
    # Every page leads to the second factor until it is confirmed.
    first = client.get(reverse("worklist"))
    assert first.status_code == 302 and first.url.startswith(reverse("second-factor"))
    setup = client.get(reverse("second-factor-setup"), {"next": "/"})
    assert setup.status_code == 200
    assert "<svg" in setup.text and "Tilknyt en godkendelsesapp" in setup.text
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    wrong = client.post(reverse("second-factor-setup"), {"code": "000000", "next": "/"})
    assert "Koden passer ikke" in wrong.text
    right = client.post(reverse("second-factor-setup"), {"code": _code(device), "next": "/"})
    assert right.status_code == 302
    assert client.get(reverse("worklist")).status_code == 200


def test_a_confirmed_device_is_asked_for_at_each_login(staff, settings):
    settings.BB103_REQUIRE_OTP = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client = Client()
    _login(client, PASSWORD)
    asked = client.get(reverse("second-factor"), {"next": "/"})
    assert "Bekræft med engangskode" in asked.text
    bad = client.post(reverse("second-factor"), {"code": "12ab", "next": "/"})
    assert "Koden er 6 cifre" in bad.text
    assert client.get(reverse("worklist")).status_code == 302
    ok = client.post(reverse("second-factor"), {"code": _code(device), "next": "/"})
    assert ok.status_code == 302 and ok.url == "/"
    assert client.get(reverse("worklist")).status_code == 200


def test_the_next_address_never_leaves_the_site(staff, settings):
    settings.BB103_REQUIRE_OTP = True
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    client = Client()
    _login(client, PASSWORD)
    ok = client.post(
        reverse("second-factor"), {"code": _code(device), "next": "https://evil.example/"}
    )
    assert ok.url == "/"

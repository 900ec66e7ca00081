"""Issue 7, authentication: login throttling (django-axes) and the staff's second factor
(django-otp, TOTP per RFC 6238)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bb103.cases.models import EnrolmentCode, Role
from bb103.cases.services.second_factor import enrolment_code_issue
from tests.cases.factories import make_user
from tests.security.second_factor import current_code as _code
from tests.security.second_factor import enrol, give_enrolment_code

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


def test_staff_must_enrol_and_confirm_a_second_factor(staff, settings):
    settings.BB103_REQUIRE_OTP = True
    # django-otp delays the next try after a wrong code (1 s, doubling); not in a test.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client = Client()
    assert _login(client, PASSWORD).status_code == 302
    # Every page leads to the second factor until it is confirmed.
    first = client.get(reverse("worklist"))
    assert first.status_code == 302 and first.url.startswith(reverse("second-factor"))
    give_enrolment_code(client, staff)
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


@pytest.fixture
def unverified(staff, settings):
    """Logged in with the right password, second factor required, no device yet."""
    settings.BB103_REQUIRE_OTP = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    client = Client()
    assert _login(client, PASSWORD).status_code == 302
    return client


def test_a_password_alone_cannot_enrol_a_device(unverified, staff):
    """Issue 14, point 6: someone who guessed the password sees no key or QR code, and no
    device is made, without the administrator's enrolment code."""
    page = unverified.get(reverse("second-factor-setup"), {"next": "/"})
    assert page.status_code == 200
    assert "Tilknytningskode" in page.text and "<svg" not in page.text
    assert not TOTPDevice.objects.filter(user=staff).exists()
    # A TOTP code posted straight away does not get past the enrolment code.
    posted = unverified.post(reverse("second-factor-setup"), {"code": "123456", "next": "/"})
    assert "<svg" not in posted.text and not TOTPDevice.objects.filter(user=staff).exists()
    wrong = unverified.post(
        reverse("second-factor-setup"), {"enrolment_code": "ABCD-EFGH-JKLM", "next": "/"}
    )
    assert "Koden passer ikke, eller den er brugt eller udløbet" in wrong.text
    assert unverified.get(reverse("worklist")).status_code == 302


def test_an_enrolment_code_is_used_once(unverified, staff):
    """Issue 14, point 6: the code works once, for its own user only."""
    issued = enrolment_code_issue(user=staff)
    other = make_user("ballerup-anden", staff.memberships.get().municipality, Role.CASEWORKER)
    assert not EnrolmentCode.objects.filter(user=other).exists()
    posted = unverified.post(
        reverse("second-factor-setup"), {"enrolment_code": issued.code.lower(), "next": "/"}
    )
    assert posted.status_code == 302
    again = Client()
    _login(again, PASSWORD)
    reused = again.post(
        reverse("second-factor-setup"), {"enrolment_code": issued.code, "next": "/"}
    )
    assert reused.status_code == 200 and "Koden passer ikke" in reused.text
    # Only the hash is stored.
    assert issued.code not in str(EnrolmentCode.objects.values_list("code_hash", flat=True)[0])


def test_an_expired_enrolment_code_is_refused(unverified, staff):
    """Issue 14, point 6: a code expires after 72 hours."""
    issued = enrolment_code_issue(user=staff)
    EnrolmentCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    posted = unverified.post(
        reverse("second-factor-setup"), {"enrolment_code": issued.code, "next": "/"}
    )
    assert posted.status_code == 200 and "udløbet" in posted.text
    assert issued.expires_at - EnrolmentCode.objects.get().created_at == timedelta(hours=72)


def test_the_administrator_issues_a_code_with_a_command(unverified, staff):
    """Issue 14, point 6: ``bb103 manage second_factor_code <username>`` prints a code that
    enrols a device; ``--reset`` removes a lost phone's device first."""
    out, err = StringIO(), StringIO()
    call_command("second_factor_code", "ballerup-login", stdout=out, stderr=err)
    code = out.getvalue().strip()
    assert len(code) == 14 and "valid once" in err.getvalue()
    posted = unverified.post(reverse("second-factor-setup"), {"enrolment_code": code, "next": "/"})
    assert posted.status_code == 302
    assert "<svg" in unverified.get(posted.url).text
    device = TOTPDevice.objects.get(user=staff)
    confirmed = unverified.post(
        reverse("second-factor-setup"), {"code": _code(device), "next": "/"}
    )
    assert confirmed.status_code == 302
    assert unverified.get(reverse("worklist")).status_code == 200
    call_command("second_factor_code", "ballerup-login", "--reset", stdout=StringIO(),
                 stderr=StringIO())  # fmt: skip
    assert not TOTPDevice.objects.filter(user=staff).exists()


def test_the_enrolment_helper_enrols(unverified, staff):
    device = enrol(unverified, staff)
    assert TOTPDevice.objects.get(pk=device.pk).confirmed


def test_an_sso_login_enrols_without_a_code(staff, settings):
    """Issue 14, point 6: a login through the municipality's identity provider (which
    vouched for the person) needs no enrolment code, as before."""
    settings.BB103_REQUIRE_OTP = True
    settings.BB103_OIDC_COUNTS_AS_SECOND_FACTOR = False
    backend = "bb103.web.portal.nemlogin.StaffOIDCBackend"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, backend]
    for name in ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT"):
        setattr(settings, name, "https://idp.kommune.example/" + name.lower())
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "bb103", "hemmelig"
    client = Client()
    client.force_login(staff, backend=backend)
    page = client.get(reverse("second-factor-setup"), {"next": "/"})
    assert page.status_code == 200 and "<svg" in page.text

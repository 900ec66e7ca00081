"""Test helpers for the second factor: the code an authenticator app shows now, and
enrolling a device the way a user does (an administrator's enrolment code, then the app's
first code; issue 14, point 6)."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bb103.cases.models import User
from bb103.cases.services.second_factor import enrolment_code_issue


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def give_enrolment_code(client: Client, user: User, *, next_url: str = "/") -> None:
    """Issue ``user`` an enrolment code, as an administrator would, and enter it."""
    issued = enrolment_code_issue(user=user)
    done = client.post(
        reverse("second-factor-setup"), {"enrolment_code": issued.code, "next": next_url}
    )
    assert done.status_code == 302, done.content.decode()


def enrol(client: Client, user: User, *, next_url: str = "/") -> TOTPDevice:
    """Enrol and confirm an authenticator app for the logged-in ``user``."""
    give_enrolment_code(client, user, next_url=next_url)
    assert client.get(reverse("second-factor-setup"), {"next": next_url}).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(
        reverse("second-factor-setup"), {"code": current_code(device), "next": next_url}
    )
    assert done.status_code == 302
    return device

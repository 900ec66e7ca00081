"""A user's authenticator app (TOTP device, django-otp): the one being enrolled, and its
confirmation by a correct code."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from bb103.cases.models import User


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's unconfirmed device, made on first visit; the same key until confirmed, so
    reloading the page does not invalidate a QR code already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Godkendelsesapp", confirmed=False)
    return device


def totp_device_confirm(*, device: TOTPDevice, code: str) -> bool:
    """Confirm the device if ``code`` is its current code."""
    with transaction.atomic():
        if not device.verify_token(code):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True

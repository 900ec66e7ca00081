"""A user's authenticator app (TOTP device, django-otp): the one being enrolled, and its
confirmation by a correct code; the one-time code from an administrator that lets a user
enrol one."""

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bb103.cases.models import EnrolmentCode, User

security_log = logging.getLogger("bb103.security")


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


# Long enough that guessing is hopeless within its lifetime (about 60 bits), in letters and
# digits that cannot be mistaken for one another when read aloud or typed from paper.
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 12
ENROLMENT_CODE_LIFETIME = timedelta(hours=72)


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: datetime


def _hash(code: str) -> str:
    # A plain hash suffices: the code is random and long, not a password a person chose.
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def enrolment_code_issue(*, user: User, reset: bool = False) -> IssuedCode:
    """A new one-time code for ``user`` to enrol an authenticator app, replacing any earlier
    unused one. ``reset`` also removes the user's devices (a lost phone), so the code enrols
    a new one. Only the hash is stored."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_LENGTH))
    code = "-".join(raw[i : i + 4] for i in range(0, _CODE_LENGTH, 4))
    now = timezone.now()
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
        if reset:
            TOTPDevice.objects.filter(user=user).delete()
        entry = EnrolmentCode.objects.create(
            user=user,
            code_hash=_hash(code),
            created_at=now,
            expires_at=now + ENROLMENT_CODE_LIFETIME,
        )
    security_log.warning("enrolment_code_issued user=%s", user.pk)
    return IssuedCode(code, entry.expires_at)


def enrolment_code_redeem(*, user: User, code: str) -> bool:
    """Use ``user``'s code if ``code`` is it and it has neither expired nor been used."""
    with transaction.atomic():
        entry = (
            EnrolmentCode.objects.select_for_update()
            .filter(
                user=user,
                code_hash=_hash(code),
                used_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if entry is None:
            return False
        entry.used_at = timezone.now()
        entry.save(update_fields=["used_at"])
    return True

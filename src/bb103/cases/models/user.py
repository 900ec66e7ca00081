from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships (role per
    municipality), never from Django's staff or superuser flags."""

    class Meta:
        verbose_name = "bruger"
        verbose_name_plural = "brugere"


class EnrolmentCode(models.Model):
    """A one-time code an administrator gives a user to enrol their authenticator app, so a
    guessed password alone cannot enrol the guesser's own device (issue 14, point 6). Only
    its hash is kept; it expires, and it is used once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="enrolment_codes", verbose_name="bruger"
    )
    code_hash = models.CharField("kodens hash", max_length=64, unique=True)
    created_at = models.DateTimeField("udstedt", default=timezone.now)
    expires_at = models.DateTimeField("udløber")
    used_at = models.DateTimeField("brugt", null=True, blank=True)

    class Meta:
        verbose_name = "tilknytningskode"
        verbose_name_plural = "tilknytningskoder"

"""Who logs in to Min sag (issue 19): a citizen, or a representative acting for one, with
their own MitID. The identity broker (NemLog-in) gives the person's CPR number; only its
keyed search hash is kept here, and the person's cases are found through it: their own
(``Citizen.cpr_key``) and those of the citizens who recorded them as representative
(``Representative.cpr_key``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PortalIdentity(models.Model):
    """A person's login to Min sag: a user of its own (no password, no roles), so every
    action asks the same question of it, and every audit entry names it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_identity",
        verbose_name="bruger",
    )
    cpr_key = models.CharField("CPR-søgenøgle", max_length=64, unique=True)
    created_at = models.DateTimeField("første login", default=timezone.now)

    class Meta:
        verbose_name = "login til Min sag"
        verbose_name_plural = "logins til Min sag"

    def __str__(self) -> str:
        return f"Min sag-login {self.pk}"


class PortalAccess(models.TextChoices):
    """What a representative may do for the citizen in Min sag, as the caseworker recorded."""

    NONE = "none", "Ingen adgang til Min sag"
    READ = "read", "Må se sagen og brevene"
    ACT = "act", "Må se og handle for borgeren"

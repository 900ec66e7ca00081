from django.conf import settings
from django.db import models

from bb103.cases.models.municipality import Municipality
from bb103.cases.models.provider import Provider


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "Rådgiver"
    COMMITTEE_MEMBER = "committee_member", "Medlem af visitationsudvalget"
    PROVIDER_STAFF = "provider_staff", "Medarbejder hos tilbud"
    MANAGER = "manager", "Leder"
    ADMINISTRATOR = "administrator", "Administrator"
    # Not a membership: the citizen (or their representative) on their own case in Min sag,
    # as ``permissions.roles_for_citizen`` finds it (issue 19).
    CITIZEN = "citizen", "Borger"


class Membership(models.Model):
    """A user's role in one municipality; provider staff are tied to one provider."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="bruger",
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="memberships", verbose_name="kommune"
    )
    role = models.CharField("rolle", max_length=30, choices=Role.choices)
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name="tilbud (for medarbejdere hos tilbud)",
    )

    class Meta:
        verbose_name = "rolle i kommune"
        verbose_name_plural = "roller i kommuner"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="membership_one_role_once"
            ),
            models.CheckConstraint(
                condition=models.Q(role="provider_staff", provider__isnull=False)
                | (~models.Q(role="provider_staff") & models.Q(provider__isnull=True)),
                name="membership_provider_iff_provider_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.municipality_id}"

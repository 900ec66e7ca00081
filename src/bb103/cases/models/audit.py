from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from bb103.cases.models.case import Case
from bb103.cases.models.municipality import Municipality


class AuditEntry(models.Model):
    """Who did what, when, on which case: written by every service in the same transaction
    as the change itself."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name="kommune"
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name="sag",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="bruger"
    )
    action = models.CharField("handling", max_length=60)
    at = models.DateTimeField("tidspunkt", default=timezone.now)
    details = models.JSONField("detaljer", default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "logpost"
        verbose_name_plural = "log"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

from django.conf import settings
from django.db import models

from bb103.cases.models.assessment import VumLevel
from bb103.cases.models.case import Case
from bb103.cases.models.limits import LONG_TEXT, TEXT, limited_text
from bb103.cases.models.placement import Placement


class FollowUp(models.Model):
    """A follow-up meeting (at least yearly); its VUM level shows the citizen's progression."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="follow_ups", verbose_name="sag"
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="follow_ups", verbose_name="placering"
    )
    held_on = models.DateField("holdt")
    participants = models.CharField("deltagere", max_length=300, blank=True)
    vum_level = models.PositiveSmallIntegerField(
        "VUM-niveau", choices=VumLevel.choices, null=True, blank=True
    )
    notes = limited_text("referat", LONG_TEXT, blank=True)
    deviations = limited_text("væsentlige afvigelser fra planen", TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registreret af",
    )

    class Meta:
        verbose_name = "opfølgning"
        verbose_name_plural = "opfølgninger"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Opfølgning {self.held_on}"

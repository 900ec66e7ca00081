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


class FollowUpBooking(models.Model):
    """A follow-up meeting agreed ahead: the day, the place and who takes part. Open until
    the follow-up is recorded (``held``) or the meeting is called off (``cancelled_on``);
    moving the meeting changes the open booking."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="follow_up_bookings", verbose_name="sag"
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="bookings", verbose_name="placering"
    )
    planned_on = models.DateField("aftalt til")
    place = models.CharField("sted", max_length=200)
    participants = models.CharField("deltagere", max_length=300, blank=True)
    booked_on = models.DateField("aftalt")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="aftalt af",
    )
    held = models.OneToOneField(
        FollowUp,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking",
        verbose_name="holdt som",
    )
    cancelled_on = models.DateField("aflyst", null=True, blank=True)
    cancel_reason = models.CharField("begrundelse for aflysning", max_length=300, blank=True)

    class Meta:
        verbose_name = "aftalt opfølgningsmøde"
        verbose_name_plural = "aftalte opfølgningsmøder"
        ordering = ["planned_on", "id"]
        constraints = [
            # One meeting ahead at a time per placement: a new day moves it.
            models.UniqueConstraint(
                fields=["placement"],
                condition=models.Q(held__isnull=True, cancelled_on__isnull=True),
                name="follow_up_booking_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"Opfølgningsmøde {self.planned_on}"

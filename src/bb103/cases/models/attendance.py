from django.conf import settings
from django.db import models

from bb103.cases.models.placement import Placement


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Mødt"
    SICK = "sick", "Syg"
    NOTIFIED_ABSENCE = "notified_absence", "Meldt afbud"
    UNNOTIFIED_ABSENCE = "unnotified_absence", "Udeblevet uden afbud"


class Attendance(models.Model):
    """One planned day of one placement, as the provider's staff registered it. Registering
    the day again replaces the status (the last registration counts, and says who made it)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="attendance", verbose_name="placering"
    )
    day = models.DateField("dag")
    status = models.CharField("fremmøde", max_length=20, choices=AttendanceStatus.choices)
    # Hours worked when they differ from the placement's hours per day (present days only).
    hours = models.DecimalField("timer", max_digits=4, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registreret af",
    )
    recorded_at = models.DateTimeField("registreret", auto_now=True)

    class Meta:
        verbose_name = "fremmøde"
        verbose_name_plural = "fremmøde"
        ordering = ["placement", "day"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "day"], name="attendance_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.get_status_display()}"

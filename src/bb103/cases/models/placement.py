from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.provider import Offer


class Placement(models.Model):
    """The citizen's employment at an offer; ``ended_on`` is set when the case ends."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="placements", verbose_name="sag"
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, related_name="placements", verbose_name="tilbud"
    )
    start_on = models.DateField("start")
    days_per_week = models.PositiveSmallIntegerField("dage om ugen")
    contact_person = models.CharField("fast kontaktperson", max_length=200)
    ended_on = models.DateField("ophørt", null=True, blank=True)

    class Meta:
        verbose_name = "placering"
        verbose_name_plural = "placeringer"
        ordering = ["start_on", "id"]
        indexes = [models.Index(fields=["offer", "ended_on"], name="placement_offer_ended")]

    def __str__(self) -> str:
        return f"{self.offer} fra {self.start_on}"

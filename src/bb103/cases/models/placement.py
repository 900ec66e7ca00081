from decimal import Decimal

from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.limits import TEXT, limited_text
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
    # The planned weekdays as ISO numbers, Monday = 1: "1234" is Monday to Thursday.
    # Planned days are these weekdays that are working days in the municipality's calendar.
    weekdays = models.CharField("faste ugedage", max_length=7, default="12345")
    hours_per_day = models.DecimalField(
        "timer pr. dag", max_digits=4, decimal_places=2, default=Decimal("6.00")
    )
    ended_on = models.DateField("ophørt", null=True, blank=True)
    # The citizen's goals in the order to the provider, where there is no handleplan and the
    # standard puts them there (Vejen, afsnit 4.2).
    order_goals = limited_text("mål for indsatsen i bestillingen", TEXT, blank=True)

    class Meta:
        verbose_name = "placering"
        verbose_name_plural = "placeringer"
        ordering = ["start_on", "id"]
        indexes = [models.Index(fields=["offer", "ended_on"], name="placement_offer_ended")]

    def __str__(self) -> str:
        return f"{self.offer} fra {self.start_on}"


class WaitingListEntry(models.Model):
    """A granted case waiting for a place at a full offer; ``left_on`` is set when the case
    gets a place or leaves the list."""

    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, related_name="waiting_list", verbose_name="tilbud"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="waiting_list", verbose_name="sag"
    )
    since = models.DateField("på venteliste fra")
    note = models.CharField("bemærkning", max_length=300, blank=True)
    left_on = models.DateField("af ventelisten", null=True, blank=True)

    class Meta:
        verbose_name = "plads på venteliste"
        verbose_name_plural = "venteliste"
        ordering = ["since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "case"],
                condition=models.Q(left_on__isnull=True),
                name="waiting_once_per_offer",
            )
        ]

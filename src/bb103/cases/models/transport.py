from django.db import models

from bb103.cases.models.placement import Placement


class TransportMode(models.TextChoices):
    NONE = "none", "Ingen befordring at betale"
    PER_KM = "per_km", "Pr. km (billigste befordringsmiddel)"
    MONTHLY_FARE = "monthly_fare", "Månedskort eller fast pris pr. måned"


class TransportArrangement(models.Model):
    """How the citizen gets to work, from a date, at the cheapest means (BEK 483 § 2).

    Per km: the one-way distance and the price per km; each attended day is a round trip.
    Monthly fare: what the cheapest means costs for the month, whole and for the first
    10 km. A change is a new row from its date; earlier rows are never changed."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="transport", verbose_name="placering"
    )
    valid_from = models.DateField("gælder fra")
    mode = models.CharField("befordring", max_length=20, choices=TransportMode.choices)
    means = models.CharField(
        "befordringsmiddel", max_length=100, blank=True, help_text="Fx bus, tog eller taxa."
    )
    one_way_km = models.DecimalField(
        "afstand én vej (km)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    price_per_km = models.DecimalField(
        "pris pr. km (kr.)", max_digits=8, decimal_places=4, null=True, blank=True
    )
    monthly_fare_total = models.DecimalField(
        "pris for hele turen pr. måned (kr.)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    monthly_fare_first_10km = models.DecimalField(
        "pris for de første 10 km pr. måned (kr.)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = "befordring"
        verbose_name_plural = "befordring"
        ordering = ["placement", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "valid_from"], name="transport_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} fra {self.valid_from}"

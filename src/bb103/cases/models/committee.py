from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.limits import TEXT, limited_text
from bb103.cases.models.provider import Offer


class CommitteeRecommendation(models.TextChoices):
    SUPPORTS = "supports", "Udvalget støtter matchet"
    DOES_NOT_SUPPORT = "does_not_support", "Udvalget støtter ikke matchet"
    NEEDS_INFORMATION = "needs_information", "Udvalget mangler oplysninger"


class CommitteeReview(models.Model):
    """The visitation committee's review of the match, where the municipality's standard
    requires it before the decision (policy ``visitation_committee``)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="committee_reviews", verbose_name="sag"
    )
    reviewed_on = models.DateField("behandlet i udvalget")
    recommendation = models.CharField(
        "udvalgets indstilling", max_length=30, choices=CommitteeRecommendation.choices
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tilbud, der er vurderet",
    )
    notes = limited_text("bemærkninger", TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registreret af",
    )

    class Meta:
        verbose_name = "behandling i visitationsudvalget"
        verbose_name_plural = "behandlinger i visitationsudvalget"
        ordering = ["reviewed_on", "id"]

    def __str__(self) -> str:
        return f"Visitationsudvalget {self.reviewed_on}"

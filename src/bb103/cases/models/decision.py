from django.conf import settings
from django.db import models

from bb103.cases.models.case import Case
from bb103.cases.models.outcome import Outcome
from bb103.cases.models.provider import Offer


class Decision(models.Model):
    """The written decision. The policy version and the engine's whole evaluation, with its
    explanations and sources, are frozen as they were on the day of the decision."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="decision", verbose_name="sag"
    )
    outcome = models.CharField("afgørelse", max_length=20, choices=Outcome.choices)
    decided_on = models.DateField("truffet")
    received_on = models.DateField(
        "modtaget af borgeren",
        help_text="Digital Post: den dag, den er sendt; ellers den kendte modtagelsesdato.",
    )
    reasons = models.TextField("begrundelse", blank=True)
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="tilbud",
    )
    with_klagevejledning = models.BooleanField("med klagevejledning", default=True)
    policy_id = models.CharField("kvalitetsstandard", max_length=40)
    policy_version = models.CharField("version af kvalitetsstandarden", max_length=40)
    engine_outcome = models.CharField("regelmotorens anbefaling", max_length=30)
    evaluation = models.JSONField("regelmotorens vurdering med forklaringer")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="truffet af",
    )

    class Meta:
        verbose_name = "afgørelse"
        verbose_name_plural = "afgørelser"

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.decided_on}"

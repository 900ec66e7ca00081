from django.db import models

from bb103.cases.models.citizen import Citizen


class TaxCardKind(models.TextChoices):
    MAIN = "main", "Hovedkort"
    SECONDARY = "secondary", "Bikort"


class TaxCard(models.Model):
    """The citizen's tax card (skattekort) for the sheltered job, from a date, as entered by
    the caseworker: the withholding rate and, on a main card, the monthly deduction. Net
    earnings for the 30 % transport cap are reckoned from it."""

    citizen = models.ForeignKey(
        Citizen, on_delete=models.CASCADE, related_name="tax_cards", verbose_name="borger"
    )
    valid_from = models.DateField("gælder fra")
    kind = models.CharField("skattekort", max_length=10, choices=TaxCardKind.choices)
    withholding_pct = models.DecimalField("trækprocent", max_digits=5, decimal_places=2)
    monthly_deduction = models.DecimalField(
        "fradrag pr. måned (kr.)", max_digits=10, decimal_places=2, default=0
    )

    class Meta:
        verbose_name = "skattekort"
        verbose_name_plural = "skattekort"
        ordering = ["citizen", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["citizen", "valid_from"], name="tax_card_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.withholding_pct} % fra {self.valid_from}"

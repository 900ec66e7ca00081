from django.conf import settings
from django.db import models

from bb103.cases.models.placement import Placement


class WageBasis(models.TextChoices):
    # The values are the engine's (bb103.rules.policy.values.WAGE_BASES).
    BY_EFFORT = "by_effort", "Løn efter indsats"
    HOURLY_WAGE = "hourly_wage", "Timeløn efter arbejdsvurdering"
    ARBEJDSDUSOER = "arbejdsdusoer", "Arbejdsdusør"


class WageAgreement(models.Model):
    """The wage set by the provider from a date (Serviceloven § 105; BEK 483 § 1).

    Either a fixed ``hourly_amount`` in whole øre, or ``rate_pct`` of the lowest wage of the
    offer's collective agreement (Vejen's 5 % and 10 %), which then follows that wage when
    it changes and is paid rounded up to whole øre (``engine.wages.rate_hourly``). Never
    below the floor the engine gives; a change is a new row. ``basis`` is the law's form;
    screens name it in the standard's words (``WageTerms.forms``)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="wages", verbose_name="placering"
    )
    valid_from = models.DateField("gælder fra")
    basis = models.CharField("lønform", max_length=20, choices=WageBasis.choices)
    hourly_amount = models.DecimalField(
        "timeløn (kr.)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    rate_pct = models.DecimalField(
        "sats (% af mindstelønnen)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    note = models.CharField("bemærkning", max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="fastsat af",
    )
    set_at = models.DateTimeField("registreret", auto_now_add=True)

    class Meta:
        verbose_name = "lønaftale"
        verbose_name_plural = "lønaftaler"
        ordering = ["placement", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "valid_from"], name="wage_once_a_day"),
            models.CheckConstraint(
                condition=models.Q(hourly_amount__isnull=False, rate_pct__isnull=True)
                | models.Q(hourly_amount__isnull=True, rate_pct__isnull=False),
                name="wage_amount_or_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_basis_display()} fra {self.valid_from}"

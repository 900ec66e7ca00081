from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from bb103.cases.models.municipality import Municipality
from bb103.cases.models.placement import Placement
from bb103.cases.models.provider import Provider


class SettlementStatus(models.TextChoices):
    OPEN = "open", "Åben"
    APPROVED = "approved", "Godkendt og låst"


class SettlementMonth(models.Model):
    """One municipality's settlement of one month (``month`` is its first day). Open, it can
    be run again with the same result; approved, it is locked and never changes."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="settlements", verbose_name="kommune"
    )
    month = models.DateField("måned")
    status = models.CharField(
        "status", max_length=10, choices=SettlementStatus.choices, default=SettlementStatus.OPEN
    )
    run_at = models.DateTimeField("beregnet", null=True, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="beregnet af",
    )
    approved_at = models.DateTimeField("godkendt", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="godkendt af",
    )

    class Meta:
        verbose_name = "månedsafregning"
        verbose_name_plural = "månedsafregninger"
        ordering = ["municipality", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "month"], name="settlement_once")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.month:%Y-%m}"

    @staticmethod
    def locked(municipality_ids: Iterable[str], months: Iterable[date]) -> set[tuple[str, date]]:
        """The (municipality, month) pairs among these whose settlement is approved: their
        attendance and wages never change again. One query."""
        rows = SettlementMonth.objects.filter(
            municipality_id__in=set(municipality_ids),
            month__in=set(months),
            status=SettlementStatus.APPROVED,
        ).values_list("municipality_id", "month")
        return set(rows)


class SettlementLine(models.Model):
    """One placement's month: the figures as computed when the month was last run, with the
    engine's explanation, so an approved month shows what was paid and why."""

    settlement = models.ForeignKey(
        SettlementMonth, on_delete=models.CASCADE, related_name="lines", verbose_name="afregning"
    )
    placement = models.ForeignKey(
        Placement,
        on_delete=models.PROTECT,
        related_name="settlement_lines",
        verbose_name="placering",
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        related_name="settlement_lines",
        verbose_name="leverandør",
    )
    # The first name (100), a space and the last name (100): at 200 a citizen with both
    # names at their longest could not be settled on PostgreSQL.
    citizen_name = models.CharField("borger", max_length=201)
    planned_days = models.PositiveSmallIntegerField("planlagte dage")
    days_present = models.PositiveSmallIntegerField("dage mødt")
    days_sick = models.PositiveSmallIntegerField("dage syg")
    days_notified_absence = models.PositiveSmallIntegerField("dage med afbud")
    days_unnotified_absence = models.PositiveSmallIntegerField("dage udeblevet")
    days_unregistered = models.PositiveSmallIntegerField("dage uden registrering")
    hours = models.DecimalField("timer", max_digits=7, decimal_places=2)
    hourly_wage = models.DecimalField("timeløn", max_digits=8, decimal_places=2, null=True)
    gross_wage = models.DecimalField("bruttoløn", max_digits=12, decimal_places=2)
    tax = models.DecimalField("A-skat", max_digits=12, decimal_places=2)
    net_earnings = models.DecimalField("indtjening efter skat", max_digits=12, decimal_places=2)
    transport_total = models.DecimalField("befordring i alt", max_digits=12, decimal_places=2)
    transport_cap = models.DecimalField("loft (30 %)", max_digits=12, decimal_places=2, null=True)
    citizen_pays = models.DecimalField("borgerens andel", max_digits=12, decimal_places=2)
    municipality_pays = models.DecimalField("kommunens andel", max_digits=12, decimal_places=2)
    provider_amount = models.DecimalField("til leverandøren", max_digits=12, decimal_places=2)
    explanation = models.JSONField("forklaring", default=list, encoder=DjangoJSONEncoder)
    warnings = models.JSONField("advarsler", default=list, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = "afregningslinje"
        verbose_name_plural = "afregningslinjer"
        ordering = ["settlement", "citizen_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["settlement", "placement"], name="settlement_line_once")
        ]

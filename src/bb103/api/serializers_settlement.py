"""The monthly settlement: which months a client may read, and one month with its lines
and totals. Amounts are JSON numbers (kroner with øre), exact as stored."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bb103.cases.models import SettlementMonth, SettlementStatus
from bb103.cases.selectors import SettlementPage

S = serializers


def _money() -> S.DecimalField:
    return S.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)


def settlement_url(municipality_id: str, month: Any) -> str:
    return reverse("api-settlement", args=[municipality_id, f"{month:%Y-%m}"])


class SettlementMonthSerializer(S.Serializer):  # type: ignore[type-arg]
    municipality = S.CharField(source="municipality_id")
    month = S.SerializerMethodField()
    status = S.ChoiceField(choices=SettlementStatus.choices)
    status_label = S.CharField(source="get_status_display")
    run_at = S.DateTimeField(allow_null=True)
    approved_at = S.DateTimeField(allow_null=True)
    url = S.SerializerMethodField()

    def get_month(self, settlement: SettlementMonth) -> str:
        return f"{settlement.month:%Y-%m}"

    def get_url(self, settlement: SettlementMonth) -> str:
        return settlement_url(settlement.municipality_id, settlement.month)


class SettlementLineSerializer(S.Serializer):  # type: ignore[type-arg]
    id = S.IntegerField()
    placement = S.IntegerField(source="placement_id", allow_null=True)
    case = S.IntegerField(source="placement.case_id", allow_null=True)
    provider = S.IntegerField(source="provider_id")
    provider_name = S.CharField(source="provider.name")
    citizen_name = S.CharField()
    planned_days = S.IntegerField()
    days_present = S.IntegerField()
    days_sick = S.IntegerField()
    days_notified_absence = S.IntegerField()
    days_unnotified_absence = S.IntegerField()
    days_unregistered = S.IntegerField()
    hours = S.DecimalField(max_digits=7, decimal_places=2, coerce_to_string=False)
    hourly_wage = S.DecimalField(
        max_digits=8, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    gross_wage = _money()
    tax = _money()
    net_earnings = _money()
    transport_total = _money()
    transport_cap = S.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    citizen_pays = _money()
    municipality_pays = _money()
    provider_amount = _money()
    explanation = S.ListField(child=S.JSONField(), help_text="Beregningens forklaring (dansk).")
    warnings = S.ListField(child=S.JSONField(), help_text="Advarsler at kontrollere (dansk).")


class ProviderTotalSerializer(S.Serializer):  # type: ignore[type-arg]
    name = S.CharField()
    placements = S.IntegerField()
    planned_days = S.IntegerField()
    amount = _money()


class SettlementTotalsSerializer(S.Serializer):  # type: ignore[type-arg]
    planned_days = S.IntegerField()
    days_present = S.IntegerField()
    days_sick = S.IntegerField()
    days_notified_absence = S.IntegerField()
    days_unnotified_absence = S.IntegerField()
    days_unregistered = S.IntegerField()
    hours = _money()
    gross_wage = _money()
    tax = _money()
    net_earnings = _money()
    transport_total = _money()
    citizen_pays = _money()
    municipality_pays = _money()
    provider_amount = _money()


class SettlementSerializer(S.Serializer):  # type: ignore[type-arg]
    """One municipality's month; ``status`` null and no lines when it has not been run."""

    municipality = S.CharField(source="municipality.pk")
    month = S.CharField(help_text="ÅÅÅÅ-MM")
    status = S.ChoiceField(choices=SettlementStatus.choices, allow_null=True)
    run_at = S.DateTimeField(allow_null=True)
    approved_at = S.DateTimeField(allow_null=True)
    may_approve = S.BooleanField(help_text="Klienten har lederens rolle og må godkende.")
    warnings = S.IntegerField(help_text="Advarsler i alt på linjerne.")
    lines = SettlementLineSerializer(many=True)
    totals = SettlementTotalsSerializer()
    providers = ProviderTotalSerializer(many=True, help_text="Beløb til hver leverandør.")
    finance_file = S.SerializerMethodField()

    @extend_schema_field(
        S.CharField(
            allow_null=True,
            help_text="Adressen på den godkendte måneds bogføringsfil (CSV til "
            "økonomisystemet); null for en måned, der ikke er godkendt.",
        )
    )
    def get_finance_file(self, body: dict[str, Any]) -> str | None:
        if body["status"] != SettlementStatus.APPROVED:
            return None
        return f"/api/v1/settlements/{body['municipality'].pk}/{body['month']}/finance-file"


def settlement_body(page: SettlementPage) -> dict[str, Any]:
    settlement = page.settlement
    return SettlementSerializer(
        {
            "municipality": page.municipality,
            "month": f"{page.month:%Y-%m}",
            "status": settlement.status if settlement else None,
            "run_at": settlement.run_at if settlement else None,
            "approved_at": settlement.approved_at if settlement else None,
            "may_approve": page.can_approve,
            "warnings": page.warnings,
            "lines": page.lines,
            "totals": page.totals,
            "providers": page.providers,
        }
    ).data

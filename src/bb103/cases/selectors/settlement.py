"""The monthly settlement as a caseworker or manager of the municipality reads it.

Only the municipality's caseworkers and managers see its settlement; anyone else, provider
staff included, gets "not found", so a settlement's existence is not revealed."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import (
    Membership,
    Municipality,
    Role,
    SettlementLine,
    SettlementMonth,
    SettlementStatus,
    User,
)
from bb103.cases.permissions import SETTLEMENT_READERS
from bb103.cases.selectors.access import settlement_municipalities
from bb103.cases.selectors.scope import scope_of
from bb103.cases.services.audit import audit_listed

SETTLEMENT_ROLES = SETTLEMENT_READERS

# The line's columns that add up in the sum row.
SUMMED = (
    "planned_days",
    "days_present",
    "days_sick",
    "days_notified_absence",
    "days_unnotified_absence",
    "days_unregistered",
    "hours",
    "gross_wage",
    "tax",
    "net_earnings",
    "transport_total",
    "citizen_pays",
    "municipality_pays",
    "provider_amount",
)


@dataclass(frozen=True)
class ProviderTotal:
    name: str
    placements: int
    planned_days: int
    amount: Decimal


@dataclass
class SettlementPage:
    municipality: Municipality
    month: date
    settlement: SettlementMonth | None
    lines: list[SettlementLine]
    totals: dict[str, Decimal] = field(default_factory=dict)
    providers: list[ProviderTotal] = field(default_factory=list)
    can_run: bool = False
    can_approve: bool = False

    @property
    def approved(self) -> bool:
        return self.settlement is not None and self.settlement.status == SettlementStatus.APPROVED

    @property
    def warnings(self) -> int:
        return sum(len(x.warnings) for x in self.lines)


def settlement_municipalities_for_user(*, user: User) -> list[Municipality]:
    """The municipalities whose settlement the user may read (caseworker or manager)."""
    if not user.is_authenticated or not user.is_active:
        return []
    # The same rule as the menu's "Afregning" (bb103.cases.selectors.access).
    ids = settlement_municipalities(scope_of(user))
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def settlement_month_list_for_user(*, user: User) -> QuerySet[SettlementMonth]:
    """The months that have been run in the municipalities whose settlement the user may
    read (the rule of :func:`settlement_municipalities_for_user`), newest first."""
    if not user.is_authenticated or not user.is_active:
        return SettlementMonth.objects.none()
    ids = settlement_municipalities(scope_of(user))
    return (
        SettlementMonth.objects.filter(municipality_id__in=ids)
        .select_related("municipality")
        .order_by("municipality__name", "-month", "id")
    )


def settlement_page_for_user(
    *, user: User, municipality_id: str, month: date, read_as: str = "settlement_listed"
) -> SettlementPage:
    """The month's settlement with its lines, totals and totals per provider; an empty page
    when the month has not been run. A fixed number of queries however many lines. Each
    citizen on it is logged as read, ``read_as`` (the page, or an export of it)."""
    roles: set[str] = set()
    if user.is_authenticated and user.is_active:
        roles = set(
            Membership.objects.filter(user=user, municipality_id=municipality_id).values_list(
                "role", flat=True
            )
        )
    if not roles & SETTLEMENT_ROLES:
        raise NotFound("Afregningen")
    municipality = Municipality.objects.get(pk=municipality_id)
    page = settlement_page_of(municipality, month)
    page.can_run = True
    page.can_approve = Role.MANAGER in roles
    audit_listed(
        actor=user, action=read_as, cases=[x.placement.case for x in page.lines if x.placement]
    )
    return page


def settlement_page_of(municipality: Municipality, month: date) -> SettlementPage:
    """The month's page without a user's scope: for ``bb103 settle``, an operator's command
    on the server (like the daily sweep), and for the scoped function above."""
    settlement = (
        SettlementMonth.objects.select_related("run_by", "approved_by", "finance_file")
        .filter(municipality=municipality, month=month.replace(day=1))
        .first()
    )
    lines: list[SettlementLine] = []
    if settlement is not None:
        lines = list(
            settlement.lines.select_related(
                "provider", "placement__offer", "placement__case"
            ).order_by("citizen_name", "id")
        )
    return SettlementPage(
        municipality=municipality,
        month=month.replace(day=1),
        settlement=settlement,
        lines=lines,
        totals=settlement_totals(lines),
        providers=provider_totals(lines),
    )


def settlement_totals(lines: list[SettlementLine]) -> dict[str, Decimal]:
    return {name: sum((Decimal(getattr(x, name)) for x in lines), Decimal(0)) for name in SUMMED}


def provider_totals(lines: list[SettlementLine]) -> list[ProviderTotal]:
    """What the municipality owes each provider for the month, by name."""
    found: dict[int, list[SettlementLine]] = {}
    for line in lines:
        found.setdefault(line.provider_id, []).append(line)
    totals = [
        ProviderTotal(
            group[0].provider.name,
            len(group),
            sum(x.planned_days for x in group),
            sum((x.provider_amount for x in group), Decimal(0)),
        )
        for group in found.values()
    ]
    return sorted(totals, key=lambda t: t.name)

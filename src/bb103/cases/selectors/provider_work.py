"""What the provider's staff read: their workshops (offers) with the citizens placed there,
one placement's order, and a workshop's attendance week.

Provider staff see only running placements at their own provider's offers; the
municipality's readers of cases (caseworker, committee member, manager) see the same pages
for their municipality's placements, so a caseworker can read the order and follow the
attendance. Anything else is :class:`NotFound`. Query counts do not grow with the rows.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from bb103.cases.engine.calendar import is_working_day, planned_days
from bb103.cases.engine.wages import WageTerms, wage_renegotiations, wage_terms
from bb103.cases.errors import CaseError, NotFound
from bb103.cases.models import (
    Attendance,
    Deviation,
    Handleplan,
    HandleplanStatus,
    Offer,
    PedagogicalPlan,
    Placement,
    SettlementMonth,
    User,
    WageAgreement,
)
from bb103.cases.selectors.access import sees_provider_work, staff_only
from bb103.cases.selectors.scope import Scope, scope_of
from bb103.cases.services.audit import audit_listed, audit_read

# Renegotiations this close (or overdue) are shown as due; the sweep warns the caseworker
# as early (services/sweep_rules.WAGE_NOTICE_DAYS).
RENEGOTIATION_NOTICE_DAYS = 30
LATEST_DEVIATIONS = 10


def _placements_q(scope: Scope) -> Q:
    return Q(ended_on__isnull=True) & (
        Q(offer__provider_id__in=scope.providers)
        | Q(case__municipality_id__in=scope.case_municipalities)
    )


def _offers_q(scope: Scope) -> Q:
    return Q(provider_id__in=scope.providers) | Q(
        provider__municipality_id__in=scope.case_municipalities
    )


def provider_placement_list_for_user(*, user: User) -> QuerySet[Placement]:
    """Running placements the user may read as the provider's pages show them."""
    return (
        Placement.objects.filter(_placements_q(scope_of(user)))
        .select_related(
            "case", "case__citizen", "case__municipality", "case__caseworker", "offer__provider"
        )
        .order_by("case__citizen__last_name", "case__citizen__first_name", "pk")
    )


def provider_placement_get_for_user(*, user: User, placement_id: int) -> Placement:
    placement = provider_placement_list_for_user(user=user).filter(pk=placement_id).first()
    if placement is None:
        raise NotFound("Borgerens placering")
    return placement


def provider_placement_read_for_user(*, user: User, placement_id: int, page: str) -> Placement:
    """The placement for a page that shows its citizen (a form of the provider's), logged
    as a read of the order."""
    placement = provider_placement_get_for_user(user=user, placement_id=placement_id)
    audit_read(actor=user, action="order_read", case=placement.case, details={"page": page})
    return placement


def provider_offer_get_for_user(*, user: User, offer_id: int) -> Offer:
    """A workshop the user may read: an offer of their provider, or of their
    municipality's providers for its readers of cases."""
    offer = (
        Offer.objects.filter(_offers_q(scope_of(user)))
        .select_related("provider")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise NotFound("Tilbuddet")
    return offer


@dataclass(frozen=True)
class Renegotiation:
    placement: Placement
    due_on: date
    overdue: bool
    source: str


def renegotiation_due(
    placement: Placement, wages: list[WageAgreement], today: date
) -> Renegotiation | None:
    """The placement's renegotiation that needs doing, or None: the latest date the
    standard sets up to ``RENEGOTIATION_NOTICE_DAYS`` ahead, unless a wage already runs
    from ``RENEGOTIATION_NOTICE_DAYS`` before it or later (then it has been renegotiated)."""
    horizon = today + timedelta(RENEGOTIATION_NOTICE_DAYS)
    plan = wage_renegotiations(placement.case.municipality_id, placement.start_on, until=horizon)
    if not plan.dates:
        return None
    due = plan.dates[-1]
    settled_from = due - timedelta(RENEGOTIATION_NOTICE_DAYS)
    if any(w.valid_from >= settled_from for w in wages):
        return None
    return Renegotiation(placement, due, due < today, plan.source)


def next_renegotiations(placement: Placement, today: date, count: int = 2) -> tuple[date, ...]:
    """The next dates the standard sets for renegotiating the wage (none without a rhythm)."""
    plan = wage_renegotiations(
        placement.case.municipality_id, placement.start_on, until=today + timedelta(800)
    )
    return tuple(d for d in plan.dates if d >= today)[:count]


@dataclass
class ProviderStart:
    offers: list[Offer]  # each with ``running``: its running placements, with ``wages``
    renegotiations: list[Renegotiation]
    deviations: list[Deviation]
    is_provider_staff: bool


def provider_start_for_user(*, user: User, today: date, audit: bool = True) -> ProviderStart:
    """The provider's start page: workshops with their citizens, wages to renegotiate and
    the latest deviations reported. Seven queries however many rows (one the log of the
    citizens shown; ``audit=False`` only for the demo loader, which shows no one anything)."""
    scope = scope_of(user)
    if not sees_provider_work(scope):
        # No workshop to show (an administrator): the menu has no "Mit tilbud" for them.
        raise NotFound("Siden")
    running = (
        Placement.objects.filter(_placements_q(scope))
        .select_related("case", "case__citizen")
        .prefetch_related(Prefetch("wages", queryset=WageAgreement.objects.order_by("valid_from")))
        .order_by("case__citizen__last_name", "case__citizen__first_name", "pk")
    )
    offers = list(
        Offer.objects.filter(_offers_q(scope))
        .select_related("provider")
        .prefetch_related(Prefetch("placements", queryset=running, to_attr="running"))
        .order_by("provider__name", "name", "pk")
    )
    renegotiations = []
    for offer in offers:
        for placement in offer.running:  # type: ignore[attr-defined]
            wages = list(placement.wages.all())
            # The wage in force today (the latest that has started), for the list.
            started = [w for w in wages if w.valid_from <= today]
            placement.current_wage = started[-1] if started else None  # type: ignore[attr-defined]
            found = renegotiation_due(placement, wages, today)
            if found is not None:
                renegotiations.append(found)
    renegotiations.sort(key=lambda r: r.due_on)
    deviations = list(
        Deviation.objects.filter(placement__in=Placement.objects.filter(_placements_q(scope)))
        .select_related("placement__case__citizen", "placement__offer", "reported_by")
        .order_by("-reported_at", "-pk")[:LATEST_DEVIATIONS]
    )
    if audit:
        audit_listed(
            actor=user,
            action="provider_listed",
            cases=[p.case for o in offers for p in o.running],  # type: ignore[attr-defined]
        )
    return ProviderStart(offers, renegotiations, deviations, bool(scope.providers))


@dataclass
class OrderPage:
    placement: Placement
    handleplan: Handleplan | None
    wages: list[WageAgreement]
    plans: list[PedagogicalPlan]
    deviations: list[Deviation]
    renegotiations: tuple[date, ...]
    renegotiation: Renegotiation | None


def placement_order_for_user(*, user: User, placement_id: int, today: date) -> OrderPage:
    """The order to the provider for one placement: what the handleplan says the provider
    needs (purpose, effort, duration), days, hours, contact person, start, wages, the
    pedagogical plan's versions and the deviations reported. Not the case file: no
    assessment, complaints or letters."""
    placement = provider_placement_get_for_user(user=user, placement_id=placement_id)
    audit_read(actor=user, action="order_read", case=placement.case)
    handleplan = (
        Handleplan.objects.filter(case_id=placement.case_id, status=HandleplanStatus.ACCEPTED)
        .order_by("-offered_on", "-pk")
        .first()
    )
    wages = list(placement.wages.select_related("set_by").order_by("valid_from"))
    plans = list(placement.pedagogical_plans.select_related("written_by"))
    deviations = list(placement.deviations.select_related("reported_by"))
    return OrderPage(
        placement,
        handleplan,
        wages,
        plans,
        deviations,
        next_renegotiations(placement, today),
        renegotiation_due(placement, wages, today),
    )


@dataclass
class WeekCell:
    day: date
    planned: bool
    status: str | None = None
    hours: object = None
    editable: bool = False
    note: str = ""  # why a planned day cannot be registered (future, locked month)


@dataclass
class WeekRow:
    placement: Placement
    cells: list[WeekCell] = field(default_factory=list)


@dataclass
class WeekColumn:
    day: date
    working_day: bool


@dataclass
class WeekGrid:
    offer: Offer
    monday: date
    columns: list[WeekColumn]
    rows: list[WeekRow]
    today: date

    @property
    def previous_monday(self) -> date:
        return self.monday - timedelta(7)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(6)

    @property
    def next_monday(self) -> date:
        return self.monday + timedelta(7)

    def editable_cells(self) -> list[tuple[Placement, WeekCell]]:
        return [(r.placement, c) for r in self.rows for c in r.cells if c.editable]


def week_start(day: date) -> date:
    return day - timedelta(day.isoweekday() - 1)


def attendance_week_for_user(
    *, user: User, offer_id: int, monday: date, today: date, audit: bool = True
) -> WeekGrid:
    """A workshop's week: a row per running placement, a column per day Monday to Friday
    (and Saturday or Sunday when someone works then), each planned day with what is
    registered. A planned day up to today in a month not yet locked by an approved
    settlement can be registered. Six queries however many citizens (one the log of the
    citizens shown; ``audit=False`` only for the demo loader)."""
    offer = provider_offer_get_for_user(user=user, offer_id=offer_id)
    monday = week_start(monday)
    sunday = monday + timedelta(6)
    scope = scope_of(user)
    placements = list(
        Placement.objects.filter(_placements_q(scope), offer=offer)
        .select_related("case", "case__citizen")
        .order_by("case__citizen__last_name", "case__citizen__first_name", "pk")
    )
    registered = {
        (a.placement_id, a.day): a
        for a in Attendance.objects.filter(
            placement__in=[p.pk for p in placements], day__range=(monday, sunday)
        )
    }
    months = {monday.replace(day=1), sunday.replace(day=1)}
    municipalities = {p.case.municipality_id for p in placements}
    locked = SettlementMonth.locked(municipalities, months)
    weekdays = {int(c) for p in placements for c in p.weekdays}
    days = [monday + timedelta(i) for i in range(7) if i < 5 or i + 1 in weekdays]
    municipality = offer.provider.municipality_id
    columns = [WeekColumn(d, is_working_day(municipality, d)) for d in days]
    rows = []
    for placement in placements:
        planned = set(planned_days(placement, monday, sunday))
        row = WeekRow(placement)
        for day in days:
            cell = WeekCell(day, day in planned)
            found = registered.get((placement.pk, day))
            if found is not None:
                cell.status, cell.hours = found.status, found.hours
            if cell.planned:
                if day > today:
                    cell.note = "Ikke endnu"
                elif (placement.case.municipality_id, day.replace(day=1)) in locked:
                    cell.note = "Måneden er afregnet og låst"
                else:
                    cell.editable = True
            row.cells.append(cell)
        rows.append(row)
    if audit:
        audit_listed(actor=user, action="provider_listed", cases=[p.case for p in placements])
    return WeekGrid(offer, monday, columns, rows, today)


def wage_terms_for_placement(*, placement: Placement, on: date) -> WageTerms | None:
    """The engine's wage rule for a placement read through this module (floor, rates,
    wage forms, with its Danish explanation); None when it cannot be computed that day
    (no minimum wage in force for the offer's collective agreement)."""
    try:
        return wage_terms(placement, on=on)
    except CaseError:
        return None


def provider_staff_only(*, user: User) -> bool:
    """Whether the user works only at providers (reads no municipality's cases): their
    start page is the provider's, not the work list."""
    return staff_only(scope_of(user))

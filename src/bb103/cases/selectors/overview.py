"""The manager's overview (issue 20, points 1 and 2): the year's figures of the
municipalities a user manages, in one dataclass that the overview page, the annual report
and the benchmark all read.

Every figure is aggregated in the database (``values``/``annotate``/``aggregate``), so a
page costs the same fixed number of queries with ten cases as with a hundred thousand; the
two figures that need each row's value (the days to a decision, for the median and the
90th percentile, and the criteria a refused decision rested on) read one narrow column list
in one query each. Counts only, no citizen: the overview is not a read of anyone's case.

Two kinds of figure: the year's (decisions, days to decision, costs, complaints, appeals:
by the day each thing happened in the chosen year) and today's state (cases by state,
caseload, overdue tasks, occupancy and waiting lists), which have no year.
"""

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from bb103.cases.engine.policy import decision_deadline_rule
from bb103.cases.errors import AccessDenied, NotFound
from bb103.cases.models import (
    AnkeOutcome,
    Case,
    CaseStatus,
    Complaint,
    ComplaintAbout,
    Deadline,
    DeadlineKind,
    Decision,
    DecisionKind,
    DecisionOrigin,
    Municipality,
    Offer,
    Outcome,
    Placement,
    Reassessment,
    SettlementLine,
    SettlementStatus,
    Task,
    TaskStatus,
    User,
    WaitingListEntry,
)
from bb103.cases.permissions import OVERVIEW_READERS
from bb103.cases.selectors.scope import scope_of
from bb103.cases.selectors.team import open_cases_q


@dataclass(frozen=True)
class MonthDeadlines:
    """The decisions that reached the citizen in one month, against their deadline."""

    month: int  # 1-12
    on_time: int
    late: int

    @property
    def total(self) -> int:
        return self.on_time + self.late


@dataclass(frozen=True)
class StandardRule:
    """A municipality's decision deadline in its standard, as in force on the year's last
    day (or today, in the current year): "30 arbejdsdage" and where it says so."""

    municipality: str
    label: str | None  # None: the standard leaves it to the council, or there is none
    source: str


@dataclass(frozen=True)
class CaseloadRow:
    caseworker: str  # the name; "Ingen rådgiver" for the cases no one has
    open_cases: int
    open_tasks: int
    overdue_tasks: int


@dataclass(frozen=True)
class OfferRow:
    municipality: str
    provider: str
    offer: str
    places: int | None
    running: int
    waiting: int

    @property
    def occupancy_pct(self) -> int | None:
        """Running placements as a share of the places, in whole per cent."""
        if not self.places:
            return None
        return round(100 * self.running / self.places)


@dataclass(frozen=True)
class CostMonth:
    """An approved month's cost: the wages (gross), the municipality's share of transport,
    and the takst paid to the providers; ``None`` where the month is not approved."""

    month: int
    wages: Decimal | None
    transport: Decimal | None
    takst: Decimal | None
    last_year_total: Decimal | None

    @property
    def total(self) -> Decimal | None:
        if self.wages is None:
            return None
        return self.wages + (self.transport or 0) + (self.takst or 0)


@dataclass(frozen=True)
class Complaints:
    received: int
    changed_at_reassessment: int
    forwarded: int
    # AnkeOutcome value -> how many of Ankestyrelsen's decisions came this year
    outcomes: dict[str, int]


@dataclass(frozen=True)
class AppealGround:
    """Ankestyrelsen's outcomes for the decisions that rested on one ground: a criterion
    not met (the law's or the standard's own, as frozen in the decision's evaluation), or
    the kind of decision where it was not a refusal."""

    key: str
    label: str
    source: str
    kind: str  # "legal", "municipal" or "other"
    outcomes: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())

    @property
    def not_upheld(self) -> int:
        """Changed, sent back or annulled: the decision did not hold."""
        return sum(
            self.outcomes.get(k, 0)
            for k in (AnkeOutcome.CHANGED, AnkeOutcome.SENT_BACK, AnkeOutcome.ANNULLED)
        )


@dataclass
class Overview:
    municipalities: list[Municipality]
    year: int
    today: date
    rules: list[StandardRule]
    cases_by_state: dict[str, int]
    deadlines: list[MonthDeadlines]
    # Days from application to decision -> how many decisions took that long: counted in
    # the database, so a year of ten thousand decisions is a hundred rows, not ten thousand.
    decision_days: dict[int, int]
    caseload: list[CaseloadRow]
    offers: list[OfferRow]
    costs: list[CostMonth]
    complaints: Complaints
    appeal_grounds: list[AppealGround]
    # Each Ankestyrelsen decision once, however many grounds it counts under.
    appeal_totals: dict[str, int] = field(default_factory=dict)

    @property
    def on_time(self) -> int:
        return sum(m.on_time for m in self.deadlines)

    @property
    def late(self) -> int:
        return sum(m.late for m in self.deadlines)

    @cached_property
    def days_to_decision(self) -> list[int]:
        """Each decision's days, in order."""
        return [days for days, n in sorted(self.decision_days.items()) for _ in range(n)]

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days_to_decision) if self.days_to_decision else None

    @property
    def p90_days(self) -> int | None:
        return percentile(self.days_to_decision, 90)


def percentile(values: list[int], pct: int) -> int | None:
    """The nearest-rank percentile: the smallest value at or below which ``pct`` per cent
    of the values lie (always one of the values, so "90 % were decided within n days" is
    literally true)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def overview_municipalities_for_user(*, user: User) -> list[Municipality]:
    """The municipalities whose overview the user reads (a manager's); one query beside
    the scope's."""
    managed = scope_of(user).municipalities_with(OVERVIEW_READERS)
    return list(Municipality.objects.filter(pk__in=managed).order_by("name"))


def overview_for_user(
    *, user: User, municipality_id: str | None, year: int, today: date
) -> Overview:
    """The overview of one municipality the user manages, or of all of them together
    (``municipality_id`` None). NotFound where the user reads none of the municipality's
    cases (its existence is not revealed); AccessDenied where they read its cases but do
    not lead (a caseworker: the team page's rule)."""
    scope = scope_of(user)
    managed = scope.municipalities_with(OVERVIEW_READERS)
    wanted = {municipality_id} if municipality_id is not None else scope.case_municipalities
    if municipality_id is not None and municipality_id not in scope.case_municipalities:
        raise NotFound("Overblikket")
    if not managed or not wanted <= managed:
        if not wanted:
            raise NotFound("Overblikket")
        raise AccessDenied("Overblikket er for kommunens ledere.")
    ids = sorted(managed if municipality_id is None else {municipality_id})
    municipalities = list(Municipality.objects.filter(pk__in=ids).order_by("name"))
    return overview_of(municipalities, year=year, today=today)


def overview_of(municipalities: list[Municipality], *, year: int, today: date) -> Overview:
    """The figures of these municipalities (already checked by the caller: the annual
    report and the benchmark call this for a municipality they hold)."""
    ids = [m.pk for m in municipalities]
    rule_day = min(today, date(year, 12, 31))
    appeal_grounds, appeal_totals = _appeals(ids, year)
    cases_by_state, open_cases = _case_counts(ids)
    return Overview(
        municipalities=municipalities,
        year=year,
        today=today,
        rules=[_rule(m, rule_day) for m in municipalities],
        cases_by_state=cases_by_state,
        deadlines=_deadlines(ids, year),
        decision_days=_decision_days(ids, year),
        caseload=_caseload(open_cases, ids, today),
        offers=_offers(ids, today),
        costs=_costs(ids, year),
        complaints=_complaints(ids, year),
        appeal_grounds=appeal_grounds,
        appeal_totals=appeal_totals,
    )


def _rule(municipality: Municipality, on: date) -> StandardRule:
    found = decision_deadline_rule(municipality.pk, on)
    if found is None:
        return StandardRule(municipality.name, None, "")
    return StandardRule(municipality.name, *found)


def _case_counts(ids: list[str]) -> tuple[dict[str, int], dict[int | None, int]]:
    """The cases by state, and each caseworker's open cases (the team page's rule of an
    open case): one pass over the municipalities' cases, grouped by caseworker and state
    (an index-only scan on PostgreSQL; the names are read with the tasks')."""
    by_state: Counter[str] = Counter()
    open_cases: Counter[int | None] = Counter()
    rows = (
        Case.objects.filter(municipality_id__in=ids)
        .values("caseworker_id", "status")
        .annotate(n=Count("id"), open=Count("id", filter=open_cases_q()))
        .values_list("caseworker_id", "status", "n", "open")
    )
    for worker, status, n, still_open in rows:
        by_state[status] += n
        if still_open:
            open_cases[worker] += still_open
    return {status: by_state[status] for status in CaseStatus.values}, dict(open_cases)


def _deadlines(ids: list[str], year: int) -> list[MonthDeadlines]:
    """The standard's own measure: each case's deadline for the decision on the
    application (its Deadline row of kind "decision", computed from the standard in force),
    met the day the decision reached the citizen; counted in the month it was met."""
    rows = (
        Deadline.objects.filter(
            kind=DeadlineKind.DECISION,
            case__municipality_id__in=ids,
            met_on__gte=date(year, 1, 1),
            met_on__lte=date(year, 12, 31),
        )
        .annotate(month=ExtractMonth("met_on"))
        .values("month")
        .annotate(
            # Counting the case column, which the index deadline_kind_met holds, lets
            # PostgreSQL answer from the index alone (one deadline of a kind per case).
            on_time=Count("case", filter=Q(met_on__lte=F("due_on"))),
            late=Count("case", filter=Q(met_on__gt=F("due_on"))),
        )
        .values_list("month", "on_time", "late")
    )
    found = {month: (on_time, late) for month, on_time, late in rows}
    return [MonthDeadlines(m, *found.get(m, (0, 0))) for m in range(1, 13)]


def _decision_days(ids: list[str], year: int) -> dict[int, int]:
    """Calendar days from the application's receipt to the municipality's first decision on
    it, for the first decisions made this year (a decision made again after Ankestyrelsen
    sent it back would count the appeal's months as the municipality's): how many decisions
    took each number of days."""
    earlier = Decision.objects.filter(
        case_id=OuterRef("case_id"), kind=DecisionKind.APPLICATION, pk__lt=OuterRef("pk")
    )
    rows = (
        Decision.objects.filter(
            case__municipality_id__in=ids,
            kind=DecisionKind.APPLICATION,
            origin=DecisionOrigin.MUNICIPALITY,
            decided_on__gte=date(year, 1, 1),
            decided_on__lte=date(year, 12, 31),
            case__application__isnull=False,
        )
        .filter(~Exists(earlier))
        .annotate(
            took=ExpressionWrapper(
                F("decided_on") - F("case__application__received_on"),
                output_field=DurationField(),
            )
        )
        .order_by()
        .values("took")
        .annotate(n=Count("id"))
        .values_list("took", "n")
    )
    return {took.days: n for took, n in rows}


def _caseload(open_cases: dict[int | None, int], ids: list[str], today: date) -> list[CaseloadRow]:
    """Open cases and open and overdue tasks per caseworker, summed over the
    municipalities."""
    tasks = {
        worker: (n, overdue)
        for worker, n, overdue in Task.objects.filter(
            municipality_id__in=ids, status=TaskStatus.OPEN
        )
        .values("assigned_to_id")
        .annotate(n=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
        .values_list("assigned_to_id", "n", "overdue")
    }
    workers = {*open_cases, *tasks}
    names = {
        pk: f"{first} {last}".strip() or username
        for pk, first, last, username in User.objects.filter(pk__in=workers - {None})
        .order_by()
        .values_list("pk", "first_name", "last_name", "username")
    }
    rows = [
        CaseloadRow(
            names.get(pk) or "Ingen rådgiver",
            open_cases.get(pk, 0),
            *tasks.get(pk, (0, 0)),
        )
        for pk in workers
    ]
    # Most cases first; the unassigned row last.
    return sorted(
        rows, key=lambda r: (r.caseworker == "Ingen rådgiver", -r.open_cases, r.caseworker)
    )


def _count_of(queryset, key: str) -> Coalesce:  # type: ignore[no-untyped-def]
    """A correlated count (one subquery per row of the outer query, no join that would
    multiply the other count)."""
    counted = (
        queryset.filter(**{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _offers(ids: list[str], today: date) -> list[OfferRow]:
    """Each offer of the municipalities' catalogues: its places, the placements running
    today and the cases on its waiting list."""
    running = Placement.objects.filter(start_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    )
    waiting = WaitingListEntry.objects.filter(left_on__isnull=True)
    rows = (
        Offer.objects.filter(provider__municipality_id__in=ids)
        .annotate(running=_count_of(running, "offer"), waiting=_count_of(waiting, "offer"))
        .order_by("provider__municipality__name", "provider__name", "name")
        .values_list(
            "provider__municipality__name",
            "provider__name",
            "name",
            "places",
            "running",
            "waiting",
        )
    )
    return [OfferRow(*row) for row in rows]


def _costs(ids: list[str], year: int) -> list[CostMonth]:
    """The approved months of the year and the year before, summed in the database: wages
    (gross), the municipality's share of transport, and the takst to the providers."""
    rows = (
        SettlementLine.objects.filter(
            settlement__municipality_id__in=ids,
            settlement__status=SettlementStatus.APPROVED,
            settlement__month__gte=date(year - 1, 1, 1),
            settlement__month__lte=date(year, 12, 1),
        )
        .annotate(y=ExtractYear("settlement__month"), m=ExtractMonth("settlement__month"))
        .values("y", "m")
        .annotate(
            wages=Sum("gross_wage"),
            transport=Sum("municipality_pays"),
            takst=Sum("provider_amount"),
        )
        .values_list("y", "m", "wages", "transport", "takst")
    )
    found = {(y, m): (w, t, k) for y, m, w, t, k in rows}
    months = []
    for m in range(1, 13):
        this = found.get((year, m), (None, None, None))
        before = found.get((year - 1, m))
        last_total = None if before is None else sum((v or Decimal(0) for v in before), Decimal(0))
        months.append(CostMonth(m, *this, last_total))
    return months


def _complaints(ids: list[str], year: int) -> Complaints:
    """Each step counted in the year it happened: received, changed at the municipality's
    own reassessment (genvurdering), forwarded to Ankestyrelsen, and Ankestyrelsen's
    decisions received, by outcome."""
    first, last = date(year, 1, 1), date(year, 12, 31)

    def within(name: str) -> Q:
        return Q(**{f"{name}__gte": first, f"{name}__lte": last})

    counts = {
        "received": Count("id", filter=within("received_on")),
        "changed": Count(
            "id", filter=within("reassessed_on") & Q(reassessment=Reassessment.CHANGED)
        ),
        "forwarded": Count("id", filter=within("forwarded_on")),
    }
    # Ankestyrelsen's outcomes under keys of their own: its "changed" is not the
    # municipality's own change at genvurdering.
    for outcome in AnkeOutcome.values:
        counts[f"anke_{outcome}"] = Count(
            "id", filter=within("anke_outcome_on") & Q(anke_outcome=outcome)
        )
    found = Complaint.objects.filter(case__municipality_id__in=ids).aggregate(**counts)
    return Complaints(
        received=found["received"],
        changed_at_reassessment=found["changed"],
        forwarded=found["forwarded"],
        outcomes={o: found[f"anke_{o}"] for o in AnkeOutcome.values},
    )


OTHER_GROUNDS = {
    ComplaintAbout.TERMINATION: ("termination", "Afgørelse om ophør"),
    ComplaintAbout.CHANGE: ("change", "Afgørelse om ændring"),
}
GRANT_GROUND = ("grant", "Bevilling (klagen gælder omfang eller tilbud)")
NO_CRITERION = ("individual", "Afslag uden uopfyldt kriterie (konkret, individuel vurdering)")


def _appeals(ids: list[str], year: int) -> tuple[list[AppealGround], dict[str, int]]:
    """Ankestyrelsen's decisions received this year, per ground of the decision appealed.

    The ground is read from the decision's own evaluation, frozen the day it was made
    (``Decision.evaluation``: ``eligibility.criteria`` with ``met`` false), never from
    today's standard: a criterion since removed still shows what the decision rested on.
    A refusal that rested on several unmet criteria is counted once under each of them (a
    manager asks of each criterion whether it holds); ``appeal_totals`` counts each
    decision of Ankestyrelsen once. Only the criteria column is read, not the whole
    evaluation with its explanations.
    """
    rows = (
        Complaint.objects.filter(
            case__municipality_id__in=ids,
            anke_outcome_on__gte=date(year, 1, 1),
            anke_outcome_on__lte=date(year, 12, 31),
        )
        .exclude(anke_outcome="")
        .order_by()
        .values_list(
            "anke_outcome",
            "about",
            "decision__outcome",
            "decision__evaluation__eligibility__criteria",
        )
    )
    grounds: dict[str, AppealGround] = {}
    totals: Counter[str] = Counter()

    def count(key: str, label: str, source: str, kind: str, outcome: str) -> None:
        ground = grounds.setdefault(key, AppealGround(key, label, source, kind, {}))
        ground.outcomes[outcome] = ground.outcomes.get(outcome, 0) + 1

    for outcome, about, decided, criteria in rows:
        totals[outcome] += 1
        if about in OTHER_GROUNDS:
            count(*OTHER_GROUNDS[about], "", "other", outcome)
        elif decided != Outcome.REFUSAL:
            count(*GRANT_GROUND, "", "other", outcome)
        else:
            unmet = [k for k in criteria or [] if isinstance(k, dict) and k.get("met") is False]
            if not unmet:
                count(*NO_CRITERION, "", "other", outcome)
            for k in unmet:
                count(
                    str(k.get("id", "")),
                    str(k.get("label", k.get("id", ""))),
                    str(k.get("source", "")),
                    str(k.get("kind", "legal")),
                    outcome,
                )
    ordered = sorted(grounds.values(), key=lambda g: (g.kind == "other", -g.not_upheld, -g.total))
    return ordered, {o: totals.get(o, 0) for o in AnkeOutcome.values}

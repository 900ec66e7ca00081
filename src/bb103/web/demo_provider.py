"""Demo data for the provider's pages (issue 6): attendance for the last weeks, a start
wage and a pedagogical plan for each running placement at the demo provider users'
providers, all through the services. The lead calls ``seed_provider_demo`` from
``load_demo`` after the cases are made. Idempotent: attendance is upserted, and a wage or
plan is only made where the placement has none."""

from contextlib import suppress
from datetime import date, timedelta
from decimal import Decimal

from bb103.cases import selectors, services
from bb103.cases.errors import CaseError
from bb103.cases.models import Membership, Role
from bb103.cases.selectors.provider_work import week_start

# A varied but mostly normal week pattern, cycled over citizens and days.
_PATTERN = ["present"] * 17 + ["sick", "notified_absence", "unnotified_absence"]


def seed_provider_demo(*, today: date, weeks: int = 4) -> int:
    """Register ``weeks`` full weeks before ``today``'s week for every demo provider user's
    workshops; returns the number of days registered."""
    saved = 0
    memberships = Membership.objects.filter(role=Role.PROVIDER_STAFF).select_related("user")
    for membership in memberships.order_by("pk"):
        user = membership.user
        start = selectors.provider_start_for_user(user=user, today=today, audit=False)
        first = week_start(today) - timedelta(weeks=weeks)
        for offer in start.offers:
            entries = []
            for i, placement in enumerate(offer.running):
                _first_wage_and_plan(user, placement, today)
                grid_days = [first + timedelta(d) for d in range(weeks * 7)]
                for j, day in enumerate(d for d in grid_days if d < today):
                    entries.append((placement, day, _PATTERN[(i * 7 + j) % len(_PATTERN)]))
            saved += _record(user, offer, entries, first, today)
    return saved


def _record(user, offer, entries, first: date, today: date) -> int:
    # Only the planned days: the week grid knows them, so read it week by week.
    wanted = {(p.pk, day): status for p, day, status in entries}
    chosen = []
    monday = first
    while monday < week_start(today):
        grid = selectors.attendance_week_for_user(
            user=user, offer_id=offer.pk, monday=monday, today=today, audit=False
        )
        for placement, cell in grid.editable_cells():
            status = wanted.get((placement.pk, cell.day))
            if status is not None:
                chosen.append(services.AttendanceEntry(placement.pk, cell.day, status))
        monday += timedelta(7)
    if not chosen:
        return 0
    try:
        return services.attendance_record(user=user, offer=offer, entries=chosen).saved
    except CaseError:
        return 0  # e.g. a month already approved: the demo leaves it as it is


def _first_wage_and_plan(user, placement, today: date) -> None:
    if not placement.wages.exists():
        terms = selectors.wage_terms_for_placement(placement=placement, on=placement.start_on)
        if terms is not None:
            basis = "by_effort"  # allowed by every shipped standard
            kwargs = (
                {"rate_pct": terms.start_rate_pct or terms.rates_pct[0]}
                if terms.rates_pct
                else {"hourly_amount": max(terms.floor_hourly, Decimal("15.00"))}
            )
            # No minimum wage on the start day (before the law file's first): none is set.
            with suppress(CaseError):
                services.wage_set(
                    user=user,
                    placement=placement,
                    valid_from=placement.start_on,
                    basis=basis,
                    note="Startløn (demo).",
                    **kwargs,
                )
    if not placement.pedagogical_plans.exists():
        services.pedagogical_plan_record(
            user=user,
            placement=placement,
            goals="Stabilt fremmøde og faste opgaver i værkstedet.",
            methods="Fast kontaktperson, korte instruktioner og en makker ved nye opgaver.",
            work_tasks="Montage og pakning.",
        )

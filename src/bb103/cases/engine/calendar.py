"""Working days, planned days and calendar months by the engine's calendar: Danish public
holidays and the closing days of the municipality's standard in force (domain.md, "Dates
and deadlines"). A day on which no standard is in force has no calendar: asking for one is
a CaseError naming the municipality and the day, never a count without closing days."""

from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from bb103.cases.engine.policy import policy_on
from bb103.cases.models import Placement
from bb103.rules.calendar import calendar_for
from bb103.rules.dates import add_months, parse_iso_month


# A pure function of its arguments and the shipped policy files (themselves loaded once):
# cached, because the sweep asks the same questions for thousands of placements.
@lru_cache(maxsize=4096)
def working_days_after(municipality: str, start: date, count: int) -> date:
    """``count`` working days after ``start`` by the municipality's calendar (Danish public
    holidays and its closing days, from the standard in force on ``start``)."""
    return _calendar_on(municipality, start).add_working_days(start, count)


def working_days_left(municipality: str, *, today: date, due: date) -> int:
    """Working days from today to ``due`` under the municipality's calendar (0 on the day
    itself; negative when overdue, counted in calendar days then, as a reader would)."""
    if due < today:
        return (due - today).days
    calendar = _calendar_on(municipality, today)
    count, day = 0, today
    while day < due and count < 100:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
    return count


def planned_days(placement: Placement, first: date, last: date) -> list[date]:
    """The days from ``first`` to ``last`` (both included) the citizen is expected at work:
    the placement's weekdays, while it runs, that are working days in the municipality's
    calendar. Public holidays and the municipality's closing days are not planned days.
    ``placement.case`` must be loaded (one query if it is not)."""
    municipality = placement.case.municipality_id
    start = max(first, placement.start_on)
    end = last if placement.ended_on is None else min(last, placement.ended_on)
    weekdays = {int(c) for c in placement.weekdays}
    days = []
    day = start
    while day <= end:
        if day.isoweekday() in weekdays and _calendar_on(municipality, day).is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def is_working_day(municipality: str, day: date) -> bool:
    """Whether ``day`` is a working day in the municipality's calendar (no public holiday,
    no closing day of its standard). No query."""
    return bool(_calendar_on(municipality, day).is_working_day(day))


@lru_cache(maxsize=4096)
def _calendar_on(municipality: str, day: date) -> Any:
    """The calendar by the closing days of the standard in force on ``day`` itself (not on
    1 January: a standard that comes into force during a year has no closing days before
    that). A CaseError where no standard is in force that day."""
    return calendar_for(policy_on(municipality, day).value("closing_days"))


def month_from_iso(text: str) -> date:
    """A strict ``YYYY-MM`` month as its first day, by the engine's own parser (the one
    ``bb103 settle`` uses). Raises ValueError."""
    return parse_iso_month(text)


def months_after(start: date, months: int) -> date:
    """``start`` plus calendar months by the engine's own date rule (31/1 + 1 = 28/2);
    negative months go back."""
    return add_months(start, months)

"""The Danish working-day calendar and deadline arithmetic.

A working day is Monday to Friday, except Danish public holidays (the ``holidays`` package's
DK public calendar) and the administration's closing days (5 June, 24 and 31 December by
default, set in the law data and overridable per municipality).
"""

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=512)
def _public_holidays(year: int) -> frozenset[date]:
    # Imported on first use: loading the package's calendars is a good part of start-up,
    # and a population run does it on a thread while the file is being parsed.
    import holidays

    return frozenset(holidays.country_holidays("DK", years=year, categories=("public",)).keys())


class WorkingDayCalendar:
    """Working days for one set of closing days. Instances are cached by :func:`calendar_for`."""

    def __init__(self, closing_days: tuple[tuple[int, int], ...]) -> None:
        self.closing_days = closing_days
        self._closed_by_year: dict[int, frozenset[date]] = {}
        self._working_by_year: dict[int, list[date]] = {}

    def closed_days(self, year: int) -> frozenset[date]:
        """Public holidays and closing days of ``year`` (weekends not included)."""
        days = self._closed_by_year.get(year)
        if days is None:
            closing = {date(year, month, day) for month, day in self.closing_days}
            days = _public_holidays(year) | frozenset(closing)
            self._closed_by_year[year] = days
        return days

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closed_days(day.year)

    def roll_forward(self, day: date) -> date:
        """The day itself if it is a working day, else the next working day."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days(self, year: int) -> list[date]:
        """The working days of ``year``, in order."""
        days = self._working_by_year.get(year)
        if days is None:
            first = date(year, 1, 1)
            every = (first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days))
            days = [day for day in every if self.is_working_day(day)]
            self._working_by_year[year] = days
        return days

    def add_working_days(self, start: date, count: int) -> date:
        """Count ``count`` working days after ``start`` (the start day itself is not counted)."""
        if count <= 0:
            return start
        year = start.year
        days = self.working_days(year)
        index = bisect_right(days, start) + count - 1
        while index >= len(days):
            index -= len(days)
            year += 1
            days = self.working_days(year)
        return days[index]

    def add_days_rolled(self, start: date, days: int) -> date:
        """Add calendar days; a result that is not a working day moves to the next one."""
        return self.roll_forward(start + timedelta(days=days))

    def closed_days_between(self, first: date, last: date) -> Iterable[date]:
        for year in range(first.year, last.year + 1):
            yield from sorted(d for d in self.closed_days(year) if first <= d <= last)


@lru_cache(maxsize=64)
def calendar_for(closing_days: tuple[tuple[int, int], ...]) -> WorkingDayCalendar:
    return WorkingDayCalendar(closing_days)

"""Calendar arithmetic on plain dates: years, months, and the leap-day convention."""

import calendar
import re
from datetime import date

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")

# Inputs outside this range cannot be real § 103 dates and would risk overflow in arithmetic.
MIN_YEAR = 1800
MAX_YEAR = 2300


def parse_iso_date(text: str) -> date:
    """Parse a strict ``YYYY-MM-DD`` date. Raises ValueError with a readable reason."""
    if not _ISO_DATE.match(text):
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD")
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a valid date") from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"{text} is outside the supported years {MIN_YEAR}-{MAX_YEAR}")
    return value


def parse_iso_month(text: str) -> date:
    """Parse a strict ``YYYY-MM`` month into its first day. Raises ValueError."""
    if not _ISO_MONTH.fullmatch(text):
        raise ValueError(f"{text!r} is not a month in the form YYYY-MM")
    return parse_iso_date(f"{text}-01")


def add_months(start: date, months: int) -> date:
    """Add calendar months, keeping the day or taking the month's last day (31/1 + 3 = 30/4)."""
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(start.day, last))


def add_years(start: date, years: int, leap_day_birthday: tuple[int, int]) -> date:
    """The date a person born on ``start`` turns ``years`` older.

    ``leap_day_birthday`` is the (month, day) a 29 February birthday falls on in a common
    year; the law data sets it (the project's convention: 1 March).
    """
    year = start.year + years
    if start.month == 2 and start.day == 29 and not calendar.isleap(year):
        month, day = leap_day_birthday
        return date(year, month, day)
    return start.replace(year=year)


DANISH_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def format_month_da(value: date) -> str:
    """A date's month as a Danish reader writes it: ``december 2026``."""
    return f"{DANISH_MONTHS[value.month - 1]} {value.year}"


def format_da(value: date) -> str:
    """A date as a Danish reader writes it: ``14. december 2026``."""
    return f"{value.day}. {DANISH_MONTHS[value.month - 1]} {value.year}"

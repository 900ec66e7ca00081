"""The vectorised operations backend: the rule formulas of :mod:`bb103.rules.formulas`, run
over columns instead of one case.

It implements the same methods as :class:`bb103.rules.ops.ScalarOps`, with these stand-ins:
three-valued facts are ``int8`` codes (``FALSE3`` < ``UNKNOWN3`` < ``TRUE3``, so OR is a
maximum), dates are ``datetime64[D]`` with ``NaT`` as unknown, money is :class:`Fixed`
(exact integers), and working days come from ``np.busday_offset`` over the very closing days
of the single-case calendar. Parameters stay scalars: the executor calls a formula once per
distinct value of its parameters, over the rows that have that value
(:mod:`bb103.population.execute`).
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from bb103.population.frame import FALSE3, OUTCOMES, TRUE3, UNKNOWN3, Codes, Dates, Fixed
from bb103.rules.calendar import WorkingDayCalendar
from bb103.rules.dates import MAX_YEAR, MIN_YEAR
from bb103.rules.policy.values import PensionCohort, Period

NAT = np.datetime64("NaT", "D")
# Outcomes travel as their index into OUTCOMES (cheaper than arrays of text).
_OUTCOME_CODE = {name: np.int8(i) for i, name in enumerate(OUTCOMES)}
_CODE = {True: TRUE3, False: FALSE3, None: UNKNOWN3}
_INT64_LIMIT = 2**62  # headroom below int64's range for fixed-point products


def _day(value: date) -> np.datetime64:
    return np.datetime64(value, "D")


class VectorOps:
    """Operations over ``n`` rows."""

    def __init__(self, n: int) -> None:
        self.n = n

    # --- three-valued logic -------------------------------------------------------------
    def or3(self, a: Codes, b: Codes) -> Codes:
        return np.maximum(a, b)

    def not3(self, a: Codes) -> Codes:
        return (TRUE3 - a).astype(np.int8)

    def in3(self, value: npt.NDArray[np.int8], members: tuple[int, ...]) -> Codes:
        met = np.where(np.isin(value, members), TRUE3, FALSE3)
        return np.where(value < 0, UNKNOWN3, met).astype(np.int8)

    def any_is(self, values: Sequence[Codes], target: bool | None) -> npt.NDArray[np.bool_]:
        code = _CODE[target]
        found = np.zeros(self.n, dtype=bool)
        for v in values:
            found |= v == code
        return found

    def any_not_true(self, values: Sequence[Codes]) -> npt.NDArray[np.bool_]:
        found = np.zeros(self.n, dtype=bool)
        for v in values:
            found |= v != TRUE3
        return found

    def either(self, a: npt.NDArray[np.bool_], b: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        return a | b

    def select(self, condition: npt.NDArray[np.bool_], if_true: Any, if_false: Any) -> Any:
        def code(value: Any) -> Any:
            return _OUTCOME_CODE[value] if isinstance(value, str) else value

        return np.where(condition, code(if_true), code(if_false))

    def lookup(
        self, value: npt.NDArray[np.str_], mapping: Mapping[str, Any], missing: Any, null: Any
    ) -> npt.NDArray[np.int16]:
        """Small integers by text; ``None`` becomes -1 (unknown)."""
        out = np.full(self.n, -1 if missing is None else missing, dtype=np.int16)
        for key, result in mapping.items():
            out[value == key] = -1 if result is None else result
        out[value == ""] = -1 if null is None else null
        return out

    def coalesce(self, a: Dates, b: Dates) -> Dates:
        return np.where(np.isnat(a), b, a)

    # --- dates ---------------------------------------------------------------------------
    def _compare(self, known: npt.NDArray[np.bool_], holds: npt.NDArray[np.bool_]) -> Codes:
        return np.where(known, np.where(holds, TRUE3, FALSE3), UNKNOWN3).astype(np.int8)

    def date_le(self, a: Dates | date, b: Dates | date) -> Codes:
        a_, b_ = self._dates(a), self._dates(b)
        return self._compare(~(np.isnat(a_) | np.isnat(b_)), a_ <= b_)

    def date_lt(self, a: Dates | date, b: Dates | date) -> Codes:
        a_, b_ = self._dates(a), self._dates(b)
        return self._compare(~(np.isnat(a_) | np.isnat(b_)), a_ < b_)

    def _dates(self, value: Dates | date) -> Dates:
        if isinstance(value, date):
            return np.full(self.n, _day(value))
        return value

    def add_months(self, start: Dates, months: Any) -> Dates:
        """Calendar months, keeping the day or taking the month's last day."""
        if months is None:
            return np.full(self.n, NAT)
        month, day0, known = _split(start)
        return _join(month + np.asarray(months, dtype=np.int64), day0, known)

    def add_years(self, start: Dates, years: Any, leap_day: tuple[int, int]) -> Dates:
        """Whole years; a 29 February start lands on ``leap_day`` in a common year."""
        if years is None:
            return np.full(self.n, NAT)
        month, day0, known = _split(start)
        target = month + np.asarray(years, dtype=np.int64) * 12
        moved = _join(target, day0, known)
        # The tables start in January, so month % 12 == 1 is February; day 28 counted from 0
        # is the 29th. Few are born on it: look at just those rows.
        born_29_feb = np.flatnonzero((day0 == 28) & (month % 12 == 1) & known)
        if born_29_feb.size:
            _, _, first_day = _tables()
            landing = target[born_29_feb] if target.ndim else np.full(born_29_feb.size, target)
            common_year = first_day[landing + 1] - first_day[landing] == 28
            rows, landing = born_29_feb[common_year], landing[common_year]
            if rows.size:
                leap_month, leap_dom = leap_day
                year_start = landing - landing % 12
                moved[rows] = first_day[year_start + leap_month - 1] + leap_dom - 1
        return moved

    def cohort(
        self, birth: Dates, table: Sequence[PensionCohort]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Years and months of folkepensionsalder by birth cohort (the table tiles all dates)."""
        starts = np.array([row.born_from for row in table[1:]], dtype="datetime64[D]")
        index = np.searchsorted(starts, birth, side="right")
        years = np.array([row.years for row in table], dtype=np.int64)
        months = np.array([row.months for row in table], dtype=np.int64)
        return years[index], months[index]

    def add_period(
        self, start: Dates, period: Period | None, calendar: WorkingDayCalendar
    ) -> Dates:
        if period is None:
            return np.full(self.n, NAT)
        if period.unit == "months":
            return self.add_months(start, period.amount)
        days = _busdays(calendar, *_year_span(start))
        if period.unit == "working_days":
            # Rolling a non-working start back first counts the working days *after* it.
            return np.busday_offset(start, period.amount, roll="backward", busdaycal=days)
        calendar_days = period.calendar_days()
        assert calendar_days is not None
        return np.busday_offset(start + calendar_days, 0, roll="forward", busdaycal=days)

    # --- money -----------------------------------------------------------------------------
    def _fixed(self, value: Fixed | Decimal | int | None) -> Fixed:
        if isinstance(value, Fixed):
            return value
        if value is None:
            return Fixed(np.zeros(self.n, np.int64), 0, np.ones(self.n, bool))
        exponent = Decimal(value).as_tuple().exponent
        scale = max(0, -exponent) if isinstance(exponent, int) else 0
        unscaled = int(Decimal(value).scaleb(scale))
        return Fixed(np.full(self.n, unscaled, np.int64), scale, np.zeros(self.n, bool))

    def mul(self, *factors: Fixed | Decimal | int | None) -> Fixed:
        parts = [self._fixed(f) for f in factors]
        bound = 1.0
        for p in parts:
            bound *= float(np.abs(p.values).max(initial=0)) or 1.0
        if bound >= _INT64_LIMIT:
            raise OverflowError("fixed-point product out of range; inputs exceed their bounds")
        values = np.ones(self.n, np.int64)
        null = np.zeros(self.n, bool)
        for p in parts:
            values = values * p.values
            null = null | p.null
        return Fixed(np.where(null, 0, values), sum(p.scale for p in parts), null)

    def _align(self, a: Fixed, b: Fixed) -> tuple[Fixed, Fixed]:
        scale = max(a.scale, b.scale)
        return _rescale(a, scale), _rescale(b, scale)

    def minimum(self, a: Fixed | Decimal | None, b: Fixed | Decimal | None) -> Fixed:
        x, y = self._align(self._fixed(a), self._fixed(b))
        null = x.null | y.null
        return Fixed(np.where(null, 0, np.minimum(x.values, y.values)), x.scale, null)

    def min_present(self, a: Fixed | None, b: Fixed | None) -> Fixed:
        """The smaller of the known values (a missing cap does not limit)."""
        x, y = self._align(self._fixed(a), self._fixed(b))
        smaller = np.minimum(x.values, y.values)
        values = np.where(x.null, y.values, np.where(y.null, x.values, smaller))
        return Fixed(values, x.scale, x.null & y.null)

    def pct_of(self, amount: Fixed | None, pct: Decimal | int | None) -> Fixed:
        if pct is None:
            return self._fixed(None)
        product = self.mul(amount, pct)
        # Dividing by 100 is exact in fixed point: two more decimals.
        return Fixed(product.values, product.scale + 2, product.null)

    def round_money(self, amount: Fixed | None) -> Fixed:
        """Half up (away from zero on a half, as Decimal's ROUND_HALF_UP) to øre."""
        x = self._fixed(amount)
        if x.scale <= 2:
            return _rescale(x, 2)
        q = 10 ** (x.scale - 2)
        rounded = np.sign(x.values) * ((np.abs(x.values) + q // 2) // q)
        return Fixed(rounded.astype(np.int64), 2, x.null)

    def sub(self, a: Fixed, b: Fixed) -> Fixed:
        x, y = self._align(a, b)
        null = x.null | y.null
        return Fixed(np.where(null, 0, x.values - y.values), x.scale, null)


# Calendar arithmetic by table lookup: numpy's datetime unit conversions cost ~40 ms per
# million dates each, a lookup a few. The tables span the years the engine accepts.
_FIRST_DAY = np.datetime64(f"{MIN_YEAR}-01-01", "D")
_FIRST_MONTH = np.datetime64(f"{MIN_YEAR}-01", "M")


@lru_cache(maxsize=1)
def _tables() -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Per day since the first day: month index and 0-based day of month; per month index:
    its first day (days since 1970), one month past the end included."""
    days = np.arange(_FIRST_DAY, np.datetime64(f"{MAX_YEAR + 1}-01-01", "D"))
    months = days.astype("datetime64[M]")
    month_of_day = (months - _FIRST_MONTH).astype(np.int64)
    day_of_month = (days - months.astype("datetime64[D]")).astype(np.int64)
    all_months = np.arange(_FIRST_MONTH, np.datetime64(f"{MAX_YEAR + 2}-01", "M"))
    first_day = all_months.astype("datetime64[D]").view(np.int64)
    return month_of_day, day_of_month, first_day


def _split(
    start: Dates,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Month index (months since the tables' first month), 0-based day of month, known."""
    month_of_day, day_of_month, _ = _tables()
    known = ~np.isnat(start)
    offset = (start - _FIRST_DAY).view(np.int64)
    if not known.all():
        offset = np.where(known, offset, 0)
    return month_of_day[offset], day_of_month[offset], known


def _join(
    month: npt.NDArray[np.int64], day0: npt.NDArray[np.int64], known: npt.NDArray[np.bool_]
) -> Dates:
    """The date ``day0`` days into ``month``, clamped to the month's last day."""
    _, _, first_day = _tables()
    every = bool(known.all())
    safe = month if every else np.where(known, month, 0)
    if safe.size and (safe.min() < 0 or safe.max() >= len(first_day) - 1):
        raise ValueError(f"a date falls outside the years {MIN_YEAR}-{MAX_YEAR}")
    days = np.minimum(day0, _last_day0()[safe])
    days += first_day[safe]
    dates = days.view("datetime64[D]")
    return dates if every else np.where(known, dates, NAT)


@lru_cache(maxsize=1)
def _last_day0() -> npt.NDArray[np.int64]:
    """Per month index: the 0-based day of its last day (27 to 30)."""
    first_day = _tables()[2]
    return np.diff(first_day) - 1


def _rescale(x: Fixed, scale: int) -> Fixed:
    if scale < x.scale:
        raise ValueError("rescaling down would lose decimals")
    if scale == x.scale:
        return x
    return Fixed(x.values * 10 ** (scale - x.scale), scale, x.null)


def _year_span(start: Dates) -> tuple[int, int]:
    known = start[~np.isnat(start)]
    if known.size == 0:
        return 2000, 2000
    years = known.astype("datetime64[Y]").astype(np.int64) + 1970
    # Deadlines reach at most a few months past the start; one year more is ample.
    return int(years.min()), int(years.max()) + 1


@lru_cache(maxsize=64)
def _busdays_for(calendar: WorkingDayCalendar, first: int, last: int) -> np.busdaycalendar:
    closed = sorted(day for year in range(first, last + 1) for day in calendar.closed_days(year))
    return np.busdaycalendar(weekmask="1111100", holidays=np.array(closed, dtype="datetime64[D]"))


def warm_up(calendar: WorkingDayCalendar | None = None, near: date | None = None) -> None:
    """Build the date tables, and the working days of ``calendar`` in the decade of
    ``near``, before they are needed."""
    _tables()
    _last_day0()
    if calendar is not None and near is not None:
        _busdays(calendar, near.year - 1, near.year)


def _busdays(calendar: WorkingDayCalendar, first: int, last: int) -> np.busdaycalendar:
    # Round the span out to decades so that nearby populations share one calendar object.
    return _busdays_for(calendar, first - first % 10, last - last % 10 + 10)

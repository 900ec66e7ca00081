"""The scalar operations backend: one case, exact ``Decimal`` money, ``None`` as unknown.

The rule formulas (:mod:`bb103.rules.formulas`) only compute through an operations backend.
This one works on Python scalars; a vectorised backend implements the same methods over
columns (see ``docs/engine.md``), so both executors run the very same rule definitions.

Three-valued logic: ``True``, ``False`` and ``None`` (not yet clarified). Every operation
propagates ``None`` unless its definition says otherwise.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Context, Decimal
from typing import Any, TypeVar

from bb103.rules import dates
from bb103.rules.calendar import WorkingDayCalendar
from bb103.rules.policy.values import PensionCohort, Period

T = TypeVar("T")

_ORE = Decimal("0.01")
_HUNDRED = Decimal(100)
# Inputs are bounded in size and decimals (scenario.py), so this precision keeps products exact.
_EXACT = Context(prec=80)


class ScalarOps:
    # --- three-valued logic -------------------------------------------------------------
    @staticmethod
    def or3(a: bool | None, b: bool | None) -> bool | None:
        if a is True or b is True:
            return True
        if a is False and b is False:
            return False
        return None

    @staticmethod
    def not3(a: bool | None) -> bool | None:
        return None if a is None else not a

    @staticmethod
    def in3(value: int | None, members: tuple[int, ...]) -> bool | None:
        return None if value is None else value in members

    @staticmethod
    def any_is(values: Sequence[bool | None], target: bool | None) -> bool:
        return any(v is target for v in values)

    @staticmethod
    def any_not_true(values: Sequence[bool | None]) -> bool:
        return any(v is not True for v in values)

    @staticmethod
    def either(a: bool, b: bool) -> bool:
        return a or b

    @staticmethod
    def select(condition: bool, if_true: T, if_false: T) -> T:
        return if_true if condition else if_false

    @staticmethod
    def lookup(value: str | None, mapping: Mapping[str, Any], missing: Any, null: Any) -> Any:
        if value is None:
            return null
        return mapping.get(value, missing)

    @staticmethod
    def coalesce(a: T | None, b: T | None) -> T | None:
        return b if a is None else a

    # --- dates ---------------------------------------------------------------------------
    @staticmethod
    def date_le(a: date | None, b: date | None) -> bool | None:
        return None if a is None or b is None else a <= b

    @staticmethod
    def date_lt(a: date | None, b: date | None) -> bool | None:
        return None if a is None or b is None else a < b

    @staticmethod
    def add_years(start: date | None, years: int | None, leap_day: tuple[int, int]) -> date | None:
        if start is None or years is None:
            return None
        return dates.add_years(start, years, leap_day)

    @staticmethod
    def add_months(start: date | None, months: int | None) -> date | None:
        return None if start is None or months is None else dates.add_months(start, months)

    @staticmethod
    def cohort(
        birth: date | None, table: Sequence[PensionCohort]
    ) -> tuple[int, int] | tuple[None, None]:
        if birth is None:
            return None, None
        for row in table:
            if (row.born_from is None or row.born_from <= birth) and (
                row.born_to is None or birth <= row.born_to
            ):
                return row.years, row.months
        raise AssertionError("the pension table is validated to cover every birth date")

    @staticmethod
    def add_period(
        start: date | None, period: Period | None, calendar: WorkingDayCalendar
    ) -> date | None:
        """A deadline: working days counted, or calendar days rolled to a working day."""
        if start is None or period is None:
            return None
        if period.unit == "working_days":
            return calendar.add_working_days(start, period.amount)
        if period.unit == "months":
            return dates.add_months(start, period.amount)
        days = period.calendar_days()
        assert days is not None
        return calendar.add_days_rolled(start, days)

    # --- money -----------------------------------------------------------------------------
    @staticmethod
    def mul(*factors: Decimal | int | None) -> Decimal | None:
        if any(f is None for f in factors):
            return None
        result = Decimal(1)
        for factor in factors:
            result = _EXACT.multiply(result, Decimal(factor))  # type: ignore[arg-type]
        return result

    @staticmethod
    def minimum(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None else min(a, b)

    @staticmethod
    def min_present(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        """The smaller of the known values (a missing cap does not limit)."""
        if a is None:
            return b
        if b is None:
            return a
        return min(a, b)

    @staticmethod
    def pct_of(amount: Decimal | None, pct: Decimal | None) -> Decimal | None:
        if amount is None or pct is None:
            return None
        return _EXACT.divide(_EXACT.multiply(amount, pct), _HUNDRED)

    @staticmethod
    def round_money(amount: Decimal | None) -> Decimal | None:
        return None if amount is None else amount.quantize(_ORE, rounding=ROUND_HALF_UP)

    @staticmethod
    def round_money_up(amount: Decimal | None) -> Decimal | None:
        """Up to whole øre: a minimum paid in øre must never fall below the exact minimum."""
        return None if amount is None else amount.quantize(_ORE, rounding=ROUND_CEILING)

    @staticmethod
    def sub(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None else a - b


SCALAR = ScalarOps()

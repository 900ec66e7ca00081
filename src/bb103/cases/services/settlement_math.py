"""The monthly settlement's arithmetic over plain values (no database).

Money is ``Decimal`` throughout and rounded half up to øre only where an amount is final:
the gross wage, the tax, the provider's amount. The transport split is the engine's
(``engine.transport.transport_for_month``); this module only feeds it the month's figures.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bb103.cases.engine.formatting import danish_kr, danish_num

ORE = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)

# AttendanceStatus values (bb103.cases.models.attendance); plain strings keep this module pure.
PRESENT = "present"
SICK = "sick"
NOTIFIED_ABSENCE = "notified_absence"
UNNOTIFIED_ABSENCE = "unnotified_absence"


def round_money(amount: Decimal) -> Decimal:
    """Half up to øre (the house rule, and what payroll does)."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


# The engine's Danish forms (``1.120,50 kr.``, ``6,9925``), so explanations read alike.
kr = danish_kr
num = danish_num


def month_bounds(month: date) -> tuple[date, date]:
    """The first and last day of ``month``'s month."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


@dataclass(frozen=True)
class DayRecord:
    """One attendance registration: the day, its status and the hours if they differ."""

    day: date
    status: str
    hours: Decimal | None = None


@dataclass(frozen=True)
class DayCounts:
    present: int
    sick: int
    notified_absence: int
    unnotified_absence: int
    unregistered: int
    # Registrations on days that were not planned (counted all the same: the citizen came).
    unplanned: tuple[date, ...]
    # The days present with the hours worked on each.
    present_hours: tuple[tuple[date, Decimal], ...]


def day_counts(
    planned: Iterable[date], records: Iterable[DayRecord], hours_per_day: Decimal
) -> DayCounts:
    """Attendance counted by status. A planned day with no registration is counted as
    unregistered: it is neither paid nor taken as present. A present day's hours are the
    registered hours, or the placement's hours per day."""
    planned_set = set(planned)
    by_status = {PRESENT: 0, SICK: 0, NOTIFIED_ABSENCE: 0, UNNOTIFIED_ABSENCE: 0}
    registered: set[date] = set()
    unplanned: list[date] = []
    hours: list[tuple[date, Decimal]] = []
    for record in sorted(records, key=lambda r: r.day):
        registered.add(record.day)
        by_status[record.status] += 1
        if record.day not in planned_set:
            unplanned.append(record.day)
        if record.status == PRESENT:
            hours.append((record.day, hours_per_day if record.hours is None else record.hours))
    return DayCounts(
        present=by_status[PRESENT],
        sick=by_status[SICK],
        notified_absence=by_status[NOTIFIED_ABSENCE],
        unnotified_absence=by_status[UNNOTIFIED_ABSENCE],
        unregistered=len(planned_set - registered),
        unplanned=tuple(unplanned),
        present_hours=tuple(hours),
    )


@dataclass(frozen=True)
class HourlyRate:
    """The hourly wage in force on a day as it is paid (whole øre), with how it came about."""

    amount: Decimal
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class WageResult:
    hours: Decimal
    gross: Decimal  # rounded to øre
    # Each distinct rate used, in order, with the hours paid at it.
    rates: tuple[tuple[HourlyRate, Decimal], ...]
    days_without_wage: tuple[date, ...]

    @property
    def single_rate(self) -> Decimal | None:
        """The hourly wage when one rate applied all month, else None."""
        return self.rates[0][0].amount if len(self.rates) == 1 else None


def wage(
    present_hours: Iterable[tuple[date, Decimal]], rate_on: Callable[[date], HourlyRate | None]
) -> WageResult:
    """Gross = Σ hours × the hourly wage in force that day, exact, rounded once at the end.
    A present day with no wage in force is paid nothing and named."""
    total_hours = ZERO
    gross = ZERO
    rates: dict[HourlyRate, Decimal] = {}
    missing: list[date] = []
    for day, hours in present_hours:
        total_hours += hours
        rate = rate_on(day)
        if rate is None:
            missing.append(day)
            continue
        gross += hours * rate.amount
        rates[rate] = rates.get(rate, ZERO) + hours
    return WageResult(total_hours, round_money(gross), tuple(rates.items()), tuple(missing))


@dataclass(frozen=True)
class TaxTerms:
    """The tax card in force: withholding rate (%) and the monthly deduction (kr.)."""

    withholding_pct: Decimal
    monthly_deduction: Decimal
    source: str = ""


def tax(gross: Decimal, terms: TaxTerms | None) -> tuple[Decimal, Decimal]:
    """A-skat and net earnings: withholding % × max(0, gross − monthly deduction), half up
    to øre; net = gross − tax. No tax card: nothing withheld (the caller warns)."""
    if terms is None:
        return ZERO, gross
    taxable = max(ZERO, gross - terms.monthly_deduction)
    withheld = round_money(taxable * terms.withholding_pct / HUNDRED)
    return withheld, gross - withheld


@dataclass(frozen=True)
class Price:
    """The offer's price (takst) in force on a day: ``unit`` is "day" or "month"."""

    unit: str
    amount: Decimal


@dataclass(frozen=True)
class ProviderAmount:
    amount: Decimal  # rounded to øre
    day_price_days: int
    month_price_days: int
    days_without_price: int = 0
    prices: tuple[Price, ...] = field(default_factory=tuple)


def provider_amount(
    *,
    month: date,
    runs_from: date,
    runs_to: date,
    planned: Iterable[date],
    price_on: Callable[[date], Price | None],
) -> ProviderAmount:
    """What the municipality owes the provider for the placement's month, day by day with
    the price in force that day: a day price for every planned day (the place is held
    whether or not the citizen came); a month price in the share of the month's calendar
    days the placement ran (``runs_from``..``runs_to``, already clipped to the month)."""
    first, last = month_bounds(month)
    days_in_month = Decimal((last - first).days + 1)
    planned_set = set(planned)
    total = ZERO
    day_days = month_days = missing = 0
    used: dict[Price, None] = {}
    day = runs_from
    while day <= runs_to:
        price = price_on(day)
        if price is None:
            missing += day in planned_set
        elif price.unit == "month":
            total += price.amount / days_in_month
            month_days += 1
            used[price] = None
        elif day in planned_set:
            total += price.amount
            day_days += 1
            used[price] = None
        day += timedelta(days=1)
    return ProviderAmount(round_money(total), day_days, month_days, missing, tuple(used))

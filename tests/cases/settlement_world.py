"""Placements with attendance, wages, tax cards, transport and prices for the settlement
tests. The placements are made through the services; the provider's rows (attendance,
wages, transport, prices) and the tax card are written with the ORM until their own
services exist. Fictitious people only."""

from datetime import date, timedelta
from decimal import Decimal

from bb103.cases.models import (
    Attendance,
    OfferPrice,
    Placement,
    TaxCard,
    TransportArrangement,
    WageAgreement,
)
from tests.cases.factories import running_placement


def placement_for(staff, citizen_of, *, days: int = 4, weekdays: str = "1234") -> Placement:
    """A case granted and placed on 1 May 2025 at the municipality's offer, on the given
    weekdays, 6 hours a day."""
    return running_placement(staff, citizen_of, days=days, weekdays=weekdays)


def attend(placement, user, days, status="present", hours=None) -> None:
    for day in days:
        Attendance.objects.update_or_create(
            placement=placement,
            day=day,
            defaults={"status": status, "hours": hours, "recorded_by": user},
        )


def hourly_wage(placement, user, amount, since=date(2025, 5, 1)) -> WageAgreement:
    return WageAgreement.objects.create(
        placement=placement,
        valid_from=since,
        basis="hourly_wage",
        hourly_amount=Decimal(amount),
        set_by=user,
    )


def rate_wage(placement, user, pct, since=date(2025, 5, 1)) -> WageAgreement:
    return WageAgreement.objects.create(
        placement=placement,
        valid_from=since,
        basis="arbejdsdusoer",
        rate_pct=Decimal(pct),
        set_by=user,
    )


def tax_card(placement, pct, deduction="0", since=date(2025, 1, 1)) -> TaxCard:
    return TaxCard.objects.create(
        citizen=placement.case.citizen,
        valid_from=since,
        kind="main",
        withholding_pct=Decimal(pct),
        monthly_deduction=Decimal(deduction),
    )


def per_km(placement, km, price, since=date(2025, 5, 1)) -> TransportArrangement:
    return TransportArrangement.objects.create(
        placement=placement,
        valid_from=since,
        mode="per_km",
        means="bus",
        one_way_km=Decimal(km),
        price_per_km=Decimal(price),
    )


def monthly_fare(placement, total, first_10km, since=date(2025, 5, 1)):
    return TransportArrangement.objects.create(
        placement=placement,
        valid_from=since,
        mode="monthly_fare",
        means="månedskort",
        monthly_fare_total=Decimal(total),
        monthly_fare_first_10km=Decimal(first_10km),
    )


def price(offer, unit, amount, since=date(2025, 1, 1)) -> OfferPrice:
    return OfferPrice.objects.create(
        offer=offer, valid_from=since, unit=unit, amount=Decimal(amount)
    )


def weekdays_of(first: date, last: date, weekdays: str = "1234") -> list[date]:
    """Every day from first to last on the weekdays (holidays not removed)."""
    wanted = {int(c) for c in weekdays}
    days, day = [], first
    while day <= last:
        if day.isoweekday() in wanted:
            days.append(day)
        day += timedelta(days=1)
    return days

"""The citizen's transport to the sheltered job at the cheapest means (BEK 483 § 2), as
the caseworker enters it; the monthly settlement reads it."""

from datetime import date
from decimal import Decimal
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.engine.formatting import danish_date
from bb103.cases.engine.transport import transport_terms
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    CaseStatus,
    Placement,
    Role,
    TransportArrangement,
    TransportMode,
    User,
)
from bb103.cases.services.validation import choice

_LABELS = {
    "one_way_km": "Afstand én vej (km)",
    "price_per_km": "Pris pr. km",
    "monthly_fare_total": "Pris for hele turen pr. måned",
}


class TransportSet(CaseAction):
    """The transport from ``valid_from``, as a new row; earlier rows stay, since months
    already settled were settled by them. Per km needs the one-way distance and the price
    per km; a monthly fare needs the month's price for the whole trip and for the first
    10 km (the citizen's part), the latter no more than the former. Amounts the mode does
    not use are not kept. Not a button of the case page: the case's economy block has
    its form."""

    name = "transport_set"
    label = "registrere befordring"
    title = "Registrér befordring"
    affects_deadlines = False
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(CaseStatus.ACTIVE, CaseStatus.TERMINATED)

    def __call__(  # type: ignore[override]
        self, *, user: User, placement: Placement, expected_version: int | None = None, **inputs
    ) -> TransportArrangement:
        return super().__call__(
            user=user,
            case=placement.case,
            expected_version=expected_version,
            placement_id=placement.pk,
            **inputs,
        )

    def clean(self, **inputs: Any) -> dict[str, Any]:
        choice(inputs.get("mode", ""), TransportMode, field="mode", label="Befordringen")
        return inputs

    def perform(
        self,
        step: Step,
        *,
        placement_id: int,
        valid_from: date,
        mode: str,
        means: str = "",
        one_way_km: Decimal | None = None,
        price_per_km: Decimal | None = None,
        monthly_fare_total: Decimal | None = None,
        monthly_fare_first_10km: Decimal | None = None,
    ) -> TransportArrangement:
        one_way_km, price_per_km, monthly_fare_total, monthly_fare_first_10km = _amounts(
            step.case.municipality_id,
            valid_from,
            mode,
            one_way_km,
            price_per_km,
            monthly_fare_total,
            monthly_fare_first_10km,
        )
        locked = Placement.objects.get(pk=placement_id, case=step.case)
        if valid_from < locked.start_on:
            raise CaseError(
                f"Befordringen kan tidligst gælde fra beskæftigelsens start "
                f"({danish_date(locked.start_on)}).",
                field="valid_from",
            )
        if locked.ended_on is not None and valid_from > locked.ended_on:
            raise CaseError(
                f"Beskæftigelsen ophørte {danish_date(locked.ended_on)}; befordringen kan ikke "
                "gælde fra en senere dato.",
                field="valid_from",
            )
        if locked.transport.filter(valid_from=valid_from).exists():
            raise CaseError(
                f"Der er allerede registreret befordring fra {danish_date(valid_from)}. "
                "Registrér ændringen fra en senere dato.",
                field="valid_from",
            )
        row = TransportArrangement.objects.create(
            placement=locked,
            valid_from=valid_from,
            mode=mode,
            means=means.strip(),
            one_way_km=one_way_km,
            price_per_km=price_per_km,
            monthly_fare_total=monthly_fare_total,
            monthly_fare_first_10km=monthly_fare_first_10km,
        )
        step.details = {
            "placement": locked.pk,
            "transport": row.pk,
            "valid_from": valid_from.isoformat(),
            "mode": mode,
        }
        return row


transport_set = TransportSet()


def _amounts(
    municipality: str,
    valid_from: date,
    mode: str,
    one_way_km: Decimal | None,
    price_per_km: Decimal | None,
    monthly_fare_total: Decimal | None,
    monthly_fare_first_10km: Decimal | None,
) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
    """The amounts the mode uses, checked; the others are not kept."""
    if mode == TransportMode.PER_KM:
        one_way_km = _positive(one_way_km, "one_way_km", mode)
        price_per_km = _positive(price_per_km, "price_per_km", mode)
        return one_way_km, price_per_km, None, None
    if mode == TransportMode.MONTHLY_FARE:
        labels = _labels(municipality, valid_from)
        monthly_fare_total = _positive(monthly_fare_total, "monthly_fare_total", mode)
        monthly_fare_first_10km = _not_negative(
            monthly_fare_first_10km, "monthly_fare_first_10km", mode, labels
        )
        if monthly_fare_first_10km > monthly_fare_total:
            raise CaseError(
                f"{labels['monthly_fare_first_10km']} ({monthly_fare_first_10km} kr.) kan ikke "
                f"være større end {_LABELS['monthly_fare_total'].lower()} "
                f"({monthly_fare_total} kr.).",
                field="monthly_fare_first_10km",
            )
        # The distance is kept where it is known: it tells whether the trip is under the
        # citizen's own part.
        if one_way_km is not None:
            one_way_km = _positive(one_way_km, "one_way_km", mode)
        return one_way_km, None, monthly_fare_total, monthly_fare_first_10km
    return None, None, None, None


def _labels(municipality: str, on: date) -> dict[str, str]:
    """The fields' Danish names, the citizen's own part by the distance in force on ``on``
    (BEK 483 § 2, as the standard may improve it)."""
    km = transport_terms(municipality, on).km_da
    return {**_LABELS, "monthly_fare_first_10km": f"Pris for de første {km} pr. måned"}


def _mode_label(mode: str) -> str:
    return "pr. km" if mode == TransportMode.PER_KM else "med månedskort eller fast pris"


def _positive(value: Decimal | None, field: str, mode: str) -> Decimal:
    if value is None:
        raise CaseError(
            f"{_LABELS[field]} skal udfyldes ved befordring {_mode_label(mode)}.", field=field
        )
    if value <= 0:
        raise CaseError(f"{_LABELS[field]} skal være større end 0.", field=field)
    return value


def _not_negative(value: Decimal | None, field: str, mode: str, labels: dict[str, str]) -> Decimal:
    if value is None:
        raise CaseError(
            f"{labels[field]} skal udfyldes ved befordring {_mode_label(mode)} "
            "(0 kr., hvis borgeren ikke betaler for den strækning).",
            field=field,
        )
    if value < 0:
        raise CaseError(f"{labels[field]} kan ikke være negativ.", field=field)
    return value

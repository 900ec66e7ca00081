"""A case's facts as the engine takes them, parsed strictly from JSON-like data.

Unknown keys are errors (a typo must not be silently ignored); every error names the field.
Missing keys mean null (not yet clarified). Numbers are bounded in size and decimals, so
money arithmetic in ``Decimal`` stays exact.
"""

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from bb103.rules.cpr import birth_date_from_cpr
from bb103.rules.dates import parse_iso_date
from bb103.rules.errors import InputError
from bb103.rules.policy.values import LIVING_SITUATIONS

CITIZEN_FLAGS = (
    "significant_reduced_function",
    "special_social_problems",
    "can_work_on_normal_terms",
    "other_legislation_exhausted",
    "receives_foertidspension",
    "motivated",
    "can_transport_self",
)

_MAX_DECIMALS = 6
# Bounds well above any real case. They keep every amount below 10^12 kr., where a JSON
# number (a double) still holds the øre exactly.
MAX_MONEY = Decimal(1_000_000_000)
MAX_KM = Decimal(1000)
MAX_PRICE_PER_KM = Decimal(1000)
MAX_DAYS = 366


@dataclass(frozen=True)
class Citizen:
    cpr: str | None
    birth_date: date | None
    living_situation: str | None
    vum_level: int | None
    flags: dict[str, bool | None]


@dataclass(frozen=True)
class Employment:
    start_date: date | None
    last_follow_up_on: date | None
    minimum_hourly_wage: Decimal | None
    collective_agreement: str | None


@dataclass(frozen=True)
class Transport:
    form: str  # "per_km" or "fares"
    one_way_km: Decimal | None
    price_per_km: Decimal | None
    days: int | None
    period_cost_total: Decimal | None
    period_cost_first_10km: Decimal | None
    net_earnings: Decimal | None


@dataclass(frozen=True)
class Scenario:
    municipality: str
    as_of: date
    citizen: Citizen
    application_received_on: date | None
    party_hearing_material_received_on: date | None
    party_hearing_days: int | None
    decision_received_on: date | None
    complaint_received_on: date | None
    employment: Employment | None
    transport: Transport | None


TOP_KEYS = {
    "municipality",
    "as_of",
    "citizen",
    "application",
    "party_hearing",
    "decision",
    "complaint",
    "employment",
    "transport",
}


def parse_scenario(data: Any, known_municipalities: list[str]) -> Scenario:
    """Parse and validate one scenario; raises :class:`InputError` naming the field."""
    top = _object(data, "scenario", TOP_KEYS)
    municipality = top.get("municipality")
    if municipality is None:
        raise InputError("municipality", "is required")
    if not isinstance(municipality, str) or municipality not in known_municipalities:
        raise InputError(
            "municipality",
            f"{_show(municipality)} is not a known municipality "
            f"(known: {', '.join(known_municipalities)})",
        )
    as_of = _date(top, "as_of", "as_of", required=True)
    assert as_of is not None
    citizen = _citizen(top.get("citizen"), as_of)
    application = _block(top, "application", {"received_on"})
    hearing = _block(top, "party_hearing", {"material_received_on", "days"})
    decision = _block(top, "decision", {"received_on"})
    complaint = _block(top, "complaint", {"received_on"})
    return Scenario(
        municipality=municipality,
        as_of=as_of,
        citizen=citizen,
        application_received_on=_date(application, "received_on", "application.received_on"),
        party_hearing_material_received_on=_date(
            hearing, "material_received_on", "party_hearing.material_received_on"
        ),
        party_hearing_days=_int(hearing, "days", "party_hearing.days", 1, 365),
        decision_received_on=_date(decision, "received_on", "decision.received_on"),
        complaint_received_on=_date(complaint, "received_on", "complaint.received_on"),
        employment=_employment(top),
        transport=_transport(top),
    )


def _citizen(raw: Any, as_of: date) -> Citizen:
    if raw is None:
        raise InputError("citizen", "is required")
    keys = {"cpr", "birth_date", "living_situation", "vum_level", *CITIZEN_FLAGS}
    obj = _object(raw, "citizen", keys)
    cpr = obj.get("cpr")
    if cpr is not None and obj.get("birth_date") is not None:
        raise InputError("citizen.birth_date", "give citizen.cpr or citizen.birth_date, not both")
    birth: date | None
    if cpr is not None:
        if not isinstance(cpr, str):
            raise InputError("citizen.cpr", f"{_show(cpr)} must be a text like 010190-1234")
        try:
            birth = birth_date_from_cpr(cpr)
        except ValueError as exc:
            raise InputError("citizen.cpr", str(exc)) from None
        field = "citizen.cpr"
    else:
        birth = _date(obj, "birth_date", "citizen.birth_date")
        field = "citizen.birth_date"
    if birth is not None and birth > as_of:
        raise InputError(field, f"birth date {birth} is after as_of {as_of}")
    living = obj.get("living_situation")
    if living is not None and living not in LIVING_SITUATIONS:
        raise InputError(
            "citizen.living_situation",
            f"{_show(living)} must be one of {', '.join(LIVING_SITUATIONS)} or null",
        )
    flags = {name: _bool(obj, name, f"citizen.{name}") for name in CITIZEN_FLAGS}
    return Citizen(
        cpr=cpr,
        birth_date=birth,
        living_situation=living,
        vum_level=_int(obj, "vum_level", "citizen.vum_level", 0, 4),
        flags=flags,
    )


def _employment(top: dict[str, Any]) -> Employment | None:
    keys = {"start_date", "last_follow_up_on", "minimum_hourly_wage", "collective_agreement"}
    obj = _block(top, "employment", keys)
    if obj is None:
        return None
    agreement = obj.get("collective_agreement")
    if agreement is not None and not isinstance(agreement, str):
        raise InputError("employment.collective_agreement", "must be a text")
    if agreement is not None and obj.get("minimum_hourly_wage") is not None:
        raise InputError(
            "employment.collective_agreement", "give it or minimum_hourly_wage, not both"
        )
    return Employment(
        start_date=_date(obj, "start_date", "employment.start_date"),
        last_follow_up_on=_date(obj, "last_follow_up_on", "employment.last_follow_up_on"),
        minimum_hourly_wage=_money(obj, "minimum_hourly_wage", "employment.minimum_hourly_wage"),
        collective_agreement=agreement,
    )


_PER_KM = ("one_way_km", "price_per_km", "days")
_FARES = ("period_cost_total", "period_cost_first_10km")


def _transport(top: dict[str, Any]) -> Transport | None:
    obj = _block(top, "transport", {*_PER_KM, *_FARES, "net_earnings"})
    if obj is None:
        return None
    per_km = [k for k in _PER_KM if obj.get(k) is not None]
    fares = [k for k in _FARES if obj.get(k) is not None]
    if per_km and fares:
        raise InputError(f"transport.{fares[0]}", "give either the per-km form or the fares form")
    net = _money(obj, "net_earnings", "transport.net_earnings")
    if fares:
        for key in _FARES:
            if obj.get(key) is None:
                raise InputError(f"transport.{key}", "is required with the fares form")
        total = _money(obj, "period_cost_total", "transport.period_cost_total")
        first = _money(obj, "period_cost_first_10km", "transport.period_cost_first_10km")
        assert total is not None and first is not None
        if first > total:
            raise InputError(
                "transport.period_cost_first_10km",
                f"{first} is more than period_cost_total {total}",
            )
        return Transport("fares", None, None, None, total, first, net)
    for key in _PER_KM:
        if obj.get(key) is None:
            raise InputError(f"transport.{key}", "is required with the per-km form")
    return Transport(
        "per_km",
        _number(obj, "one_way_km", "transport.one_way_km", MAX_KM),
        _number(obj, "price_per_km", "transport.price_per_km", MAX_PRICE_PER_KM),
        _int(obj, "days", "transport.days", 0, MAX_DAYS),
        None,
        None,
        net,
    )


# --- field parsers ------------------------------------------------------------------------
def _object(raw: Any, path: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InputError(path, f"must be a JSON object, not {_kind(raw)}")
    for key in raw:
        if key not in allowed:
            where = key if path == "scenario" else f"{path}.{key}"
            raise InputError(where, "unknown field")
    return raw


def _block(top: dict[str, Any], name: str, allowed: set[str]) -> dict[str, Any] | None:
    raw = top.get(name)
    return None if raw is None else _object(raw, name, allowed)


def _date(obj: dict[str, Any] | None, key: str, path: str, required: bool = False) -> date | None:
    raw = None if obj is None else obj.get(key)
    if raw is None:
        if required:
            raise InputError(path, "is required")
        return None
    if not isinstance(raw, str):
        raise InputError(path, f"{_show(raw)} must be a date text YYYY-MM-DD")
    try:
        return parse_iso_date(raw)
    except ValueError as exc:
        raise InputError(path, str(exc)) from None


def _bool(obj: dict[str, Any], key: str, path: str) -> bool | None:
    raw = obj.get(key)
    if raw is not None and not isinstance(raw, bool):
        raise InputError(path, f"{_show(raw)} must be true, false or null")
    return raw


def _int(obj: dict[str, Any] | None, key: str, path: str, low: int, high: int) -> int | None:
    raw = None if obj is None else obj.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise InputError(path, f"{_show(raw)} must be a whole number")
    if isinstance(raw, Decimal) and not raw.is_finite():
        raise InputError(path, f"{_show(raw)} must be a whole number")
    # Range before conversion: int() of 1e1000000000 would take forever; NaN never compares.
    if not low <= raw <= high:
        raise InputError(path, f"{_show(raw)} must be a whole number between {low} and {high}")
    if raw != int(raw):
        raise InputError(path, f"{_show(raw)} must be a whole number")
    return int(raw)


def _number(obj: dict[str, Any], key: str, path: str, high: Decimal) -> Decimal | None:
    raw = obj.get(key)
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise InputError(path, f"{_show(raw)} must be a number")
    try:
        value = Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
    except InvalidOperation:
        raise InputError(path, f"{_show(raw)} must be a number") from None
    if not value.is_finite():
        raise InputError(path, f"{_show(raw)} must be a finite number")
    if value < 0:
        raise InputError(path, f"{value} must not be negative")
    if value > high:
        raise InputError(path, f"{value} is implausibly large (at most {high})")
    exponent = value.normalize().as_tuple().exponent  # 150.0000000 has no decimals that count
    if isinstance(exponent, int) and exponent < -_MAX_DECIMALS:
        raise InputError(path, f"{value} has more than {_MAX_DECIMALS} decimals")
    return value.copy_abs()  # -0.0 is 0


def _money(obj: dict[str, Any], key: str, path: str) -> Decimal | None:
    return _number(obj, key, path, MAX_MONEY)


def _kind(raw: Any) -> str:
    kinds = {list: "a list", str: "a text", bool: "a boolean", type(None): "null"}
    return kinds.get(type(raw), "a number" if isinstance(raw, int | float | Decimal) else "?")


def _show(raw: Any) -> str:
    if isinstance(raw, str | Decimal):
        text = str(raw)
    else:
        try:
            text = json.dumps(raw, default=str)
        except ValueError:
            text = repr(raw)
    return text if len(text) <= 40 else text[:37] + "..."

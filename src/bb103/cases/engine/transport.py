"""The engine's transport rule (BEK 483 § 2) for a month of a placement."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bb103.cases.engine.evaluation import explanation_for
from bb103.cases.engine.policy import no_standard_error
from bb103.cases.errors import CaseError
from bb103.rules import InputError, default_registry, evaluate, parse_scenario


@dataclass(frozen=True)
class MonthTransport:
    """The engine's transport split for a month (BEK 483 § 2) with its Danish explanation."""

    total: Decimal
    cap: Decimal | None
    citizen_pays: Decimal
    municipality_pays: Decimal
    text: str
    sources: list[str]


def transport_for_month(
    municipality: str, *, as_of: date, transport: dict[str, Any]
) -> MonthTransport:
    """The month's transport through the engine: ``transport`` is the scenario's block
    (shared/contract/evaluate.md; per km with ``days`` = days present, or by fares, and
    ``net_earnings``). The citizen is left out: the split does not depend on who it is.
    Raises CaseError (Danish) when the engine refuses the input."""
    registry = default_registry()
    data = {"municipality": municipality, "as_of": as_of.isoformat(), "citizen": {}}
    data["transport"] = transport
    try:
        ev = evaluate(parse_scenario(data, registry.ids()), registry)
    except InputError as exc:
        if exc.field == "as_of":
            raise no_standard_error(municipality, as_of) from exc
        raise CaseError(f"Regelmotoren kan ikke beregne befordringen: {exc}") from exc
    split = ev.transport
    assert split is not None
    text, sources = explanation_for(ev, "transport")
    return MonthTransport(
        split.total, split.cap, split.citizen_pays, split.municipality_pays, text, sources
    )

"""The engine's transport rule (BEK 483 § 2) for a month of a placement, and its numbers in
force for the texts around it."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bb103.cases.engine.evaluation import explanation_for
from bb103.cases.engine.formatting import danish_num, danish_pct
from bb103.cases.engine.policy import no_standard_error, policy_on
from bb103.cases.errors import CaseError
from bb103.rules import InputError, default_registry, evaluate, parse_scenario


@dataclass(frozen=True)
class TransportTerms:
    """The transport rule's numbers in force (BEK 483 § 2, as the standard may improve
    them): the citizen pays the first ``citizen_km`` km each way, and never more than
    ``cap_pct`` % of the earnings after tax. Texts take them from here, so a reform or a
    new standard changes what the screens and exports say."""

    citizen_km: Decimal
    cap_pct: Decimal

    @property
    def km_da(self) -> str:
        """``10 km``."""
        return f"{danish_num(self.citizen_km)} km"

    @property
    def cap_da(self) -> str:
        """``30 %``."""
        return danish_pct(self.cap_pct)


def transport_terms(municipality: str, on: date) -> TransportTerms:
    """The numbers in force on ``on`` (policy ``transport_citizen_km``,
    ``transport_cap_pct``); a CaseError where no standard is in force. No query."""
    policy = policy_on(municipality, on)
    return TransportTerms(policy.value("transport_citizen_km"), policy.value("transport_cap_pct"))


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
    (docs/contract/evaluate.md; per km with ``days`` = days present, or by fares, and
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

"""An evaluation as the JSON object of the ``bb103 evaluate`` contract (docs/contract)."""

from dataclasses import asdict, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bb103.rules.engine import Evaluation
from bb103.rules.policy.model import Param


def money(value: Decimal | None) -> float | None:
    """Contract money: a JSON number in DKK, already rounded half up to øre."""
    return None if value is None else float(value)


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def to_contract(ev: Evaluation, explanations: bool = True) -> dict[str, Any]:
    version = ev.policy.version
    result: dict[str, Any] = {
        "municipality": ev.policy.municipality.id,
        "policy": {
            "id": ev.policy.municipality.id,
            "version": version.id,
            "in_force_from": version.in_force_from.isoformat(),
            "in_force_to": _date(version.in_force_to),
            "title": version.title,
        },
        "eligibility": {
            "outcome": ev.outcome,
            "criteria": [
                {"id": k.id, "met": k.met, "kind": k.kind, "label": k.label, "source": k.source}
                for k in ev.criteria
            ],
        },
        "birth_date": _date(ev.birth_date),
        "turns_18_on": _date(ev.turns_18_on),
        "reaches_pension_age_on": _date(ev.reaches_pension_age_on),
        "decision_deadline": _date(ev.decision_deadline),
        "party_hearing_deadline": _date(ev.party_hearing_deadline),
        "complaint_deadline": _date(ev.complaint_deadline),
        "forward_to_ankestyrelsen_by": _date(ev.forward_to_ankestyrelsen_by),
        "visitation_committee_required": ev.visitation_committee_required,
        "free_choice_of_provider": ev.free_choice_of_provider,
        "days_per_week": {
            "min": ev.days_per_week.min,
            "max": ev.days_per_week.max,
            "default": ev.days_per_week.default,
        },
        "next_follow_up_by": _date(ev.next_follow_up_by),
        "wage": None
        if ev.wage is None
        else {
            "floor_hourly": money(ev.wage.floor_hourly),
            "rates_pct": [jsonable(r) for r in ev.wage.rates_pct],
            "start_rate_pct": jsonable(ev.wage.start_rate_pct),
            "renegotiation_dates": [x.isoformat() for x in ev.wage.renegotiation_dates],
            # Added to the contract's fields: the lowest wage payable in whole øre (the
            # floor rounded up), and the floor unrounded, which a wage is checked against.
            "floor_hourly_payable": money(ev.wage.floor_hourly_payable),
            "floor_hourly_exact": jsonable(ev.wage.floor_hourly_exact),
        },
        "transport": None
        if ev.transport is None
        else {
            "total": money(ev.transport.total),
            "citizen_base": money(ev.transport.citizen_base),
            "cap": money(ev.transport.cap),
            "citizen_pays": money(ev.transport.citizen_pays),
            "municipality_pays": money(ev.transport.municipality_pays),
        },
    }
    result["wage_basis"] = list(ev.wage_basis)
    result["wage_forms"] = [{"id": x.id, "name": x.name} for x in ev.wage_forms]
    result["providers"] = {
        "description": ev.providers.description,
        "own_offers": list(ev.providers.own_offers),
        "tilbudsportalen_required": ev.providers.tilbudsportalen_required,
        "socialtilsyn_approval_required": ev.providers.socialtilsyn_approval_required,
    }
    if explanations:
        result["explanations"] = [
            {
                "rule": x.rule,
                "label": x.label,
                "text": x.text,
                "inputs": {k: jsonable(v) for k, v in x.inputs.items()},
                "parameters": [param_json(p) for p in x.parameters],
                "sources": x.sources,
            }
            for x in ev.explanations
        ]
    return result


# Parameters are built once per policy version and date (the registry caches them), so their
# JSON is too; the entry holds the Param itself, so its id cannot be reused while cached.
_PARAM_JSON: dict[int, tuple[Param, dict[str, Any]]] = {}
_PARAM_JSON_LIMIT = 4096


def param_json(param: Param) -> dict[str, Any]:
    cached = _PARAM_JSON.get(id(param))
    if cached is None:
        if len(_PARAM_JSON) >= _PARAM_JSON_LIMIT:
            _PARAM_JSON.clear()
        cached = _PARAM_JSON[id(param)] = (param, _param_json(param))
    return dict(cached[1])


def _param_json(param: Param) -> dict[str, Any]:
    prov = param.provenance
    return {
        "key": param.key,
        "label": param.label,
        "value": jsonable(param.value),
        "layer": prov.layer,
        "policy": prov.policy,
        "version": prov.version,
        "file": prov.file,
        "valid_from": prov.valid_from.isoformat(),
        "valid_to": _date(prov.valid_to),
        "source": prov.source,
    }


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {k: jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value

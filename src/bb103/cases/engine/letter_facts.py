"""What letters need from the engine for a case, as plain data: deadlines, the standard's
version and sections, and the service level (days, wage, transport)."""

from datetime import date
from typing import Any

from bb103.cases.engine.evaluation import danish_error, evaluate_case
from bb103.cases.engine.facts import case_facts, scenario_data
from bb103.cases.models import Case
from bb103.rules import InputError, default_registry, evaluate, parse_scenario
from bb103.rules.policy.model import ResolvedPolicy
from bb103.rules.policy.values import WAGE_BASES, Addressee


def letter_facts(case: Case, *, as_of: date) -> dict[str, Any]:
    """What letters need from the engine for a case on ``as_of``, as plain data: deadlines,
    the standard's version and sections, and the service level (days, wage, transport).
    Deadlines are the engine's; dates stay ``date``s for the letter module to format."""
    ev = evaluate_case(case, as_of=as_of)
    policy = ev.policy

    def source(key: str) -> str | None:
        param = policy.param(key)
        return None if param is None else param.provenance.source

    def municipal_source(key: str) -> str | None:
        param = policy.param(key)
        return None if param is None or param.provenance.layer != "municipal" else source(key)

    def period(key: str) -> str | None:
        param = policy.param(key)
        return None if param is None else param.value.label_da()

    rates = policy.value("wage_rates")
    council = policy.value("decision_deadline_by_council")
    forms = policy.value("wage_forms")
    return {
        **_standard_promises(policy),
        "decision_deadline_by_council": None
        if council is None
        else {"set_by": council.set_by, "published_at": council.published_at},
        "decision_deadline_by_council_source": source("decision_deadline_by_council"),
        "policy_id": policy.municipality.id,
        "policy_version": policy.version.id,
        "policy_title": policy.version.title,
        "outcome": ev.outcome,
        "criteria": [
            {"id": c.id, "met": c.met, "kind": c.kind, "label": c.label, "source": c.source}
            for c in ev.criteria
        ],
        "decision_deadline": ev.decision_deadline,
        "decision_deadline_label": period("decision_deadline"),
        "decision_deadline_source": source("decision_deadline"),
        "committee": ev.visitation_committee_required,
        "party_hearing_deadline": ev.party_hearing_deadline,
        "complaint_deadline": ev.complaint_deadline,
        "complaint_period": policy.value("complaint_period").amount,
        "complaint_source": source("complaint_period"),
        "forward_by": ev.forward_to_ankestyrelsen_by,
        "forward_period": policy.value("forward_period").amount,
        "forward_source": source("forward_period"),
        "age_min": policy.value("age_min"),
        "follow_up_months": policy.value("follow_up_months"),
        "pension_on": ev.reaches_pension_age_on,
        "pension_source": source("pension_age"),
        "days_per_week": {
            "min": ev.days_per_week.min,
            "max": ev.days_per_week.max,
            "default": ev.days_per_week.default,
        },
        "days_per_week_source": municipal_source("days_per_week"),
        "free_choice_of_provider": ev.free_choice_of_provider,
        "wage_basis": list(ev.wage_basis),
        "wage_basis_da": [WAGE_BASES[b] for b in ev.wage_basis],
        # The forms a wage may be set in (the law's, unless the standard restricts them),
        # and the standard's own name for its wage where it gives one (Vejen).
        "wage_forms": [x.id for x in ev.wage_forms],
        "wage_name": forms[0].name
        if policy.param("wage_forms").provenance.layer == "municipal" and len(forms) == 1
        else None,
        "wage_floor_pct": str(policy.value("wage_floor_pct")),
        "wage_rates_pct": [] if rates is None else [str(r) for r in rates.rates_pct],
        "wage_start_rate_pct": None
        if rates is None or rates.start_rate_pct is None
        else str(rates.start_rate_pct),
        "wage_renegotiate": None
        if rates is None or rates.renegotiate_first_after_months is None
        else [rates.renegotiate_first_after_months, rates.renegotiate_then_every_months],
        "transport_km": str(policy.value("transport_citizen_km")),
        "transport_cap_pct": str(policy.value("transport_cap_pct")),
        "standard_sections": sorted(
            {
                s
                for s in (
                    municipal_source("days_per_week"),
                    municipal_source("municipal_criteria"),
                    municipal_source("providers"),
                    municipal_source("wage_basis"),
                )
                if s
            }
        ),
    }


def addressee_data(who: Addressee | None) -> dict[str, Any] | None:
    """Someone the citizen can turn to (a standard's Addressee) as plain letter data."""
    if who is None:
        return None
    return {
        "role": who.role,
        "unit": who.unit,
        "address": list(who.address),
        "phones": list(who.phones),
        "email": who.email,
        "web": who.web,
        "description": who.description,
    }


def _standard_promises(policy: ResolvedPolicy) -> dict[str, Any]:
    """What the standard in force promises the citizen beyond the engine's results: how
    the handleplan comes about, where the goals go without one, the citizen's own costs,
    and whom to turn to about case handling; each in the standard's own words or absent."""
    costs = policy.value("citizen_costs")
    return {
        "party_hearing_period": policy.value("party_hearing_period"),
        "handleplan": policy.value("handleplan"),
        "handleplan_source": policy.param("handleplan").provenance.source,  # type: ignore[union-attr]
        "goals_in_order": bool(policy.value("goals_in_order_without_handleplan")),
        "citizen_costs": [] if costs is None else list(costs),
        "case_handling_complaints": addressee_data(policy.value("case_handling_complaints")),
        "borgerraadgiver": addressee_data(policy.value("borgerraadgiver")),
    }


def complaint_deadline_from(case: Case, *, received_on: date) -> dict[str, Any]:
    """The complaint deadline for a decision the citizen receives on ``received_on`` (a
    termination letter is such a decision; the case's grant is an earlier one)."""
    facts = case_facts(case)
    registry = default_registry()
    data = scenario_data(facts, as_of=received_on)
    data["decision"] = {"received_on": received_on.isoformat()}
    data.pop("complaint", None)
    try:
        ev = evaluate(parse_scenario(data, registry.ids()), registry)
    except InputError as exc:
        raise danish_error(exc, facts, received_on) from exc
    return {
        "complaint_deadline": ev.complaint_deadline,
        "complaint_period": ev.policy.value("complaint_period").amount,
        "forward_period": ev.policy.value("forward_period").amount,
    }

"""Evaluating a case: the engine's evaluation on a day, its explanations, the standard's
own partshøring period, the case page's advice, and the engine's errors in Danish."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from bb103.cases.engine.facts import CaseFacts, case_facts, scenario_data
from bb103.cases.engine.policy import no_standard_error
from bb103.cases.errors import CaseError
from bb103.cases.models import Assessment, Case
from bb103.rules import Evaluation, InputError, default_registry, evaluate, parse_scenario
from bb103.rules.dates import format_da
from bb103.rules.explain import OUTCOME_DA
from bb103.rules.output import to_contract


@dataclass(frozen=True)
class StandardPeriod:
    """A period the municipality's standard sets itself, in Danish, with its source."""

    label: str
    source: str


def evaluate_facts(facts: CaseFacts, *, as_of: date) -> Evaluation:
    """The engine's evaluation of the case on ``as_of``; its errors become Danish ones."""
    registry = default_registry()
    try:
        scenario = parse_scenario(scenario_data(facts, as_of=as_of), registry.ids())
        return evaluate(scenario, registry)
    except InputError as exc:
        raise danish_error(exc, facts, as_of) from exc


def evaluate_case(case: Case, *, as_of: date) -> Evaluation:
    return evaluate_facts(case_facts(case), as_of=as_of)


def outcome_da(outcome: str) -> str:
    """The engine's recommendation in its own Danish words."""
    return OUTCOME_DA.get(outcome, outcome)


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The whole evaluation with its explanations, as frozen into a decision."""
    return to_contract(evaluation, explanations=True)


def frozen_into_decision(evaluation: Evaluation) -> dict[str, Any]:
    """A decision's fields that freeze the standard and the engine's view on its day (the
    municipality's, a change's, Ankestyrelsen's alike), so each decision can be defended
    later on what held then."""
    return {
        "policy_id": evaluation.policy.municipality.id,
        "policy_version": evaluation.policy.version.id,
        "engine_outcome": evaluation.outcome,
        "evaluation": evaluation_json(evaluation),
    }


def standard_party_hearing(evaluation: Evaluation) -> StandardPeriod | None:
    """The partshøring period the municipality's standard sets itself, if any.

    A standard that sets its own period for comments on the draft (Ballerup: 10 days from
    receipt of the material) has promised that the draft is always sent, so the case system
    neither decides before that hearing is closed nor accepts leaving it out."""
    param = evaluation.policy.param("party_hearing_period")
    if param is None or param.provenance.layer != "municipal":
        return None
    return StandardPeriod(param.value.label_da(), param.provenance.source)


def explanation_for(evaluation: Evaluation, rule: str) -> tuple[str, list[str]]:
    """The engine's Danish text and sources for one of its results."""
    found = next(x for x in evaluation.explanations if x.rule == rule)
    return found.text, found.sources


def danish_error(exc: InputError, facts: CaseFacts, as_of: date) -> CaseError:
    """The engine's refusal of a case's scenario as a Danish error for the caseworker."""
    registry = default_registry()
    if exc.field == "party_hearing.days":
        policy = registry.resolve(facts.municipality, as_of)
        param = None if policy is None else policy.param("party_hearing_period")
        if param is not None:
            return CaseError(
                "Fristen for bemærkninger må ikke være kortere end kvalitetsstandardens "
                f"{param.value.label_da()} ({param.provenance.source}).",
                field="days",
            )
    if exc.field == "as_of":
        return no_standard_error(facts.municipality, as_of)
    if exc.field == "citizen.cpr":
        return CaseError(
            "Borgerens fødselsdato (efter CPR-nummeret) ligger efter "
            f"{format_da(as_of)}. Kontrollér CPR-nummeret og datoen.",
            field="cpr",
        )
    return CaseError(f"Regelmotoren kan ikke vurdere sagen: {exc}")


@dataclass(frozen=True)
class Advice:
    """The engine's view of a case today, for the case page: the evaluation as the contract
    JSON (with explanations and sources), and what it means for the next steps."""

    contract: dict[str, Any]
    committee_required: bool
    standard_hearing: StandardPeriod | None
    evaluation: Evaluation
    # Which version of the standard the decision deadline follows: the one in force when
    # the application was received, which may not be today's (Lejre: 20 weeks, then 12).
    deadline_note: str | None = None


def advice_for(
    case: Case, *, assessment: Assessment | None, application_received_on: date | None, today: date
) -> Advice:
    """Evaluate the case from rows already read (no query): the eligibility and the
    standard's rules as they stand today."""
    facts = CaseFacts(
        municipality=case.municipality_id,
        cpr=case.citizen.cpr,
        living_situation=case.citizen.living_situation or None,
        assessment=assessment,
        application_received_on=application_received_on,
        hearing=None,
        decision=None,
        complaint=None,
        placement=None,
        last_follow_up_on=None,
    )
    return advice_on(facts, today=today)


def advice_on(facts: CaseFacts, *, today: date) -> Advice:
    """The engine's view of the case today: eligibility under today's standard, and the
    decision deadline under the version in force on the day the application was received
    (the deadline began then, and the stored deadline is computed the same way)."""
    evaluation = evaluate_facts(facts, as_of=today)
    received = facts.application_received_on
    if received is None:
        return advice_from(evaluation)
    at_start = evaluation
    if received != today:
        try:
            at_start = evaluate_facts(facts, as_of=received)
        except CaseError:
            at_start = evaluation  # no standard in force that day: the stored deadline says so
    return advice_from(evaluation, deadline_from=at_start)


def advice_from(evaluation: Evaluation, *, deadline_from: Evaluation | None = None) -> Advice:
    """The case page's and the actions' view of an evaluation; with ``deadline_from``, the
    decision deadline and its explanation are that evaluation's."""
    contract = evaluation_json(evaluation)
    note = None
    if deadline_from is not None:
        start = deadline_from.policy.version
        received = deadline_from.scenario.application_received_on
        contract["decision_deadline"] = (
            None
            if deadline_from.decision_deadline is None
            else deadline_from.decision_deadline.isoformat()
        )
        found = next(
            x
            for x in evaluation_json(deadline_from)["explanations"]
            if x["rule"] == "decision_deadline"
        )
        contract["explanations"] = [
            found if x["rule"] == "decision_deadline" else x for x in contract["explanations"]
        ]
        assert received is not None
        note = (
            f"Fristen for afgørelse følger {start.title} (version {start.id}), som gjaldt, "
            f"da ansøgningen blev modtaget {format_da(received)}."
        )
    return Advice(
        contract,
        evaluation.visitation_committee_required,
        standard_party_hearing(evaluation),
        evaluation,
        note,
    )


class ScenarioInputError(ValueError):
    """A scenario the engine refuses: ``field`` is the dotted path, ``message`` English (the
    contract's words, as ``bb103 evaluate`` prints them)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def evaluate_contract(data: Any, *, explanations: bool = True) -> dict[str, Any]:
    """The engine's answer to one scenario as the ``bb103 evaluate`` contract gives it (the
    API's ``evaluate``)."""
    registry = default_registry()
    try:
        scenario = parse_scenario(data, registry.ids())
        return to_contract(evaluate(scenario, registry), explanations)
    except InputError as exc:
        raise ScenarioInputError(exc.field, exc.message) from None

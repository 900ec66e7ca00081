"""The one bridge from the case system to the rules engine (``bb103.rules``).

Only this module builds a scenario from a case's rows and calls the engine, so the engine
stays pure and a municipality's service level reaches the case system only as the engine's
answers: deadlines, whether the visitation committee must review, whether the standard
sets its own partshøring period, the days per week, the provider rules. Nothing here, or in
the services, asks which municipality a case belongs to.

Each deadline is computed under the law and standard in force on the day it starts to run
(the application's receipt for the decision deadline, and so on), so a new version of a
standard does not move the deadlines of cases already under way.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Application,
    Assessment,
    Case,
    Complaint,
    DeadlineKind,
    Decision,
    DelayNotice,
    FollowUp,
    HearingStatus,
    PartyHearing,
    Placement,
    reopening_date,
)
from bb103.rules import Evaluation, InputError, default_registry, evaluate, parse_scenario
from bb103.rules import explain as _explain
from bb103.rules.calendar import calendar_for
from bb103.rules.cpr import birth_date_from_cpr, mask_cpr
from bb103.rules.dates import format_da, format_month_da
from bb103.rules.formulas import deadline, renegotiation_dates, repeated_absence
from bb103.rules.ops import SCALAR
from bb103.rules.output import to_contract
from bb103.rules.policy.model import Contact
from bb103.rules.policy.values import WAGE_BASES
from bb103.rules.scenario import CITIZEN_FLAGS


@dataclass(frozen=True)
class CaseFacts:
    """What the engine is told about a case, read once from its rows."""

    municipality: str
    cpr: str
    living_situation: str | None
    assessment: Assessment | None
    application_received_on: date | None
    hearing: PartyHearing | None
    decision: Decision | None
    complaint: Complaint | None
    placement: Placement | None
    last_follow_up_on: date | None
    # (decided_on, received_on) of each decision on the application the citizen has been
    # told of: the decision deadline and a promised date are met by the telling.
    communicated: tuple[tuple[date, date], ...] = ()
    # The notice of delay's promise (sent_on, expected_on), the latest; Retssikkerhedsloven
    # § 3, stk. 2.
    promise: tuple[date, date] | None = None
    # When the decision was set aside to be made again (sent back, annulled, changed at the
    # reassessment), if it was.
    reopened_on: date | None = None


@dataclass(frozen=True)
class ComputedDeadline:
    kind: str
    due_on: date
    explanation: str
    sources: list[str]


@dataclass(frozen=True)
class StandardPeriod:
    """A period the municipality's standard sets itself, in Danish, with its source."""

    label: str
    source: str


DELAY_NOTICE_SOURCE = "Retssikkerhedsloven § 3, stk. 2"

# Which result of the engine gives which deadline; the engine's rule of the same name
# explains it.
_DEADLINE_RULES = {
    DeadlineKind.DECISION: "decision_deadline",
    DeadlineKind.PARTY_HEARING: "party_hearing_deadline",
    DeadlineKind.COMPLAINT: "complaint_deadline",
    DeadlineKind.FORWARD_COMPLAINT: "forward_to_ankestyrelsen_by",
    DeadlineKind.FOLLOW_UP: "next_follow_up_by",
    DeadlineKind.PENSION_AGE: "reaches_pension_age_on",
}


def case_facts(case: Case) -> CaseFacts:
    """Read a case's facts (a handful of queries; the services call this once per step)."""
    assessment = case.assessments.order_by("-assessed_on", "-id").first()
    # Queried, not read through the reverse one-to-one accessors, whose cache may predate
    # the step that is running.
    application = Application.objects.filter(case=case).first()
    hearing = case.hearings.exclude(status=HearingStatus.SKIPPED).order_by("-id").first()
    decision = Decision.objects.filter(pk=case.decision_id).first()
    complaints = list(case.complaints.order_by("received_on", "id"))
    complaint = complaints[-1] if complaints else None
    communicated = tuple(
        Decision.objects.filter(case=case, received_on__isnull=False)
        .order_by("received_on", "id")
        .values_list("decided_on", "received_on")
    )
    promise = (
        DelayNotice.objects.filter(case=case)
        .order_by("-sent_on", "-id")
        .values_list("sent_on", "expected_on")
        .first()
    )
    placement = case.placements.filter(ended_on__isnull=True).order_by("-start_on").first()
    last: FollowUp | None = None
    if placement is not None:
        last = placement.follow_ups.order_by("-held_on", "-id").first()
    return CaseFacts(
        municipality=case.municipality_id,
        cpr=case.citizen.cpr,
        living_situation=case.citizen.living_situation or None,
        assessment=assessment,
        application_received_on=None if application is None else application.received_on,
        hearing=hearing,
        decision=decision,
        complaint=complaint,
        placement=placement,
        last_follow_up_on=None if last is None else last.held_on,
        communicated=communicated,
        promise=promise,
        reopened_on=reopening_date(complaints),
    )


def scenario_data(facts: CaseFacts, *, as_of: date) -> dict[str, Any]:
    """The case as the engine's scenario JSON (shared/contract/evaluate.md)."""
    citizen: dict[str, Any] = {"cpr": facts.cpr, "living_situation": facts.living_situation}
    a = facts.assessment
    if a is not None:
        citizen["vum_level"] = a.vum_level
        citizen.update({flag: getattr(a, flag) for flag in CITIZEN_FLAGS})
    data: dict[str, Any] = {
        "municipality": facts.municipality,
        "as_of": as_of.isoformat(),
        "citizen": citizen,
    }
    if facts.application_received_on is not None:
        data["application"] = {"received_on": facts.application_received_on.isoformat()}
    h = facts.hearing
    if h is not None:
        data["party_hearing"] = {
            "material_received_on": _iso(h.material_received_on),
            "days": h.days,
        }
    # The complaint period runs from the citizen's receipt of the decision: none before.
    if facts.decision is not None and facts.decision.received_on is not None:
        data["decision"] = {"received_on": facts.decision.received_on.isoformat()}
    if facts.complaint is not None:
        data["complaint"] = {"received_on": facts.complaint.received_on.isoformat()}
    if facts.placement is not None:
        data["employment"] = {
            "start_date": facts.placement.start_on.isoformat(),
            "last_follow_up_on": _iso(facts.last_follow_up_on),
        }
    return data


def evaluate_facts(facts: CaseFacts, *, as_of: date) -> Evaluation:
    """The engine's evaluation of the case on ``as_of``; its errors become Danish ones."""
    registry = default_registry()
    try:
        scenario = parse_scenario(scenario_data(facts, as_of=as_of), registry.ids())
        return evaluate(scenario, registry)
    except InputError as exc:
        raise _danish(exc, facts, as_of) from exc


def evaluate_case(case: Case, *, as_of: date) -> Evaluation:
    return evaluate_facts(case_facts(case), as_of=as_of)


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The whole evaluation with its explanations, as frozen into a decision."""
    return to_contract(evaluation, explanations=True)


def standard_party_hearing(evaluation: Evaluation) -> StandardPeriod | None:
    """The partshøring period the municipality's standard sets itself, if any.

    A standard that sets its own period for comments on the draft (Ballerup: 10 days from
    receipt of the material) has promised that the draft is always sent, so the case system
    neither decides before that hearing is closed nor accepts leaving it out."""
    param = evaluation.policy.param("party_hearing_period")
    if param is None or param.provenance.layer != "municipal":
        return None
    return StandardPeriod(param.value.label_da(), param.provenance.source)


def computed_deadlines(facts: CaseFacts, *, today: date) -> list[ComputedDeadline]:
    """Every deadline the engine gives for the case, each under the standard in force on
    the day it starts to run. One evaluation per distinct start day."""
    starts: dict[str, date | None] = {
        DeadlineKind.DECISION: facts.application_received_on,
        DeadlineKind.PARTY_HEARING: None
        if facts.hearing is None
        else facts.hearing.material_received_on,
        DeadlineKind.COMPLAINT: None if facts.decision is None else facts.decision.received_on,
        DeadlineKind.FORWARD_COMPLAINT: None
        if facts.complaint is None
        else facts.complaint.received_on,
        DeadlineKind.FOLLOW_UP: None
        if facts.placement is None
        else (facts.last_follow_up_on or facts.placement.start_on),
        # The pension age is law of today, whenever the placement started.
        DeadlineKind.PENSION_AGE: None if facts.placement is None else today,
    }
    evaluations: dict[date, Evaluation] = {}
    found = []
    for kind, start in starts.items():
        if start is None:
            continue
        if start not in evaluations:
            evaluations[start] = evaluate_facts(facts, as_of=start)
        ev = evaluations[start]
        rule = _DEADLINE_RULES[DeadlineKind(kind)]
        due = getattr(ev, rule)
        if due is None:
            continue
        explanation = next(x for x in ev.explanations if x.rule == rule)
        found.append(ComputedDeadline(kind, due, explanation.text, explanation.sources))
    if facts.promise is not None:
        sent_on, expected_on = facts.promise
        found.append(
            ComputedDeadline(
                DeadlineKind.EXPECTED_DECISION,
                expected_on,
                f"Kommunen skrev til borgeren {format_da(sent_on)}, at afgørelsen kan "
                f"forventes senest {format_da(expected_on)}.",
                [DELAY_NOTICE_SOURCE],
            )
        )
    if facts.reopened_on is not None:
        # The law sets no period for deciding again: the standard's own decision deadline
        # is counted from the day the case was reopened (a stated assumption).
        reopened = replace(facts, application_received_on=facts.reopened_on)
        ev = evaluate_facts(reopened, as_of=facts.reopened_on)
        if ev.decision_deadline is not None:
            explanation = next(x for x in ev.explanations if x.rule == "decision_deadline")
            found.append(
                ComputedDeadline(
                    DeadlineKind.NEW_DECISION,
                    ev.decision_deadline,
                    f"Sagen blev genoptaget {format_da(facts.reopened_on)}. "
                    f"Kvalitetsstandardens frist regnes fra den dag. {explanation.text}",
                    explanation.sources,
                )
            )
    return found


def birth_date(cpr: str) -> date:
    """The birth date a CPR number encodes; a Danish error naming the field if it is bad."""
    try:
        return birth_date_from_cpr(cpr)
    except ValueError:
        raise CaseError(
            f"CPR-nummeret {mask_cpr(cpr) if len(cpr) >= 6 else cpr} er ikke gyldigt: "
            "det skal være 10 cifre (DDMMÅÅ-XXXX), og de første 6 skal være en dato.",
            field="cpr",
        ) from None


def explanation_for(evaluation: Evaluation, rule: str) -> tuple[str, list[str]]:
    """The engine's Danish text and sources for one of its results."""
    found = next(x for x in evaluation.explanations if x.rule == rule)
    return found.text, found.sources


def danish_date(value: date) -> str:
    return format_da(value)


# The engine's Danish number forms, for the case system's own texts, so they read like the
# engine's explanations: "1.120,50 kr.", "12,5", "5 %".
danish_kr = _explain.kr
danish_num = _explain.num
danish_pct = _explain.pct


def danish_month(value: date) -> str:
    """``december 2026``."""
    return format_month_da(value)


def masked_cpr(cpr: str) -> str:
    return mask_cpr(cpr)


def known_municipalities() -> dict[str, str]:
    """Policy id -> the municipality's name, for every policy file shipped."""
    registry = default_registry()
    return {mid: registry.municipalities[mid].name for mid in registry.ids()}


def policy_in_force(municipality: str, on: date) -> bool:
    registry = default_registry()
    return municipality in registry.municipalities and (
        registry.version_in_force(municipality, on) is not None
    )


def committee_sources(on: date) -> dict[str, str]:
    """The municipalities whose standard in force on ``on`` has the visitation committee
    review a case before the decision (policy ``visitation_committee``), each with the
    standard's source. The work list marks their waiting cases from this, so a sixth
    municipality with a committee is a policy file, not code. No query."""
    registry = default_registry()
    found: dict[str, str] = {}
    for municipality in registry.ids():
        policy = registry.resolve(municipality, on)
        param = None if policy is None else policy.param("visitation_committee")
        if param is not None and param.value:
            found[municipality] = param.provenance.source
    return found


@dataclass(frozen=True)
class WageRenegotiation:
    """When a placement's wage is renegotiated under the standard in force at its start."""

    dates: tuple[date, ...]
    source: str


# Pure functions of their arguments and the shipped policy files (themselves loaded once):
# cached, because the sweep asks the same questions for thousands of placements.
@lru_cache(maxsize=4096)
def wage_renegotiations(municipality: str, start_on: date, *, until: date) -> WageRenegotiation:
    """The renegotiation dates from ``start_on`` up to ``until``, by the engine's own formula
    (``formulas.renegotiation_dates``) and the standard's ``wage_rates`` in force on the
    start day (Vejen: after 3 months, then every 12). The engine's evaluation lists only the
    first three dates; a placement older than that needs the later ones, so the formula is
    asked for as many as reach ``until``. No rhythm in the standard: no dates."""
    policy = default_registry().resolve(municipality, start_on)
    param = None if policy is None else policy.param("wage_rates")
    if param is None:
        return WageRenegotiation((), "")
    months = (until.year - start_on.year) * 12 + until.month - start_on.month
    every = param.value.renegotiate_then_every_months or 0
    count = 1 if every <= 0 else max(1, months // every + 2)
    found = renegotiation_dates(SCALAR, start_on, param.value, count)
    return WageRenegotiation(
        tuple(sorted({d for d in found if d <= until})), param.provenance.source
    )


@lru_cache(maxsize=4096)
def working_days_after(municipality: str, start: date, count: int) -> date:
    """``count`` working days after ``start`` by the municipality's calendar (Danish public
    holidays and its closing days, from the standard in force on ``start``)."""
    policy = default_registry().resolve(municipality, start)
    closing = () if policy is None else policy.value("closing_days")
    return calendar_for(closing).add_working_days(start, count)


def _contact_data(contact: Contact) -> dict[str, Any]:
    return {
        "unit": contact.unit,
        "address": list(contact.address),
        "phone": contact.phone,
        "hours": contact.hours,
        "email": contact.email,
        "web": contact.web,
    }


def municipality_letterhead(municipality: str) -> dict[str, Any]:
    """The municipality's name and contact data from its policy file, as plain data for a
    letter: only what its standard gives (each field is sourced there; nothing invented).
    ``complaints`` is where complaints go: the standard's own address for them, if any."""
    policy = default_registry().municipalities[municipality]
    head = {"name": policy.name, **_contact_data(policy.contact)}
    complaints = _contact_data(policy.complaints or policy.contact)
    return {"municipality": head, "complaints": complaints}


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
    return {
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
        raise _danish(exc, facts, received_on) from exc
    return {
        "complaint_deadline": ev.complaint_deadline,
        "complaint_period": ev.policy.value("complaint_period").amount,
        "forward_period": ev.policy.value("forward_period").amount,
    }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _danish(exc: InputError, facts: CaseFacts, as_of: date) -> CaseError:
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
        name = registry.municipalities[facts.municipality].name
        return CaseError(f"{name} har ingen kvalitetsstandard i kraft {format_da(as_of)}.")
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
    return advice_from(evaluate_facts(facts, as_of=today))


def advice_from(evaluation: Evaluation) -> Advice:
    """The case page's and the actions' view of an evaluation."""
    return Advice(
        evaluation_json(evaluation),
        evaluation.visitation_committee_required,
        standard_party_hearing(evaluation),
        evaluation,
    )


def working_days_left(municipality: str, *, today: date, due: date) -> int:
    """Working days from today to ``due`` under the municipality's calendar (0 on the day
    itself; negative when overdue, counted in calendar days then, as a reader would)."""
    if due < today:
        return (due - today).days
    policy = default_registry().resolve(municipality, today)
    closing = () if policy is None else policy.value("closing_days")
    calendar = calendar_for(closing)
    count, day = 0, today
    while day < due and count < 100:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
    return count


def planned_days(placement: Placement, first: date, last: date) -> list[date]:
    """The days from ``first`` to ``last`` (both included) the citizen is expected at work:
    the placement's weekdays, while it runs, that are working days in the municipality's
    calendar. Public holidays and the municipality's closing days are not planned days.
    ``placement.case`` must be loaded (one query if it is not)."""
    municipality = placement.case.municipality_id
    start = max(first, placement.start_on)
    end = last if placement.ended_on is None else min(last, placement.ended_on)
    weekdays = {int(c) for c in placement.weekdays}
    days = []
    day = start
    while day <= end:
        if day.isoweekday() in weekdays and _calendar_on(municipality, day).is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


@lru_cache(maxsize=256)
def _calendar_for_year(municipality: str, year: int) -> Any:
    policy = default_registry().resolve(municipality, date(year, 1, 1))
    closing = () if policy is None else policy.value("closing_days")
    return calendar_for(closing)


def _calendar_on(municipality: str, day: date) -> Any:
    return _calendar_for_year(municipality, day.year)


@lru_cache(maxsize=256)
def minimum_wage_on(agreement: str, day: date) -> tuple[Decimal, str] | None:
    """The lowest hourly wage of a collective agreement in force on ``day`` (law data,
    ``minimum_wages`` in national.toml) with its source, or None where none is in force."""
    param = default_registry().minimum_wage(agreement, day)
    return None if param is None else (param.value, param.provenance.source)


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
            name = registry.municipalities[municipality].name
            raise CaseError(
                f"{name} har ingen kvalitetsstandard i kraft {format_da(as_of)}."
            ) from exc
        raise CaseError(f"Regelmotoren kan ikke beregne befordringen: {exc}") from exc
    split = ev.transport
    assert split is not None
    text, sources = explanation_for(ev, "transport")
    return MonthTransport(
        split.total, split.cap, split.citizen_pays, split.municipality_pays, text, sources
    )


def collective_agreements() -> dict[str, str]:
    """The lines of work whose lowest collective-agreement wage the law file carries
    (``minimum_wages``): key -> Danish label. An offer's ``collective_agreement`` must be
    one of these keys, so the wage floor can always be found. No query."""
    law = default_registry().law
    return {key: wage.label for key, wage in sorted(law.minimum_wages.items())}


def months_after(start: date, months: int) -> date:
    """``start`` plus calendar months by the engine's own date rule (31/1 + 1 = 28/2);
    negative months go back."""
    from bb103.rules.dates import add_months

    return add_months(start, months)


@dataclass(frozen=True)
class WageTerms:
    """What the engine says about a placement's wage on a day: the floor in kroner per
    hour (``wage_floor_pct`` of the lowest wage of the offer's collective agreement), the
    standard's fixed rates and start rate (Vejen), the wage forms it allows, and the
    engine's Danish explanation with its sources."""

    floor_hourly: Decimal
    minimum_hourly: Decimal
    floor_pct: Decimal
    rates_pct: tuple[Decimal, ...]
    start_rate_pct: Decimal | None
    bases: tuple[str, ...]
    text: str
    sources: tuple[str, ...]
    rates_source: str
    basis_source: str

    def hourly_for_rate(self, rate_pct: Decimal) -> Decimal:
        """The hourly wage a rate of the minimum wage gives, rounded half up to øre."""
        hourly = SCALAR.round_money(SCALAR.pct_of(self.minimum_hourly, rate_pct))
        assert hourly is not None
        return hourly


def wage_terms(placement: Placement, *, on: date) -> WageTerms:
    """The engine's wage rule for ``placement`` on ``on``, under the standard in force that
    day and the minimum wage of the offer's collective agreement in force that day.
    ``placement.case`` and ``placement.offer`` must be loaded."""
    facts = case_facts(placement.case)
    registry = default_registry()
    data = scenario_data(facts, as_of=on)
    data["employment"] = {
        "start_date": placement.start_on.isoformat(),
        "collective_agreement": placement.offer.collective_agreement,
    }
    try:
        ev = evaluate(parse_scenario(data, registry.ids()), registry)
    except InputError as exc:
        if exc.field == "employment.collective_agreement":
            raise CaseError(
                f"Der er ingen mindsteløn for tilbuddets overenskomst "
                f"({placement.offer.collective_agreement}) {format_da(on)}, så lønnens "
                "bundgrænse kan ikke beregnes. Kontakt kommunen.",
                field="valid_from",
            ) from exc
        raise _danish(exc, facts, on) from exc
    wage = ev.wage
    assert wage is not None and wage.floor_hourly is not None
    minimum = registry.minimum_wage(placement.offer.collective_agreement, on)
    assert minimum is not None
    text, sources = explanation_for(ev, "wage")
    rates = ev.policy.param("wage_rates")
    basis = ev.policy.param("wage_basis")
    return WageTerms(
        floor_hourly=wage.floor_hourly,
        minimum_hourly=minimum.value,
        floor_pct=ev.policy.value("wage_floor_pct"),
        rates_pct=wage.rates_pct,
        start_rate_pct=wage.start_rate_pct,
        bases=ev.wage_basis,
        text=text,
        sources=tuple(sources),
        rates_source="" if rates is None else rates.provenance.source,
        basis_source="" if basis is None else basis.provenance.source,
    )


@dataclass(frozen=True)
class AbsenceRule:
    """The standard's rule on repeated absence (policy ``repeated_absence``), its source."""

    count: int
    of_last_planned_days: int
    statuses: tuple[str, ...]
    action: str
    label: str
    source: str


def repeated_absence_rule(municipality: str, on: date) -> AbsenceRule | None:
    """The rule of the standard in force on ``on``; None where the standard has none (the
    law makes no such rule). No query."""
    policy = default_registry().resolve(municipality, on)
    param = None if policy is None else policy.param("repeated_absence")
    if param is None:
        return None
    rule = param.value
    return AbsenceRule(
        rule.count,
        rule.of_last_planned_days,
        rule.statuses,
        rule.action,
        rule.label_da(),
        param.provenance.source,
    )


def repeated_absence_triggered(municipality: str, on: date, statuses: list[str | None]) -> bool:
    """Whether the last planned days' statuses (the latest last; None: not registered)
    trigger the standard's rule in force on ``on``, by the engine's formula."""
    policy = default_registry().resolve(municipality, on)
    rule = None if policy is None else policy.value("repeated_absence")
    triggered, _ = repeated_absence(SCALAR, statuses, rule)
    return bool(triggered)


def is_working_day(municipality: str, day: date) -> bool:
    """Whether ``day`` is a working day in the municipality's calendar (no public holiday,
    no closing day of its standard). No query."""
    return bool(_calendar_on(municipality, day).is_working_day(day))


@dataclass(frozen=True)
class Notice:
    """The notice a standard gives before an effort ends (policy ``termination_notice``)."""

    ends_on: date
    label: str
    source: str


def termination_notice_ends(municipality: str, decided_on: date) -> Notice | None:
    """The earliest day an effort decided on ``decided_on`` can end under the standard in
    force then, where it gives a notice period; None where it gives none (the law gives
    none: an ending may take effect at once). No query."""
    registry = default_registry()
    policy = registry.resolve(municipality, decided_on)
    if policy is None:
        name = registry.municipalities[municipality].name
        raise CaseError(f"{name} har ingen kvalitetsstandard i kraft {format_da(decided_on)}.")
    param = policy.param("termination_notice")
    if param is None:
        return None
    calendar = calendar_for(policy.value("closing_days"))
    ends_on = deadline(SCALAR, decided_on, param.value, calendar)
    return Notice(ends_on, param.value.label_da(), param.provenance.source)

"""The rules of § 103, each written once.

Every formula takes an operations backend ``ops`` first and computes only through it and
plain arithmetic on parameters, never through ``if`` on case facts. That keeps one definition
usable by the single-case executor (:class:`bb103.rules.ops.ScalarOps`) and by a vectorised
executor over a population. Parameters (periods, tables, ranges) are constant for a
municipality and date, so branching on them is allowed.

``RULES`` holds each rule's Danish label and legal reference for explanations and documents.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bb103.rules.policy.values import DaysPerWeek, RepeatedAbsence, WageRates

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
NEEDS_ASSESSMENT = "needs_assessment"

LEGAL_CRITERIA = (
    "age_min",
    "below_pension_age",
    "reduced_function_or_social_problems",
    "cannot_work_on_normal_terms",
    "other_legislation_exhausted",
)


@dataclass(frozen=True)
class Rule:
    id: str
    label: str  # Danish, as a caseworker reads it
    reference: str  # the legal source of the rule itself


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("age_min", "Borgeren er fyldt 18 år", "Serviceloven § 103, stk. 1"),
        Rule(
            "below_pension_age",
            "Borgeren er under folkepensionsalderen",
            "Serviceloven § 103, stk. 1, jf. lov om social pension § 1 a",
        ),
        Rule(
            "reduced_function_or_social_problems",
            "Betydelig nedsat fysisk eller psykisk funktionsevne eller særlige sociale problemer",
            "Serviceloven § 103, stk. 1",
        ),
        Rule(
            "cannot_work_on_normal_terms",
            "Kan ikke opnå eller fastholde beskæftigelse på normale vilkår",
            "Serviceloven § 103, stk. 1",
        ),
        Rule(
            "other_legislation_exhausted",
            "Kan ikke benytte tilbud efter anden lovgivning (fx fleksjob, job med løntilskud)",
            "Serviceloven § 103, stk. 1",
        ),
        Rule("vum_level_3_or_4", "Funktionsnedsættelse i målgruppe 3 eller 4 efter VUM", ""),
        Rule("can_transport_self", "Kan som udgangspunkt transportere sig selv", ""),
        Rule("motivated", "Er motiveret for beskyttet beskæftigelse", ""),
        Rule(
            "receives_foertidspension",
            "Modtager førtidspension (ellers hjælper Jobcenteret først)",
            "",
        ),
        Rule("eligibility", "Målgruppe", "Serviceloven § 103, stk. 1"),
        Rule("turns_18_on", "Fylder 18 år", "Serviceloven § 103, stk. 1"),
        Rule("reaches_pension_age_on", "Når folkepensionsalderen", "Lov om social pension § 1 a"),
        Rule("decision_deadline", "Frist for afgørelse", "Retssikkerhedsloven § 3, stk. 2"),
        Rule(
            "party_hearing_deadline",
            "Frist for bemærkninger (partshøring)",
            "Forvaltningsloven § 19",
        ),
        Rule("complaint_deadline", "Klagefrist", "Retssikkerhedsloven § 67, stk. 1"),
        Rule(
            "forward_to_ankestyrelsen_by",
            "Videresendelse af klage til Ankestyrelsen",
            "Retssikkerhedsloven § 66, stk. 2",
        ),
        Rule("visitation_committee_required", "Visitationsudvalg før afgørelse", ""),
        Rule("free_choice_of_provider", "Frit valg af tilbud", ""),
        Rule("days_per_week", "Dage om ugen", ""),
        Rule("next_follow_up_by", "Næste opfølgning", "Serviceloven § 148, stk. 1"),
        Rule("wage", "Løn", "Serviceloven § 105, BEK nr. 483 af 19/05/2011 § 1"),
        Rule("transport", "Befordring", "BEK nr. 483 af 19/05/2011 § 2"),
        Rule("wage_basis", "Lønform", "Serviceloven § 105, BEK nr. 483 af 19/05/2011 § 1"),
        Rule("wage_forms", "Lønformer, der kan aftales", "BEK nr. 483 af 19/05/2011 § 1"),
        Rule("providers", "Tilbud og leverandører", "Serviceloven § 14, stk. 2"),
        Rule("repeated_absence", "Gentaget fravær", ""),
    )
}


# --- age --------------------------------------------------------------------------------
def turns_age_on(ops: Any, birth_date: Any, age: int, leap_day: tuple[int, int]) -> Any:
    return ops.add_years(birth_date, age, leap_day)


def reaches_pension_age_on(ops: Any, birth_date: Any, table: Any, leap_day: Any) -> Any:
    """The day the person reaches folkepensionsalder: the birthday, plus months for ½ years."""
    years, months = ops.cohort(birth_date, table)
    return ops.add_months(ops.add_years(birth_date, years, leap_day), months)


# --- target group -----------------------------------------------------------------------
def age_min_met(ops: Any, as_of: Any, turns_age_min_on: Any) -> Any:
    return ops.date_le(turns_age_min_on, as_of)


def below_pension_age(ops: Any, as_of: Any, pension_on: Any) -> Any:
    return ops.date_lt(as_of, pension_on)


def reduced_function_or_social_problems(ops: Any, reduced: Any, social: Any) -> Any:
    return ops.or3(reduced, social)


def cannot_work_on_normal_terms(ops: Any, can_work_on_normal_terms: Any) -> Any:
    return ops.not3(can_work_on_normal_terms)


def vum_level_3_or_4(ops: Any, vum_level: Any) -> Any:
    return ops.in3(vum_level, (3, 4))


def eligibility_outcome(ops: Any, legal: list[Any], municipal: list[Any]) -> Any:
    """Any legal criterion false: not eligible. Any legal criterion unknown, or any municipal
    criterion not met: needs an individual assessment (municipal criteria are starting
    points, never a refusal on their own). Otherwise eligible."""
    open_question = ops.either(ops.any_is(legal, None), ops.any_not_true(municipal))
    return ops.select(
        ops.any_is(legal, False),
        NOT_ELIGIBLE,
        ops.select(open_question, NEEDS_ASSESSMENT, ELIGIBLE),
    )


# --- deadlines --------------------------------------------------------------------------
def deadline(ops: Any, start: Any, period: Any, calendar: Any) -> Any:
    return ops.add_period(start, period, calendar)


def next_follow_up_by(ops: Any, start_date: Any, last_follow_up_on: Any, months: int) -> Any:
    return ops.add_months(ops.coalesce(last_follow_up_on, start_date), months)


# --- scope ------------------------------------------------------------------------------
def days_per_week(ops: Any, living_situation: Any, allowed: DaysPerWeek) -> tuple[Any, Any, Any]:
    """The allowed range; where it depends on living situation, the maximum is unknown until
    the living situation is."""
    if not allowed.by_living_situation:
        return allowed.min, allowed.max, allowed.default
    ranges = allowed.by_living_situation
    low = ops.lookup(
        living_situation, {k: r.min for k, r in ranges.items()}, allowed.min, allowed.min
    )
    high = ops.lookup(living_situation, {k: r.max for k, r in ranges.items()}, allowed.max, None)
    return low, high, allowed.default


# --- wage -------------------------------------------------------------------------------
def wage_floor_hourly(ops: Any, minimum_hourly_wage: Any, floor_pct: Any) -> Any:
    """The floor as contract money (evaluate.md): rounded half up, so it may lie below the
    exact floor (6,9925 -> 6,99). A wage is checked against ``wage_floor_exact``."""
    return ops.round_money(wage_floor_exact(ops, minimum_hourly_wage, floor_pct))


def wage_floor_exact(ops: Any, minimum_hourly_wage: Any, floor_pct: Any) -> Any:
    """BEK nr. 483 § 1: "mindst 5 %" of the lowest wage, exact (5 % of 139,85 = 6,9925)."""
    return ops.pct_of(minimum_hourly_wage, floor_pct)


def hourly_for_rate(ops: Any, minimum_hourly_wage: Any, rate_pct: Any) -> Any:
    """The hourly wage a rate of the minimum wage gives, as it is paid: in whole øre and
    rounded up, so it is never below the rate (nor, at the floor's rate, below the floor).
    5 % of 139,85 = 6,9925 -> 7,00; the lowest payable wage is this at the floor's rate."""
    return ops.round_money_up(ops.pct_of(minimum_hourly_wage, rate_pct))


def renegotiation_dates(
    ops: Any, start_date: Any, rates: WageRates | None, count: int = 3
) -> list[Any]:
    if rates is None or rates.renegotiate_first_after_months is None:
        return []
    first = rates.renegotiate_first_after_months
    every = rates.renegotiate_then_every_months or 0
    return [ops.add_months(start_date, first + i * every) for i in range(count)]


# --- transport --------------------------------------------------------------------------
def transport_per_km(
    ops: Any, one_way_km: Any, price_per_km: Any, days: Any, citizen_km: Any
) -> tuple[Any, Any]:
    """Cost of the period's round trips, and the part for the first ``citizen_km`` each way."""
    total = ops.mul(one_way_km, price_per_km, days, 2)
    citizen_base = ops.mul(ops.minimum(one_way_km, citizen_km), price_per_km, days, 2)
    return total, citizen_base


def transport_split(
    ops: Any, total: Any, citizen_base: Any, net_earnings: Any, cap_pct: Any
) -> tuple[Any, Any, Any, Any, Any]:
    """The citizen pays the first 10 km each way, never more than the cap; the municipality
    pays the rest. Amounts are rounded half up to øre at the end, and the municipality's
    share is the rounded total less the citizen's rounded share, so the two add up."""
    cap = ops.pct_of(net_earnings, cap_pct)
    citizen = ops.min_present(citizen_base, cap)
    total_r = ops.round_money(total)
    citizen_r = ops.round_money(citizen)
    return (
        total_r,
        ops.round_money(citizen_base),
        ops.round_money(cap),
        citizen_r,
        ops.sub(total_r, citizen_r),
    )


# --- attendance -------------------------------------------------------------------------
def repeated_absence(
    ops: Any, statuses: Sequence[str | None], rule: RepeatedAbsence | None
) -> tuple[bool, int]:
    """Whether the rule triggers, and the days it counted. ``statuses`` are the registered
    statuses of the citizen's planned days in order, the latest last (None: not
    registered); only the last ``of_last_planned_days`` count. No rule: never.

    One citizen's days at a time, in plain Python: the population executor has no
    attendance, so this rule has no vectorised twin (``ops`` is taken for the signature)."""
    if rule is None:
        return False, 0
    window = list(statuses)[-rule.of_last_planned_days :]
    counted = sum(1 for s in window if s in rule.statuses)
    return counted >= rule.count, counted

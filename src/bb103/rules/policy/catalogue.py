"""Every parameter the rules use: its type, and how a municipality may deviate from the law.

The catalogue is code because the rules depend on each parameter's meaning; the values are
data. ``municipal`` says what a municipal standard may do with a parameter, so that a
municipal value can add to the law but never undercut it:

- ``none``: only the law sets it;
- ``equal``: a municipality may restate it, with the same value;
- ``raise``: a municipality may set a higher value (a better floor for the citizen, or a
  requirement the law does not make);
- ``lower``: a municipality may set a lower value (a tighter limit in the citizen's favour);
- ``within``: a municipality may narrow the law's range;
- ``free``: a municipal choice the law leaves open (the national value is the default);
- ``only``: a municipal rule the law does not make at all: the law file may not set it,
  and where a standard has none the rule is off.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bb103.rules.policy.values import (
    ATTENDANCE_STATUSES,
    HANDLEPLAN_MODES,
    LIVING_SITUATIONS,
    PERIOD_UNITS,
    WAGE_BASES,
    WAGE_FORMS,
    Addressee,
    CouncilDeadline,
    DayRange,
    DaysPerWeek,
    MunicipalCriterion,
    PensionCohort,
    Period,
    Providers,
    RepeatedAbsence,
    WageForm,
    WageRates,
)

# Criteria a municipal standard may add to the legal target group (evaluate.md).
MUNICIPAL_CRITERIA = (
    "vum_level_3_or_4",
    "can_transport_self",
    "motivated",
    "receives_foertidspension",
)


class ValueProblem(ValueError):
    """A malformed value; ``subkey`` points inside it (e.g. ``max``)."""

    def __init__(self, message: str, subkey: str | None = None) -> None:
        super().__init__(message)
        self.subkey = subkey


def _table(raw: Any, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ValueProblem("must be a table")
    for key in raw:
        if key not in allowed:
            raise ValueProblem("unknown key", key)
    for key in sorted(required - raw.keys()):
        raise ValueProblem("is required", key)
    return raw


def _int(raw: Any, subkey: str | None = None, minimum: int = 0) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueProblem("must be a whole number", subkey)
    if raw < minimum:
        raise ValueProblem(f"must be at least {minimum}", subkey)
    return raw


def _decimal(raw: Any, subkey: str | None = None) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        raise ValueProblem("must be a number", subkey)
    value = Decimal(raw)
    if value < 0:
        raise ValueProblem("must not be negative", subkey)
    return value


def parse_integer(raw: Any) -> int:
    return _int(raw)


def parse_decimal(raw: Any) -> Decimal:
    return _decimal(raw)


def parse_boolean(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise ValueProblem("must be true or false")
    return raw


def _month_day(raw: Any, subkey: str | None = None) -> tuple[int, int]:
    if not isinstance(raw, str) or len(raw) != 5 or raw[2] != "-":
        raise ValueProblem("must be a month and day as 'MM-DD'", subkey)
    try:
        month, day = int(raw[:2]), int(raw[3:])
        date(2000, month, day)  # a leap year, so 02-29 is accepted as a day that exists
    except ValueError:
        raise ValueProblem(f"{raw} is not a day of the year", subkey) from None
    return month, day


def parse_month_day(raw: Any) -> tuple[int, int]:
    return _month_day(raw)


def parse_month_days(raw: Any) -> tuple[tuple[int, int], ...]:
    if not isinstance(raw, list):
        raise ValueProblem("must be a list of 'MM-DD' days")
    return tuple(_month_day(item, f"[{i}]") for i, item in enumerate(raw))


def parse_period(raw: Any) -> Period:
    table = _table(raw, {"amount", "unit"}, {"amount", "unit"})
    amount = _int(table["amount"], "amount", minimum=1)
    unit = table["unit"]
    if unit not in PERIOD_UNITS:
        raise ValueProblem(f"must be one of {', '.join(PERIOD_UNITS)}", "unit")
    return Period(amount, unit)


def _day_range(raw: Any, subkey: str) -> DayRange:
    table = _table(raw, {"min", "max"}, {"min", "max"})
    low, high = _int(table["min"], f"{subkey}.min", 1), _int(table["max"], f"{subkey}.max", 1)
    if low > high:
        raise ValueProblem("min is above max", subkey)
    return DayRange(low, high)


def parse_days_per_week(raw: Any) -> DaysPerWeek:
    table = _table(raw, {"min", "max", "default", "by_living_situation"}, {"min", "max"})
    low, high = _int(table["min"], "min", 1), _int(table["max"], "max", 1)
    if low > high:
        raise ValueProblem("is above max", "min")
    default = table.get("default")
    if default is not None:
        default = _int(default, "default", 1)
        if not low <= default <= high:
            raise ValueProblem("must lie between min and max", "default")
    by_situation: dict[str, DayRange] = {}
    situations = table.get("by_living_situation", {})
    if not isinstance(situations, dict):
        raise ValueProblem("must be a table", "by_living_situation")
    for name, sub in situations.items():
        where = f"by_living_situation.{name}"
        if name not in LIVING_SITUATIONS:
            raise ValueProblem(f"must be one of {', '.join(LIVING_SITUATIONS)}", where)
        rng = _day_range(sub, where)
        if rng.min < low or rng.max > high:
            raise ValueProblem(f"must lie within {low}-{high}", where)
        by_situation[name] = rng
    return DaysPerWeek(low, high, default, by_situation)


def parse_pension_table(raw: Any) -> tuple[PensionCohort, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueProblem("must be a non-empty list of cohorts")
    cohorts = []
    for i, item in enumerate(raw):
        where = f"[{i}]"
        table = _table(item, {"born_from", "born_to", "years", "months"}, {"years"})
        bounds = [table.get("born_from"), table.get("born_to")]
        for name, bound in zip(("born_from", "born_to"), bounds, strict=True):
            if bound is not None and not _is_date(bound):
                raise ValueProblem("must be a date", f"{where}.{name}")
        months = _int(table.get("months", 0), f"{where}.months")
        if months > 11:
            raise ValueProblem("must be 0-11", f"{where}.months")
        cohorts.append(PensionCohort(bounds[0], bounds[1], _int(table["years"]), months))
    # The cohorts must tile the whole line of birth dates, in order, with ages never falling.
    if cohorts[0].born_from is not None:
        raise ValueProblem("the first cohort must have no born_from", "[0].born_from")
    if cohorts[-1].born_to is not None:
        raise ValueProblem("the last cohort must have no born_to", f"[{len(cohorts) - 1}].born_to")
    for i, (prev, cur) in enumerate(itertools.pairwise(cohorts), start=1):
        if prev.born_to is None or cur.born_from is None:
            raise ValueProblem("cohorts between the first and last need both bounds", f"[{i}]")
        if (cur.born_from - prev.born_to).days != 1:
            raise ValueProblem("must start the day after the previous cohort ends", f"[{i}]")
        if (cur.years, cur.months) < (prev.years, prev.months):
            raise ValueProblem("pension age must not fall for later cohorts", f"[{i}]")
        if cur.born_to is not None and cur.born_to < cur.born_from:
            raise ValueProblem("born_to is before born_from", f"[{i}]")
    return tuple(cohorts)


def parse_criteria(raw: Any) -> tuple[MunicipalCriterion, ...]:
    """A table from criterion id to the section of the standard that states it."""
    if not isinstance(raw, dict):
        raise ValueProblem("must be a table of criterion id = source")
    criteria = []
    for cid, source in raw.items():
        if cid not in MUNICIPAL_CRITERIA:
            raise ValueProblem(f"must be one of {', '.join(MUNICIPAL_CRITERIA)}", cid)
        if not isinstance(source, str) or not source.strip():
            raise ValueProblem("needs its source: the section of the standard", cid)
        criteria.append(MunicipalCriterion(cid, source))
    return tuple(criteria)


def parse_vum_scale(raw: Any) -> tuple[str, ...]:
    """The VUM scale 0-4: a label for each level."""
    levels = [str(level) for level in range(5)]
    table = _table(raw, set(levels), set(levels))
    for level in levels:
        if not isinstance(table[level], str) or not table[level].strip():
            raise ValueProblem("must be a non-empty text", level)
    return tuple(table[level] for level in levels)


def parse_wage_basis(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise ValueProblem(f"must be a non-empty list of: {', '.join(WAGE_BASES)}")
    for i, item in enumerate(raw):
        if item not in WAGE_BASES:
            raise ValueProblem(f"must be one of {', '.join(WAGE_BASES)}", f"[{i}]")
    if len(set(raw)) != len(raw):
        raise ValueProblem("lists a wage form twice")
    return tuple(raw)


def parse_wage_forms(raw: Any) -> tuple[WageForm, ...]:
    """The forms a wage may be set in, each with the standard's own name for it: a table of
    form id = name. The law file lists every form of BEK nr. 483 § 1; a standard sets it
    only where it actually restricts the forms (or names its wage in its own words)."""
    if not isinstance(raw, dict) or not raw:
        raise ValueProblem(
            "must be a non-empty table of form = name; forms: " + ", ".join(WAGE_FORMS)
        )
    forms = []
    for form, name in raw.items():
        if form not in WAGE_FORMS:
            raise ValueProblem(f"must be one of {', '.join(WAGE_FORMS)}", form)
        if not isinstance(name, str) or not name.strip():
            raise ValueProblem("needs the standard's name for the form", form)
        forms.append(WageForm(form, name.strip()))
    return tuple(forms)


def parse_providers(raw: Any) -> Providers:
    table = _table(raw, {"description", "own_offers"}, {"description"})
    description = table["description"]
    if not isinstance(description, str) or not description.strip():
        raise ValueProblem("must be a non-empty text", "description")
    offers = table.get("own_offers", [])
    if not isinstance(offers, list) or not all(isinstance(o, str) and o.strip() for o in offers):
        raise ValueProblem("must be a list of names", "own_offers")
    return Providers(description, tuple(offers))


def parse_wage_rates(raw: Any) -> WageRates:
    keys = {
        "rates_pct",
        "start_rate_pct",
        "renegotiate_first_after_months",
        "renegotiate_then_every_months",
    }
    table = _table(raw, keys, {"rates_pct"})
    if not isinstance(table["rates_pct"], list):
        raise ValueProblem("must be a list of percentages", "rates_pct")
    rates = tuple(_decimal(r, f"rates_pct[{i}]") for i, r in enumerate(table["rates_pct"]))
    start = table.get("start_rate_pct")
    start_rate = None if start is None else _decimal(start, "start_rate_pct")
    if start_rate is not None and start_rate not in rates:
        raise ValueProblem("must be one of rates_pct", "start_rate_pct")
    first = table.get("renegotiate_first_after_months")
    every = table.get("renegotiate_then_every_months")
    if (first is None) != (every is None):
        raise ValueProblem(
            "set both renegotiation keys or neither", "renegotiate_first_after_months"
        )
    return WageRates(
        rates,
        start_rate,
        None if first is None else _int(first, "renegotiate_first_after_months", 1),
        None if every is None else _int(every, "renegotiate_then_every_months", 1),
    )


def parse_repeated_absence(raw: Any) -> RepeatedAbsence:
    table = _table(
        raw, {"count", "of_last_planned_days", "statuses", "action"}, {"count", "statuses"}
    )
    count = _int(table["count"], "count", 1)
    window = _int(table.get("of_last_planned_days", count), "of_last_planned_days", 1)
    if count > window:
        raise ValueProblem("must not exceed of_last_planned_days", "count")
    statuses = table["statuses"]
    absent = [s for s in ATTENDANCE_STATUSES if s != "present"]
    if not isinstance(statuses, list) or not statuses:
        raise ValueProblem(f"must be a non-empty list of: {', '.join(absent)}", "statuses")
    for i, item in enumerate(statuses):
        if item not in absent:
            raise ValueProblem(f"must be one of {', '.join(absent)}", f"statuses[{i}]")
    if len(set(statuses)) != len(statuses):
        raise ValueProblem("lists a status twice", "statuses")
    action = table.get("action", "Følg op på borgerens fremmøde.")
    if not isinstance(action, str) or not action.strip():
        raise ValueProblem("must be a non-empty text", "action")
    return RepeatedAbsence(count, window, tuple(statuses), action.strip())


def _text(raw: Any, subkey: str | None = None) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueProblem("must be a non-empty text", subkey)
    return raw.strip()


def parse_texts(raw: Any) -> tuple[str, ...]:
    """Sentences a citizen reads, in the standard's own meaning (plain Danish)."""
    if not isinstance(raw, list) or not raw:
        raise ValueProblem("must be a non-empty list of texts")
    return tuple(_text(item, f"[{i}]") for i, item in enumerate(raw))


def parse_handleplan(raw: Any) -> str:
    if raw not in HANDLEPLAN_MODES:
        raise ValueProblem(f"must be one of {', '.join(HANDLEPLAN_MODES)}")
    return str(raw)


def parse_addressee(raw: Any) -> Addressee:
    keys = {"role", "unit", "address", "phones", "email", "web", "description"}
    table = _table(raw, keys, {"role", "unit"})
    address = table.get("address", [])
    phones = table.get("phones", [])
    for name, items in (("address", address), ("phones", phones)):
        if not isinstance(items, list):
            raise ValueProblem("must be a list of texts", name)
    optional = {k: _text(table[k], k) for k in ("email", "web", "description") if k in table}
    if not (address or phones or "email" in optional):
        # Someone to turn to needs a way to reach them.
        raise ValueProblem("give at least an address, a phone or an e-mail", "address")
    return Addressee(
        role=_text(table["role"], "role"),
        unit=_text(table["unit"], "unit"),
        address=tuple(_text(a, f"address[{i}]") for i, a in enumerate(address)),
        phones=tuple(_text(p, f"phones[{i}]") for i, p in enumerate(phones)),
        **optional,
    )


def parse_council_deadline(raw: Any) -> CouncilDeadline:
    table = _table(raw, {"set_by", "published_at"}, {"set_by", "published_at"})
    return CouncilDeadline(
        _text(table["set_by"], "set_by"), _text(table["published_at"], "published_at")
    )


def _is_date(value: Any) -> bool:
    return isinstance(value, date) and type(value) is date


@dataclass(frozen=True)
class ParamSpec:
    key: str
    label: str  # Danish, for explanations and the published standard
    parse: Callable[[Any], Any]
    national: bool  # the national law file must give it a value
    municipal: str  # none | equal | raise | lower | within | free | only


CATALOGUE: dict[str, ParamSpec] = {
    spec.key: spec
    for spec in (
        ParamSpec("age_min", "Nedre aldersgrænse", parse_integer, True, "equal"),
        ParamSpec("pension_age", "Folkepensionsalder", parse_pension_table, True, "none"),
        ParamSpec(
            "leap_day_birthday", "Fødselsdag for født 29. februar", parse_month_day, True, "none"
        ),
        ParamSpec("closing_days", "Administrationens lukkedage", parse_month_days, True, "free"),
        ParamSpec("decision_deadline", "Frist for afgørelse", parse_period, False, "free"),
        ParamSpec("party_hearing_period", "Frist for partshøring", parse_period, False, "free"),
        ParamSpec("complaint_period", "Klagefrist", parse_period, True, "none"),
        ParamSpec(
            "forward_period",
            "Frist for videresendelse til Ankestyrelsen",
            parse_period,
            True,
            "lower",
        ),
        ParamSpec("visitation_committee", "Visitationsudvalg", parse_boolean, True, "free"),
        ParamSpec("free_choice_of_provider", "Frit valg af tilbud", parse_boolean, True, "free"),
        ParamSpec("days_per_week", "Dage om ugen", parse_days_per_week, True, "within"),
        ParamSpec("follow_up_months", "Opfølgning", parse_integer, True, "lower"),
        ParamSpec("wage_floor_pct", "Mindste arbejdsdusør", parse_decimal, True, "raise"),
        ParamSpec("wage_rates", "Lønsatser", parse_wage_rates, False, "free"),
        ParamSpec("wage_basis", "Lønformer", parse_wage_basis, True, "free"),
        # What the standard names (wage_basis) is not what it allows: a standard silent on a
        # form, or one saying "efter gældende regler", leaves every form of the law open.
        ParamSpec("wage_forms", "Lønformer, der kan aftales", parse_wage_forms, True, "within"),
        ParamSpec("vum_scale", "VUM-skalaen for funktionsevne", parse_vum_scale, True, "equal"),
        ParamSpec("providers", "Tilbud og leverandører", parse_providers, False, "free"),
        ParamSpec(
            "tilbudsportalen_required",
            "Kun tilbud, der står på Tilbudsportalen",
            parse_boolean,
            True,
            "equal",
        ),
        ParamSpec(
            "socialtilsyn_approval_required",
            "Tilbuddet skal være godkendt af socialtilsynet",
            parse_boolean,
            True,
            "raise",
        ),
        ParamSpec("municipal_criteria", "Kommunens kriterier", parse_criteria, False, "free"),
        ParamSpec("transport_citizen_km", "Borgerens egne kilometer", parse_decimal, True, "lower"),
        ParamSpec(
            "transport_cap_pct", "Loft over borgerens kørselsudgift", parse_decimal, True, "lower"
        ),
        # The law sets no rule on repeated absence: the national file has no value, and the
        # rule is off where a municipality's standard has none.
        ParamSpec("repeated_absence", "Gentaget fravær", parse_repeated_absence, False, "only"),
        # The law sets no notice before an effort ends (other than at folkepensionsalder,
        # which it sets itself); a standard may promise one. None of the five does.
        ParamSpec("termination_notice", "Varsel ved ophør", parse_period, False, "only"),
        # What the citizen reads in the published standard and the letters, each in the
        # standard's own words; where a standard says nothing, nothing is said.
        ParamSpec("handleplan", "Handleplan (§ 141)", parse_handleplan, True, "free"),
        # Vejen: without a handleplan the goals go into the order to the provider.
        ParamSpec(
            "goals_in_order_without_handleplan",
            "Målene står i bestillingen, når der ikke er en handleplan",
            parse_boolean,
            False,
            "only",
        ),
        ParamSpec("citizen_costs", "Udgifter for borgeren", parse_texts, False, "only"),
        ParamSpec("how_to_apply", "Sådan søger du", parse_texts, False, "only"),
        # The standard's other promises to the citizen, in plain Danish (Sønderborg: a fixed
        # contact person; Ballerup: an answer to a complaint within 4 weeks).
        ParamSpec("promises", "Det lover standarden også", parse_texts, False, "only"),
        ParamSpec(
            "case_handling_complaints",
            "Klage over sagsbehandlingen",
            parse_addressee,
            False,
            "only",
        ),
        ParamSpec("borgerraadgiver", "Borgerrådgiver", parse_addressee, False, "only"),
        # Sønderborg: the decision deadline is set by byrådet, outside the standard; the
        # council's decisions are dated data of the municipality (council_deadlines).
        ParamSpec(
            "decision_deadline_by_council",
            "Sagsbehandlingsfristen fastsættes af byrådet",
            parse_council_deadline,
            False,
            "only",
        ),
    )
}

"""The single-case executor: runs the rule formulas for one scenario and explains each result."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bb103.rules import formulas as f
from bb103.rules.calendar import calendar_for
from bb103.rules.errors import InputError
from bb103.rules.explain import MET_DA, OUTCOME_DA, Explanation, d, explanation, kr, num, pct
from bb103.rules.ops import SCALAR as ops
from bb103.rules.policy.model import Param, ResolvedPolicy
from bb103.rules.policy.registry import PolicyRegistry
from bb103.rules.policy.values import WAGE_BASES, Period, WageForm, WageRates
from bb103.rules.scenario import Scenario


@dataclass(frozen=True)
class Criterion:
    id: str
    met: bool | None
    kind: str  # "legal" or "municipal"
    label: str
    source: str


@dataclass(frozen=True)
class DaysPerWeekRange:
    min: int | None
    max: int | None
    default: int | None


@dataclass(frozen=True)
class Wage:
    floor_hourly: Decimal | None  # the contract's money: half up (6,9925 -> 6,99)
    rates_pct: tuple[Decimal, ...]
    start_rate_pct: Decimal | None
    renegotiation_dates: tuple[date, ...]
    # "Mindst 5 %" exactly, and the lowest wage payable in whole øre (rounded up: 7,00).
    floor_hourly_exact: Decimal | None = None
    floor_hourly_payable: Decimal | None = None


@dataclass(frozen=True)
class TransportSplit:
    total: Decimal
    citizen_base: Decimal
    cap: Decimal | None
    citizen_pays: Decimal
    municipality_pays: Decimal


@dataclass(frozen=True)
class ProviderRules:
    description: str | None
    own_offers: tuple[str, ...]
    tilbudsportalen_required: bool
    socialtilsyn_approval_required: bool


@dataclass(frozen=True)
class Evaluation:
    scenario: Scenario
    policy: ResolvedPolicy
    birth_date: date | None
    outcome: str
    criteria: tuple[Criterion, ...]
    turns_18_on: date | None
    reaches_pension_age_on: date | None
    decision_deadline: date | None
    party_hearing_deadline: date | None
    complaint_deadline: date | None
    forward_to_ankestyrelsen_by: date | None
    visitation_committee_required: bool
    free_choice_of_provider: bool
    days_per_week: DaysPerWeekRange
    next_follow_up_by: date | None
    wage: Wage | None
    transport: TransportSplit | None
    wage_basis: tuple[str, ...]
    # The forms a wage may be set in, named in the standard's words (Vejen: its rates).
    wage_forms: tuple[WageForm, ...]
    providers: ProviderRules
    explanations: tuple[Explanation, ...]


def evaluate(scenario: Scenario, registry: PolicyRegistry) -> Evaluation:
    policy = registry.resolve(scenario.municipality, scenario.as_of)
    if policy is None:
        versions = registry.municipalities[scenario.municipality].versions
        raise InputError(
            "as_of",
            f"no quality standard of {scenario.municipality} is in force on {scenario.as_of} "
            f"(the earliest is in force from {versions[0].in_force_from})",
        )
    return _Run(scenario, policy, registry).evaluation()


class _Run:
    """One evaluation: each step computes through the formulas and records its explanation."""

    def __init__(self, scenario: Scenario, policy: ResolvedPolicy, registry: PolicyRegistry):
        self.s = scenario
        self.p = policy
        self.registry = registry
        self.calendar = calendar_for(policy.value("closing_days"))
        self.explanations: list[Explanation] = []

    def param(self, key: str) -> Param | None:
        return self.p.param(key)

    def explain(self, rule: str, text: str, inputs: dict[str, Any], *params: Param | None) -> None:
        self.explanations.append(explanation(rule, text, inputs, *params))

    def evaluation(self) -> Evaluation:
        s, c = self.s, self.s.citizen
        turns_18, pension_on = self.ages(c.birth_date)
        criteria = self.criteria(turns_18, pension_on)
        legal = [k.met for k in criteria if k.kind == "legal"]
        municipal = [k.met for k in criteria if k.kind == "municipal"]
        outcome = f.eligibility_outcome(ops, legal, municipal)
        self.explain_outcome(outcome, criteria)
        return Evaluation(
            scenario=s,
            policy=self.p,
            birth_date=c.birth_date,
            outcome=outcome,
            criteria=tuple(criteria),
            turns_18_on=turns_18,
            reaches_pension_age_on=pension_on,
            decision_deadline=self.decision_deadline(),
            party_hearing_deadline=self.party_hearing_deadline(),
            complaint_deadline=self.complaint_deadline(),
            forward_to_ankestyrelsen_by=self.forward_deadline(),
            visitation_committee_required=self.flag(
                "visitation_committee_required", "visitation_committee"
            ),
            free_choice_of_provider=self.flag("free_choice_of_provider", "free_choice_of_provider"),
            days_per_week=self.days_per_week(),
            next_follow_up_by=self.follow_up(),
            wage=self.wage(),
            transport=self.transport(),
            wage_basis=self.wage_basis(),
            wage_forms=self.wage_forms(),
            providers=self.providers(),
            explanations=tuple(self.explanations),
        )

    # --- age ------------------------------------------------------------------------------
    def ages(self, birth: date | None) -> tuple[date | None, date | None]:
        age_min, table, leap = (
            self.param("age_min"),
            self.param("pension_age"),
            self.param("leap_day_birthday"),
        )
        assert age_min and table and leap
        turns = f.turns_age_on(ops, birth, age_min.value, leap.value)
        pension_on = f.reaches_pension_age_on(ops, birth, table.value, leap.value)
        inputs = {"birth_date": birth}
        if birth is None:
            self.explain("turns_18_on", "Fødselsdatoen er ikke oplyst.", inputs, age_min)
            return None, None
        # The leap-day convention is only part of the reasoning for someone born 29 February.
        leap_used = leap if (birth.month, birth.day) == (2, 29) else None
        self.explain(
            "turns_18_on",
            f"Født {d(birth)}: fylder {age_min.value} år {d(turns)}.",
            inputs,
            age_min,
            leap_used,
        )
        years, months = ops.cohort(birth, table.value)
        age = f"{years} år" + (f" og {months} måneder" if months else "")
        self.explain(
            "reaches_pension_age_on",
            f"Født {d(birth)}: folkepensionsalderen er {age} og nås {d(pension_on)}. "
            "Beskyttet beskæftigelse ophører den dag.",
            inputs,
            table,
            leap_used,
        )
        return turns, pension_on

    # --- target group -----------------------------------------------------------------------
    def criteria(self, turns_18: date | None, pension_on: date | None) -> list[Criterion]:
        flags = self.s.citizen.flags
        as_of = self.s.as_of
        age_param = self.param("age_min")
        assert age_param is not None
        legal = {
            "age_min": f.age_min_met(ops, as_of, turns_18),
            "below_pension_age": f.below_pension_age(ops, as_of, pension_on),
            "reduced_function_or_social_problems": f.reduced_function_or_social_problems(
                ops, flags["significant_reduced_function"], flags["special_social_problems"]
            ),
            "cannot_work_on_normal_terms": f.cannot_work_on_normal_terms(
                ops, flags["can_work_on_normal_terms"]
            ),
            "other_legislation_exhausted": flags["other_legislation_exhausted"],
        }
        result = []
        for cid, met in legal.items():
            source, label = f.RULES[cid].reference, f.RULES[cid].label
            if cid == "age_min":
                # The age is law data: a change of law changes what the caseworker reads.
                label = f"Borgeren er fyldt {age_param.value} år"
                if age_param.provenance.layer == "municipal":
                    source = f"{source}; {age_param.provenance.source}"
            result.append(Criterion(cid, met, "legal", label, source))
        own = self.param("municipal_criteria")
        for criterion in own.value if own else ():
            cid = criterion.id
            met = (
                f.vum_level_3_or_4(ops, self.s.citizen.vum_level)
                if cid == "vum_level_3_or_4"
                else flags[cid]
            )
            result.append(Criterion(cid, met, "municipal", f.RULES[cid].label, criterion.source))
        return result

    def explain_outcome(self, outcome: str, criteria: list[Criterion]) -> None:
        lines = [f"{OUTCOME_DA[outcome]}."]
        for k in criteria:
            lines.append(f"{MET_DA[k.met]}: {k.label} ({k.source}).")
        if any(k.kind == "municipal" for k in criteria):
            lines.append(
                "Kommunens egne kriterier er udgangspunkter; de fører ikke alene til afslag."
            )
        lines.append("Anbefalingen erstatter ikke rådgiverens konkrete og individuelle vurdering.")
        vum, scale = self.s.citizen.vum_level, self.param("vum_scale")
        if vum is not None and scale is not None:
            lines.insert(1, f"VUM-niveau {vum}: {scale.value[vum]}.")
        inputs: dict[str, Any] = dict(self.s.citizen.flags)
        inputs["vum_level"] = self.s.citizen.vum_level
        inputs["birth_date"] = self.s.citizen.birth_date
        self.explain(
            "eligibility",
            " ".join(lines),
            inputs,
            self.param("age_min"),
            self.param("municipal_criteria"),
            self.param("vum_scale") if vum is not None else None,
        )

    # --- deadlines --------------------------------------------------------------------------
    def _deadline(
        self,
        rule: str,
        start: date | None,
        start_label: str,
        param: Param | None,
        what: str,
        inputs_key: str,
    ) -> date | None:
        inputs = {inputs_key: start}
        if param is None:
            self.explain(
                rule,
                f"{self.p.municipality.name}s kvalitetsstandard fastsætter ingen {what}.",
                inputs,
            )
            return None
        if start is None:
            self.explain(
                rule, f"Fristen beregnes, når {start_label} er registreret.", inputs, param
            )
            return None
        due: date = f.deadline(ops, start, param.value, self.calendar)
        rolled = ""
        if param.value.unit in ("days", "weeks") and due != start + _days(param.value):
            rolled = " Fristen er flyttet til næste arbejdsdag."
        self.explain(
            rule,
            f"Senest {d(due)}: {param.value.label_da()} efter {start_label} {d(start)}.{rolled}",
            inputs,
            param,
        )
        return due

    def decision_deadline(self) -> date | None:
        council = self.param("decision_deadline_by_council")
        if council is not None and self.param("decision_deadline") is None:
            # Sønderborg: the standard leaves the deadline to the council, and none of the
            # council's deadlines is recorded for the day: say so, and where it is published.
            by = council.value
            self.explain(
                "decision_deadline",
                f"Fristen for afgørelse fastsættes af {by.set_by} og står på {by.published_at}. "
                "Byrådets frist er ikke lagt ind i systemet for denne dato, så der beregnes "
                "ingen frist.",
                {"application.received_on": self.s.application_received_on},
                council,
            )
            return None
        return self._deadline(
            "decision_deadline",
            self.s.application_received_on,
            "at ansøgningen blev modtaget",
            self.param("decision_deadline"),
            "frist for afgørelse",
            "application.received_on",
        )

    def party_hearing_deadline(self) -> date | None:
        standard = self.param("party_hearing_period")
        given = self.s.party_hearing_days
        start = self.s.party_hearing_material_received_on
        if given is not None and standard is not None:
            # Compare the periods, not the deadlines: 9 days and 10 days can roll to the same
            # Monday, but 9 days is still shorter than the standard promises.
            standard_days = standard.value.calendar_days()
            if standard_days is not None:
                shorter = given < standard_days
            else:
                on = start or self.s.as_of
                shorter = f.deadline(ops, on, Period(given, "days"), self.calendar) < f.deadline(
                    ops, on, standard.value, self.calendar
                )
            if shorter:
                raise InputError(
                    "party_hearing.days",
                    f"{given} is shorter than the standard's period of {standard.value.amount} "
                    f"{standard.value.unit.replace('_', ' ')} ({standard.provenance.source})",
                )
        if given is not None:
            period = Period(given, "days")
            due: date | None = f.deadline(ops, start, period, self.calendar)
            self.explain(
                "party_hearing_deadline",
                f"Senest {d(due)}: {period.label_da()} fra modtagelsen af materialet {d(start)}, "
                "som rådgiveren har fastsat."
                if start
                else "Fristen beregnes, når materialet er modtaget.",
                {"party_hearing.material_received_on": start, "party_hearing.days": given},
                standard,
            )
            return due
        return self._deadline(
            "party_hearing_deadline",
            start,
            "modtagelsen af materialet",
            standard,
            "frist for partshøring, og rådgiveren har ikke angivet en",
            "party_hearing.material_received_on",
        )

    def complaint_deadline(self) -> date | None:
        due = self._deadline(
            "complaint_deadline",
            self.s.decision_received_on,
            "modtagelsen af afgørelsen",
            self.param("complaint_period"),
            "klagefrist",
            "decision.received_on",
        )
        if due is not None:
            last = self.explanations[-1]
            self.explanations[-1] = explanation(
                last.rule,
                last.text + " Fristen løber kun, hvis afgørelsen havde en korrekt klagevejledning.",
                last.inputs,
                *last.parameters,
            )
        return due

    def forward_deadline(self) -> date | None:
        return self._deadline(
            "forward_to_ankestyrelsen_by",
            self.s.complaint_received_on,
            "modtagelsen af klagen",
            self.param("forward_period"),
            "frist for videresendelse",
            "complaint.received_on",
        )

    # --- scope, follow-up, wage, transport -------------------------------------------------
    def flag(self, rule: str, key: str) -> bool:
        param = self.param(key)
        assert param is not None
        value = bool(param.value)
        texts = {
            "visitation_committee": (
                "Sagen skal forelægges visitationsudvalget, før der træffes afgørelse.",
                "Der er ikke krav om visitationsudvalg før afgørelse.",
            ),
            "free_choice_of_provider": (
                "Borgeren har frit valg af tilbud.",
                "Der er ikke frit valg af tilbud; "
                "kommunen finder det rette tilbud sammen med borgeren.",
            ),
        }[key]
        self.explain(rule, texts[0] if value else texts[1], {}, param)
        return value

    def days_per_week(self) -> DaysPerWeekRange:
        param = self.param("days_per_week")
        assert param is not None
        living = self.s.citizen.living_situation
        low, high, default = f.days_per_week(ops, living, param.value)
        text = (
            f"{low}-{high} dage om ugen"
            if high is not None
            else (f"fra {low} dag om ugen; det højeste antal afhænger af, hvor borgeren bor")
        )
        if default is not None:
            text += f", som udgangspunkt {default}"
        self.explain(
            "days_per_week", f"Omfang: {text}.", {"citizen.living_situation": living}, param
        )
        return DaysPerWeekRange(low, high, default)

    def follow_up(self) -> date | None:
        param = self.param("follow_up_months")
        assert param is not None
        e = self.s.employment
        start = None if e is None else e.start_date
        last = None if e is None else e.last_follow_up_on
        due: date | None = f.next_follow_up_by(ops, start, last, param.value)
        inputs = {"employment.start_date": start, "employment.last_follow_up_on": last}
        if due is None:
            self.explain(
                "next_follow_up_by",
                "Opfølgning beregnes, når ansættelsen er startet.",
                inputs,
                param,
            )
        else:
            since = f"sidste opfølgning {d(last)}" if last else f"start {d(start)}"
            self.explain(
                "next_follow_up_by",
                f"Senest {d(due)}: {param.value} måneder efter {since}.",
                inputs,
                param,
            )
        return due

    def wage(self) -> Wage | None:
        e = self.s.employment
        if e is None:
            return None
        floor_param = self.param("wage_floor_pct")
        rates_param = self.param("wage_rates")
        forms_param = self.param("wage_forms")
        assert floor_param is not None and forms_param is not None
        minimum, minimum_param = self.minimum_wage()
        floor = f.wage_floor_hourly(ops, minimum, floor_param.value)
        exact = f.wage_floor_exact(ops, minimum, floor_param.value)
        payable = f.hourly_for_rate(ops, minimum, floor_param.value)
        rates = None if rates_param is None else rates_param.value
        dates = (
            () if e.start_date is None else tuple(f.renegotiation_dates(ops, e.start_date, rates))
        )
        parts = []
        if rates is not None:
            # The standard's own name for its wage (Vejen: its rates), never the law's words.
            names = " eller ".join(form_name(x, rates) for x in forms_param.value)
            parts.append(f"{names}.")
        # Where an arbejdsdusør may be agreed, say that the floor is the dusør's (the law's
        # word); where the standard's own wage replaces it (Vejen), speak of its wage only.
        subject = (
            "Lønnen, også en arbejdsdusør,"
            if any(x.id == "arbejdsdusoer" for x in forms_param.value)
            else "Lønnen"
        )
        if payable is not None and minimum is not None and exact is not None:
            share = f"{pct(floor_param.value)} af mindstelønnen på {kr(minimum)}"
            # Paid in whole øre and never below "mindst 5 %": an exact floor in parts of an
            # øre is rounded up, and the text says so.
            how = (
                share
                if exact == payable
                else f"{share} er {num(exact)} kr., rundet op til hele øre"
            )
            parts.append(f"{subject} skal være mindst {kr(payable)} i timen ({how}).")
        else:
            parts.append(
                f"{subject} skal være mindst {pct(floor_param.value)} af mindstelønnen på området."
            )
        if rates is not None:
            if rates.start_rate_pct is not None:
                parts.append(f"Startløn: {pct(rates.start_rate_pct)}.")
            if dates:
                parts.append(
                    "Lønnen genforhandles "
                    + ", ".join(d(x) for x in dates)
                    + " og derefter årligt."
                )
        self.explain(
            "wage",
            " ".join(parts),
            {"employment.minimum_hourly_wage": minimum, "employment.start_date": e.start_date},
            floor_param,
            rates_param,
            forms_param if rates is not None else None,
            minimum_param,
        )
        return Wage(
            floor,
            () if rates is None else rates.rates_pct,
            None if rates is None else rates.start_rate_pct,
            dates,
            exact,
            payable,
        )

    def wage_basis(self) -> tuple[str, ...]:
        param = self.param("wage_basis")
        assert param is not None
        forms = "; ".join(WAGE_BASES[b] for b in param.value)
        self.explain("wage_basis", f"Lønnen fastsættes som: {forms}.", {}, param)
        return tuple(param.value)

    def wage_forms(self) -> tuple[WageForm, ...]:
        param, rates = self.param("wage_forms"), self.param("wage_rates")
        assert param is not None
        forms = tuple(
            WageForm(x.id, form_name(x, None if rates is None else rates.value))
            for x in param.value
        )
        names = _or_list([x.name[:1].lower() + x.name[1:] for x in forms])
        text = (
            f"Kvalitetsstandarden fastsætter lønformen: {names}."
            if param.provenance.layer == "municipal"
            else f"Lønnen kan aftales som {names}: kvalitetsstandarden begrænser ikke "
            "lovens lønformer."
        )
        self.explain("wage_forms", text, {}, param, rates)
        return forms

    def providers(self) -> ProviderRules:
        own, portal, tilsyn = (
            self.param("providers"),
            self.param("tilbudsportalen_required"),
            self.param("socialtilsyn_approval_required"),
        )
        assert portal is not None and tilsyn is not None
        parts = []
        if own is not None:
            parts.append(own.value.description)
            if own.value.own_offers:
                parts.append("Kommunens egne tilbud: " + ", ".join(own.value.own_offers) + ".")
        if portal.value:
            parts.append("Der kan kun bruges tilbud, der står på Tilbudsportalen.")
        if tilsyn.value:
            parts.append(
                "Kommunen kræver desuden, at tilbuddet er godkendt af socialtilsynet."
                if tilsyn.provenance.layer == "municipal"
                else "Tilbuddet skal være godkendt af socialtilsynet."
            )
        self.explain("providers", " ".join(parts), {}, own, portal, tilsyn)
        return ProviderRules(
            None if own is None else own.value.description,
            () if own is None else own.value.own_offers,
            bool(portal.value),
            bool(tilsyn.value),
        )

    def minimum_wage(self) -> tuple[Decimal | None, Param | None]:
        e = self.s.employment
        assert e is not None
        if e.collective_agreement is None:
            return e.minimum_hourly_wage, None
        param = self.registry.minimum_wage(e.collective_agreement, self.s.as_of)
        if param is None:
            known = ", ".join(sorted(self.registry.law.minimum_wages))
            raise InputError(
                "employment.collective_agreement",
                f"{e.collective_agreement} has no minimum wage in force on {self.s.as_of} "
                f"(known: {known})",
            )
        return param.value, param

    def transport(self) -> TransportSplit | None:
        t = self.s.transport
        if t is None:
            return None
        km_param, cap_param = self.param("transport_citizen_km"), self.param("transport_cap_pct")
        assert km_param is not None and cap_param is not None
        if t.form == "per_km":
            total, base = f.transport_per_km(
                ops, t.one_way_km, t.price_per_km, t.days, km_param.value
            )
            how = (
                f"{t.days} ture frem og tilbage, {num(t.one_way_km or 0)} km hver vej, "
                f"{kr(t.price_per_km)} pr. km"
                if t.price_per_km is not None
                else ""
            )
        else:
            total, base = t.period_cost_total, t.period_cost_first_10km
            how = "billigste befordring for perioden"
        total_r, base_r, cap_r, citizen, municipality = f.transport_split(
            ops, total, base, t.net_earnings, cap_param.value
        )
        text = (
            f"Befordring i perioden koster {kr(total_r)} ({how}). Borgeren betaler selv de første "
            f"{num(km_param.value)} km hver vej: {kr(base_r)}"
        )
        if cap_r is not None and t.net_earnings is not None:
            text += (
                f" Borgerens udgift kan højst være {pct(cap_param.value)} "
                "af indtjeningen efter skat "
                f"({kr(t.net_earnings)}): {kr(cap_r)}"
            )
        else:
            text += " Indtjeningen efter skat er ikke oplyst, så loftet er ikke beregnet."
        text += f" Borgeren betaler {kr(citizen)}, og kommunen betaler {kr(municipality)}"
        self.explain(
            "transport",
            text,
            {
                "transport.one_way_km": t.one_way_km,
                "transport.price_per_km": t.price_per_km,
                "transport.days": t.days,
                "transport.period_cost_total": t.period_cost_total,
                "transport.period_cost_first_10km": t.period_cost_first_10km,
                "transport.net_earnings": t.net_earnings,
            },
            km_param,
            cap_param,
        )
        return TransportSplit(total_r, base_r, cap_r, citizen, municipality)


def _or_list(items: list[str]) -> str:
    """``a, b eller c``: Danish for a choice."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " eller " + items[-1]


def form_name(form: WageForm, rates: WageRates | None) -> str:
    """A wage form in the standard's words; where the standard fixes rates, with them:
    "Løn efter Vejen Kommunes lønsatser (5 % eller 10 % af overenskomstmæssig mindsteløn)"."""
    if rates is None or not rates.rates_pct:
        return form.name
    shown = " eller ".join(pct(r) for r in rates.rates_pct)
    return f"{form.name} ({shown} af overenskomstmæssig mindsteløn)"


def _days(period: Period) -> timedelta:
    return timedelta(days=period.calendar_days() or 0)

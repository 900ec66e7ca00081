"""The engine's wage rules for a placement: the floor and the standard's rates on a day,
the renegotiation dates, and the law's minimum wages per collective agreement."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from bb103.cases.engine.evaluation import danish_error, explanation_for
from bb103.cases.engine.facts import case_facts, scenario_data
from bb103.cases.engine.policy import policy_on
from bb103.cases.errors import CaseError
from bb103.cases.models import Placement
from bb103.rules import InputError, default_registry, evaluate, parse_scenario
from bb103.rules.calendar import calendar_for
from bb103.rules.dates import format_da
from bb103.rules.formulas import hourly_for_rate, renegotiation_dates
from bb103.rules.ops import SCALAR
from bb103.rules.policy.values import WageForm


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
    asked for as many as reach ``until``. No rhythm in the standard: no dates; no standard
    in force on the start day: a CaseError."""
    policy = policy_on(municipality, start_on)
    param = policy.param("wage_rates")
    if param is None:
        return WageRenegotiation((), "")
    # A due date lands on a working day (domain rule for deadlines): 3 months after a start
    # on 24 September is 24 December, a closing day, so the renegotiation is due 29 December.
    calendar = calendar_for(policy.value("closing_days"))
    months = (until.year - start_on.year) * 12 + until.month - start_on.month
    every = param.value.renegotiate_then_every_months or 0
    count = 1 if every <= 0 else max(1, months // every + 2)
    found = [
        calendar.roll_forward(d) for d in renegotiation_dates(SCALAR, start_on, param.value, count)
    ]
    return WageRenegotiation(
        tuple(sorted({d for d in found if d <= until})), param.provenance.source
    )


@lru_cache(maxsize=256)
def minimum_wage_on(agreement: str, day: date) -> tuple[Decimal, str] | None:
    """The lowest hourly wage of a collective agreement in force on ``day`` (law data,
    ``minimum_wages`` in national.toml) with its source, or None where none is in force."""
    param = default_registry().minimum_wage(agreement, day)
    return None if param is None else (param.value, param.provenance.source)


def collective_agreements() -> dict[str, str]:
    """The lines of work whose lowest collective-agreement wage the law file carries
    (``minimum_wages``): key -> Danish label. An offer's ``collective_agreement`` must be
    one of these keys, so the wage floor can always be found. No query."""
    law = default_registry().law
    return {key: wage.label for key, wage in sorted(law.minimum_wages.items())}


def rate_hourly(minimum_hourly: Decimal, rate_pct: Decimal) -> Decimal:
    """The hourly wage a rate of the minimum wage gives, as it is paid and shown: in whole
    øre, rounded up (the engine's ``formulas.hourly_for_rate``), so 5 % is never below the
    floor: 5 % of 139,85 = 6,9925 -> 7,00; of 143,35 = 7,1675 -> 7,17."""
    hourly = hourly_for_rate(SCALAR, minimum_hourly, rate_pct)
    assert hourly is not None
    return hourly


@dataclass(frozen=True)
class WageTerms:
    """What the engine says about a placement's wage on a day: the floor in kroner per
    hour (``wage_floor_pct`` of the lowest wage of the offer's collective agreement), exact
    and as the lowest wage payable in whole øre, the standard's fixed rates and start rate
    (Vejen), the forms a wage may be set in with the standard's names for them, what the
    standard names (``bases``), and the engine's Danish explanation with its sources."""

    floor_hourly: Decimal  # the lowest wage payable: the exact floor rounded up to øre
    floor_exact: Decimal  # "mindst 5 %" unrounded: a wage below it is refused
    minimum_hourly: Decimal
    floor_pct: Decimal
    rates_pct: tuple[Decimal, ...]
    start_rate_pct: Decimal | None
    bases: tuple[str, ...]
    forms: tuple[WageForm, ...]
    text: str
    sources: tuple[str, ...]
    rates_source: str
    basis_source: str

    def hourly_for_rate(self, rate_pct: Decimal) -> Decimal:
        """The hourly wage a rate of the minimum wage gives, in whole øre rounded up."""
        return rate_hourly(self.minimum_hourly, rate_pct)

    @property
    def form_choices(self) -> list[tuple[str, str]]:
        """The allowed forms as (form, the standard's name) pairs, for a choice field."""
        return [(x.id, x.name) for x in self.forms]

    def form_name(self, form: str) -> str | None:
        """The standard's name for a form it allows; None for one it does not."""
        return next((x.name for x in self.forms if x.id == form), None)


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
        raise danish_error(exc, facts, on) from exc
    wage = ev.wage
    assert wage is not None and wage.floor_hourly_payable is not None
    assert wage.floor_hourly_exact is not None
    minimum = registry.minimum_wage(placement.offer.collective_agreement, on)
    assert minimum is not None
    text, sources = explanation_for(ev, "wage")
    rates = ev.policy.param("wage_rates")
    forms = ev.policy.param("wage_forms")
    assert forms is not None
    return WageTerms(
        floor_hourly=wage.floor_hourly_payable,
        floor_exact=wage.floor_hourly_exact,
        minimum_hourly=minimum.value,
        floor_pct=ev.policy.value("wage_floor_pct"),
        rates_pct=wage.rates_pct,
        start_rate_pct=wage.start_rate_pct,
        bases=ev.wage_basis,
        forms=ev.wage_forms,
        text=text,
        sources=tuple(sources),
        rates_source="" if rates is None else rates.provenance.source,
        # Where the forms come from: the standard where it restricts them, else the law.
        basis_source=forms.provenance.source,
    )

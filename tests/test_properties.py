"""Invariants of the rules that must hold for every input, checked with hypothesis.

Each property names the rule it guards. The working-day check is made independently of the
engine's calendar: straight from the ``holidays`` package and the closing days in the law data.
"""

from datetime import date, timedelta
from decimal import Decimal

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from bb103.rules import formulas as f
from bb103.rules.ops import SCALAR as ops
from bb103.rules.scenario import CITIZEN_FLAGS
from tests.helpers import run

MUNICIPALITIES = ["roskilde", "vejen", "lejre", "soenderborg", "ballerup"]
CLOSING_DAYS = {(6, 5), (12, 24), (12, 31)}  # law/national.toml: closing_days

dates_ = st.dates(min_value=date(2011, 6, 1), max_value=date(2045, 12, 31))
money = st.decimals(min_value=0, max_value=100_000, places=2)
km = st.decimals(min_value=0, max_value=500, places=1)
optional_bool = st.sampled_from([True, False, None])


def is_working_day(day: date) -> bool:
    public = holidays.country_holidays("DK", years=day.year, categories=("public",))
    return day.weekday() < 5 and day not in public and (day.month, day.day) not in CLOSING_DAYS


def base(municipality: str, as_of: date) -> dict:
    return {
        "municipality": municipality,
        "as_of": as_of.isoformat(),
        "citizen": {"birth_date": "1990-05-17"},
    }


# --- BEK 483 § 2: the transport split -----------------------------------------------------
@given(
    municipality=st.sampled_from(MUNICIPALITIES),
    one_way_km=km,
    price=st.decimals(min_value=0, max_value=50, places=2),
    days=st.integers(min_value=0, max_value=31),
    net=st.none() | money,
)
def test_bek_483_s2_per_km_shares_add_up_and_respect_the_cap(
    registry, municipality, one_way_km, price, days, net
):
    """BEK 483 § 2: the citizen pays at most the first 10 km each way and never more than 30 %
    of net earnings; the municipality pays the rest; the two shares add up to the total."""
    data = base(municipality, date(2026, 11, 23))
    data["transport"] = {"one_way_km": one_way_km, "price_per_km": price, "days": days}
    if net is not None:
        data["transport"]["net_earnings"] = net
    t = run(data, registry)["transport"]
    total, citizen, municipal = (
        Decimal(str(t[k])) for k in ("total", "citizen_pays", "municipality_pays")
    )
    assert citizen + municipal == total
    assert Decimal(0) <= citizen <= Decimal(str(t["citizen_base"]))
    assert municipal >= 0
    if net is None:
        assert t["cap"] is None
    else:
        assert citizen <= Decimal(str(t["cap"]))
        assert t["cap"] == float((net * Decimal("0.30")).quantize(Decimal("0.01"), "ROUND_HALF_UP"))
    if one_way_km <= 10:
        assert t["citizen_base"] == t["total"]


@given(
    total=money,
    first_10=money,
    net=st.none() | money,
)
def test_bek_483_s2_fares_form_shares_add_up(registry, total, first_10, net):
    """BEK 483 § 2 (fares form): the citizen's part is the fare for the first 10 km, capped at
    30 % of net earnings; the shares add up to the fare for the whole trip."""
    first_10 = min(first_10, total)
    data = base("vejen", date(2026, 11, 23))
    data["transport"] = {"period_cost_total": total, "period_cost_first_10km": first_10}
    if net is not None:
        data["transport"]["net_earnings"] = net
    t = run(data, registry)["transport"]
    assert Decimal(str(t["citizen_pays"])) + Decimal(str(t["municipality_pays"])) == total
    assert t["citizen_pays"] <= t["citizen_base"]
    if net is not None:
        assert t["citizen_pays"] <= t["cap"]


# --- deadlines: always on a working day ---------------------------------------------------
@settings(max_examples=300)
@given(
    municipality=st.sampled_from(MUNICIPALITIES),
    received=dates_,
    hearing_days=st.none() | st.integers(min_value=10, max_value=60),
)
def test_every_deadline_falls_on_a_working_day(registry, municipality, received, hearing_days):
    """Domain 'Dates and deadlines': a deadline in working days counts working days; one in days
    or weeks that lands on a weekend, public holiday or closing day moves to the next working
    day. Decision (retssikkerhedsloven § 3, stk. 2), partshøring (forvaltningsloven § 19),
    complaint (§ 67) and forwarding (§ 66) deadlines."""
    data = base(municipality, date(2026, 11, 23))
    for block in ("application", "decision", "complaint"):
        data[block] = {"received_on": received.isoformat()}
    data["party_hearing"] = {"material_received_on": received.isoformat()}
    if hearing_days is not None:
        data["party_hearing"]["days"] = hearing_days
    out = run(data, registry)
    keys = (
        "decision_deadline",
        "party_hearing_deadline",
        "complaint_deadline",
        "forward_to_ankestyrelsen_by",
    )
    for key in keys:
        if out[key] is None:
            continue
        deadline = date.fromisoformat(out[key])
        assert deadline > received, key
        assert is_working_day(deadline), f"{key} {deadline} is not a working day"
    # § 67: 28 days, moved only as far as the next working day
    complaint = date.fromisoformat(out["complaint_deadline"])
    nominal = received + timedelta(days=28)
    assert nominal <= complaint
    assert all(
        not is_working_day(nominal + timedelta(days=i)) for i in range((complaint - nominal).days)
    )


# --- lov om social pension § 1 a: monotone in birth date ----------------------------------
births = st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31))


@given(first=births, second=births)
def test_pension_age_date_is_monotone_in_birth_date(registry, first, second):
    """Lov om social pension § 1 a: someone born later never reaches folkepensionsalder earlier
    (the cohort table only rises), and never before turning 65 or after turning 70½."""
    first, second = sorted((first, second))
    policy = registry.resolve("roskilde", date(2026, 11, 23))
    table, leap = policy.value("pension_age"), policy.value("leap_day_birthday")
    on_first = f.reaches_pension_age_on(ops, first, table, leap)
    on_second = f.reaches_pension_age_on(ops, second, table, leap)
    assert on_first <= on_second
    assert f.turns_age_on(ops, first, 65, leap) <= on_first <= f.turns_age_on(ops, first, 71, leap)


@given(birth=births, municipality=st.sampled_from(MUNICIPALITIES))
def test_pension_day_is_the_first_day_not_below_pension_age(registry, birth, municipality):
    """§ 103, stk. 1: 'under folkepensionsalderen' holds the day before the pension day and not
    on it (the effort ends the day the citizen reaches folkepensionsalder)."""
    data = base(municipality, date(2026, 11, 23))
    data["citizen"] = {"birth_date": birth.isoformat()}
    pension_on = date.fromisoformat(run(data, registry)["reaches_pension_age_on"])
    for as_of, below in ((pension_on - timedelta(days=1), True), (pension_on, False)):
        if as_of < birth or as_of < registry.municipalities[municipality].versions[0].in_force_from:
            continue
        data["as_of"] = as_of.isoformat()
        criteria = {c["id"]: c["met"] for c in run(data, registry)["eligibility"]["criteria"]}
        assert criteria["below_pension_age"] is below


# --- eligibility: the three-valued outcome ------------------------------------------------
@given(
    municipality=st.sampled_from(MUNICIPALITIES),
    flags=st.fixed_dictionaries({name: optional_bool for name in CITIZEN_FLAGS}),
    vum=st.none() | st.integers(min_value=0, max_value=4),
)
def test_a_municipal_criterion_never_refuses(registry, municipality, flags, vum):
    """Contract/eligibility: not_eligible exactly when a legal criterion (§ 103, stk. 1) is
    false; municipal criteria are starting points and can only ask for an assessment."""
    data = base(municipality, date(2026, 11, 23))
    data["citizen"].update(flags, vum_level=vum)
    out = run(data, registry)["eligibility"]
    legal = [c["met"] for c in out["criteria"] if c["id"] in f.LEGAL_CRITERIA]
    municipal = [c["met"] for c in out["criteria"] if c["id"] not in f.LEGAL_CRITERIA]
    assert len(legal) == len(f.LEGAL_CRITERIA)
    if False in legal:
        assert out["outcome"] == "not_eligible"
    elif None in legal or any(m is not True for m in municipal):
        assert out["outcome"] == "needs_assessment"
    else:
        assert out["outcome"] == "eligible"


# --- BEK 483 § 1: the wage floor ----------------------------------------------------------
@given(
    municipality=st.sampled_from(MUNICIPALITIES),
    wage=st.decimals(min_value=0, max_value=1000, places=2),
)
def test_bek_483_s1_wage_floor_is_five_percent_rounded_half_up(registry, municipality, wage):
    """BEK 483 § 1: arbejdsdusør at least 5 % of the lowest collective-agreement wage; the
    floor is shown in øre, rounded half up, and is never more than half an øre below 5 %."""
    data = base(municipality, date(2026, 11, 23))
    data["employment"] = {"start_date": "2026-12-01", "minimum_hourly_wage": wage}
    floor = Decimal(str(run(data, registry)["wage"]["floor_hourly"]))
    exact = wage * Decimal("0.05")
    assert abs(floor - exact) <= Decimal("0.005")

"""One rule definition, two executors: the population executor must give, row for row, what
the single-case engine (and so ``bb103 evaluate``) gives for the same person.

10 000 random scenarios per date, drawn to hit the edges: pension cohort boundaries, 29
February, unknown facts, deadlines over weekends and holidays, half-øre roundings.
"""

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from bb103.population.execute import evaluate_population
from bb103.population.frame import (
    FALSE3,
    FLAG_COLUMNS,
    RESULT_FIELDS,
    SCALES,
    TRUE3,
    UNKNOWN3,
    Fixed,
    Population,
    PopulationError,
    Results,
)
from bb103.population.io import read_population, write_population
from bb103.population.reform import apply_reform, load_reform
from tests.helpers import run

EDGE_BIRTHS = [
    date(1953, 12, 31),
    date(1954, 1, 1),
    date(1954, 6, 30),
    date(1954, 7, 1),
    date(1955, 1, 1),
    date(1955, 3, 31),
    date(1955, 6, 30),
    date(1955, 7, 1),
    date(1962, 12, 31),
    date(1963, 1, 1),
    date(1966, 12, 31),
    date(1967, 1, 1),
    date(1970, 12, 31),
    date(1971, 1, 1),
    date(1960, 2, 29),
    date(1964, 2, 29),
    date(2000, 2, 29),
    date(2008, 11, 23),
    date(2008, 11, 24),
]


def _decimal(rng: random.Random, low: float, high: float, places: int) -> Decimal:
    return Decimal(round(rng.uniform(low, high), places)).quantize(Decimal(1).scaleb(-places))


def random_person(rng: random.Random, i: int, municipalities: list[str], as_of: date) -> dict:
    birth = rng.choice(EDGE_BIRTHS) if rng.random() < 0.2 else None
    if birth is None and rng.random() > 0.03:
        birth = date(1950, 1, 1) + timedelta(days=rng.randrange(60 * 365))
    if birth is not None and birth > as_of:
        birth = as_of
    start = None if rng.random() < 0.2 else as_of - timedelta(days=rng.randrange(800))
    transport = rng.random() < 0.8
    return {
        "person_id": f"T{i:06d}",
        "municipality": rng.choice(municipalities),
        "birth_date": birth,
        "living_situation": rng.choice(["own_home", "botilbud", "with_family", None]),
        "vum_level": rng.choice([None, 0, 1, 2, 3, 4]),
        **{flag: rng.choice([True, False, None]) for flag in FLAG_COLUMNS},
        "application_received_on": None
        if rng.random() < 0.1
        else as_of - timedelta(days=rng.randrange(400)),
        "one_way_km": _decimal(rng, 0, 80, 3) if transport else None,
        "price_per_km": _decimal(rng, 0.5, 4.5, 4) if transport else None,
        "days": Decimal(rng.randrange(0, 23)) if transport else None,
        "net_earnings": _decimal(rng, 0, 5000, 2) if transport and rng.random() < 0.8 else None,
        "minimum_hourly_wage": None if rng.random() < 0.2 else _decimal(rng, 100, 200, 2),
        "employment_start_date": start,
    }


def to_population(people: list[dict]) -> Population:
    def dates(key: str) -> np.ndarray:
        return np.array([p[key] or "NaT" for p in people], dtype="datetime64[D]")

    def fixed(key: str) -> Fixed:
        scale = SCALES[key]
        values = [0 if p[key] is None else int(p[key].scaleb(scale)) for p in people]
        null = [p[key] is None for p in people]
        return Fixed(np.array(values, np.int64), scale, np.array(null))

    code = {True: TRUE3, False: FALSE3, None: UNKNOWN3}
    return Population(
        person_id=np.array([p["person_id"] for p in people]),
        municipality=np.array([p["municipality"] for p in people]),
        birth_date=dates("birth_date"),
        living_situation=np.array([p["living_situation"] or "" for p in people]),
        vum_level=np.array([-1 if p["vum_level"] is None else p["vum_level"] for p in people]),
        flags={f: np.array([code[p[f]] for p in people], np.int8) for f in FLAG_COLUMNS},
        application_received_on=dates("application_received_on"),
        one_way_km=fixed("one_way_km"),
        price_per_km=fixed("price_per_km"),
        days=fixed("days"),
        net_earnings=fixed("net_earnings"),
        minimum_hourly_wage=fixed("minimum_hourly_wage"),
        employment_start_date=dates("employment_start_date"),
    )


def scenario(person: dict, as_of: date) -> dict[str, Any]:
    citizen = {k: person[k] for k in ("living_situation", "vum_level", *FLAG_COLUMNS)}
    if person["birth_date"] is not None:
        citizen["birth_date"] = person["birth_date"].isoformat()
    data: dict[str, Any] = {
        "municipality": person["municipality"],
        "as_of": as_of.isoformat(),
        "citizen": citizen,
    }
    if person["application_received_on"] is not None:
        data["application"] = {"received_on": person["application_received_on"].isoformat()}
    start, wage = person["employment_start_date"], person["minimum_hourly_wage"]
    if start is not None or wage is not None:
        data["employment"] = {
            "start_date": start and start.isoformat(),
            "minimum_hourly_wage": wage,
        }
    if person["one_way_km"] is not None:
        data["transport"] = {
            k: person[k] for k in ("one_way_km", "price_per_km", "days", "net_earnings")
        }
        data["transport"]["days"] = int(person["days"])
    return data


def money(x: Fixed, row: int) -> Decimal | None:
    return None if x.null[row] else Decimal(int(x.values[row])).scaleb(-x.scale)


def date_at(values: np.ndarray, row: int) -> str | None:
    return None if np.isnat(values[row]) else str(values[row])


def vector_row(r: Results, outcomes: np.ndarray, row: int) -> dict[str, Any]:
    return {
        "eligibility_outcome": str(outcomes[row]),
        "reaches_pension_age_on": date_at(r.reaches_pension_age_on, row),
        "decision_deadline": date_at(r.decision_deadline, row),
        "days_per_week_max": None
        if r.days_per_week_max[row] < 0
        else int(r.days_per_week_max[row]),
        "wage_floor_hourly": money(r.wage_floor_hourly, row),
        "transport_total": money(r.transport_total, row),
        "transport_citizen_pays": money(r.transport_citizen_pays, row),
        "transport_municipality_pays": money(r.transport_municipality_pays, row),
        "next_follow_up_by": date_at(r.next_follow_up_by, row),
    }


def scalar_row(out: dict[str, Any]) -> dict[str, Any]:
    def dec(value: float | None) -> Decimal | None:
        return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))

    wage, transport = out["wage"] or {}, out["transport"] or {}
    return {
        "eligibility_outcome": out["eligibility"]["outcome"],
        "reaches_pension_age_on": out["reaches_pension_age_on"],
        "decision_deadline": out["decision_deadline"],
        "days_per_week_max": out["days_per_week"]["max"],
        "wage_floor_hourly": dec(wage.get("floor_hourly")),
        "transport_total": dec(transport.get("total")),
        "transport_citizen_pays": dec(transport.get("citizen_pays")),
        "transport_municipality_pays": dec(transport.get("municipality_pays")),
        "next_follow_up_by": out["next_follow_up_by"],
    }


CASES = [
    pytest.param(date(2026, 11, 23), ["roskilde", "vejen", "lejre", "soenderborg", "ballerup"]),
    # Lejre's old text (20 weeks, no VUM or motivation criteria) before 1 July 2021.
    pytest.param(date(2021, 3, 1), ["roskilde", "vejen", "lejre", "ballerup"]),
]


@pytest.mark.parametrize(("as_of", "municipalities"), CASES)
def test_population_executor_equals_single_case_engine(registry, as_of, municipalities):
    """Style guide point 3: one rule definition, two executors; both must agree on every
    result column of docs/contract/population.md, for 10 000 random people."""
    rng = random.Random(f"crosscheck-{as_of}")
    people = [random_person(rng, i, municipalities, as_of) for i in range(10_000)]
    results = evaluate_population(to_population(people), registry, as_of)
    differences = []
    outcomes = results.outcome_words()
    for row, person in enumerate(people):
        expected = scalar_row(run(scenario(person, as_of), registry))
        got = vector_row(results, outcomes, row)
        if got != expected:
            wrong = {k: (expected[k], got[k]) for k in expected if expected[k] != got[k]}
            differences.append(f"{person['person_id']} {person['municipality']}: {wrong}")
    assert not differences, f"{len(differences)} rows differ, e.g. " + "; ".join(differences[:5])


def test_unknown_municipality_is_refused_naming_the_row(registry):
    """population.md: a row's municipality must be a policy slug, as in evaluate."""
    rng = random.Random(1)
    people = [random_person(rng, i, ["vejen"], date(2026, 11, 23)) for i in range(3)]
    people[2]["municipality"] = "atlantis"
    with pytest.raises(PopulationError) as caught:
        evaluate_population(to_population(people), registry, date(2026, 11, 23))
    assert caught.value.column == "municipality"
    assert "row 3" in str(caught.value)


def test_values_beyond_the_engines_bounds_are_refused(registry):
    """evaluate.md bounds (scenario.py) hold for populations too: they keep exact fixed-point
    money inside int64, so a huge distance is refused naming the column and row."""
    rng = random.Random(2)
    people = [random_person(rng, i, ["vejen"], date(2026, 11, 23)) for i in range(3)]
    people[1]["one_way_km"] = Decimal("1000.001")
    people[1]["price_per_km"] = people[1]["price_per_km"] or Decimal(2)
    people[1]["days"] = people[1]["days"] or Decimal(1)
    with pytest.raises(PopulationError) as caught:
        evaluate_population(to_population(people), registry, date(2026, 11, 23))
    assert caught.value.column == "one_way_km"
    assert "row 2" in str(caught.value)


REFORM = """
[reform]
title = "Forskellige værdier pr. kommune"
in_force_from = 2027-01-01
source = "Test: parametre der deler kommunerne i flere grupper"

[[changes]]
layer = "vejen"
key = "transport_citizen_km"
value = 7.5

[[changes]]
layer = "ballerup"
key = "wage_floor_pct"
value = 7.25

[[changes]]
layer = "lejre"
key = "follow_up_months"
value = 6

[[changes]]
layer = "national"
key = "transport_cap_pct"
value = 25

[[changes]]
layer = "vejen"
key = "transport_cap_pct"
value = 25

[[changes]]
layer = "soenderborg"
key = "transport_cap_pct"
value = 20
"""


def test_executors_agree_when_municipalities_differ_in_law_values(registry, tmp_path):
    """Style guide point 3 under a reform that gives municipalities different values of
    parameters the law sets for all (BEK 483 § 2 transport km and cap, § 105 wage floor,
    § 148 follow-up): each distinct value is evaluated over its own rows, decimals differing."""
    path = tmp_path / "reform.toml"
    path.write_text(REFORM, encoding="utf-8")
    reformed = apply_reform(registry, load_reform(path, registry))
    as_of = date(2027, 3, 1)
    municipalities = ["roskilde", "vejen", "lejre", "soenderborg", "ballerup"]
    rng = random.Random("crosscheck-reform")
    people = [random_person(rng, i, municipalities, as_of) for i in range(3000)]
    results = evaluate_population(to_population(people), reformed, as_of)
    outcomes = results.outcome_words()
    differences = [
        person["person_id"]
        for row, person in enumerate(people)
        if vector_row(results, outcomes, row) != scalar_row(run(scenario(person, as_of), reformed))
    ]
    assert not differences, f"{len(differences)} rows differ, e.g. {differences[:5]}"


def test_executor_reads_the_same_from_a_file(registry, tmp_path):
    """population.md: a file read back (municipalities dictionary-coded by the reader) gives
    the results of the same people built in memory."""
    as_of = date(2026, 11, 23)
    rng = random.Random("crosscheck-file")
    people = [random_person(rng, i, ["vejen", "ballerup", "lejre"], as_of) for i in range(2000)]
    population = to_population(people)
    path = tmp_path / "people.csv"
    write_population(population, path)
    read = read_population(path)
    assert read.municipality_coded is not None
    direct = evaluate_population(population, registry, as_of)
    via_file = evaluate_population(read, registry, as_of)
    assert via_file.municipality_codes.tolist() == direct.municipality_codes.tolist()
    for name in RESULT_FIELDS:
        a, b = getattr(direct, name), getattr(via_file, name)
        if isinstance(a, Fixed):
            assert (a.scale, a.values.tolist(), a.null.tolist()) == (
                b.scale,
                b.values.tolist(),
                b.null.tolist(),
            ), name
        else:
            assert a.tolist() == b.tolist(), name

"""The population executor: the rule formulas over whole columns, one municipality at a time.

It calls the very functions in :mod:`bb103.rules.formulas` that the single-case engine
calls, with :class:`VectorOps` instead of ``ScalarOps``; parameters come from the same
registry. ``tests/test_population_crosscheck.py`` requires both to agree row for row.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from bb103.population.frame import (
    Fixed,
    Population,
    PopulationError,
    Results,
    empty_results,
)
from bb103.population.vector_ops import NAT, VectorOps
from bb103.rules import formulas as f
from bb103.rules.calendar import calendar_for
from bb103.rules.policy.model import ResolvedPolicy
from bb103.rules.policy.registry import PolicyRegistry
from bb103.rules.scenario import MAX_DAYS, MAX_KM, MAX_MONEY, MAX_PRICE_PER_KM

Progress = Callable[[int, int], None]

# Rows per step: large enough for numpy to pay off, small enough to report progress.
CHUNK = 250_000


def evaluate_population(
    population: Population,
    registry: PolicyRegistry,
    as_of: date,
    progress: Progress | None = None,
) -> Results:
    """Evaluate every person as of ``as_of``; raises :class:`PopulationError` for a row the
    single-case engine would refuse (unknown municipality, birth after ``as_of``)."""
    n = len(population)
    if n == 0:
        raise PopulationError("person_id", "the population has no rows")
    ids = registry.ids()
    codes = _municipality_codes(population, ids)
    _check_births(population, as_of)
    _check_bounds(population)
    # Rows are evaluated grouped by municipality (one set of parameters per group): sort
    # once, evaluate contiguous slices without copying, and scatter each slice's results
    # straight to its rows' places in the output.
    order = None if bool(np.all(codes[1:] >= codes[:-1])) else np.argsort(codes, kind="stable")
    grouped = population if order is None else population.facts(order)
    bounds = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=len(ids)))])
    out = empty_results(population, tuple(ids), codes)
    for i, municipality in enumerate(ids):
        first, end = int(bounds[i]), int(bounds[i + 1])
        if first == end:
            continue
        policy = registry.resolve(municipality, as_of)
        if policy is None:
            raise PopulationError(
                "municipality", f"no quality standard of {municipality} is in force on {as_of}"
            )
        for start in range(first, end, CHUNK):
            stop = min(start + CHUNK, end)
            part = _evaluate_group(grouped.slice(start, stop), policy, as_of)
            out.put(slice(start, stop) if order is None else order[start:stop], part)
            if progress is not None:
                progress(stop, n)
    return out


def _municipality_codes(population: Population, ids: list[str]) -> npt.NDArray[np.intp]:
    """Each row's municipality as an index into ``ids``."""
    coded = population.municipality_coded
    if coded is not None:
        # A few words to look up, then one gather (-1, unknown, takes the table's last slot).
        table = np.array([ids.index(w) if w in ids else -1 for w in coded.words] + [-1])
        codes: npt.NDArray[np.intp] = table[coded.codes]
    else:
        codes = np.full(len(population), -1, dtype=np.intp)
        for i, municipality in enumerate(ids):
            codes[population.municipality == municipality] = i
    unknown = codes < 0
    if unknown.any():
        row = int(np.flatnonzero(unknown)[0])
        if coded is None:
            value = str(population.municipality[row])
        else:
            value = coded.words[coded.codes[row]] if coded.codes[row] >= 0 else ""
        raise PopulationError(
            "municipality",
            f"row {row + 1}: {value!r} is not a known municipality (known: {', '.join(ids)})",
        )
    return codes


def _check_bounds(population: Population) -> None:
    """The single-case engine's bounds (which keep fixed-point products inside int64)."""
    limits = {
        "one_way_km": MAX_KM,
        "price_per_km": MAX_PRICE_PER_KM,
        "days": MAX_DAYS,
        "net_earnings": MAX_MONEY,
        "minimum_hourly_wage": MAX_MONEY,
    }
    for column, limit in limits.items():
        x: Fixed = getattr(population, column)
        too_big = ~x.null & (x.values > int(Decimal(limit).scaleb(x.scale)))
        if too_big.any():
            row = int(np.flatnonzero(too_big)[0])
            raise PopulationError(column, f"row {row + 1}: more than {limit}")


def _check_births(population: Population, as_of: date) -> None:
    late = population.birth_date > np.datetime64(as_of, "D")
    if late.any():
        row = int(np.flatnonzero(late)[0])
        raise PopulationError(
            "birth_date", f"row {row + 1}: {population.birth_date[row]} is after as_of {as_of}"
        )


def _evaluate_group(pop: Population, policy: ResolvedPolicy, as_of: date) -> Results:
    """One municipality's rows under one set of parameters."""
    ops = VectorOps(len(pop))
    value = policy.value
    flags = pop.flags
    leap = value("leap_day_birthday")
    turns = f.turns_age_on(ops, pop.birth_date, value("age_min"), leap)
    pension_on = f.reaches_pension_age_on(ops, pop.birth_date, value("pension_age"), leap)
    legal = [
        f.age_min_met(ops, as_of, turns),
        f.below_pension_age(ops, as_of, pension_on),
        f.reduced_function_or_social_problems(
            ops, flags["significant_reduced_function"], flags["special_social_problems"]
        ),
        f.cannot_work_on_normal_terms(ops, flags["can_work_on_normal_terms"]),
        flags["other_legislation_exhausted"],
    ]
    municipal = [
        f.vum_level_3_or_4(ops, pop.vum_level) if c.id == "vum_level_3_or_4" else flags[c.id]
        for c in value("municipal_criteria") or ()
    ]
    calendar = calendar_for(value("closing_days"))
    _, days_max, _ = f.days_per_week(ops, pop.living_situation, value("days_per_week"))
    no_follow_up = np.full(len(pop), NAT)
    transport = _transport(ops, pop, policy)
    return Results(
        person_id=pop.person_id,
        municipality=pop.municipality,
        eligibility_outcome=f.eligibility_outcome(ops, legal, municipal).astype(np.int8),
        reaches_pension_age_on=pension_on,
        decision_deadline=f.deadline(
            ops, pop.application_received_on, value("decision_deadline"), calendar
        ),
        days_per_week_max=np.broadcast_to(
            np.asarray(-1 if days_max is None else days_max, dtype=np.int8), (len(pop),)
        ),
        wage_floor_hourly=f.wage_floor_hourly(
            ops, pop.minimum_hourly_wage, value("wage_floor_pct")
        ),
        transport_total=transport[0],
        transport_citizen_base=transport[1],
        transport_cap=transport[2],
        transport_citizen_pays=transport[3],
        transport_municipality_pays=transport[4],
        next_follow_up_by=f.next_follow_up_by(
            ops, pop.employment_start_date, no_follow_up, value("follow_up_months")
        ),
    )


def _transport(ops: VectorOps, pop: Population, policy: ResolvedPolicy) -> list[Fixed]:
    """BEK 483 § 2, per-km form; rows without all of km, price and days have no transport."""
    total, base = f.transport_per_km(
        ops, pop.one_way_km, pop.price_per_km, pop.days, policy.value("transport_citizen_km")
    )
    split = f.transport_split(ops, total, base, pop.net_earnings, policy.value("transport_cap_pct"))
    absent = pop.one_way_km.null | pop.price_per_km.null | pop.days.null
    return [Fixed(np.where(absent, 0, x.values), x.scale, x.null | absent) for x in split]

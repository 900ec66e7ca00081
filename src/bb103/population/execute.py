"""The population executor: the rule formulas over whole columns, parameters per row.

It calls the very functions in :mod:`bb103.rules.formulas` that the single-case engine
calls, with :class:`VectorOps` instead of ``ScalarOps``; parameters come from the same
registry, resolved per municipality and date. ``tests/test_population_crosscheck.py``
requires both executors to agree row for row.

A formula runs once over all rows when every municipality present has the same value of
the parameters it takes (the law's values usually), and once per distinct value over just
those rows otherwise (e.g. each standard's decision deadline). Rows are never sorted.
"""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from bb103.population.frame import (
    TRUE3,
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
Rows = npt.NDArray[np.intp] | None  # None: all rows

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
    policies = {}
    for i in np.flatnonzero(np.bincount(codes, minlength=len(ids))).tolist():
        policy = registry.resolve(ids[i], as_of)
        if policy is None:
            raise PopulationError(
                "municipality", f"no quality standard of {ids[i]} is in force on {as_of}"
            )
        policies[i] = policy
    if n <= CHUNK:
        part = _evaluate(population, _ByPolicy(codes, policies), as_of)
        if progress is not None:
            progress(n, n)
        return _with_ids(part, population, tuple(ids), codes)
    out = empty_results(population, tuple(ids), codes)
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        by_policy = _ByPolicy(codes[start:stop], policies)
        out.put(slice(start, stop), _evaluate(population.slice(start, stop), by_policy, as_of))
        if progress is not None:
            progress(stop, n)
    return out


def _with_ids(
    part: Results, population: Population, ids: tuple[str, ...], codes: npt.NDArray[np.intp]
) -> Results:
    return Results(
        **{
            **part.__dict__,
            "person_id": population.person_id,
            "municipality": population.municipality,
            "municipality_ids": ids,
            "municipality_codes": codes,
        }
    )


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


class _ByPolicy:
    """The rows of a part of the population grouped by the values of some parameters."""

    def __init__(self, codes: npt.NDArray[np.intp], policies: dict[int, ResolvedPolicy]) -> None:
        self.codes = codes  # each row's municipality
        self.policies = policies  # municipality -> its policy, for those present

    def groups(self, *keys: str) -> list[tuple[ResolvedPolicy, Rows]]:
        """A policy and its rows for each distinct value of ``keys``; one group of all rows
        (``None``) when every municipality has the same values."""
        parts: list[tuple[tuple[Any, ...], list[int]]] = []
        for i, policy in self.policies.items():
            values = tuple(policy.value(key) for key in keys)
            for known, members in parts:
                if known == values:
                    members.append(i)
                    break
            else:
                parts.append((values, [i]))
        if len(parts) == 1:
            return [(self.policies[parts[0][1][0]], None)]
        return [
            (self.policies[members[0]], np.flatnonzero(self._member(members)))
            for _, members in parts
        ]

    def _member(self, municipalities: list[int]) -> npt.NDArray[np.bool_]:
        table = np.zeros(max(self.policies) + 1, dtype=bool)
        table[municipalities] = True
        return table[self.codes]

    def where(self, applies: Callable[[ResolvedPolicy], bool]) -> npt.NDArray[np.bool_]:
        """Rows whose municipality's policy ``applies``."""
        return self._member([i for i, policy in self.policies.items() if applies(policy)])


def _rows(value: Any, rows: Rows) -> Any:
    """``value`` (a column, a :class:`Fixed`) at ``rows``."""
    if rows is None:
        return value
    if isinstance(value, Fixed):
        return Fixed(value.values[rows], value.scale, value.null[rows])
    return value[rows]


def _per_group(
    n: int, groups: list[tuple[ResolvedPolicy, Rows]], compute: Callable[..., Any]
) -> Any:
    """``compute(ops, policy, rows)`` for each group, put together row for row."""
    pieces = [
        (rows, compute(VectorOps(n if rows is None else len(rows)), policy, rows))
        for policy, rows in groups
    ]
    if len(pieces) == 1 and pieces[0][0] is None:
        return pieces[0][1]
    return _gather(n, pieces)


def _gather(n: int, pieces: Sequence[tuple[Rows, Any]]) -> Any:
    first = pieces[0][1]
    if isinstance(first, tuple | list):
        return [_gather(n, [(rows, out[k]) for rows, out in pieces]) for k in range(len(first))]
    if isinstance(first, Fixed):
        scale = max(out.scale for _, out in pieces)  # parameters may differ in decimals
        values, null = np.zeros(n, np.int64), np.ones(n, bool)
        for rows, out in pieces:
            values[rows] = out.values * 10 ** (scale - out.scale)
            null[rows] = out.null
        return Fixed(values, scale, null)
    whole = np.empty(n, dtype=first.dtype)
    for rows, out in pieces:
        whole[rows] = out
    return whole


def _evaluate(pop: Population, by: _ByPolicy, as_of: date) -> Results:
    """The rows of ``pop`` (their municipalities in ``by``)."""
    n = len(pop)
    ops = VectorOps(n)
    flags = pop.flags

    def turns_and_pension(ops: VectorOps, policy: ResolvedPolicy, rows: Rows) -> Any:
        birth, leap = _rows(pop.birth_date, rows), policy.value("leap_day_birthday")
        return (
            f.turns_age_on(ops, birth, policy.value("age_min"), leap),
            f.reaches_pension_age_on(ops, birth, policy.value("pension_age"), leap),
        )

    turns, pension_on = _per_group(
        n, by.groups("leap_day_birthday", "age_min", "pension_age"), turns_and_pension
    )
    legal = [
        f.age_min_met(ops, as_of, turns),
        f.below_pension_age(ops, as_of, pension_on),
        f.reduced_function_or_social_problems(
            ops, flags["significant_reduced_function"], flags["special_social_problems"]
        ),
        f.cannot_work_on_normal_terms(ops, flags["can_work_on_normal_terms"]),
        flags["other_legislation_exhausted"],
    ]
    outcome = f.eligibility_outcome(ops, legal, _municipal_criteria(ops, pop, by))

    def decision_deadline(ops: VectorOps, policy: ResolvedPolicy, rows: Rows) -> Any:
        calendar = calendar_for(policy.value("closing_days"))
        start = _rows(pop.application_received_on, rows)
        return f.deadline(ops, start, policy.value("decision_deadline"), calendar)

    def days_max(ops: VectorOps, policy: ResolvedPolicy, rows: Rows) -> Any:
        living = _rows(pop.living_situation, rows)
        _, most, _ = f.days_per_week(ops, living, policy.value("days_per_week"))
        return np.broadcast_to(np.asarray(-1 if most is None else most, np.int8), (ops.n,))

    def wage_floor(ops: VectorOps, policy: ResolvedPolicy, rows: Rows) -> Any:
        wage = _rows(pop.minimum_hourly_wage, rows)
        return f.wage_floor_hourly(ops, wage, policy.value("wage_floor_pct"))

    def follow_up(ops: VectorOps, policy: ResolvedPolicy, rows: Rows) -> Any:
        start = _rows(pop.employment_start_date, rows)
        never = np.full(ops.n, NAT)
        return f.next_follow_up_by(ops, start, never, policy.value("follow_up_months"))

    transport = _per_group(
        n,
        by.groups("transport_citizen_km", "transport_cap_pct"),
        lambda ops, policy, rows: _transport(ops, pop, policy, rows),
    )
    return Results(
        person_id=np.empty(0, dtype="<U1"),
        municipality=np.empty(0, dtype="<U1"),
        eligibility_outcome=outcome.astype(np.int8),
        reaches_pension_age_on=pension_on,
        decision_deadline=_per_group(
            n, by.groups("decision_deadline", "closing_days"), decision_deadline
        ),
        days_per_week_max=_per_group(n, by.groups("days_per_week"), days_max),
        wage_floor_hourly=_per_group(n, by.groups("wage_floor_pct"), wage_floor),
        transport_total=transport[0],
        transport_citizen_base=transport[1],
        transport_cap=transport[2],
        transport_citizen_pays=transport[3],
        transport_municipality_pays=transport[4],
        next_follow_up_by=_per_group(n, by.groups("follow_up_months"), follow_up),
    )


def _municipal_criteria(ops: VectorOps, pop: Population, by: _ByPolicy) -> list[Any]:
    """Each municipality's own criteria (starting points, never a refusal on their own). A
    criterion counts only for the rows of municipalities that have it; for the others it
    stands as met, which leaves :func:`f.eligibility_outcome` as if it were not listed."""
    ids: list[str] = []
    for policy in by.policies.values():
        ids += [c.id for c in policy.value("municipal_criteria") or () if c.id not in ids]
    out = []
    for criterion in ids:
        if criterion == "vum_level_3_or_4":
            met = f.vum_level_3_or_4(ops, pop.vum_level)
        else:
            met = pop.flags[criterion]
        listed = by.where(
            lambda p, c=criterion: any(x.id == c for x in p.value("municipal_criteria") or ())
        )
        out.append(met if listed.all() else np.where(listed, met, TRUE3).astype(np.int8))
    return out


def _transport(ops: VectorOps, pop: Population, policy: ResolvedPolicy, rows: Rows) -> list[Fixed]:
    """BEK 483 § 2, per-km form; rows without all of km, price and days have no transport."""
    km, price, days = (_rows(x, rows) for x in (pop.one_way_km, pop.price_per_km, pop.days))
    total, base = f.transport_per_km(ops, km, price, days, policy.value("transport_citizen_km"))
    earnings = _rows(pop.net_earnings, rows)
    split = f.transport_split(ops, total, base, earnings, policy.value("transport_cap_pct"))
    absent = km.null | price.null | days.null
    return [Fixed(np.where(absent, 0, x.values), x.scale, x.null | absent) for x in split]

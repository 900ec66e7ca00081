"""A population as columns: the shared shape of reader, generator, executor and report.

Columns are numpy arrays of one length. Unknown values are explicit, never NaN:

- dates: ``datetime64[D]``, ``NaT`` for unknown;
- three-valued facts: ``int8`` codes ``FALSE3`` / ``UNKNOWN3`` / ``TRUE3``;
- small integers (``vum_level``, ``days_per_week_max``): ``int8``/``int16`` with ``-1`` unknown;
- outcomes: ``int8`` indices into :data:`OUTCOMES`, ``-1`` for not evaluated;
- texts: numpy unicode arrays, ``""`` for unknown;
- decimals: :class:`Fixed`, exact fixed-point integers with a null mask, so money is exact
  and equals the single-case engine's ``Decimal`` to the øre.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from bb103.rules.errors import one_line
from bb103.rules.formulas import ELIGIBLE, NEEDS_ASSESSMENT, NOT_ELIGIBLE
from bb103.rules.scenario import CITIZEN_FLAGS


class PopulationError(ValueError):
    """A population (or its evaluation) that cannot be used; names the column (and row)."""

    def __init__(self, column: str, message: str) -> None:
        # A header cell or a value may hold anything: the error stays one line.
        column, message = one_line(column), one_line(message)
        super().__init__(f"{column}: {message}")
        self.column = column
        self.message = message


FALSE3 = np.int8(0)
UNKNOWN3 = np.int8(1)
TRUE3 = np.int8(2)

# The contract's eligibility outcomes. Results carry each row's as an index into these: a
# million small codes cost a sixteenth of a million texts to make, count and write.
OUTCOMES = (ELIGIBLE, NOT_ELIGIBLE, NEEDS_ASSESSMENT)


def outcome_codes(words: list[str]) -> npt.NDArray[np.int8]:
    """The contract's outcome words as result codes ("" as not evaluated)."""
    return np.array([OUTCOMES.index(w) if w else -1 for w in words], dtype=np.int8)


# Decimals each fixed-point input column holds. A population file with more decimals is
# refused, naming the column and row (the single-case engine takes up to 6).
SCALES = {
    "one_way_km": 3,
    "price_per_km": 4,
    "days": 0,
    "net_earnings": 2,
    "minimum_hourly_wage": 2,
}

# The contract's flag columns are the scenario's citizen flags, by the same names.
FLAG_COLUMNS = CITIZEN_FLAGS

# The input columns of docs/contract/population.md, in order.
INPUT_COLUMNS = (
    "person_id",
    "municipality",
    "birth_date",
    "living_situation",
    "vum_level",
    *FLAG_COLUMNS,
    "application_received_on",
    "one_way_km",
    "price_per_km",
    "days",
    "net_earnings",
    "minimum_hourly_wage",
    "employment_start_date",
)

# The result columns of the contract, in order.
RESULT_COLUMNS = (
    "person_id",
    "eligibility_outcome",
    "reaches_pension_age_on",
    "decision_deadline",
    "days_per_week_max",
    "wage_floor_hourly",
    "transport_total",
    "transport_citizen_pays",
    "transport_municipality_pays",
    "next_follow_up_by",
)

Dates = npt.NDArray[np.datetime64]
Codes = npt.NDArray[np.int8]
Texts = npt.NDArray[np.str_]


@dataclass(frozen=True)
class Fixed:
    """Exact decimals: ``values / 10**scale``; ``null`` marks unknown rows (values 0 there)."""

    values: npt.NDArray[np.int64]
    scale: int
    null: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.values)


@dataclass(frozen=True)
class Coded:
    """A text column as indices into its few distinct words (as a reader's dictionary
    encoding gives it); ``-1`` where the text is unknown."""

    words: tuple[str, ...]
    codes: npt.NDArray[np.int32]

    def __len__(self) -> int:
        return len(self.codes)


@dataclass(frozen=True)
class Population:
    person_id: Texts
    municipality: Texts
    birth_date: Dates
    living_situation: Texts
    vum_level: Codes
    flags: dict[str, Codes]
    application_received_on: Dates
    one_way_km: Fixed
    price_per_km: Fixed
    days: Fixed
    net_earnings: Fixed
    minimum_hourly_wage: Fixed
    employment_start_date: Dates
    # ``municipality`` as codes, where the reader got them for free; the executor then
    # groups rows without comparing a million texts.
    municipality_coded: Coded | None = None

    def __len__(self) -> int:
        return len(self.birth_date)

    def take(self, index: npt.NDArray[np.intp]) -> "Population":
        """The rows at ``index``, in that order (a copy)."""
        return self._rows(index)

    def slice(self, start: int, stop: int) -> "Population":
        """Rows ``start`` to ``stop`` (views, no copy)."""
        return self._rows(slice(start, stop))

    def _rows(self, rows: Any) -> "Population":
        def fixed(x: Fixed) -> Fixed:
            return Fixed(x.values[rows], x.scale, x.null[rows])

        coded = self.municipality_coded
        return Population(
            person_id=self.person_id[rows],
            municipality=self.municipality[rows],
            birth_date=self.birth_date[rows],
            living_situation=self.living_situation[rows],
            vum_level=self.vum_level[rows],
            flags={name: codes[rows] for name, codes in self.flags.items()},
            application_received_on=self.application_received_on[rows],
            one_way_km=fixed(self.one_way_km),
            price_per_km=fixed(self.price_per_km),
            days=fixed(self.days),
            net_earnings=fixed(self.net_earnings),
            minimum_hourly_wage=fixed(self.minimum_hourly_wage),
            employment_start_date=self.employment_start_date[rows],
            municipality_coded=None if coded is None else Coded(coded.words, coded.codes[rows]),
        )


@dataclass(frozen=True)
class Results:
    """Per-person results, row for row with the population evaluated.

    Money columns are :class:`Fixed` with scale 2 (øre). ``eligibility_outcome`` holds
    indices into :data:`OUTCOMES` (the contract's words); :meth:`outcome_words` gives the words.
    ``person_id`` and ``municipality`` may be empty where the caller keeps them elsewhere (a
    file's id column is written straight from the file).
    """

    person_id: Texts
    municipality: Texts
    eligibility_outcome: Codes
    reaches_pension_age_on: Dates
    decision_deadline: Dates
    days_per_week_max: Codes
    wage_floor_hourly: Fixed
    transport_total: Fixed
    transport_citizen_base: Fixed
    transport_cap: Fixed
    transport_citizen_pays: Fixed
    transport_municipality_pays: Fixed
    next_follow_up_by: Dates
    # Each row's municipality as an index into ``municipality_ids``, where the executor has
    # already worked it out; a report reuses it rather than grouping a million texts again.
    municipality_ids: tuple[str, ...] | None = None
    municipality_codes: npt.NDArray[np.intp] | None = None

    def __len__(self) -> int:
        return len(self.eligibility_outcome)

    def outcome_words(self) -> Texts:
        """The outcomes as the contract's words ("" where not evaluated)."""
        return np.array([*OUTCOMES, ""])[self.eligibility_outcome]

    def put(self, rows: Any, part: "Results") -> None:
        """Write ``part``'s computed fields to ``rows`` (a slice or an index array)."""
        for name in RESULT_FIELDS:
            target, source = getattr(self, name), getattr(part, name)
            if isinstance(target, Fixed):
                if source.scale != target.scale:
                    raise ValueError(f"{name}: scale {source.scale}, expected {target.scale}")
                target.values[rows] = source.values
                target.null[rows] = source.null
            else:
                target[rows] = source


# The computed fields of Results (person_id and municipality come from the population).
RESULT_FIELDS = (
    "eligibility_outcome",
    "reaches_pension_age_on",
    "decision_deadline",
    "days_per_week_max",
    "wage_floor_hourly",
    "transport_total",
    "transport_citizen_base",
    "transport_cap",
    "transport_citizen_pays",
    "transport_municipality_pays",
    "next_follow_up_by",
)


def empty_results(
    population: Population,
    ids: tuple[str, ...] | None = None,
    codes: npt.NDArray[np.intp] | None = None,
) -> Results:
    """Results for ``population`` with every value unknown, to be filled by :meth:`put`."""
    n = len(population.birth_date)

    def money() -> Fixed:
        return Fixed(np.zeros(n, np.int64), 2, np.ones(n, bool))

    nat = np.datetime64("NaT", "D")
    return Results(
        person_id=population.person_id,
        municipality=population.municipality,
        eligibility_outcome=np.full(n, -1, np.int8),
        reaches_pension_age_on=np.full(n, nat),
        decision_deadline=np.full(n, nat),
        days_per_week_max=np.full(n, -1, np.int8),
        wage_floor_hourly=money(),
        transport_total=money(),
        transport_citizen_base=money(),
        transport_cap=money(),
        transport_citizen_pays=money(),
        transport_municipality_pays=money(),
        next_follow_up_by=np.full(n, nat),
        municipality_ids=ids,
        municipality_codes=codes,
    )

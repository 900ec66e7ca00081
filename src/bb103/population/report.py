"""The simulation report: per-municipality figures from :class:`Results`, with a reform's
difference, as a terminal table, CSV and a PNG chart.

Per municipality (and in total):

- persons, and how many are eligible (``I målgruppen``), need assessment, or are not eligible;
- transport for the persons who are eligible: the total, the citizens' share and the
  municipality's share, summed exactly in øre from the fixed-point columns (a person who is
  not eligible gets no placement, so no transport is paid for them);
- placements ending at pension age: persons eligible or needing assessment whose
  ``reaches_pension_age_on`` falls in each of the ten calendar years from ``as_of``'s year.

With a reform (the same population evaluated under the reformed registry) every figure also
gets the reform's value and the difference, reform minus baseline (the policies in force
without the reform).

All figures are computed column-wise with numpy; no Python loop runs over persons.
matplotlib is imported only when a chart is asked for.
"""

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bb103.population.frame import OUTCOMES as RESULT_OUTCOMES
from bb103.population.frame import Fixed, Results

YEARS = 10  # calendar years of placements ending at pension age

COUNTS = ("persons", "eligible", "needs_assessment", "not_eligible")
MONEY = ("transport_total", "transport_citizen_pays", "transport_municipality_pays")
LABELS = {
    "persons": "Personer",
    "eligible": "I målgruppen",
    "needs_assessment": "Kræver vurdering",
    "not_eligible": "Ikke i målgruppen",
    "transport_total": "Befordring i alt",
    "transport_citizen_pays": "Borgerne betaler",
    "transport_municipality_pays": "Kommunen betaler",
}
TOTAL_ID = "total"
TOTAL_LABEL = "I alt"

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Figures:
    """One evaluation's figures; row ``i`` of each array is municipality ``i`` of the summary.

    Money is in øre (exact integers)."""

    counts: dict[str, Ints]  # COUNTS -> (k,)
    money: dict[str, Ints]  # MONEY -> (k,)
    pension_years: Ints  # (k, YEARS)

    def figure(self, name: str) -> Ints:
        return self.counts[name] if name in self.counts else self.money[name]

    def plus(self, other: "Figures") -> "Figures":
        """The figures of both parts together (the same municipalities, row for row)."""
        return Figures(
            counts={name: v + other.counts[name] for name, v in self.counts.items()},
            money={name: v + other.money[name] for name, v in self.money.items()},
            pension_years=self.pension_years + other.pension_years,
        )

    def rows(self, index: npt.NDArray[np.intp]) -> "Figures":
        return Figures(
            counts={name: v[index] for name, v in self.counts.items()},
            money={name: v[index] for name, v in self.money.items()},
            pension_years=self.pension_years[index],
        )


@dataclass(frozen=True)
class Summary:
    municipalities: tuple[str, ...]  # ids, sorted
    names: tuple[str, ...]  # for display
    as_of: date
    years: tuple[int, ...]
    baseline: Figures
    reform: Figures | None = None
    reform_title: str | None = None
    reform_in_force_from: date | None = None
    reform_as_of: date | None = None


def summarize(
    baseline: Results,
    as_of: date,
    reform: Results | None = None,
    *,
    names: Mapping[str, str] | None = None,
    reform_title: str | None = None,
    reform_in_force_from: date | None = None,
    reform_as_of: date | None = None,
) -> Summary:
    """Per-municipality figures of ``baseline`` (and ``reform``: the same persons, row for row,
    evaluated under a reform). ``names`` maps municipality ids to display names."""
    ids, codes = _groups(baseline)
    if reform is not None:
        same = reform.municipality is baseline.municipality or (
            len(reform) == len(baseline)
            and np.array_equal(reform.municipality, baseline.municipality)
        )
        if not same:
            raise ValueError("the reform results are not row for row the baseline's persons")
    return summary_of(
        ids,
        as_of,
        figures_of(baseline, codes, len(ids), as_of.year),
        None if reform is None else figures_of(reform, codes, len(ids), as_of.year),
        names=names,
        reform_title=reform_title,
        reform_in_force_from=reform_in_force_from,
        reform_as_of=reform_as_of,
    )


def summary_of(
    ids: Sequence[str],
    as_of: date,
    baseline: Figures,
    reform: Figures | None = None,
    *,
    names: Mapping[str, str] | None = None,
    reform_title: str | None = None,
    reform_in_force_from: date | None = None,
    reform_as_of: date | None = None,
) -> Summary:
    """The summary of figures whose row ``i`` is municipality ``ids[i]``; municipalities
    without persons are left out."""
    present = np.flatnonzero(baseline.counts["persons"] > 0)
    shown = names or {}
    return Summary(
        municipalities=tuple(str(ids[i]) for i in present),
        names=tuple(_short(shown.get(str(ids[i]), str(ids[i]))) for i in present),
        as_of=as_of,
        years=tuple(range(as_of.year, as_of.year + YEARS)),
        baseline=baseline.rows(present),
        reform=None if reform is None else reform.rows(present),
        reform_title=reform_title,
        reform_in_force_from=reform_in_force_from,
        reform_as_of=reform_as_of,
    )


def _groups(results: Results) -> tuple[Sequence[str], npt.NDArray[np.intp]]:
    """Municipality ids and each row's index into them: the executor's own grouping where
    the results carry it, else worked out from the texts."""
    if results.municipality_ids is None or results.municipality_codes is None:
        distinct, codes = group_codes(results.municipality)
        return [str(m) for m in distinct], codes
    return results.municipality_ids, results.municipality_codes


def group_codes(texts: npt.NDArray[np.str_]) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.intp]]:
    """The sorted distinct values of ``texts`` and each row's index into them.

    Like ``np.unique(texts, return_inverse=True)`` but without sorting a million strings: the
    distinct values come from a sample, every row is looked up with a binary search, and rows
    the sample missed add their values for another round (there are few municipalities)."""
    if len(texts) == 0:
        return np.array([], dtype=texts.dtype), np.zeros(0, np.intp)
    distinct = np.unique(texts[:1024])
    while True:
        codes = np.searchsorted(distinct, texts)
        np.minimum(codes, len(distinct) - 1, out=codes)
        missed = distinct[codes] != texts
        if not missed.any():
            return distinct, codes
        distinct = np.union1d(distinct, np.unique(texts[missed][:1024]))


OUTCOMES = ("eligible", "needs_assessment", "not_eligible")
# From the results' outcome codes (indices into frame.OUTCOMES, -1 not evaluated) to the
# report's order above, with 3 for "none of these".
_OUTCOME_ORDER = np.array([OUTCOMES.index(word) for word in RESULT_OUTCOMES] + [len(OUTCOMES)])


def figures_of(results: Results, codes: npt.NDArray[np.intp], k: int, first_year: int) -> Figures:
    """The figures of ``results`` whose row ``j`` belongs to municipality ``codes[j]`` of
    ``k``; figures of parts of a population add up to the whole's (:meth:`Figures.plus`)."""
    outcome = _OUTCOME_ORDER[results.eligibility_outcome]
    by_outcome = np.bincount(codes * 4 + outcome, minlength=4 * k).reshape(k, 4)
    counts = {
        "persons": by_outcome.sum(axis=1),
        **{word: by_outcome[:, i] for i, word in enumerate(OUTCOMES)},
    }
    eligible = outcome == 0
    money = {name: _sum(getattr(results, name), codes, eligible, k) for name in MONEY}
    # Placements that may run (eligible or to be assessed) ending at pension age, per year:
    # the year's index by a binary search over the 1 January of each year (NaT sorts first).
    new_years = np.array(
        [f"{year}-01-01" for year in range(first_year, first_year + YEARS + 1)], "datetime64[D]"
    )
    days = results.reaches_pension_age_on.astype("datetime64[D]").view(np.int64)
    year = np.searchsorted(new_years.view(np.int64), days, side="right") - 1
    ending = (outcome <= 1) & (year >= 0) & (year < YEARS)
    cells = np.where(ending, codes * YEARS + year, k * YEARS)  # the last cell: not counted
    pension = np.bincount(cells, minlength=k * YEARS + 1)[:-1].reshape(k, YEARS)
    return Figures(
        counts={name: c.astype(np.int64) for name, c in counts.items()},
        money=money,
        pension_years=pension.astype(np.int64),
    )


def _sum(column: Fixed, codes: npt.NDArray[np.intp], rows: npt.NDArray[np.bool_], k: int) -> Ints:
    """Exact per-group sums in øre of the known values of ``column`` in ``rows``."""
    if column.scale > 2:
        raise ValueError(f"money with {column.scale} decimals; the report sums øre (2)")
    values = np.where(rows & ~column.null, column.values, 0)
    largest = int(np.abs(values).max()) if len(values) else 0
    if largest * len(values) <= 2**53:
        # Every partial sum is a whole number of at most 2**53, so float64 adds exactly.
        sums = np.bincount(codes, weights=values, minlength=k).astype(np.int64)
    else:
        sums = np.zeros(k, np.int64)
        np.add.at(sums, codes, values)  # exact in int64, slower
    return sums * 10 ** (2 - column.scale)


def _short(name: str) -> str:
    return name.removesuffix(" Kommune")


# --- numbers in Danish -------------------------------------------------------------------------
def count_da(n: int, sign: bool = False) -> str:
    text = f"{abs(n):,}".replace(",", ".")
    return _signed(text, n, sign)


def kr_da(oere: int, sign: bool = False) -> str:
    """Øre as kroner the Danish way: 1.234.567,89."""
    kroner, rest = divmod(abs(oere), 100)
    return _signed(f"{kroner:,}".replace(",", ".") + f",{rest:02d}", oere, sign)


def _signed(text: str, n: int, sign: bool) -> str:
    if n < 0:
        return "-" + text
    return "+" + text if sign and n > 0 else text


def _kr_plain(oere: int) -> str:
    """Øre as a decimal for CSV: 1234567.89."""
    kroner, rest = divmod(abs(oere), 100)
    return f"{'-' if oere < 0 else ''}{kroner}.{rest:02d}"


# --- the terminal table ------------------------------------------------------------------------
def _rows_with_total(values: Ints) -> list[int]:
    return [int(v) for v in values] + [int(values.sum())]


def render_text(summary: Summary) -> str:
    """The summary as plain-text tables (Danish headings); 'Forskel' is reform minus baseline."""
    out = [_heading(summary), ""]
    labels = [*summary.names, TOTAL_LABEL]
    for title, figures, fmt in (
        ("Målgruppen", COUNTS, count_da),
        ("Befordring for personer i målgruppen (kr.)", MONEY, kr_da),
    ):
        headers = ["Kommune"]
        columns: list[list[str]] = []
        for name in figures:
            base = _rows_with_total(summary.baseline.figure(name))
            headers.append(LABELS[name])
            columns.append([fmt(v) for v in base])
            if summary.reform is not None and name != "persons":
                new = _rows_with_total(summary.reform.figure(name))
                headers.append("Forskel")
                columns.append([fmt(n - b, sign=True) for b, n in zip(base, new, strict=True)])
        out += [title, *_table(headers, labels, columns), ""]
    out += _pension_tables(summary, labels)
    return "\n".join(out).rstrip() + "\n"


def _heading(summary: Summary) -> str:
    persons = int(summary.baseline.counts["persons"].sum())
    line = f"Simulering pr. {summary.as_of.isoformat()}: {count_da(persons)} personer"
    if summary.reform is None:
        return line
    line += f"\nReform: {summary.reform_title or '(uden titel)'}"
    if summary.reform_in_force_from is not None:
        line += f", i kraft fra {summary.reform_in_force_from.isoformat()}"
    reform_as_of = summary.reform_as_of or summary.as_of
    line += f"\nForskel = med reform (pr. {reform_as_of.isoformat()}) minus uden reform"
    line += f" (pr. {summary.as_of.isoformat()})."
    if reform_as_of != summary.as_of:
        line += (
            "\nBemærk: de to beregninger har forskellig dato, så forskellen rummer også tidens"
            f" gang; brug --as-of {reform_as_of.isoformat()} for at sammenligne på samme dato."
        )
    return line


def _pension_tables(summary: Summary, labels: list[str]) -> list[str]:
    headers = ["Kommune", *(str(y) for y in summary.years)]
    title = "Ophør ved folkepensionsalder pr. år (i målgruppen eller kræver vurdering)"
    base = summary.baseline.pension_years
    out = [title, *_table(headers, labels, _year_columns(base, count_da)), ""]
    if summary.reform is not None:
        diff = summary.reform.pension_years - base
        columns = _year_columns(diff, lambda n: count_da(n, sign=True))
        out += [f"{title}: Forskel", *_table(headers, labels, columns), ""]
    return out


def _year_columns(table: Ints, fmt: Callable[[int], str]) -> list[list[str]]:
    return [[fmt(v) for v in _rows_with_total(table[:, j])] for j in range(table.shape[1])]


def _table(headers: list[str], labels: list[str], columns: list[list[str]]) -> list[str]:
    widths = [
        max(len(h), *(len(c) for c in col)) for h, col in zip(headers[1:], columns, strict=True)
    ]
    first = max(len(headers[0]), *(len(label) for label in labels))

    def line(label: str, cells: list[str]) -> str:
        parts = [label.ljust(first), *(c.rjust(w) for c, w in zip(cells, widths, strict=True))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in [first, *widths])
    rows = [line(label, [col[i] for col in columns]) for i, label in enumerate(labels)]
    return [line(headers[0], headers[1:]), rule, *rows[:-1], rule, rows[-1]]


# --- CSV ---------------------------------------------------------------------------------------
def csv_header(summary: Summary) -> list[str]:
    header = ["municipality", "name"]
    for name in (*COUNTS, *MONEY):
        header.append(name)
        if summary.reform is not None and name != "persons":
            header += [f"{name}_reform", f"{name}_diff"]
    for year in summary.years:
        header.append(f"pension_age_{year}")
        if summary.reform is not None:
            header += [f"pension_age_{year}_reform", f"pension_age_{year}_diff"]
    return header


def write_csv(summary: Summary, path: str | Path) -> None:
    """One row per municipality and a total row (``municipality`` = ``total``); money in kroner
    with a decimal point; with a reform also ``_reform`` and ``_diff`` (reform minus baseline)
    columns."""
    series: list[tuple[list[int], list[int] | None, bool]] = []
    for name in (*COUNTS, *MONEY):
        base = _rows_with_total(summary.baseline.figure(name))
        new = None
        if summary.reform is not None and name != "persons":
            new = _rows_with_total(summary.reform.figure(name))
        series.append((base, new, name in MONEY))
    for j in range(len(summary.years)):
        base = _rows_with_total(summary.baseline.pension_years[:, j])
        new = None
        if summary.reform is not None:
            new = _rows_with_total(summary.reform.pension_years[:, j])
        series.append((base, new, False))
    ids = [*summary.municipalities, TOTAL_ID]
    labels = [*summary.names, TOTAL_LABEL]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(csv_header(summary))
        for i, (mid, label) in enumerate(zip(ids, labels, strict=True)):
            row: list[str] = [mid, label]
            for base, new, money in series:
                fmt = _kr_plain if money else str
                row.append(fmt(base[i]))
                if new is not None:
                    row += [fmt(new[i]), fmt(new[i] - base[i])]
            writer.writerow(row)


# --- the chart ---------------------------------------------------------------------------------
def write_chart(summary: Summary, path: str | Path) -> None:
    """A PNG: per municipality, the municipality's transport cost and the persons eligible,
    without and (with a reform) with the reform. Uses matplotlib's Agg backend, imported here."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    names = list(summary.names)
    x = np.arange(len(names))
    series = [("Uden reform", summary.baseline, "#4c72b0")]
    if summary.reform is not None:
        series.append(("Med reform", summary.reform, "#dd8452"))
    width = 0.8 / len(series)

    figure = Figure(figsize=(max(8.0, 1.6 * len(names) + 3), 9), dpi=120, layout="constrained")
    FigureCanvasAgg(figure)
    cost_axes, count_axes = figure.subplots(2, 1)
    panels = (
        (
            cost_axes,
            "Kommunens udgift til befordring for personer i målgruppen",
            "kr.",
            lambda f: f.money,
            True,
        ),
        (count_axes, "Personer i målgruppen", "personer", lambda f: f.counts, False),
    )
    for axes, title, unit, pick, money in panels:
        key = "transport_municipality_pays" if money else "eligible"
        for i, (label, figures, colour) in enumerate(series):
            values = pick(figures)[key] / (100 if money else 1)
            offset = (i - (len(series) - 1) / 2) * width
            bars = axes.bar(x + offset, values, width, label=label, color=colour)
            axes.bar_label(
                bars,
                labels=[_axis_number(v) for v in values],
                fontsize=8,
                padding=2,
            )
        axes.set_title(title)
        axes.set_ylabel(unit)
        axes.set_xticks(x, names)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _axis_number(v)))
        axes.margins(y=0.15)
        axes.grid(axis="y", alpha=0.3)
        axes.set_axisbelow(True)
        axes.legend(frameon=False)
    heading = f"Beskyttet beskæftigelse (§ 103) pr. {summary.as_of.isoformat()}"
    if summary.reform is not None:
        heading += f"\nReform: {summary.reform_title or '(uden titel)'}"
        if summary.reform_as_of is not None:
            heading += f" (beregnet pr. {summary.reform_as_of.isoformat()})"
    figure.suptitle(heading)
    figure.savefig(path, format="png")


def _axis_number(value: float) -> str:
    return count_da(round(value))

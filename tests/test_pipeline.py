"""``bb103 simulate``'s pipeline (bb103/population/pipeline.py): a population file evaluated
in blocks on several threads must give exactly what the whole file gives at once
(docs/contract/population.md: "for every row, these equal what bb103 evaluate gives"),
refuse bad rows naming the file's row, and never leave a half-written result file."""

import csv
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from bb103.population import pipeline
from bb103.population.execute import evaluate_population
from bb103.population.frame import PopulationError
from bb103.population.generate import generate_population
from bb103.population.io import read_population, write_population, write_results
from bb103.population.reform import apply_reform, load_reform
from bb103.population.report import summarize
from bb103.rules.policy.registry import PolicyRegistry

AS_OF = date(2027, 3, 1)
REFORM = Path(__file__).resolve().parents[1] / "examples" / "reforms" / "befordring-loft-25.toml"


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Many blocks from a small file: every boundary and the thread pool are exercised.
    monkeypatch.setattr(pipeline, "BLOCK_ROWS", 256)
    monkeypatch.setattr(pipeline, "BLOCK_BYTES", 256 * 64)


@pytest.fixture(scope="module")
def population_csv(tmp_path_factory: pytest.TempPathFactory, registry: PolicyRegistry) -> Path:
    path = tmp_path_factory.mktemp("pipeline") / "population.csv"
    write_population(generate_population(3000, 7, registry.ids()), path)
    return path


def rewritten(source: Path, target: Path, row: int, **cells: str) -> Path:
    """``source`` with data row ``row`` (from 1) changed."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row - 1].update(cells)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_blocks_give_the_whole_files_results(
    population_csv: Path, registry: PolicyRegistry, tmp_path: Path, suffix: str
) -> None:
    """population.md: results row for row as the whole population evaluated at once, in
    CSV and Parquet, under today's policies and a reform, with the same report figures."""
    reform = load_reform(REFORM, registry)
    reformed = apply_reform(registry, reform)
    runs = [
        pipeline.Run(registry, AS_OF, tmp_path / f"base{suffix}"),
        pipeline.Run(reformed, AS_OF, tmp_path / f"reform{suffix}"),
    ]
    simulated = pipeline.simulate(population_csv, runs, threads=2)

    people = read_population(population_csv)
    assert simulated.persons == len(people) == 3000
    for run, figures in zip(runs, simulated.figures, strict=True):
        whole = evaluate_population(people, run.registry, run.as_of)
        expected = tmp_path / f"expected{suffix}"
        write_results(whole, expected)
        if suffix == ".csv":
            assert run.out.read_bytes() == expected.read_bytes()
        else:
            assert pq.read_table(run.out).equals(pq.read_table(expected))
        summary = summarize(whole, run.as_of)
        present = [simulated.ids.index(m) for m in summary.municipalities]
        for name, values in summary.baseline.counts.items():
            assert figures.counts[name][present].tolist() == values.tolist(), name
        for name, values in summary.baseline.money.items():
            assert figures.money[name][present].tolist() == values.tolist(), name
        assert np.array_equal(figures.pension_years[present], summary.baseline.pension_years)


def test_the_reform_changes_the_results(
    population_csv: Path, registry: PolicyRegistry, tmp_path: Path
) -> None:
    """BEK 483 § 2: a lower cap on the citizen's transport cost moves cost to the
    municipality; the two result files differ exactly there."""
    reformed = apply_reform(registry, load_reform(REFORM, registry))
    runs = [
        pipeline.Run(registry, AS_OF, tmp_path / "base.csv"),
        pipeline.Run(reformed, AS_OF, tmp_path / "reform.csv"),
    ]
    base, new = pipeline.simulate(population_csv, runs).figures
    assert new.money["transport_citizen_pays"].sum() < base.money["transport_citizen_pays"].sum()
    assert (
        new.money["transport_municipality_pays"].sum()
        > base.money["transport_municipality_pays"].sum()
    )
    assert new.money["transport_total"].tolist() == base.money["transport_total"].tolist()


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"vum_level": "7"}, "vum_level", "row 2900: 7 is not a VUM level"),
        ({"municipality": "atlantis"}, "municipality", "row 2900: 'atlantis' is not a known"),
        ({"birth_date": "2030-01-01"}, "birth_date", "row 2900: 2030-01-01 is after"),
        ({"days": "-3"}, "days", "row 2900: -3 is negative"),
        ({"living_situation": "hjemme"}, "living_situation", "row 2900: 'hjemme' is not"),
    ],
)
def test_a_bad_row_in_a_late_block_is_named_by_its_row_in_the_file(
    population_csv: Path,
    registry: PolicyRegistry,
    tmp_path: Path,
    cells: dict[str, str],
    column: str,
    message: str,
) -> None:
    """population.md and the guide: bad input is refused naming the column and the row of
    the file, not of the block it happened to be evaluated in."""
    bad = rewritten(population_csv, tmp_path / "bad.csv", 2900, **cells)
    out = tmp_path / "results.csv"
    with pytest.raises(PopulationError) as caught:
        pipeline.simulate(bad, [pipeline.Run(registry, AS_OF, out)])
    assert caught.value.column == column
    assert message in str(caught.value)
    assert not out.exists()


def test_an_id_repeated_in_another_block_is_refused(
    population_csv: Path, registry: PolicyRegistry, tmp_path: Path
) -> None:
    """population.md: person_id is unique over the whole file, whichever blocks hold it."""
    with population_csv.open(encoding="utf-8") as handle:
        first_id = list(csv.DictReader(handle))[4]["person_id"]
    bad = rewritten(population_csv, tmp_path / "bad.csv", 2999, person_id=first_id)
    with pytest.raises(PopulationError) as caught:
        pipeline.simulate(bad, [pipeline.Run(registry, AS_OF, tmp_path / "r.csv")])
    assert caught.value.column == "person_id"
    assert "row 2999" in str(caught.value) and "row 5" in str(caught.value)


def test_a_refused_run_keeps_the_previous_results(
    population_csv: Path, registry: PolicyRegistry, tmp_path: Path
) -> None:
    """Never lost data: results are renamed into place only when every row is evaluated, so
    an earlier result file survives a refused run, and no partial file is left behind."""
    out = tmp_path / "results.csv"
    pipeline.simulate(population_csv, [pipeline.Run(registry, AS_OF, out)])
    before = out.read_bytes()
    bad = rewritten(population_csv, tmp_path / "bad.csv", 2500, vum_level="9")
    with pytest.raises(PopulationError):
        pipeline.simulate(bad, [pipeline.Run(registry, AS_OF, out)])
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "results.csv"]


def test_one_thread_gives_the_same_results(
    population_csv: Path, registry: PolicyRegistry, tmp_path: Path
) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    pipeline.simulate(population_csv, [pipeline.Run(registry, AS_OF, one)], threads=1)
    pipeline.simulate(population_csv, [pipeline.Run(registry, AS_OF, two)], threads=2)
    assert one.read_bytes() == two.read_bytes()

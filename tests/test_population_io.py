"""Population files (docs/contract/population.md): reading, writing, generating, the CLI.

Each test names the contract point it checks. Sizes are small: the speed of a million rows
is measured by the benchmarks, not here.
"""

from dataclasses import fields
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bb103.cli import population_cmd
from bb103.cli.main import main
from bb103.population import frame, generate
from bb103.population import io as population_io
from bb103.population.frame import (
    FALSE3,
    FLAG_COLUMNS,
    INPUT_COLUMNS,
    RESULT_COLUMNS,
    SCALES,
    TRUE3,
    UNKNOWN3,
    Fixed,
    Population,
    Results,
    outcome_codes,
)
from bb103.population.generate import INHABITANTS, generate_population
from bb103.population.io import (
    PopulationError,
    read_population,
    write_population,
    write_results,
)

MUNICIPALITIES = ["ballerup", "lejre", "roskilde", "soenderborg", "vejen"]

# One valid person, cell by cell, in the contract's column order.
ROW = {
    "person_id": "P0000001",
    "municipality": "ballerup",
    "birth_date": "1990-01-01",
    "living_situation": "own_home",
    "vum_level": "3",
    **dict.fromkeys(FLAG_COLUMNS, "true"),
    "can_work_on_normal_terms": "false",
    "application_received_on": "2026-11-02",
    "one_way_km": "14.0",
    "price_per_km": "2.0",
    "days": "20",
    "net_earnings": "1200.00",
    "minimum_hourly_wage": "150.00",
    "employment_start_date": "2027-01-04",
}


def csv_text(*rows: dict[str, str], header: list[str] | None = None) -> str:
    names = header if header is not None else list(INPUT_COLUMNS)
    lines = [",".join(names)]
    lines += [",".join(row.get(name, "") for name in names) for row in rows]
    return "\n".join(lines) + "\n"


def write_csv(tmp_path: Path, text: str, name: str = "population.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def with_cell(column: str, value: str) -> dict[str, str]:
    return {**ROW, column: value}


def second(column: str, value: str) -> str:
    """Two people, the second with one cell changed: errors must name row 2."""
    return csv_text(ROW, {**with_cell(column, value), "person_id": "P0000002"})


def assert_same(a: Population, b: Population) -> None:
    for field in fields(Population):
        left, right = getattr(a, field.name), getattr(b, field.name)
        if field.name == "municipality_coded":
            continue  # a reader's shortcut to the municipality texts, checked below
        if isinstance(left, Fixed):
            assert left.scale == right.scale, field.name
            assert np.array_equal(left.null, right.null), field.name
            assert np.array_equal(left.values, right.values), field.name
        elif isinstance(left, dict):
            assert left.keys() == right.keys()
            for name in left:
                assert np.array_equal(left[name], right[name]), name
        else:
            assert left.tolist() == right.tolist(), field.name
    for p in (a, b):
        if p.municipality_coded is not None:
            words = np.array([*p.municipality_coded.words, ""])
            assert words[p.municipality_coded.codes].tolist() == p.municipality.tolist()


@pytest.fixture(scope="module")
def population() -> Population:
    return generate_population(3000, 11, MUNICIPALITIES)


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_round_trip(tmp_path: Path, population: Population, suffix: str) -> None:
    """population.md: CSV or Parquet, chosen by extension; what is written reads back equal."""
    path = tmp_path / f"people{suffix}"
    write_population(population, path)
    assert_same(read_population(path), population)


def test_large_files_convert_in_parallel_alike(
    tmp_path: Path, population: Population, monkeypatch: pytest.MonkeyPatch
) -> None:
    """population.md: large files are converted column by column in threads and sliced
    when written; the result, and the error reported, are the same."""
    monkeypatch.setattr(population_io, "_PARALLEL_ROWS", 0)
    monkeypatch.setattr(population_io, "_CSV_SLICE_ROWS", 700)
    path = tmp_path / "people.csv"
    write_population(population, path)
    assert_same(read_population(path), population)
    rows = with_cell("vum_level", "7"), {**with_cell("days", "-1"), "person_id": "P2"}
    bad = write_csv(tmp_path, csv_text(*rows))
    with pytest.raises(PopulationError, match=r"^vum_level: row 1"):
        read_population(bad)


def test_csv_header_is_the_contract_columns(tmp_path: Path, population: Population) -> None:
    """population.md: the columns are fixed, in the contract's order, header row first."""
    path = tmp_path / "people.csv"
    write_population(population, path)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(INPUT_COLUMNS)


def test_fixed_values_are_exact(tmp_path: Path) -> None:
    """population.md: decimals are exact (0.001 km, 9999.9999 kr./km, 1234567.89 kr.)."""
    row = {
        **ROW,
        "one_way_km": "0.001",
        "price_per_km": "9999.9999",
        "net_earnings": "1234567.89",
        "minimum_hourly_wage": "139.85",
    }
    people = read_population(write_csv(tmp_path, csv_text(row)))
    assert people.one_way_km.values.tolist() == [1]
    assert people.price_per_km.values.tolist() == [99999999]
    assert people.net_earnings.values.tolist() == [123456789]
    assert people.minimum_hourly_wage.values.tolist() == [13985]
    assert people.days.values.tolist() == [20]
    assert {SCALES[name]: getattr(people, name).scale for name in SCALES} == {
        3: 3,
        4: 4,
        0: 0,
        2: 2,
    }
    out = tmp_path / "again.csv"
    write_population(people, out)
    cells = out.read_text(encoding="utf-8").splitlines()[1].split(",")
    written = dict(zip(INPUT_COLUMNS, cells, strict=True))
    assert written["one_way_km"] == "0.001"
    assert written["price_per_km"] == "9999.9999"
    assert written["net_earnings"] == "1234567.89"
    assert written["days"] == "20"


def test_fewer_decimals_and_trailing_zeros_are_exact(tmp_path: Path) -> None:
    """population.md: a decimal is its value: 7.5 and 7.500 are both 7.50 kr."""
    row = {**ROW, "net_earnings": "7.5", "one_way_km": "12", "price_per_km": "2.5000"}
    people = read_population(write_csv(tmp_path, csv_text(row)))
    assert people.net_earnings.values.tolist() == [750]
    assert people.one_way_km.values.tolist() == [12000]
    assert people.price_per_km.values.tolist() == [25000]


def test_empty_cell_is_unknown_in_every_column(tmp_path: Path) -> None:
    """population.md: empty cell = unknown (null), for every column type."""
    people = read_population(write_csv(tmp_path, csv_text({"person_id": "P1"})))
    assert people.municipality.tolist() == [""]
    assert people.living_situation.tolist() == [""]
    for dates in (people.birth_date, people.application_received_on):
        assert np.isnat(dates).all()
    assert np.isnat(people.employment_start_date).all()
    assert people.vum_level.tolist() == [-1]
    assert all(codes.tolist() == [UNKNOWN3] for codes in people.flags.values())
    for name in SCALES:
        fixed = getattr(people, name)
        assert fixed.null.tolist() == [True], name
        assert fixed.values.tolist() == [0], name  # frame.Fixed: values 0 where unknown
    out = tmp_path / "again.csv"
    write_population(people, out)
    assert out.read_text(encoding="utf-8").splitlines()[1] == "P1" + "," * (len(INPUT_COLUMNS) - 1)


def test_flags_are_three_valued(tmp_path: Path) -> None:
    """population.md: booleans are `true`/`false`; empty = not yet clarified."""
    row = {**ROW, "motivated": "false", "can_transport_self": ""}
    people = read_population(write_csv(tmp_path, csv_text(row)))
    assert people.flags["significant_reduced_function"].tolist() == [TRUE3]
    assert people.flags["motivated"].tolist() == [FALSE3]
    assert people.flags["can_transport_self"].tolist() == [UNKNOWN3]


def test_columns_in_any_order_and_utf8_bom(tmp_path: Path) -> None:
    """population.md: columns are found by name; a UTF-8 byte order mark is not a name."""
    names = list(reversed(INPUT_COLUMNS))
    text = "\ufeff" + csv_text(ROW, header=names)
    people = read_population(write_csv(tmp_path, text))
    assert people.person_id.tolist() == ["P0000001"]
    assert people.vum_level.tolist() == [3]


def test_header_only_is_an_empty_population(tmp_path: Path) -> None:
    """population.md: a population may have no one in it."""
    people = read_population(write_csv(tmp_path, csv_text()))
    assert len(people) == 0
    assert people.one_way_km.values.dtype == np.int64


def test_texts_outside_ascii_and_with_commas(tmp_path: Path) -> None:
    """population.md: UTF-8 text; a comma or quote in an id survives a round trip."""
    rows = [
        {**ROW, "person_id": "Søren-1"},
        {**ROW, "person_id": 'A,"B"'},
        {**ROW, "person_id": "C"},
    ]
    people = read_population(write_csv(tmp_path, csv_text(*rows[:1], rows[2])))
    assert people.person_id.tolist() == ["Søren-1", "C"]
    quoted = tmp_path / "quoted.csv"
    mixed = people.take(np.array([0, 1]))
    mixed = Population(**{**mixed.__dict__, "person_id": np.array(['A,"B"', "Ø"])})
    write_population(mixed, quoted)
    assert read_population(quoted).person_id.tolist() == ['A,"B"', "Ø"]


# ----------------------------------------------------------------------------- errors

ERRORS = [
    # (what the contract says, CSV text, column named, words in the message)
    ("unknown column", csv_text(ROW, header=[*INPUT_COLUMNS, "cpr"]), "cpr", "not a column"),
    (
        "typo in a column name",
        csv_text(ROW, header=[n.replace("birth_date", "birth_dato") for n in INPUT_COLUMNS]),
        "birth_dato",
        "did you mean birth_date",
    ),
    (
        "missing column",
        csv_text(ROW, header=[n for n in INPUT_COLUMNS if n != "motivated"]),
        "motivated",
        "missing",
    ),
    ("column twice", csv_text(ROW, header=[*INPUT_COLUMNS, "days"]), "days", "twice"),
    ("vum_level 0-4", second("vum_level", "5"), "vum_level", "row 2"),
    ("vum_level is an int", second("vum_level", "three"), "vum_level", "row 2"),
    ("vum_level is small", second("vum_level", "300"), "vum_level", "row 2"),
    ("living_situation words", second("living_situation", "hjemme"), "living_situation", "row 2"),
    ("birth_date is a date", second("birth_date", "2026-02-30"), "birth_date", "row 2"),
    ("dates are ISO", second("application_received_on", "02-11-2026"), "application", "row 2"),
    ("booleans are true/false", second("motivated", "yes"), "motivated", "row 2"),
    ("booleans are lower case", second("can_transport_self", "True"), "can_transport", "row 2"),
    ("km keeps 3 decimals", second("one_way_km", "1.2345"), "one_way_km", "3 decimals"),
    ("price keeps 4 decimals", second("price_per_km", "1.23456"), "price_per_km", "4 decimals"),
    ("days are whole", second("days", "2.5"), "days", "whole number"),
    ("earnings keep øre", second("net_earnings", "10.005"), "net_earnings", "2 decimals"),
    ("decimal is a number", second("minimum_hourly_wage", "abc"), "minimum_hourly", "number"),
    ("no digit groups", second("net_earnings", "1_000"), "net_earnings", "row 2: '1_000'"),
    ("no negative km", second("one_way_km", "-1.5"), "one_way_km", "negative"),
    ("no negative earnings", second("net_earnings", "-0.01"), "net_earnings", "negative"),
    ("fits in 64 bits", second("net_earnings", "1" + "0" * 20), "net_earnings", "too large"),
    ("person_id unique", csv_text(ROW, ROW), "person_id", "row 2"),
    ("person_id given", csv_text(ROW, with_cell("person_id", "")), "person_id", "row 2"),
    ("text is UTF-8", second("municipality", "\udcff"), "municipality", "UTF-8"),
    (
        "one cell per column",
        csv_text(ROW) + "P2,ballerup\n",
        "(file)",
        "line 3 has 2 cells",
    ),
]


@pytest.mark.parametrize(
    ("point", "text", "column", "words"), ERRORS, ids=[error[0] for error in ERRORS]
)
def test_errors_name_the_column(
    tmp_path: Path, point: str, text: str, column: str, words: str
) -> None:
    """population.md: a file that breaks the contract is refused; the error is one line
    `COLUMN: message`, naming the row where there is one."""
    path = tmp_path / "bad.csv"
    path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
    with pytest.raises(PopulationError) as raised:
        read_population(path)
    message = str(raised.value)
    assert raised.value.column.startswith(column), message
    assert message.startswith(f"{raised.value.column}: "), message
    assert words in message, message
    assert "\n" not in message
    assert isinstance(raised.value, frame.PopulationError)  # one except for file and executor


def test_not_csv_or_parquet(tmp_path: Path) -> None:
    """population.md: CSV or Parquet, by extension."""
    with pytest.raises(PopulationError, match=r"^\(file\): .*\.csv or \.parquet"):
        read_population(write_csv(tmp_path, csv_text(ROW), name="people.txt"))


def test_empty_file(tmp_path: Path) -> None:
    """population.md: a header row is needed."""
    with pytest.raises(PopulationError, match="header"):
        read_population(write_csv(tmp_path, ""))


def parquet_file(tmp_path: Path, **changed: pa.Array) -> Path:
    """A one-person Parquet file as another tool might write it."""
    people = read_population(write_csv(tmp_path, csv_text(ROW)))
    path = tmp_path / "people.parquet"
    write_population(people, path)
    table = pq.read_table(path)
    for name, array in changed.items():
        table = table.set_column(table.column_names.index(name), name, array)
    pq.write_table(table, path)
    return path


def test_parquet_from_other_writers(tmp_path: Path) -> None:
    """population.md: Parquet from another tool (floats, int ids, timestamps) reads exactly."""
    path = parquet_file(
        tmp_path,
        one_way_km=pa.array([0.1]),
        net_earnings=pa.array([1200], pa.int64()),
        days=pa.array([20.0]),
        person_id=pa.array([123], pa.int64()),
        birth_date=pa.array([np.datetime64("1990-01-01T00:00:00", "s")]),
    )
    people = read_population(path)
    assert people.one_way_km.values.tolist() == [100]
    assert people.net_earnings.values.tolist() == [120000]
    assert people.days.values.tolist() == [20]
    assert people.person_id.tolist() == ["123"]
    assert people.birth_date.tolist() == [np.datetime64("1990-01-01", "D").item()]


def test_parquet_float_with_too_many_decimals(tmp_path: Path) -> None:
    """population.md: a Parquet float is read as the decimal it prints as; 1.2345 km has
    more decimals than the column keeps."""
    path = parquet_file(tmp_path, one_way_km=pa.array([1.2345]))
    with pytest.raises(PopulationError, match=r"^one_way_km: row 1: .*3 decimals"):
        read_population(path)


def test_parquet_unknown_column(tmp_path: Path) -> None:
    """population.md: the names are fixed in Parquet too."""
    path = parquet_file(tmp_path)
    table = pq.read_table(path).append_column("note", pa.array(["x"]))
    pq.write_table(table, path)
    with pytest.raises(PopulationError, match=r"^note: not a column"):
        read_population(path)


# ----------------------------------------------------------------------------- results


def results_for(ids: list[str]) -> Results:
    n = len(ids)

    def money(values: list[int], null: list[bool]) -> Fixed:
        return Fixed(np.array(values, np.int64), 2, np.array(null))

    dates = np.array(["2060-01-01", "NaT"][:n], dtype="datetime64[D]")
    zero = money([0] * n, [False] * n)
    return Results(
        person_id=np.array(ids),
        municipality=np.array(["ballerup"] * n),
        eligibility_outcome=outcome_codes(["eligible", "needs_assessment"][:n]),
        reaches_pension_age_on=dates,
        decision_deadline=np.array(["2026-12-14", "NaT"][:n], dtype="datetime64[D]"),
        days_per_week_max=np.array([4, -1][:n], dtype=np.int8),
        wage_floor_hourly=money([750, 0][:n], [False, True][:n]),
        transport_total=money([112000, 5][:n], [False, False][:n]),
        transport_citizen_base=zero,
        transport_cap=zero,
        transport_citizen_pays=money([36000, 0][:n], [False, True][:n]),
        transport_municipality_pays=money([76000, 0][:n], [False, True][:n]),
        next_follow_up_by=np.array(["2028-01-04", "NaT"][:n], dtype="datetime64[D]"),
    )


def test_results_csv(tmp_path: Path) -> None:
    """population.md: results carry person_id and the listed columns with evaluate's
    rounding: money with two decimals (7.50), ISO dates, unknown as an empty cell."""
    path = tmp_path / "results.csv"
    write_results(results_for(["P1", "P2"]), path)
    assert path.read_text(encoding="utf-8").splitlines() == [
        ",".join(RESULT_COLUMNS),
        "P1,eligible,2060-01-01,2026-12-14,4,7.50,1120.00,360.00,760.00,2028-01-04",
        "P2,needs_assessment,,,,,0.05,,,",
    ]


def test_results_parquet(tmp_path: Path) -> None:
    """population.md: results in Parquet by extension, money as exact decimals."""
    path = tmp_path / "results.parquet"
    write_results(results_for(["P1", "P2"]), path)
    table = pq.read_table(path)
    assert table.column_names == list(RESULT_COLUMNS)
    assert str(table.column("wage_floor_hourly")[0].as_py()) == "7.50"
    assert table.column("days_per_week_max").to_pylist() == [4, None]


# ----------------------------------------------------------------------------- generator


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    """issue 3: `--seed S` makes the population reproducible, byte for byte."""
    paths = []
    for run, seed in enumerate((5, 5, 6)):
        path = tmp_path / f"run{run}.csv"
        write_population(generate_population(500, seed, reversed(MUNICIPALITIES)), path)
        paths.append(path.read_bytes())
    assert paths[0] == paths[1]
    assert paths[0] != paths[2]


def test_generated_population_is_realistic(population: Population) -> None:
    """issue 3: realistic distributions over the five municipalities; fictitious ids only."""
    n = len(population)
    assert population.person_id[0] == "P0000001"
    assert all(len(pid) == 8 and pid.startswith("P") for pid in population.person_id[:50])
    shares = {m: float((population.municipality == m).mean()) for m in MUNICIPALITIES}
    assert max(shares, key=shares.__getitem__) == "roskilde"
    assert min(shares, key=shares.__getitem__) == "lejre"
    as_of = np.datetime64("2026-11-23")
    known = ~np.isnat(population.birth_date)
    age = (as_of - population.birth_date[known]).astype(int) / 365.25
    assert 0.005 < (age < 18).mean() < 0.05  # some children, to exercise age_min
    assert 0.01 < (age > 67).mean() < 0.08  # some past pension age
    assert 0.002 < (~known).mean() < 0.03
    assert set(population.living_situation) == {"own_home", "botilbud", "with_family", ""}
    assert set(population.vum_level.tolist()) == {-1, 0, 1, 2, 3, 4}
    assert (np.isin(population.vum_level, [2, 3, 4])).mean() > 0.7
    for name in FLAG_COLUMNS:
        assert set(population.flags[name].tolist()) == {FALSE3, UNKNOWN3, TRUE3}, name
    applied = population.application_received_on[~np.isnat(population.application_received_on)]
    assert applied.min() >= as_of - np.timedelta64(365, "D") and applied.max() <= as_of
    km = population.one_way_km.values[~population.one_way_km.null]
    assert km.min() >= 1000 and km.max() <= 60000
    price = population.price_per_km.values[~population.price_per_km.null]
    assert price.min() >= 15000 and price.max() <= 40000
    days = population.days.values[~population.days.null]
    assert days.min() >= 0 and days.max() <= 22
    earnings = population.net_earnings.values[~population.net_earnings.null]
    assert earnings.min() >= 30000 and earnings.max() <= 400000
    wages = set(population.minimum_hourly_wage.values[~population.minimum_hourly_wage.null])
    assert {13985, 14335} <= wages
    assert n == 3000


def test_generator_spreads_over_any_registry() -> None:
    """issue 3: a sixth municipality is a policy file, and gets people without new code."""
    people = generate_population(2000, 1, [*MUNICIPALITIES, "odense"])
    assert "odense" not in INHABITANTS
    assert set(people.municipality) == {*MUNICIPALITIES, "odense"}


# ----------------------------------------------------------------------------- CLI


def test_cli_writes_a_population(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """issue 3: `bb103 population --size N --seed S --out FILE` writes N people."""
    out = tmp_path / "people.parquet"
    assert main(["population", "--size", "40", "--seed", "2", "--out", str(out)]) == 0
    assert len(read_population(out)) == 40
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "40 people" in captured.err


def test_cli_bound_is_the_generators() -> None:
    """issue 3: the CLI refuses exactly the sizes the generator refuses."""
    assert population_cmd.MAX_SIZE == generate.MAX_SIZE


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--size", "0"], "--size"),
        (["--size", "ten"], "--size"),
        (["--size", "100000000000"], "--size"),
        (["--size", "5", "--seed", "-3"], "--seed"),
        (["--size", "5", "--out", "people.txt"], ".csv or .parquet"),
        (["--size", "5", "--out", "/no/such/folder/people.csv"], "does not exist"),
    ],
)
def test_cli_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], words: str
) -> None:
    """evaluate.md (shared CLI convention): bad input exits 2 with one line, no traceback."""
    argv = ["population", "--out", str(tmp_path / "p.csv"), *arguments]
    try:
        status = main(argv)
    except SystemExit as exit_:
        status = exit_.code
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and words in err, err

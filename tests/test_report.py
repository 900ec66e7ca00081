"""The simulation report (bb103/population/report.py) from hand-made Results, and
``bb103 simulate`` end to end (bb103/cli/simulate_cmd.py)."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bb103.cli import simulate_cmd
from bb103.cli.main import main
from bb103.population import report
from bb103.population.frame import Fixed, Results, outcome_codes

AS_OF = date(2026, 11, 23)
NAMES = {"lejre": "Lejre Kommune", "soenderborg": "Sønderborg Kommune", "vejen": "Vejen Kommune"}


def money(amounts: list[str | None]) -> Fixed:
    """Kroner as text (None: unknown) -> Fixed in øre."""
    null = np.array([a is None for a in amounts])
    values = np.array([0 if a is None else int(Decimal(a) * 100) for a in amounts], np.int64)
    return Fixed(values, 2, null)


def results(rows: list[tuple[Any, ...]]) -> Results:
    """Rows of (municipality, outcome, reaches_pension_age_on, total, citizen, municipality)."""
    columns = list(zip(*rows, strict=True))
    n = len(rows)
    nat = np.full(n, np.datetime64("NaT"), "datetime64[D]")
    return Results(
        person_id=np.array([f"p{i}" for i in range(n)]),
        municipality=np.array(columns[0]),
        eligibility_outcome=outcome_codes(list(columns[1])),
        reaches_pension_age_on=np.array(
            [np.datetime64("NaT") if d is None else np.datetime64(d) for d in columns[2]],
            "datetime64[D]",
        ),
        decision_deadline=nat,
        days_per_week_max=np.full(n, -1, np.int8),
        wage_floor_hourly=money([None] * n),
        transport_total=money(list(columns[3])),
        transport_citizen_base=money(list(columns[3])),
        transport_cap=money([None] * n),
        transport_citizen_pays=money(list(columns[4])),
        transport_municipality_pays=money(list(columns[5])),
        next_follow_up_by=nat,
    )


E, N, X = "eligible", "needs_assessment", "not_eligible"
BASELINE = [
    ("vejen", E, "2026-12-31", "100.10", "30.03", "70.07"),
    ("vejen", E, "2027-01-01", "0.01", "0.01", "0.00"),
    ("vejen", N, "2035-12-31", "50.00", "10.00", "40.00"),  # needs assessment: no transport
    ("vejen", X, "2027-06-01", "999.99", "999.99", "0.00"),  # not eligible: not counted
    ("lejre", E, "2036-01-01", "12.34", "12.34", "0.00"),  # after the ten years
    ("lejre", E, None, None, None, None),  # unknown: not counted
    ("lejre", N, "2025-12-31", "1.00", "1.00", "0.00"),  # before the ten years
    ("soenderborg", X, "2030-01-01", "7.00", "7.00", "0.00"),
    ("vejen", E, "2026-01-01", "0.99", "0.50", "0.49"),
]
# The reform: the same persons; Vejen's citizens pay less, one Lejre person becomes eligible.
REFORM = [
    ("vejen", E, "2026-12-31", "100.10", "25.03", "75.07"),
    ("vejen", E, "2027-01-01", "0.01", "0.01", "0.00"),
    ("vejen", N, "2035-12-31", "50.00", "10.00", "40.00"),
    ("vejen", X, "2027-06-01", "999.99", "999.99", "0.00"),
    ("lejre", E, "2036-01-01", "12.34", "12.34", "0.00"),
    ("lejre", E, None, None, None, None),
    ("lejre", E, "2025-12-31", "1.00", "1.00", "0.00"),
    ("soenderborg", X, "2030-01-01", "7.00", "7.00", "0.00"),
    ("vejen", E, "2026-01-01", "0.99", "0.40", "0.59"),
]


def summary(with_reform: bool = True) -> report.Summary:
    base = results(BASELINE)
    new = results(REFORM)
    return report.summarize(
        base,
        AS_OF,
        Results(**{**new.__dict__, "municipality": base.municipality}) if with_reform else None,
        names=NAMES,
        reform_title="Loft 25 %",
        reform_in_force_from=date(2027, 1, 1),
        reform_as_of=date(2027, 1, 1),
    )


def figures(s: report.Summary, which: str, municipality: str) -> dict[str, int]:
    f = s.baseline if which == "baseline" else s.reform
    assert f is not None
    i = s.municipalities.index(municipality)
    return {name: int(f.figure(name)[i]) for name in (*report.COUNTS, *report.MONEY)}


# --- figures -------------------------------------------------------------------------------------
def test_counts_and_exact_sums_per_municipality() -> None:
    s = summary(with_reform=False)
    assert s.municipalities == ("lejre", "soenderborg", "vejen")
    assert s.names == ("Lejre", "Sønderborg", "Vejen")
    assert figures(s, "baseline", "vejen") == {
        "persons": 5,
        "eligible": 3,
        "needs_assessment": 1,
        "not_eligible": 1,
        # eligible rows only, in øre: 100.10 + 0.01 + 0.99
        "transport_total": 10110,
        "transport_citizen_pays": 3003 + 1 + 50,
        "transport_municipality_pays": 7007 + 0 + 49,
    }
    assert figures(s, "baseline", "lejre") == {
        "persons": 3,
        "eligible": 2,
        "needs_assessment": 1,
        "not_eligible": 0,
        "transport_total": 1234,
        "transport_citizen_pays": 1234,
        "transport_municipality_pays": 0,
    }
    assert figures(s, "baseline", "soenderborg")["not_eligible"] == 1
    assert figures(s, "baseline", "soenderborg")["transport_total"] == 0
    assert s.reform is None


def test_placements_ending_at_pension_age_per_calendar_year() -> None:
    s = summary(with_reform=False)
    assert s.years == tuple(range(2026, 2036))
    table = {m: list(s.baseline.pension_years[i]) for i, m in enumerate(s.municipalities)}
    #         2026  2027  ...                               2035
    assert table["vejen"] == [2, 1, 0, 0, 0, 0, 0, 0, 0, 1]  # the not eligible one not counted
    assert table["lejre"] == [0] * 10  # 2036, unknown and 2025 are outside
    assert table["soenderborg"] == [0] * 10  # not eligible


def test_difference_with_a_reform() -> None:
    s = summary()
    assert s.reform is not None
    base, new = figures(s, "baseline", "vejen"), figures(s, "reform", "vejen")
    assert new["transport_citizen_pays"] - base["transport_citizen_pays"] == -510
    assert new["transport_municipality_pays"] - base["transport_municipality_pays"] == 510
    assert new["transport_total"] == base["transport_total"]
    lejre_base, lejre_new = figures(s, "baseline", "lejre"), figures(s, "reform", "lejre")
    assert (lejre_new["eligible"], lejre_new["needs_assessment"]) == (3, 0)
    assert lejre_new["transport_total"] - lejre_base["transport_total"] == 100


def test_exact_sums_beyond_float_precision() -> None:
    """Amounts whose float64 sum would round are summed exactly in int64."""
    big = 2**60
    column = Fixed(np.array([big, 1, big, 1], np.int64), 2, np.zeros(4, bool))
    sums = report._sum(column, np.array([0, 0, 1, 1]), np.ones(4, bool), 2)
    assert list(sums) == [big + 1, big + 1]


def test_group_codes_finds_values_the_sample_missed() -> None:
    texts = np.array(["vejen"] * 3000 + ["aabenraa"] + ["lejre"] * 5)
    names, codes = report.group_codes(texts)
    assert list(names) == ["aabenraa", "lejre", "vejen"]
    assert np.array_equal(names[codes], texts)
    empty_names, empty_codes = report.group_codes(np.array([], "<U5"))
    assert len(empty_names) == 0 and len(empty_codes) == 0


def test_reform_results_must_be_the_same_persons() -> None:
    base = results(BASELINE)
    other = results(list(reversed(REFORM)))
    with pytest.raises(ValueError, match="row for row"):
        report.summarize(base, AS_OF, other)


# --- output --------------------------------------------------------------------------------------
def test_text_table_has_danish_headings_and_numbers() -> None:
    text = report.render_text(summary(with_reform=False))
    for heading in (
        "Kommune",
        "Personer",
        "I målgruppen",
        "Kræver vurdering",
        "Ikke i målgruppen",
        "Befordring i alt",
        "Borgerne betaler",
        "Kommunen betaler",
        "I alt",
    ):
        assert heading in text
    assert "Forskel" not in text
    vejen = next(line for line in text.splitlines() if line.startswith("Vejen") and "," in line)
    assert vejen.split() == ["Vejen", "101,10", "30,54", "70,56"]
    assert report.kr_da(123456789) == "1.234.567,89"
    assert report.kr_da(-5, sign=True) == "-0,05"
    assert report.count_da(1234567, sign=True) == "+1.234.567"


def test_text_table_with_a_reform_has_difference_columns() -> None:
    text = report.render_text(summary())
    assert "Reform: Loft 25 %, i kraft fra 2027-01-01" in text
    assert "--as-of 2027-01-01" in text  # the two runs have different dates: said so
    money_header = next(line for line in text.splitlines() if "Befordring i alt" in line)
    assert money_header.count("Forskel") == 3
    vejen = next(line for line in text.splitlines() if line.startswith("Vejen") and "," in line)
    assert vejen.split() == ["Vejen", "101,10", "0,00", "30,54", "-5,10", "70,56", "+5,10"]


def test_csv_columns_and_values(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    report.write_csv(summary(), path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0])
    assert header[:8] == [
        "municipality",
        "name",
        "persons",
        "eligible",
        "eligible_reform",
        "eligible_diff",
        "needs_assessment",
        "needs_assessment_reform",
    ]
    assert "transport_municipality_pays_diff" in header
    assert "pension_age_2026" in header and "pension_age_2035_diff" in header
    assert [r["municipality"] for r in rows] == ["lejre", "soenderborg", "vejen", "total"]
    vejen, total = rows[2], rows[3]
    assert vejen["name"] == "Vejen"
    assert vejen["transport_citizen_pays"] == "30.54"
    assert vejen["transport_citizen_pays_reform"] == "25.44"
    assert vejen["transport_citizen_pays_diff"] == "-5.10"
    assert vejen["pension_age_2026"] == "2"
    assert total["persons"] == "9" and total["eligible_diff"] == "1"
    assert total["transport_total"] == "113.44"

    plain = tmp_path / "plain.csv"
    report.write_csv(summary(with_reform=False), plain)
    header = plain.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert not any(h.endswith(("_reform", "_diff")) for h in header)
    assert header == report.csv_header(summary(with_reform=False))


def test_png_chart_is_written(tmp_path: Path) -> None:
    """With a reform here; without one in test_simulate_without_a_reform."""
    path = tmp_path / "chart.png"
    report.write_chart(summary(), path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000


# --- the progress bar ----------------------------------------------------------------------------
def test_progress_bar_redraws_in_place_and_ends_the_line() -> None:
    stream = io.StringIO()
    bar = simulate_cmd._ProgressBar("Uden reform", stream)
    bar(250_000, 1_000_000)
    bar(1_000_000, 1_000_000)
    out = stream.getvalue()
    assert out.startswith("\rUden reform")
    assert " 25 %" in out and "100 %" in out
    assert out.endswith("\n") and out.count("\n") == 1


def test_reform_results_path() -> None:
    assert simulate_cmd.reform_results_path("out/res.csv") == Path("out/res.reform.csv")
    assert simulate_cmd.reform_results_path("res.parquet") == Path("res.reform.parquet")


# --- bb103 simulate ------------------------------------------------------------------------------
def test_simulate_help_documents_the_reform_results_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["simulate", "--help"])
    assert ".reform" in capsys.readouterr().out


def test_bad_as_of_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["simulate", "--population", "x.csv", "--out", "y.csv", "--as-of", "23-11-2026"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


# --- bb103 simulate end to end -------------------------------------------------------------------
CAP_25 = """\
[reform]
title = "Loft over borgerens kørselsudgift 25 %"
in_force_from = 2027-01-01
source = "Forslag: test"

[[changes]]
layer = "national"
key = "transport_cap_pct"
value = 25
"""
CAP_25_EVERYWHERE = CAP_25 + "".join(
    f'\n[[changes]]\nlayer = "{m}"\nkey = "transport_cap_pct"\nvalue = 25\n'
    for m in ("vejen", "soenderborg")
)


@pytest.fixture(scope="module")
def population_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bb103.population.generate import generate_population
    from bb103.population.io import write_population
    from bb103.rules.policy.registry import default_registry

    path = tmp_path_factory.mktemp("population") / "population.csv"
    write_population(generate_population(600, 7, default_registry().ids()), path)
    return path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def kr(text: str) -> Decimal:
    return Decimal(text or "0")


def simulate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["simulate", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_simulate_with_a_reform_end_to_end(
    population_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reform = tmp_path / "reform.toml"
    reform.write_text(CAP_25_EVERYWHERE, encoding="utf-8")
    out = tmp_path / "res.csv"
    status, stdout, err = simulate(
        capsys,
        *("--population", str(population_file), "--reform", str(reform)),
        *("--as-of", "2027-01-01", "--out", str(out)),
        *("--report", str(tmp_path / "report.csv")),
    )
    assert (status, err) == (0, "")
    assert "Reform: Loft over borgerens kørselsudgift 25 %" in stdout
    assert "Forskel" in stdout and "Bemærk" not in stdout  # both runs as of 2027-01-01

    baseline, reformed = read_rows(out), read_rows(tmp_path / "res.reform.csv")
    assert len(baseline) == len(reformed) == 600
    for before, after in zip(baseline, reformed, strict=True):
        assert before["person_id"] == after["person_id"]
        assert before["eligibility_outcome"] == after["eligibility_outcome"]
        assert before["transport_total"] == after["transport_total"]
        assert kr(after["transport_citizen_pays"]) <= kr(before["transport_citizen_pays"])

    # The report's figures are the per-person results summed exactly.
    summary = {r["municipality"]: r for r in read_rows(tmp_path / "report.csv")}
    total = summary.pop("total")
    assert int(total["persons"]) == 600
    assert sum(int(r["persons"]) for r in summary.values()) == 600
    assert total["eligible_diff"] == "0" and total["transport_total_diff"] == "0.00"
    for name in ("transport_citizen_pays", "transport_municipality_pays"):
        for rows, column in ((baseline, name), (reformed, f"{name}_reform")):
            exact = sum(kr(r[name]) for r in rows if r["eligibility_outcome"] == "eligible")
            assert Decimal(total[column]) == exact
    assert Decimal(total["transport_citizen_pays_diff"]) < 0
    assert Decimal(total["transport_citizen_pays_diff"]) == -Decimal(
        total["transport_municipality_pays_diff"]
    )


def test_simulate_without_a_reform(
    population_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "res.parquet"
    chart = tmp_path / "chart.png"
    status, stdout, err = simulate(
        capsys, "--population", str(population_file), "--out", str(out), "--chart", str(chart)
    )
    assert (status, err) == (0, "")
    assert out.exists() and not (tmp_path / "res.reform.parquet").exists()
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and chart.stat().st_size > 10_000
    assert f"Simulering pr. {date.today().isoformat()}" in stdout
    assert "Forskel" not in stdout


@pytest.mark.parametrize(
    ("reform_text", "population", "out", "words"),
    [
        (CAP_25, None, "res.csv", ["changes[0].value", "soenderborg, vejen", "undercut"]),
        (CAP_25 + "extra = 1\n", None, "res.csv", ["changes[0].extra", "unknown key"]),
        (None, "missing.csv", "res.csv", ["missing.csv"]),
        (None, "aarhus", "res.csv", ["aarhus"]),
        (None, None, "res.txt", ["res.txt"]),
    ],
)
def test_simulate_errors_are_one_line_and_exit_2(
    population_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    reform_text: str | None,
    population: str | None,
    out: str,
    words: list[str],
) -> None:
    args = ["--population", str(population_file), "--out", str(tmp_path / out)]
    if population == "aarhus":
        lines = population_file.read_text(encoding="utf-8").splitlines(keepends=True)
        cells = lines[1].split(",")
        cells[1] = "aarhus"
        lines[1] = ",".join(cells)
        (tmp_path / "aarhus.csv").write_text("".join(lines), encoding="utf-8")
        args[1] = str(tmp_path / "aarhus.csv")
    elif population is not None:
        args[1] = str(tmp_path / population)
    if reform_text is not None:
        (tmp_path / "reform.toml").write_text(reform_text, encoding="utf-8")
        args += ["--reform", str(tmp_path / "reform.toml")]
    status, stdout, err = simulate(capsys, *args)
    assert status == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and stdout == ""
    for word in words:
        assert word in err

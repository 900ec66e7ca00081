"""The ``bb103 evaluate`` contract (docs/contract/evaluate.md) at the command line.

Most tests call :func:`bb103.cli.main.main` in-process (fast); a few run the installed
``bb103`` console script in a subprocess, to check what a caller really sees: exit status,
stdout, stderr, and no traceback.
"""

import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bb103.cli.main import main
from bb103.rules.errors import PolicyError
from bb103.rules.policy import registry as registry_module

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CONTRACT_EXAMPLE = EXAMPLES / "contract-ballerup.json"
BB103 = Path(sys.executable).parent / "bb103"

# The contract's output for its example input: every listed field, with the contract's values.
# (``policy.version``, ``policy.in_force_from`` and each criterion's ``source`` are placeholders
# in the contract; they are checked for shape below.)
CONTRACT_OUTPUT: dict[str, Any] = {
    "municipality": "ballerup",
    "turns_18_on": "2008-01-01",
    "reaches_pension_age_on": "2060-01-01",
    "decision_deadline": "2026-12-14",
    "party_hearing_deadline": "2026-12-11",
    "complaint_deadline": "2027-01-07",
    "forward_to_ankestyrelsen_by": "2027-01-18",
    "visitation_committee_required": False,
    "free_choice_of_provider": False,
    "days_per_week": {"min": 1, "max": 4, "default": None},
    "next_follow_up_by": "2028-01-04",
    "wage": {
        "floor_hourly": 7.5,
        "rates_pct": [],
        "start_rate_pct": None,
        "renegotiation_dates": [],
    },
    "transport": {
        "total": 1120.0,
        "citizen_base": 800.0,
        "cap": 360.0,
        "citizen_pays": 360.0,
        "municipality_pays": 760.0,
    },
}
LEGAL_CRITERIA = [
    "age_min",
    "below_pension_age",
    "reduced_function_or_social_problems",
    "cannot_work_on_normal_terms",
    "other_legislation_exhausted",
]
MONEY_FIELDS = [
    ("wage", "floor_hourly"),
    ("transport", "total"),
    ("transport", "citizen_base"),
    ("transport", "cap"),
    ("transport", "citizen_pays"),
    ("transport", "municipality_pays"),
]


def contract_input() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CONTRACT_EXAMPLE.read_text(encoding="utf-8"))
    return data


def cli(
    argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None
) -> tuple[int, str, str]:
    """Run ``bb103 ARGV`` in-process: (exit status, stdout, stderr)."""
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse usage errors
        status = int(exc.code or 0)
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    return status, out, err


def script(args: list[str], stdin: str | bytes | None = None, timeout: float = 20) -> Any:
    """Run the installed ``bb103`` console script."""
    return subprocess.run(
        [str(BB103), *args],
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
    )


def assert_one_error_line(status: int, out: str, err: str, *names: str) -> str:
    """contract: bad input -> exit 2, nothing on stdout, one line on stderr naming the field."""
    assert status == 2, (status, out, err)
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert err.endswith("\n")
    assert lines[0].startswith("error: ")
    for name in names:
        assert name in lines[0]
    return lines[0]


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


class Token(str):
    """A JSON number as written (json.loads's parse_float/parse_int hook)."""


def raw_numbers(text: str) -> Any:
    return json.loads(text, parse_float=Token, parse_int=Token)


def assert_money_tokens(text: str) -> None:
    """contract: money is a JSON number in DKK rounded to 2 decimals."""
    doc = raw_numbers(text)
    for block, key in MONEY_FIELDS:
        if doc.get(block) is None or doc[block].get(key) is None:
            continue
        token = doc[block][key]
        assert isinstance(token, Token), f"{block}.{key} is not a JSON number: {token!r}"
        assert re.fullmatch(r"-?(0|[1-9]\d*)(\.\d{1,2})?", token), f"{block}.{key} = {token}"
        assert token != "-0.0" and not token.startswith("-"), f"{block}.{key} = {token}"


# --- evaluate FILE / - --------------------------------------------------------------------------
def check_contract_example(result: dict[str, Any]) -> None:
    for key, value in CONTRACT_OUTPUT.items():
        got = result[key]
        if isinstance(value, dict) and isinstance(got, dict):
            # "Results may carry more fields than listed" (evaluate.md), inside a block too:
            # wage.floor_hourly_payable was added (issue 15, point 3).
            got = {k: got.get(k, "<missing>") for k in value}
        assert got == value, f"{key}: expected {value!r}, got {result[key]!r}"
    policy = result["policy"]
    assert policy["id"] == "ballerup"
    assert isinstance(policy["version"], str) and policy["version"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", policy["in_force_from"])
    assert policy["in_force_from"] <= "2026-11-23"
    assert result["eligibility"]["outcome"] == "eligible"
    criteria = result["eligibility"]["criteria"]
    assert [c["id"] for c in criteria] == LEGAL_CRITERIA  # Ballerup adds no criteria
    for criterion in criteria:
        assert criterion["met"] is True
        assert isinstance(criterion["source"], str) and criterion["source"].strip()
    assert "§ 103" in criteria[0]["source"]


@pytest.fixture(scope="module")
def contract_example_run() -> Any:
    """``bb103 evaluate examples/contract-ballerup.json`` through the installed console
    script, run once for the three tests below that read what it wrote."""
    return script(["evaluate", str(CONTRACT_EXAMPLE)])


def test_evaluate_file_reproduces_the_contract_example(contract_example_run: Any) -> None:
    """contract: ``bb103 evaluate SCENARIO.json`` -> exit 0 and the example's listed output
    (the installed console script, as a caller runs it)."""
    proc = contract_example_run
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    text = proc.stdout.decode("utf-8")
    check_contract_example(json.loads(text))
    assert_money_tokens(text)


def test_evaluate_stdin_gives_the_same_as_the_file(contract_example_run: Any) -> None:
    """contract: ``bb103 evaluate -`` reads the scenario from stdin; same result."""
    from_file = contract_example_run
    from_stdin = script(["evaluate", "-"], stdin=CONTRACT_EXAMPLE.read_bytes())
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout
    check_contract_example(json.loads(from_stdin.stdout))


def test_evaluate_in_process_matches_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    """contract: the example, through ``main`` (the same code the console script runs)."""
    status, out, err = cli(["evaluate", str(CONTRACT_EXAMPLE)], capsys)
    assert (status, err) == (0, "")
    check_contract_example(json.loads(out))


def test_listed_fields_present_with_null_when_not_determinable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """contract: listed fields must be present, with null where the value is not
    determinable (no blocks, nothing clarified)."""
    scenario = {"municipality": "roskilde", "as_of": "2026-11-23", "citizen": {}}
    status, out, _ = cli(["evaluate", "-"], capsys, stdin=json.dumps(scenario))
    assert status == 0
    result = json.loads(out)
    for key in CONTRACT_OUTPUT:
        assert key in result, key
    for key in (
        "turns_18_on",
        "reaches_pension_age_on",
        "decision_deadline",
        "party_hearing_deadline",
        "complaint_deadline",
        "forward_to_ankestyrelsen_by",
        "next_follow_up_by",
        "wage",
        "transport",
    ):
        assert result[key] is None, key
    assert result["eligibility"]["outcome"] == "needs_assessment"
    assert {c["met"] for c in result["eligibility"]["criteria"]} == {None}


def test_no_explanations_flag(capsys: pytest.CaptureFixture[str]) -> None:
    """``--no-explanations`` leaves the explanations out; the contract's fields are unchanged."""
    status, with_text, _ = cli(["evaluate", str(CONTRACT_EXAMPLE)], capsys)
    assert status == 0
    status, without_text, _ = cli(["evaluate", "--no-explanations", str(CONTRACT_EXAMPLE)], capsys)
    assert status == 0
    full, bare = json.loads(with_text), json.loads(without_text)
    assert "explanations" not in bare
    assert full["explanations"], "explanations are included by default"
    for x in full["explanations"]:
        assert x["rule"] and x["text"].strip() and x["sources"]
    del full["explanations"]
    assert full == bare


def test_output_is_utf8_json_not_ascii_escaped(contract_example_run: Any) -> None:
    """The output is UTF-8 JSON; Danish letters are written as themselves."""
    proc = contract_example_run
    assert "æ".encode() in proc.stdout or "ø".encode() in proc.stdout
    assert b"\\u00e6" not in proc.stdout


# --- money --------------------------------------------------------------------------------------
HALF_UP_CASES = [
    pytest.param(
        {"one_way_km": 1, "price_per_km": 0.0025, "days": 1},
        {
            "total": 0.01,
            "citizen_base": 0.01,
            "cap": None,
            "citizen_pays": 0.01,
            "municipality_pays": 0.0,
        },
        id="per-km-half-ore-rounds-up",
    ),
    pytest.param(
        {"period_cost_total": 100.005, "period_cost_first_10km": 50.125, "net_earnings": 100.005},
        {
            "total": 100.01,
            "citizen_base": 50.13,
            "cap": 30.0,
            "citizen_pays": 30.0,
            "municipality_pays": 70.01,
        },
        id="fares-cap-rounding",
    ),
    pytest.param(
        {"one_way_km": 3.333, "price_per_km": 1.111, "days": 7, "net_earnings": 57.77},
        {
            "total": 51.84,
            "citizen_base": 51.84,
            "cap": 17.33,
            "citizen_pays": 17.33,
            "municipality_pays": 34.51,
        },
        id="per-km-three-decimals",
    ),
]


@pytest.mark.parametrize(("transport", "expected"), HALF_UP_CASES)
def test_money_is_a_number_rounded_half_up_to_ore(
    transport: dict[str, Any], expected: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """contract: money is a JSON number in DKK rounded to 2 decimals (half up);
    ``municipality_pays`` is ``total - citizen_pays`` of the rounded values."""
    data = contract_input()
    data["transport"] = transport
    status, out, err = cli(["evaluate", "--no-explanations", "-"], capsys, stdin=json.dumps(data))
    assert status == 0, err
    assert_money_tokens(out)
    result = json.loads(out)["transport"]
    assert result == expected
    total, citizen = Decimal(str(result["total"])), Decimal(str(result["citizen_pays"]))
    assert Decimal(str(result["municipality_pays"])) == total - citizen


def test_wage_floor_is_money_rounded_half_up(capsys: pytest.CaptureFixture[str]) -> None:
    """contract: ``wage.floor_hourly`` is money: 5 % of 143.35 = 7.1675 -> 7.17."""
    data = contract_input()
    data["employment"]["minimum_hourly_wage"] = 143.35
    status, out, _ = cli(["evaluate", "--no-explanations", "-"], capsys, stdin=json.dumps(data))
    assert status == 0
    assert_money_tokens(out)
    assert json.loads(out)["wage"]["floor_hourly"] == 7.17


@pytest.mark.parametrize(
    "transport",
    [
        pytest.param(
            {"one_way_km": 999.9, "price_per_km": 999.99, "days": 366},
            id="largest-accepted-amounts",
        ),
        pytest.param({"one_way_km": -0.0, "price_per_km": 2.0, "days": 20}, id="negative-zero-km"),
    ],
)
def test_money_stays_exact_to_the_ore(
    transport: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """contract: money is a number rounded to 2 decimals. The input bounds keep every amount
    far below 10^12 kr., where a JSON number holds the øre exactly (no exponent notation),
    and a ``-0.0`` km is 0, never ``"total": -0.0``."""
    data = contract_input()
    data["transport"] = transport
    status, out, _ = cli(["evaluate", "--no-explanations", "-"], capsys, stdin=json.dumps(data))
    assert status == 0
    assert_money_tokens(out)


# --- bad input ----------------------------------------------------------------------------------
BAD_INPUTS = [
    pytest.param({"citizen.cpr": "320190-1234"}, "citizen.cpr", id="cpr-not-a-date"),
    pytest.param({"municipality": "koebenhavn"}, "municipality", id="unknown-municipality"),
    pytest.param({"municipalty": "ballerup"}, "municipalty", id="top-level-typo"),
    pytest.param({"as_of": "2026-02-30"}, "as_of", id="as_of-invalid"),
    pytest.param({"as_of": "2001-01-01"}, "as_of", id="as_of-before-policy"),
    pytest.param({"citizen.vum_level": 5}, "citizen.vum_level", id="vum_level-5"),
    pytest.param({"party_hearing.days": 9}, "party_hearing.days", id="hearing-shorter"),
    pytest.param({"transport.days": 2.5}, "transport.days", id="transport-days-fraction"),
]


def bad(changes: dict[str, Any]) -> str:
    data = contract_input()
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = data
        for name in parents:
            node = node.setdefault(name, {})
        node[last] = value
    return json.dumps(data)


@pytest.mark.parametrize(("changes", "field"), BAD_INPUTS)
def test_bad_input_exit_2_one_error_line(
    changes: dict[str, Any], field: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """contract: bad input -> exit 2, nothing on stdout, one line on stderr naming the field
    and why, never a traceback."""
    path = write(tmp_path, "bad.json", bad(changes))
    status, out, err = cli(["evaluate", path], capsys)
    line = assert_one_error_line(status, out, err, field)
    assert line.startswith(f"error: {field}: ")


def test_bad_input_contract_example_message(capsys: pytest.CaptureFixture[str]) -> None:
    """contract: ``error: citizen.cpr: 320190-1234 is not a valid date``, verbatim."""
    status, out, err = cli(["evaluate", "-"], capsys, stdin=bad({"citizen.cpr": "320190-1234"}))
    assert_one_error_line(status, out, err)
    assert err == "error: citizen.cpr: 320190-1234 is not a valid date\n"


def test_bad_input_through_the_console_script() -> None:
    """contract: the installed script itself: exit 2, empty stdout, one stderr line."""
    proc = script(["evaluate", "-"], stdin=bad({"citizen.cpr": "320190-1234"}))
    assert_one_error_line(
        proc.returncode, proc.stdout.decode(), proc.stderr.decode(), "citizen.cpr"
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("{", id="truncated"),
        pytest.param("", id="empty"),
        pytest.param("{'municipality': 'ballerup'}", id="single-quotes"),
        pytest.param('{"municipality": "ballerup",}', id="trailing-comma"),
        pytest.param("\ufeff{}", id="byte-order-mark"),
        pytest.param("[" * 100_000, id="deeply-nested"),
        pytest.param('{"a": ' + "9" * 5000 + "}", id="5000-digit-integer"),
    ],
)
def test_invalid_json_exit_2_one_line(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    """contract: input that is not JSON is bad input: exit 2, one line, no traceback."""
    status, out, err = cli(["evaluate", "-"], capsys, stdin=text)
    assert_one_error_line(status, out, err, "JSON")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param("transport.net_earnings", "NaN", id="NaN"),
        pytest.param("transport.price_per_km", "Infinity", id="Infinity"),
        pytest.param("employment.minimum_hourly_wage", "-Infinity", id="minus-Infinity"),
        pytest.param("citizen.vum_level", "NaN", id="vum_level-NaN"),
    ],
)
def test_nan_and_infinity_are_refused(
    path: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """NaN and Infinity are not JSON numbers (Python's json accepts them by default); the
    CLI refuses them as bad input."""
    text = bad({path: "PLACEHOLDER"}).replace('"PLACEHOLDER"', value)
    assert value in text
    status, out, err = cli(["evaluate", "-"], capsys, stdin=text)
    assert_one_error_line(status, out, err, value)


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"as_of": "2026-11-23\n"}, id="as_of-trailing-newline"),
        pytest.param({"citizen.cpr": "0101\n90-1234"}, id="cpr-with-newline"),
        pytest.param({"municipality": "balle\nrup"}, id="municipality-with-newline"),
        pytest.param({"typo\nkey": 1}, id="unknown-key-with-newline"),
    ],
)
def test_error_is_one_line_even_when_the_input_holds_a_newline(
    changes: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """contract: one line on stderr, even when the quoted input holds a line break (it is
    shown escaped)."""
    status, out, err = cli(["evaluate", "-"], capsys, stdin=bad(changes))
    assert_one_error_line(status, out, err)


def test_huge_exponent_in_a_whole_number_field_is_refused_quickly() -> None:
    """contract: bad input -> exit 2, at once. ``"vum_level": 1e1000000000`` (21 bytes) is
    refused by the range check before any conversion to a (billion-digit) integer."""
    proc = script(
        ["evaluate", "-"],
        stdin=bad({"citizen.vum_level": 0}).replace('"vum_level": 0', '"vum_level": 1e1000000000'),
        timeout=2,
    )
    assert_one_error_line(
        proc.returncode, proc.stdout.decode(), proc.stderr.decode(), "citizen.vum_level"
    )


def test_missing_file_exit_2_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """contract: a file that cannot be read is bad input: exit 2, one line naming it."""
    missing = str(tmp_path / "no-such-scenario.json")
    status, out, err = cli(["evaluate", missing], capsys)
    assert_one_error_line(status, out, err, "no-such-scenario.json")


def test_directory_instead_of_file_exit_2_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """contract: exit 2 and one line when the path is not a readable file."""
    status, out, err = cli(["evaluate", str(tmp_path)], capsys)
    assert_one_error_line(status, out, err, str(tmp_path))


def test_file_not_utf8_exit_2_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """contract: exit 2 and one line for a file that is not UTF-8 text."""
    path = tmp_path / "latin1.json"
    path.write_bytes('{"municipality": "sønderborg"}'.encode("latin-1"))
    status, out, err = cli(["evaluate", str(path)], capsys)
    assert_one_error_line(status, out, err, "latin1.json")


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["evaluate"], id="no-scenario"),
        pytest.param(["evaluate", "a.json", "--jsonl", "b.jsonl"], id="file-and-jsonl"),
        pytest.param(["evaluate", "--bogus", "a.json"], id="unknown-option"),
        pytest.param([], id="no-command"),
        pytest.param(["evalute", "a.json"], id="unknown-command"),
    ],
)
def test_usage_errors_exit_2_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Usage errors are bad input too: exit 2, one ``error:`` line, nothing on stdout."""
    status, out, err = cli(argv, capsys)
    assert_one_error_line(status, out, err)


def test_broken_policy_data_is_reported_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Invalid shipped policy data is not the caller's bad input: a distinct exit status (3)
    and one ``error: policy data:`` line naming the file and key."""

    def broken() -> None:
        raise PolicyError("policies/vejen.toml", "versions.v1.id", "must be lower-case")

    monkeypatch.setattr(registry_module, "default_registry", broken)
    status, out, err = cli(["evaluate", str(CONTRACT_EXAMPLE)], capsys)
    assert (status, out) == (3, "")
    assert err == "error: policy data: policies/vejen.toml: versions.v1.id: must be lower-case\n"


# --- --jsonl --------------------------------------------------------------------------------------
def one_line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def jsonl_rows(out: str) -> list[dict[str, Any]]:
    assert out.endswith("\n") or out == ""
    return [json.loads(line) for line in out.splitlines()]


def test_jsonl_mixed_lines_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """contract: one result per line, same order; a bad line yields ``{"line": N, "error":
    "..."}`` (N counted from 1), the other lines are still evaluated, and the exit status
    is 2 if any line failed."""
    good = contract_input()
    other = {**good, "municipality": "vejen"}
    lines = [
        one_line(good),
        one_line({**good, "municipality": "koebenhavn"}),
        '{"municipality": "ballerup", ',
        one_line(other),
        one_line({**good, "as_of": "NaN"}).replace('"NaN"', "NaN"),
        one_line({**good, "citizen": {**good["citizen"], "cpr": "320190-1234"}}),
    ]
    path = write(tmp_path, "in.jsonl", "\n".join(lines) + "\n")
    status, out, err = cli(["evaluate", "--no-explanations", "--jsonl", path], capsys)
    assert status == 2
    assert "Traceback" not in err
    rows = jsonl_rows(out)
    assert len(rows) == len(lines)
    check_contract_example(rows[0])
    assert rows[1]["line"] == 2 and rows[1]["error"].startswith("municipality: ")
    assert set(rows[1]) == {"line", "error"}
    assert rows[2]["line"] == 3 and "JSON" in rows[2]["error"]
    assert rows[3]["municipality"] == "vejen" and "line" not in rows[3]
    assert rows[4]["line"] == 5 and "NaN" in rows[4]["error"]
    assert rows[5] == {"line": 6, "error": "citizen.cpr: 320190-1234 is not a valid date"}


def test_jsonl_result_equals_single_evaluation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """contract: a ``--jsonl`` line's result is the same object ``evaluate FILE`` prints."""
    path = write(
        tmp_path, "in.jsonl", CONTRACT_EXAMPLE.read_text(encoding="utf-8").replace("\n", "")
    )
    status, out, _ = cli(["evaluate", "--jsonl", path], capsys)
    assert status == 0
    status, single, _ = cli(["evaluate", str(CONTRACT_EXAMPLE)], capsys)
    assert jsonl_rows(out) == [json.loads(single)]


def test_jsonl_all_good_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """contract: exit 0 when no line failed; ``--jsonl -`` reads stdin; nothing on stderr."""
    good = one_line(contract_input())
    status, out, err = cli(
        ["evaluate", "--no-explanations", "--jsonl", "-"], capsys, stdin=f"{good}\n{good}\n"
    )
    assert (status, err) == (0, "")
    rows = jsonl_rows(out)
    assert len(rows) == 2
    for row in rows:
        check_contract_example(row)
    assert_money_tokens(out.splitlines()[0])


def test_jsonl_one_result_per_line_is_a_compact_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """contract: each result is on its own output line (compact JSON, no inner newlines)."""
    good = one_line(contract_input())
    status, out, _ = cli(["evaluate", "--jsonl", "-"], capsys, stdin=good)
    assert status == 0
    assert out.count("\n") == 1 and out.endswith("\n")


def test_jsonl_crlf_and_no_final_newline(capsys: pytest.CaptureFixture[str]) -> None:
    """Windows line ends and a missing final newline do not change the lines."""
    good = one_line(contract_input())
    status, out, _ = cli(
        ["evaluate", "--no-explanations", "--jsonl", "-"], capsys, stdin=f"{good}\r\n{good}"
    )
    assert status == 0
    assert len(jsonl_rows(out)) == 2


def test_jsonl_blank_lines_are_skipped_and_keep_line_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Behaviour (the contract is silent): a blank or whitespace-only line produces no output
    line and is not an error; line numbers still count every physical input line."""
    good = one_line(contract_input())
    text = "\n".join([good, "", '{"municipality": 1}', "   \t", good, ""]) + "\n"
    status, out, _ = cli(["evaluate", "--no-explanations", "--jsonl", "-"], capsys, stdin=text)
    assert status == 2
    rows = jsonl_rows(out)
    assert len(rows) == 3
    assert rows[0]["municipality"] == "ballerup"
    assert rows[1]["line"] == 3 and rows[1]["error"].startswith("municipality: ")
    assert rows[2]["municipality"] == "ballerup"


def test_jsonl_empty_input_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """No lines: no results, no failure."""
    assert cli(["evaluate", "--jsonl", "-"], capsys, stdin="") == (0, "", "")


def test_jsonl_order_across_the_output_batches(capsys: pytest.CaptureFixture[str]) -> None:
    """contract: same order, also past the 1000 lines the CLI writes out at a time."""
    good = one_line(contract_input())
    lines = ['{"municipality": null}'] * 1000 + [good] + ['{"municipality": null}'] * 5
    status, out, _ = cli(
        ["evaluate", "--no-explanations", "--jsonl", "-"], capsys, stdin="\n".join(lines)
    )
    assert status == 2
    rows = jsonl_rows(out)
    assert len(rows) == len(lines)
    for number, row in enumerate(rows, start=1):
        if number == 1001:
            assert row["municipality"] == "ballerup"
        else:
            assert row == {"line": number, "error": "municipality: is required"}


def test_jsonl_lines_are_split_on_newline_only(capsys: pytest.CaptureFixture[str]) -> None:
    """contract: one result per input line, numbered by line. Lines end at ``\\n`` only: JSON
    text may hold U+2028 raw inside a string, and that is not a line break."""
    good = contract_input()
    text = "\n".join([one_line({**good, "municipality": "nowhere\u2028else"}), "{", one_line(good)])
    _, out, _ = cli(["evaluate", "--no-explanations", "--jsonl", "-"], capsys, stdin=text)
    rows = jsonl_rows(out)
    assert [r.get("line") for r in rows] == [1, 2, None]


def test_jsonl_missing_file_exit_2_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """contract: exit 2, nothing on stdout, one line when the JSONL file cannot be read."""
    status, out, err = cli(["evaluate", "--jsonl", str(tmp_path / "nope.jsonl")], capsys)
    assert_one_error_line(status, out, err, "nope.jsonl")


def test_jsonl_through_the_console_script(tmp_path: Path) -> None:
    """contract: the installed script with ``--jsonl``: per-line results, exit 2 on a bad
    line, and no traceback."""
    good = one_line(contract_input())
    path = write(tmp_path, "in.jsonl", f"{good}\nnot json\n{good}\n")
    proc = script(["evaluate", "--no-explanations", "--jsonl", path])
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    rows = jsonl_rows(proc.stdout.decode("utf-8"))
    assert [r.get("line") for r in rows] == [None, 2, None]


# --- explain --------------------------------------------------------------------------------------
def test_explain_examples_prints_danish(capsys: pytest.CaptureFixture[str]) -> None:
    """``bb103 explain examples/*.json``: exit 0, a Danish explanation per example."""
    paths = sorted(str(p) for p in EXAMPLES.glob("*.json"))
    assert paths
    status, out, err = cli(["explain", *paths], capsys)
    assert (status, err) == (0, "")
    for path in paths:
        assert f"== {path}:" in out
    assert any(letter in out for letter in "æøå")
    assert "Kilde:" in out
    assert "14. december 2026" in out  # the contract example's decision deadline, in Danish


def test_explain_console_script_in_a_c_locale() -> None:
    """``bb103 explain`` writes Danish letters without failing in a plain C locale."""
    proc = subprocess.run(
        [str(BB103), "explain", str(CONTRACT_EXAMPLE)],
        capture_output=True,
        timeout=20,
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C", "LANG": "C"},
    )
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert "æ".encode() in proc.stdout or "ø".encode() in proc.stdout


def test_explain_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``bb103 explain`` on bad input: exit 2, one ``error:`` line naming file and field;
    the good files are still explained."""
    path = write(tmp_path, "bad.json", bad({"citizen.cpr": "320190-1234"}))
    status, out, err = cli(["explain", path, str(CONTRACT_EXAMPLE)], capsys)
    assert status == 2
    assert err == f"error: {path}: citizen.cpr: 320190-1234 is not a valid date\n"
    assert f"== {CONTRACT_EXAMPLE}:" in out


def test_explain_file_not_utf8_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``bb103 explain`` reports a non-UTF-8 file in one line and exit 2, like ``evaluate``."""
    path = tmp_path / "latin1.json"
    path.write_bytes('{"municipality": "sønderborg"}'.encode("latin-1"))
    status, _, err = cli(["explain", str(path)], capsys)
    assert status == 2
    assert len(err.splitlines()) == 1


def test_a_key_given_twice_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """contract: unknown keys are an error because a typo must not be silently ignored; for
    the same reason a key given twice (JSON would keep the last) is refused, naming the key."""
    text = json.dumps(contract_input()).replace(
        '"municipality": "ballerup"', '"municipality": "ballerup", "municipality": "vejen"'
    )
    status, out, err = cli(["evaluate", "-"], capsys, stdin=text)
    assert_one_error_line(status, out, err, '"municipality"', "twice")


def test_trailing_zeros_do_not_count_as_decimals(capsys: pytest.CaptureFixture[str]) -> None:
    """contract: money has at most 6 decimals; 150.0000000 is 150, written with zeros."""
    text = json.dumps(contract_input()).replace("150.0", "150.0000000")
    assert "150.0000000" in text
    status, out, err = cli(["evaluate", "--no-explanations", "-"], capsys, stdin=text)
    assert (status, err) == (0, "")
    assert json.loads(out)["wage"]["floor_hourly"] == 7.5

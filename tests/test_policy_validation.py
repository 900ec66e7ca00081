"""Strict loading of law and policy data (bb103/rules/policy/loader.py).

Each test copies the shipped data directory, breaks one file, and checks that
:meth:`PolicyRegistry.from_directory` refuses it with a :class:`PolicyError` naming the file
and the dotted key. Rules checked (loader.py, catalogue.py):

- unknown keys are errors, at every level; every value names its source;
- validity periods never overlap; the law's dated values have no gaps;
- a municipal value may add to the law but never undercut it (catalogue modes ``none``,
  ``equal``, ``raise``, ``lower``, ``within``), at any date it is in force;
- a policy file's ``municipality.id`` is its file name; values have their catalogue type.

And the extension point: a sixth municipality is a data file only.
"""

import json
import shutil
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bb103.cli.main import main
from bb103.rules.engine import evaluate
from bb103.rules.errors import InputError, PolicyError
from bb103.rules.output import to_contract
from bb103.rules.policy import registry as registry_module
from bb103.rules.policy.registry import PolicyRegistry, data_directory
from bb103.rules.scenario import parse_scenario

LAW = "law/national.toml"
Edit = Callable[[str], str]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the shipped data directory, free to break."""
    copy = tmp_path / "data"
    shutil.copytree(data_directory(), copy)
    return copy


# --- editing TOML text ------------------------------------------------------------------------
def edit(data: Path, rel: str, *edits: Edit) -> None:
    path = data / rel
    text = before = path.read_text(encoding="utf-8")
    for change in edits:
        text = change(text)
    assert text != before, f"the edit did not change {rel}; has the shipped data changed?"
    path.write_text(text, encoding="utf-8")


def replace_once(old: str, new: str) -> Edit:
    def change(text: str) -> str:
        assert text.count(old) == 1, f"expected {old!r} exactly once; has the data changed?"
        return text.replace(old, new)

    return change


def prepend(lines: str) -> Edit:
    return lambda text: lines + "\n" + text


def append(lines: str) -> Edit:
    return lambda text: text.rstrip("\n") + "\n\n" + lines + "\n"


def _drop_table(text: str, header: str) -> str:
    """Remove every ``header`` table (its header line up to the next table)."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            skipping = line.strip() == header
        if not skipping:
            out.append(line)
    return "".join(out)


def set_param(key: str, body: str) -> Edit:
    """Set parameter ``key`` of the file's last version to the TOML lines ``body``."""

    def change(text: str) -> str:
        cut = text.rindex("[[versions]]")
        head, tail = text[:cut], _drop_table(text[cut:], f"[versions.parameters.{key}]")
        return head + tail.rstrip("\n") + f"\n\n[versions.parameters.{key}]\n{body}\n"

    return change


def drop_param(key: str) -> Edit:
    """Remove parameter ``key`` from every version of the file."""
    return lambda text: _drop_table(text, f"[versions.parameters.{key}]")


def versions(data: Path, rel: str) -> list[dict[str, Any]]:
    with (data / rel).open("rb") as handle:
        found: list[dict[str, Any]] = tomllib.load(handle)["versions"]
    return found


def last_version(data: Path, rel: str) -> str:
    return str(versions(data, rel)[-1]["id"])


def refused(data: Path, file: str, key: str, *words: str) -> PolicyError:
    """Loading fails with a PolicyError naming ``file`` and ``key`` (and saying ``words``)."""
    with pytest.raises(PolicyError) as info:
        PolicyRegistry.from_directory(data)
    error = info.value
    assert (error.file, error.key) == (file, key), str(error)
    assert str(error).startswith(f"{file}: {key}: ")
    for word in words:
        assert word in error.message, str(error)
    return error


def test_shipped_data_loads(data: Path) -> None:
    """The copy is valid as shipped: every failure below comes from its one edit."""
    registry = PolicyRegistry.from_directory(data)
    assert {"ballerup", "lejre", "roskilde", "soenderborg", "vejen"} <= set(registry.ids())


# --- unknown keys -------------------------------------------------------------------------------
def test_unknown_key_top_level_of_policy(data: Path) -> None:
    """loader: unknown keys are errors (top level of a policy file)."""
    edit(data, "policies/roskilde.toml", prepend('kommentar = "x"'))
    refused(data, "policies/roskilde.toml", "kommentar", "unknown key")


def test_unknown_key_top_level_of_law(data: Path) -> None:
    """loader: unknown keys are errors (top level of the law file)."""
    edit(data, LAW, prepend("version = 2"))
    refused(data, LAW, "version", "unknown key")


def test_unknown_key_in_municipality_table(data: Path) -> None:
    """loader: unknown keys are errors (the ``[municipality]`` table)."""
    edit(
        data,
        "policies/vejen.toml",
        replace_once("[municipality]\n", '[municipality]\nregion = "x"\n'),
    )
    refused(data, "policies/vejen.toml", "municipality.region", "unknown key")


def test_unknown_key_in_a_version(data: Path) -> None:
    """loader: unknown keys are errors (a ``[[versions]]`` entry; a typo of in_force_to).
    The version is named by its position, since its id is not yet read."""
    first = versions(data, "policies/lejre.toml")[0]
    line = f"in_force_from = {first['in_force_from']}"
    edit(data, "policies/lejre.toml", replace_once(line, f"{line}\nin_force_til = 2030-01-01"))
    refused(data, "policies/lejre.toml", "versions[0].in_force_til", "unknown key")


def test_unknown_key_in_a_parameter_table(data: Path) -> None:
    """loader: a parameter table holds ``value`` and ``source`` only."""
    body = 'value = 30\nsource = "Vejen, afsnit 2"\nnote = "x"'
    edit(data, "policies/vejen.toml", set_param("transport_cap_pct", body))
    key = f"versions.{last_version(data, 'policies/vejen.toml')}.parameters.transport_cap_pct.note"
    refused(data, "policies/vejen.toml", key, "unknown key")


def test_unknown_parameter_name(data: Path) -> None:
    """loader: a parameter the catalogue does not know is an error, not ignored."""
    edit(
        data, "policies/vejen.toml", set_param("transport_cap_procent", 'value = 30\nsource = "x"')
    )
    key = f"versions.{last_version(data, 'policies/vejen.toml')}.parameters.transport_cap_procent"
    refused(data, "policies/vejen.toml", key, "unknown key")


def test_unknown_key_inside_a_value(data: Path) -> None:
    """catalogue: structured values are strict too (``defualt`` in days_per_week)."""
    body = 'value = { min = 1, max = 5, defualt = 5 }\nsource = "x"'
    edit(data, "policies/vejen.toml", set_param("days_per_week", body))
    vid = last_version(data, "policies/vejen.toml")
    refused(data, "policies/vejen.toml", f"versions.{vid}.parameters.days_per_week.value.defualt")


def test_unknown_key_in_a_national_dated_value(data: Path) -> None:
    """loader: a dated value holds ``from``, ``to``, ``value``, ``source`` only."""
    edit(
        data,
        LAW,
        replace_once("[[parameters.age_min]]\n", "[[parameters.age_min]]\nuntil = 2030-01-01\n"),
    )
    refused(data, LAW, "parameters.age_min[0].until", "unknown key")


def test_unknown_national_parameter(data: Path) -> None:
    """loader: the law file's parameters are the catalogue's."""
    edit(data, LAW, append('[[parameters.age_max]]\nfrom = 2011-05-19\nvalue = 67\nsource = "x"'))
    refused(data, LAW, "parameters.age_max", "unknown key")


# --- sources ------------------------------------------------------------------------------------
def test_missing_source_on_a_national_value(data: Path) -> None:
    """loader: every value must name its source (the law file)."""

    def drop_first_age_min_source(text: str) -> str:
        start = text.index("[[parameters.age_min]]")
        end = text.index("\n[", start + 1)
        block = "".join(
            line
            for line in text[start:end].splitlines(keepends=True)
            if not line.startswith("source")
        )
        return text[:start] + block + text[end:]

    edit(data, LAW, drop_first_age_min_source)
    refused(data, LAW, "parameters.age_min[0].source", "missing source")


def test_missing_source_on_a_municipal_parameter(data: Path) -> None:
    """loader: every value must name its source (a municipal standard's parameter)."""
    edit(data, "policies/roskilde.toml", set_param("transport_cap_pct", "value = 30"))
    vid = last_version(data, "policies/roskilde.toml")
    key = f"versions.{vid}.parameters.transport_cap_pct.source"
    refused(data, "policies/roskilde.toml", key, "missing source")


def test_empty_source_is_no_source(data: Path) -> None:
    """loader: a source is a non-empty text."""
    edit(data, "policies/roskilde.toml", set_param("transport_cap_pct", 'value = 30\nsource = " "'))
    vid = last_version(data, "policies/roskilde.toml")
    refused(data, "policies/roskilde.toml", f"versions.{vid}.parameters.transport_cap_pct.source")


def test_municipal_criterion_without_its_section(data: Path) -> None:
    """catalogue: each municipal criterion names the section of the standard it comes from."""
    body = 'source = "Vejen, afsnit 1.2"\nvalue.motivated = ""'
    edit(data, "policies/vejen.toml", set_param("municipal_criteria", body))
    vid = last_version(data, "policies/vejen.toml")
    key = f"versions.{vid}.parameters.municipal_criteria.value.motivated"
    refused(data, "policies/vejen.toml", key, "source")


def test_unknown_municipal_criterion(data: Path) -> None:
    """catalogue: municipal criteria are the contract's four ids; a typo is an error."""
    body = 'source = "Vejen, afsnit 1.2"\nvalue.motivatd = "Vejen, afsnit 1.2"'
    edit(data, "policies/vejen.toml", set_param("municipal_criteria", body))
    vid = last_version(data, "policies/vejen.toml")
    refused(
        data, "policies/vejen.toml", f"versions.{vid}.parameters.municipal_criteria.value.motivatd"
    )


# --- validity periods ---------------------------------------------------------------------------
def test_two_lejre_versions_overlapping(data: Path) -> None:
    """loader: a municipality's versions must not overlap (the new text starting on the old
    text's last day)."""
    old, new = versions(data, "policies/lejre.toml")[:2]
    edit(
        data,
        "policies/lejre.toml",
        replace_once(
            f"in_force_from = {new['in_force_from']}", f"in_force_from = {old['in_force_to']}"
        ),
    )
    refused(data, "policies/lejre.toml", f"versions.{new['id']}.in_force_from", "overlap")


def test_earlier_version_without_end_overlaps(data: Path) -> None:
    """loader: an earlier version without ``in_force_to`` runs on, into the next one."""
    old = versions(data, "policies/lejre.toml")[0]
    new = versions(data, "policies/lejre.toml")[1]
    edit(data, "policies/lejre.toml", replace_once(f"in_force_to = {old['in_force_to']}\n", ""))
    refused(data, "policies/lejre.toml", f"versions.{new['id']}.in_force_from", "overlap")


def test_version_ending_before_it_starts(data: Path) -> None:
    """loader: ``in_force_to`` cannot be before ``in_force_from``."""
    old = versions(data, "policies/lejre.toml")[0]
    edit(
        data,
        "policies/lejre.toml",
        replace_once(f"in_force_to = {old['in_force_to']}", "in_force_to = 2011-01-01"),
    )
    refused(data, "policies/lejre.toml", f"versions.{old['id']}.in_force_to")


def test_two_versions_with_the_same_id(data: Path) -> None:
    """loader: version ids are unique within a file."""
    old, new = versions(data, "policies/lejre.toml")[:2]
    edit(data, "policies/lejre.toml", replace_once(f'id = "{new["id"]}"', f'id = "{old["id"]}"'))
    refused(data, "policies/lejre.toml", "versions", "same id")


def test_two_national_dated_values_overlapping(data: Path) -> None:
    """loader: the law's dated values for one parameter must not overlap."""
    edit(data, LAW, append('[[parameters.age_min]]\nfrom = 2020-01-01\nvalue = 18\nsource = "x"'))
    refused(data, LAW, "parameters.age_min", "overlap")


def test_minimum_wage_values_overlapping(data: Path) -> None:
    """loader: a minimum wage's dated values must not overlap."""
    edit(
        data,
        LAW,
        append(
            "[[minimum_wages.industriens_overenskomst.values]]\n"
            'from = 2026-06-01\nvalue = 150\nsource = "x"'
        ),
    )
    refused(data, LAW, "minimum_wages.industriens_overenskomst.values", "overlap")


def close_first(key: str, last_day: str) -> Edit:
    """Give the first dated value of national ``key`` an end date."""
    return replace_once(f"[[parameters.{key}]]\n", f"[[parameters.{key}]]\nto = {last_day}\n")


def test_gap_between_national_dated_values(data: Path) -> None:
    """loader: the law always has a value, so its dated values leave no gap."""
    edit(
        data,
        LAW,
        close_first("age_min", "2019-12-31"),
        append('[[parameters.age_min]]\nfrom = 2020-02-01\nvalue = 18\nsource = "x"'),
    )
    refused(data, LAW, "parameters.age_min", "gap")


def test_latest_national_value_has_no_end(data: Path) -> None:
    """loader: the latest dated value runs until further notice (no ``to``)."""
    edit(data, LAW, close_first("age_min", "2030-12-31"))
    refused(data, LAW, "parameters.age_min", "latest")


def test_adjoining_national_values_load_and_resolve_by_date(data: Path) -> None:
    """A change in the law is a new dated value: the day after the old one ends, it is in
    force; before, the old one (with its own source) still is."""
    edit(
        data,
        LAW,
        close_first("transport_cap_pct", "2029-12-31"),
        append(
            "[[parameters.transport_cap_pct]]\nfrom = 2030-01-01\nvalue = 35\n"
            'source = "Ny bekendtgørelse (fiktiv): højst 35 %"'
        ),
    )
    registry = PolicyRegistry.from_directory(data)
    before = registry.resolve("roskilde", date(2029, 12, 31))
    after = registry.resolve("roskilde", date(2030, 1, 1))
    assert before is not None and after is not None
    cap_before, cap_after = before.param("transport_cap_pct"), after.param("transport_cap_pct")
    assert cap_before is not None and cap_after is not None
    assert (cap_before.value, cap_after.value) == (30, 35)
    assert cap_after.provenance.source.startswith("Ny bekendtgørelse")
    assert cap_after.provenance.file == LAW


def test_gap_between_municipal_versions(data: Path) -> None:
    """loader: a standard stays in force until the next version replaces it; a gap (a day
    with no standard in force) is an error naming the later version."""
    new = versions(data, "policies/lejre.toml")[1]
    edit(
        data,
        "policies/lejre.toml",
        replace_once(f"in_force_from = {new['in_force_from']}", "in_force_from = 2021-09-01"),
    )
    refused(data, "policies/lejre.toml", f"versions.{new['id']}.in_force_from", "gap")


def test_version_starting_before_the_law_file(data: Path) -> None:
    """loader: a version must start on a date the law file covers."""
    first = versions(data, "policies/roskilde.toml")[0]
    edit(
        data,
        "policies/roskilde.toml",
        replace_once(f"in_force_from = {first['in_force_from']}", "in_force_from = 2010-01-01"),
    )
    refused(data, "policies/roskilde.toml", f"versions.{first['id']}.in_force_from", "law file")


# --- a municipal value never undercuts the law --------------------------------------------------
UNDERCUTS = [
    pytest.param("transport_cap_pct", "value = 35", "above", id="transport_cap_pct-35-above-30"),
    pytest.param(
        "transport_citizen_km", "value = 12", "above", id="transport_citizen_km-12-above-10"
    ),
    pytest.param("wage_floor_pct", "value = 4", "below", id="wage_floor_pct-4-below-5"),
    pytest.param("wage_floor_pct", "value = 4.99", "below", id="wage_floor_pct-4.99"),
    pytest.param("follow_up_months", "value = 13", "above", id="follow_up_months-13-above-12"),
    pytest.param(
        "forward_period",
        'value = { amount = 5, unit = "weeks" }',
        "above",
        id="forward_period-5-weeks",
    ),
    pytest.param(
        "forward_period",
        'value = { amount = 29, unit = "days" }',
        "above",
        id="forward_period-29-days",
    ),
    pytest.param(
        "forward_period",
        'value = { amount = 1, unit = "months" }',
        "cannot be compared",
        id="forward_period-months-not-comparable",
    ),
    pytest.param("age_min", "value = 17", "differs", id="age_min-17"),
    pytest.param("age_min", "value = 19", "differs", id="age_min-19"),
    pytest.param(
        "days_per_week", "value = { min = 1, max = 6 }", "outside", id="days_per_week-1-6"
    ),
    pytest.param(
        "complaint_period",
        'value = { amount = 2, unit = "weeks" }',
        "set by law only",
        id="complaint_period-shorter",
    ),
    pytest.param(
        "complaint_period",
        'value = { amount = 8, unit = "weeks" }',
        "set by law only",
        id="complaint_period-even-longer",
    ),
    pytest.param("pension_age", "value = [{ years = 60 }]", "set by law only", id="pension_age"),
    pytest.param("leap_day_birthday", 'value = "02-28"', "set by law only", id="leap_day_birthday"),
    pytest.param(
        "tilbudsportalen_required",
        "value = false",
        "differs",
        id="tilbudsportalen_required-false",
    ),
    pytest.param(
        "vum_scale",
        'value = { "0" = "ingen", "1" = "let", "2" = "moderat", "3" = "svær", "4" = "total" }',
        "differs",
        id="vum_scale-other-labels",
    ),
]


@pytest.mark.parametrize(("key", "value", "says"), UNDERCUTS)
def test_municipal_value_undercutting_the_law(data: Path, key: str, value: str, says: str) -> None:
    """catalogue: a municipal value may add to the law but never undercut it (modes
    ``lower``, ``raise``, ``equal``, ``within``); ``none`` parameters are the law's alone."""
    edit(data, "policies/vejen.toml", set_param(key, f'{value}\nsource = "Vejen (ændret)"'))
    vid = last_version(data, "policies/vejen.toml")
    refused(data, "policies/vejen.toml", f"versions.{vid}.parameters.{key}", says)


ALLOWED = [
    pytest.param("transport_cap_pct", "value = 25", 25, id="transport_cap_pct-25"),
    pytest.param("transport_citizen_km", "value = 8", 8, id="transport_citizen_km-8"),
    pytest.param("wage_floor_pct", "value = 6", 6, id="wage_floor_pct-6"),
    pytest.param("follow_up_months", "value = 6", 6, id="follow_up_months-6"),
    pytest.param("age_min", "value = 18", 18, id="age_min-18"),
    pytest.param(
        "forward_period",
        'value = { amount = 2, unit = "weeks" }',
        None,
        id="forward_period-2-weeks",
    ),
    pytest.param("days_per_week", "value = { min = 2, max = 4 }", None, id="days_per_week-2-4"),
    pytest.param("visitation_committee", "value = false", False, id="visitation_committee-free"),
    pytest.param("closing_days", "value = []", (), id="closing_days-free"),
    pytest.param(
        "socialtilsyn_approval_required",
        "value = true",
        True,
        id="socialtilsyn_approval_required-stricter",
    ),
    pytest.param("wage_basis", 'value = ["by_effort"]', ("by_effort",), id="wage_basis-free"),
]


@pytest.mark.parametrize(("key", "value", "expected"), ALLOWED)
def test_municipal_value_adding_to_the_law_is_accepted(
    data: Path, key: str, value: str, expected: Any
) -> None:
    """catalogue: a municipal value in the citizen's favour (or a free choice) loads, and
    is what the registry resolves, with the municipal provenance."""
    edit(data, "policies/roskilde.toml", set_param(key, f'{value}\nsource = "Roskilde (ændret)"'))
    registry = PolicyRegistry.from_directory(data)
    resolved = registry.resolve("roskilde", date(2026, 11, 23))
    assert resolved is not None
    param = resolved.param(key)
    assert param is not None
    assert param.provenance.layer == "municipal"
    assert param.provenance.source == "Roskilde (ændret)"
    if expected is not None:
        assert param.value == expected


def test_municipal_value_undercutting_a_later_law_change(data: Path) -> None:
    """loader: a municipal value must hold at every date its version is in force: when the
    law raises the wage floor to 6 % from 2030, an open-ended standard saying 5 % undercuts
    it."""
    for name in ("ballerup", "lejre", "roskilde", "soenderborg"):
        path = data / "policies" / f"{name}.toml"
        path.write_text(drop_param("wage_floor_pct")(path.read_text("utf-8")), "utf-8")
    edit(data, "policies/vejen.toml", set_param("wage_floor_pct", 'value = 5\nsource = "Vejen"'))
    edit(
        data,
        LAW,
        close_first("wage_floor_pct", "2029-12-31"),
        append('[[parameters.wage_floor_pct]]\nfrom = 2030-01-01\nvalue = 6\nsource = "Ny BEK"'),
    )
    vid = last_version(data, "policies/vejen.toml")
    error = refused(data, "policies/vejen.toml", f"versions.{vid}.parameters.wage_floor_pct")
    assert "2030-01-01" in error.message


def test_wage_rate_below_the_wage_floor(data: Path) -> None:
    """loader: a fixed wage rate below the floor (5 %, BEK nr. 483 § 1) undercuts the law."""
    body = 'value = { rates_pct = [4, 10], start_rate_pct = 4 }\nsource = "Vejen, afsnit 3"'
    edit(data, "policies/vejen.toml", set_param("wage_rates", body))
    vid = last_version(data, "policies/vejen.toml")
    refused(data, "policies/vejen.toml", f"versions.{vid}.parameters.wage_rates.rates_pct", "floor")


def test_raised_floor_above_a_fixed_wage_rate(data: Path) -> None:
    """loader: raising the floor above the standard's own fixed rates (Vejen: 5 % and 10 %)
    leaves a rate below the floor."""
    edit(data, "policies/vejen.toml", set_param("wage_floor_pct", 'value = 6\nsource = "Vejen"'))
    vid = last_version(data, "policies/vejen.toml")
    refused(data, "policies/vejen.toml", f"versions.{vid}.parameters.wage_rates.rates_pct")


def test_wage_rate_below_the_municipalitys_own_raised_floor(data: Path) -> None:
    """loader: with a municipal floor of 10 %, a rate of 5 % is below it."""
    edit(
        data,
        "policies/vejen.toml",
        set_param("wage_floor_pct", 'value = 10\nsource = "Vejen"'),
        set_param("wage_rates", 'value = { rates_pct = [5, 10] }\nsource = "Vejen"'),
    )
    vid = last_version(data, "policies/vejen.toml")
    refused(data, "policies/vejen.toml", f"versions.{vid}.parameters.wage_rates.rates_pct")


# --- identity, syntax, types ---------------------------------------------------------------------
def test_municipality_id_differs_from_file_name(data: Path) -> None:
    """loader: ``municipality.id`` must equal the file's stem."""
    edit(data, "policies/roskilde.toml", replace_once('id = "roskilde"', 'id = "roskilde-kommune"'))
    refused(data, "policies/roskilde.toml", "municipality.id", "file name")


def test_copied_file_keeps_the_old_id(data: Path) -> None:
    """loader: a copy of roskilde.toml saved as odsherred.toml is refused, not loaded as a
    second Roskilde."""
    shutil.copy(data / "policies/roskilde.toml", data / "policies/odsherred.toml")
    refused(data, "policies/odsherred.toml", "municipality.id", "odsherred")


def test_municipality_id_not_a_slug(data: Path) -> None:
    """loader: ids are lower-case letters, digits, '-' or '_'."""
    edit(data, "policies/roskilde.toml", replace_once('id = "roskilde"', 'id = "Roskilde"'))
    refused(data, "policies/roskilde.toml", "municipality.id")


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(
            replace_once('name = "Roskilde Kommune"', 'name = "Roskilde Kommune'),
            id="unterminated-string",
        ),
        pytest.param(
            replace_once('name = "Roskilde Kommune"', 'name = "Roskilde Kommune"\nname = "x"'),
            id="duplicate-key",
        ),
        pytest.param(prepend("[municipality"), id="unclosed-table"),
    ],
)
def test_invalid_toml_syntax(data: Path, broken: Edit) -> None:
    """loader: a file that is not TOML is an error naming the file (key ``(syntax)``)."""
    edit(data, "policies/roskilde.toml", broken)
    refused(data, "policies/roskilde.toml", "(syntax)")


def test_invalid_toml_syntax_in_the_law_file(data: Path) -> None:
    """loader: the same for the law file."""
    edit(data, LAW, prepend("= 1"))
    refused(data, LAW, "(syntax)")


WRONG_TYPES = [
    pytest.param("age_min", 'value = "18"', "value", id="age_min-text"),
    pytest.param("follow_up_months", "value = 12.5", "value", id="follow_up_months-fraction"),
    pytest.param("transport_cap_pct", "value = true", "value", id="transport_cap_pct-boolean"),
    pytest.param("transport_cap_pct", "value = -1", "value", id="transport_cap_pct-negative"),
    pytest.param("visitation_committee", 'value = "yes"', "value", id="visitation_committee-text"),
    pytest.param("closing_days", 'value = ["13-01"]', "value[0]", id="closing_days-month-13"),
    pytest.param("closing_days", 'value = "12-24"', "value", id="closing_days-not-a-list"),
    pytest.param(
        "days_per_week", 'value = { min = 1, max = "5" }', "value.max", id="days_per_week-max-text"
    ),
    pytest.param(
        "decision_deadline",
        'value = { amount = 6, unit = "fortnights" }',
        "value.unit",
        id="decision_deadline-unit",
    ),
    pytest.param(
        "decision_deadline",
        'value = { amount = 0, unit = "weeks" }',
        "value.amount",
        id="decision_deadline-zero",
    ),
    pytest.param("decision_deadline", "value = 6", "value", id="decision_deadline-bare-number"),
    pytest.param("wage_basis", 'value = ["piecework"]', "value[0]", id="wage_basis-unknown"),
    pytest.param("wage_basis", "value = []", "value", id="wage_basis-empty"),
    pytest.param(
        "providers", "value = { own_offers = [] }", "value.description", id="providers-no-text"
    ),
    pytest.param(
        "providers",
        'value = { description = "x", offers = [] }',
        "value.offers",
        id="providers-unknown-key",
    ),
    pytest.param("vum_scale", 'value = { "0" = "ingen" }', "value.1", id="vum_scale-incomplete"),
]


@pytest.mark.parametrize(("key", "value", "where"), WRONG_TYPES)
def test_municipal_value_of_the_wrong_type(data: Path, key: str, value: str, where: str) -> None:
    """catalogue: each parameter's value has its type; anything else names the key."""
    edit(data, "policies/vejen.toml", set_param(key, f'{value}\nsource = "Vejen"'))
    vid = last_version(data, "policies/vejen.toml")
    refused(data, "policies/vejen.toml", f"versions.{vid}.parameters.{key}.{where}")


@pytest.mark.parametrize(
    "value",
    [
        pytest.param('"2020-01-01"', id="quoted-date"),
        pytest.param("2020-01-01T00:00:00", id="datetime"),
        pytest.param("20200101", id="number"),
    ],
)
def test_version_date_of_the_wrong_type(data: Path, value: str) -> None:
    """loader: version dates are TOML dates (unquoted ``YYYY-MM-DD``)."""
    first = versions(data, "policies/roskilde.toml")[0]
    edit(
        data,
        "policies/roskilde.toml",
        replace_once(f"in_force_from = {first['in_force_from']}", f"in_force_from = {value}"),
    )
    refused(data, "policies/roskilde.toml", f"versions.{first['id']}.in_force_from", "date")


def test_national_value_of_the_wrong_type(data: Path) -> None:
    """catalogue: the law file's values are typed too."""
    edit(data, LAW, replace_once("value = 18\n", 'value = "18"\n'))
    refused(data, LAW, "parameters.age_min[0].value")


def test_minimum_wage_not_positive(data: Path) -> None:
    """loader: a minimum wage is a positive amount."""
    edit(data, LAW, replace_once("value = 139.85", "value = -139.85"))
    refused(data, LAW, "minimum_wages.industriens_overenskomst.values[0].value", "positive")


def test_contact_address_not_a_list(data: Path) -> None:
    """loader: the contact address is a list of lines."""
    edit(
        data,
        "policies/ballerup.toml",
        replace_once(
            'address = ["Parkvej 10", "2750 Ballerup"]', 'address = "Parkvej 10, 2750 Ballerup"'
        ),
    )
    refused(data, "policies/ballerup.toml", "municipality.contact.address")


def test_contact_field_without_source(data: Path) -> None:
    """loader: every contact field given names its source (letterheads are sourced)."""
    edit(
        data,
        "policies/ballerup.toml",
        replace_once(
            'phone = "Ballerup, serviceniveau: Sådan søger du om beskyttet beskæftigelse '
            '(Telefonnummer)"\n',
            "",
        ),
    )
    refused(data, "policies/ballerup.toml", "municipality.contact.sources.phone", "required")


def test_contact_source_for_a_field_not_given(data: Path) -> None:
    """loader: a source for a contact field that is not given is an unknown key."""
    edit(
        data,
        "policies/ballerup.toml",
        replace_once(
            "[municipality.contact.sources]\n", '[municipality.contact.sources]\nweb = "x"\n'
        ),
    )
    refused(data, "policies/ballerup.toml", "municipality.contact.sources.web", "unknown key")


def test_contact_field_neither_given_nor_not_stated(data: Path) -> None:
    """loader: a missing phone, e-mail, address or web must be declared not stated, so a
    gap in the standard is said in the file, never filled in by invention."""
    edit(
        data,
        "policies/ballerup.toml",
        replace_once(
            'not_stated = ["web"]\n\n[municipality.contact.sources]',
            "[municipality.contact.sources]",
        ),
    )
    refused(data, "policies/ballerup.toml", "municipality.contact.web", "not_stated")


def test_contact_not_stated_but_given(data: Path) -> None:
    """loader: a field cannot be both given and not stated."""
    edit(
        data,
        "policies/ballerup.toml",
        replace_once(
            'not_stated = ["web"]\n\n[municipality.contact.sources]',
            'not_stated = ["web", "phone"]\n\n[municipality.contact.sources]',
        ),
    )
    refused(data, "policies/ballerup.toml", "municipality.contact.not_stated[1]", "given")


def test_contact_not_stated_unknown_field(data: Path) -> None:
    """loader: not_stated names only address, phone, email or web."""
    edit(
        data,
        "policies/ballerup.toml",
        replace_once(
            'not_stated = ["web"]\n\n[municipality.contact.sources]',
            'not_stated = ["web", "fax"]\n\n[municipality.contact.sources]',
        ),
    )
    refused(data, "policies/ballerup.toml", "municipality.contact.not_stated[1]", "one of")


def test_contact_unknown_key(data: Path) -> None:
    """loader: an unknown key in a contact table is an error."""
    edit(
        data,
        "policies/lejre.toml",
        replace_once(
            'phone = "46 46 46 46"\nemail = "Sikkerjobcenter@lejre.dk"\nweb',
            'fax = "1"\nphone = "46 46 46 46"\nemail = "Sikkerjobcenter@lejre.dk"\nweb',
        ),
    )
    refused(data, "policies/lejre.toml", "municipality.contact.fax", "unknown key")


def test_municipality_name_needs_its_source(data: Path) -> None:
    """loader: the municipality's name names its source too."""
    edit(
        data,
        "policies/soenderborg.toml",
        replace_once(
            'source = "Sønderborg, kvalitetsstandard: kontaktoplysningerne på sidste side"\n\n',
            "\n",
        ),
    )
    refused(data, "policies/soenderborg.toml", "municipality.source", "source")


def test_shipped_contacts_are_sourced_and_never_invented() -> None:
    """data: every shipped letterhead field has a source. Issue 15, item 12: Roskilde's and
    Vejen's standards give no address, phone or e-mail, so the files carry the town hall's
    from the municipality's website, and their sources say they are not in the standard."""
    from bb103.rules.policy.registry import default_registry

    for policy in default_registry().municipalities.values():
        for contact in filter(None, (policy.contact, policy.complaints)):
            given = [
                k
                for k in ("unit", "address", "phone", "hours", "email", "web")
                if getattr(contact, k)
            ]
            assert sorted(contact.sources) == sorted(given), policy.id
        assert policy.name_source
    for mid in ("roskilde", "vejen"):
        contact = default_registry().municipalities[mid].contact
        assert contact.address and contact.phone and contact.email, mid
        for field in ("address", "phone", "email"):
            assert "ikke i kvalitetsstandarden" in contact.sources[field], (mid, field)


def test_missing_law_file(data: Path) -> None:
    """loader: a missing law file is a PolicyError naming it, not an OSError."""
    (data / LAW).unlink()
    refused(data, LAW, "(file)")


def test_no_policy_files(data: Path) -> None:
    """registry: a data directory without policies is an error."""
    for path in (data / "policies").glob("*.toml"):
        path.unlink()
    with pytest.raises(PolicyError) as info:
        PolicyRegistry.from_directory(data)
    assert info.value.key == "(files)"


def test_policy_file_not_utf8(data: Path) -> None:
    """loader: a file that is not UTF-8 is a PolicyError naming the file, not a traceback."""
    path = data / "policies/soenderborg.toml"
    path.write_bytes(path.read_text("utf-8").encode("latin-1"))
    refused(data, "policies/soenderborg.toml", "(encoding)")


# --- the finance file's accounts (municipality.finance) -----------------------------------------
def test_finance_accounts_are_required(data: Path) -> None:
    """loader: a municipality's file gives the accounts of its settlement's finance file."""
    edit(
        data,
        "policies/lejre.toml",
        lambda t: _drop_table(
            _drop_table(t, "[municipality.finance]"), "[municipality.finance.accounts]"
        ),
    )
    refused(data, "policies/lejre.toml", "municipality.finance", "is required")


def test_finance_account_for_a_provider_kind_missing(data: Path) -> None:
    """loader: every kind of provider has an account (what the municipality owes it)."""
    edit(
        data,
        "policies/ballerup.toml",
        lambda t: "\n".join(x for x in t.split("\n") if not x.startswith("other_municipality = ")),
    )
    refused(
        data,
        "policies/ballerup.toml",
        "municipality.finance.accounts.other_municipality",
        "is required",
    )


@pytest.mark.parametrize(
    ("old", "new", "key", "says"),
    [
        (
            'cost_centre = "51100"',
            "cost_centre = 51100",
            "municipality.finance.cost_centre",
            "letters, digits",
        ),
        (
            'cost_centre = "51100"',
            'cost_centre = "51 100"',
            "municipality.finance.cost_centre",
            "letters, digits",
        ),
        (
            'art = "4.7"',
            'art = "4.3"',
            "municipality.finance.accounts.other_municipality.art",
            "expense art",
        ),
        (
            'account = "5.38.58.1.010.4.7"',
            'account = ""',
            "municipality.finance.accounts.other_municipality.account",
            "1-40",
        ),
        (
            'art = "4.7" }',
            'art = "4.7", konto = "x" }',
            "municipality.finance.accounts.other_municipality.konto",
            "unknown key",
        ),
    ],
)
def test_finance_value_malformed(data: Path, old: str, new: str, key: str, says: str) -> None:
    """loader: a malformed finance value is an error naming the file and the key."""
    edit(data, "policies/ballerup.toml", replace_once(old, new))
    refused(data, "policies/ballerup.toml", key, says)


def test_finance_source_required(data: Path) -> None:
    """loader: the finance settings name where they come from, like every value."""
    edit(
        data,
        "policies/vejen.toml",
        lambda t: "\n".join(
            x for x in t.split("\n") if not x.startswith('source = "Fiktiv kontering')
        ),
    )
    refused(data, "policies/vejen.toml", "municipality.finance.source", "missing source")


# --- a sixth municipality is a data file only ----------------------------------------------------
ODSHERRED = """\
# Odsherred Kommune: FIKTIV testfil, modelleret efter roskilde.toml. Ikke en rigtig standard.

[municipality]
id = "odsherred"
name = "Odsherred Kommune"
source = "Odsherred (fiktiv), forsiden"

[municipality.contact]
unit = "Visitationen (fiktiv)"
address = ["Odsherred Kommune", "Testvej 1", "4500 Nykøbing Sj."]
not_stated = ["phone", "email", "web"]

[municipality.contact.sources]
unit = "Odsherred (fiktiv), afsnit 5 Kontakt"
address = "Odsherred (fiktiv), afsnit 5 Kontakt"

[municipality.finance]
cost_centre = "4500"
source = "Odsherred (fiktiv), kontoplanen"

[municipality.finance.accounts]
own_municipal = { account = "5.38.58.1.001.4.0", art = "4.0" }
other_municipality = { account = "5.38.58.1.001.4.7", art = "4.7" }
private_provider = { account = "5.38.58.1.001.4.9", art = "4.9" }
private_company = { account = "5.38.58.1.001.4.9", art = "4.9" }

[[versions]]
id = "v1"
title = "Kvalitetsstandard for beskyttet beskæftigelse (fiktiv)"
source_document = "Fiktiv kvalitetsstandard til test"
in_force_from = 2024-01-01
assumptions = ["Fiktiv: findes kun i testene."]

[versions.parameters.age_min]
value = 18
source = "Odsherred (fiktiv), afsnit 1 Målgruppe (fra 18 år)"

[versions.parameters.municipal_criteria]
source = "Odsherred (fiktiv), afsnit 1 Målgruppe"
value.motivated = "Odsherred (fiktiv), afsnit 1 Målgruppe (motiveret)"

[versions.parameters.decision_deadline]
value = { amount = 8, unit = "weeks" }
source = "Odsherred (fiktiv), afsnit 4 Sagsbehandlingstid (8 uger)"

[versions.parameters.days_per_week]
value = { min = 2, max = 4 }
source = "Odsherred (fiktiv), afsnit 3 Omfang (2-4 dage om ugen)"

[versions.parameters.transport_cap_pct]
value = 25
source = "Odsherred (fiktiv), afsnit 2 Kørsel (højst 25 % af indtjeningen efter skat)"
"""

ODSHERRED_SCENARIO: dict[str, Any] = {
    "municipality": "odsherred",
    "as_of": "2026-11-23",
    "citizen": {
        "birth_date": "1990-01-01",
        "significant_reduced_function": True,
        "can_work_on_normal_terms": False,
        "other_legislation_exhausted": True,
        "motivated": True,
    },
    "application": {"received_on": "2026-11-02"},
    "transport": {"one_way_km": 14.0, "price_per_km": 2.0, "days": 20, "net_earnings": 1200.0},
}

ODSHERRED_EXPECTED: dict[str, Any] = {
    "municipality": "odsherred",
    "decision_deadline": "2026-12-28",  # 8 weeks from Monday 2 November 2026
    "days_per_week": {"min": 2, "max": 4, "default": None},
    "transport": {
        "total": 1120.0,
        "citizen_base": 800.0,
        "cap": 300.0,  # 25 % of 1200
        "citizen_pays": 300.0,
        "municipality_pays": 820.0,
    },
}


@pytest.fixture
def sixth(data: Path) -> PolicyRegistry:
    (data / "policies/odsherred.toml").write_text(ODSHERRED, encoding="utf-8")
    return PolicyRegistry.from_directory(data)


def check_odsherred(result: dict[str, Any]) -> None:
    for key, value in ODSHERRED_EXPECTED.items():
        assert result[key] == value, key
    assert result["policy"]["id"] == "odsherred"
    assert result["policy"]["version"] == "v1"
    assert result["eligibility"]["outcome"] == "eligible"
    criteria = {c["id"]: c for c in result["eligibility"]["criteria"]}
    assert criteria["motivated"]["met"] is True
    assert "Odsherred (fiktiv)" in criteria["motivated"]["source"]


def test_sixth_municipality_through_the_engine(sixth: PolicyRegistry) -> None:
    """contract: more municipalities may be added by adding a policy file: no code change.
    The new file's values drive the result, with their provenance."""
    assert "odsherred" in sixth.ids()
    evaluation = evaluate(parse_scenario(ODSHERRED_SCENARIO, sixth.ids()), sixth)
    result = to_contract(evaluation)
    check_odsherred(result)
    files = {p["file"] for x in result["explanations"] for p in x["parameters"]}
    assert "policies/odsherred.toml" in files


def test_sixth_municipality_is_a_known_municipality(sixth: PolicyRegistry) -> None:
    """The unknown-municipality error lists the new one among the known."""
    with pytest.raises(InputError) as info:
        parse_scenario({**ODSHERRED_SCENARIO, "municipality": "holbaek"}, sixth.ids())
    assert "odsherred" in info.value.message


def test_sixth_municipality_through_the_cli(
    sixth: PolicyRegistry,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The CLI has no option for a data directory (it always loads the package's data), so
    the registry it uses is swapped in-process: the CLI code itself needs no change."""
    monkeypatch.setattr(registry_module, "default_registry", lambda: sixth)
    path = tmp_path / "odsherred.json"
    path.write_text(json.dumps(ODSHERRED_SCENARIO), encoding="utf-8")
    status = main(["evaluate", "--no-explanations", str(path)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    check_odsherred(json.loads(out))


def test_municipality_may_not_drop_a_national_requirement(data: Path) -> None:
    """catalogue: ``socialtilsyn_approval_required`` may be added by a municipality (Lejre),
    never taken away: were the law to require approval, a municipal ``false`` undercuts it."""
    edit(
        data,
        LAW,
        replace_once(
            "[[parameters.socialtilsyn_approval_required]]\nfrom = 2011-05-19\nvalue = false",
            "[[parameters.socialtilsyn_approval_required]]\nfrom = 2011-05-19\nvalue = true",
        ),
    )
    edit(
        data,
        "policies/vejen.toml",
        set_param("socialtilsyn_approval_required", 'value = false\nsource = "Vejen"'),
    )
    vid = last_version(data, "policies/vejen.toml")
    refused(
        data,
        "policies/vejen.toml",
        f"versions.{vid}.parameters.socialtilsyn_approval_required",
        "drops a requirement",
    )


# --- issue 15, item 4: byrådet's deadline (Sønderborg) ---------------------------------------
COUNCIL = """[[municipality.council_deadlines]]
from = 2024-01-01
value = { amount = 8, unit = "weeks" }
decided_on = 2023-12-14
source = "Byrådets beslutning 14. december 2023, offentliggjort på sonderborgkommune.dk"

[[versions]]"""


def _soenderborg(registry: PolicyRegistry, received_on: str) -> Any:
    scenario = {
        "municipality": "soenderborg",
        "as_of": received_on,
        "citizen": {"birth_date": "1990-05-17"},
        "application": {"received_on": received_on},
    }
    return evaluate(parse_scenario(scenario, registry.ids()), registry)


def test_council_deadline_recorded_is_used(data: Path) -> None:
    """Issue 15, item 4. Sønderborg, kvalitetsstandard: Sagsbehandlingsfrist (»fastsat af
    byrådet«): byrådet's deadline, recorded with its date and source, is the decision
    deadline from the day it applies (8 weeks from 4 March 2024: 29 April 2024), and the
    explanation cites it; before that day, and as shipped, there is none, and the engine
    says who sets it and where it is published."""
    shipped = _soenderborg(PolicyRegistry.from_directory(data), "2024-03-04")
    assert shipped.decision_deadline is None
    said = next(x for x in shipped.explanations if x.rule == "decision_deadline")
    assert "byrådet" in said.text and "sonderborgkommune.dk" in said.text
    edit(data, "policies/soenderborg.toml", replace_once("[[versions]]", COUNCIL))
    registry = PolicyRegistry.from_directory(data)
    ev = _soenderborg(registry, "2024-03-04")
    assert ev.decision_deadline == date(2024, 4, 29)
    said = next(x for x in ev.explanations if x.rule == "decision_deadline")
    assert "Byrådets beslutning 14. december 2023" in " ".join(said.sources)
    assert _soenderborg(registry, "2023-12-29").decision_deadline is None


def test_council_deadline_decided_after_it_applies(data: Path) -> None:
    """Issue 15, item 4: a council deadline cannot apply before byrådet decided it."""
    edit(
        data,
        "policies/soenderborg.toml",
        replace_once("[[versions]]", COUNCIL.replace("2023-12-14", "2024-02-01")),
    )
    refused(data, "policies/soenderborg.toml", "municipality.council_deadlines[0].decided_on")


def test_council_deadline_where_the_standard_sets_its_own(data: Path) -> None:
    """Issue 15, item 4: only a standard that leaves the deadline to the council may carry
    the council's deadlines (Ballerup's standard sets 30 working days itself)."""
    edit(data, "policies/ballerup.toml", replace_once("[[versions]]", COUNCIL))
    refused(data, "policies/ballerup.toml", "municipality.council_deadlines", "council")


def test_council_deadlines_overlap(data: Path) -> None:
    """Issue 15, item 4: two council deadlines in force on one day are refused."""
    twice = (
        COUNCIL.replace("\n\n[[versions]]", "")
        + "\n\n"
        + COUNCIL.replace("2024-01-01", "2024-06-01")
    )
    edit(data, "policies/soenderborg.toml", replace_once("[[versions]]", twice))
    refused(data, "policies/soenderborg.toml", "municipality.council_deadlines", "overlap")


def test_version_date_assumed_unless_sourced(data: Path) -> None:
    """Issue 15, item 13: a version's date is published as assumed unless the file names
    where the standard gives it; an unsourced date needs its assumption listed."""
    registry = PolicyRegistry.from_directory(data)
    assumed = {
        (m.id, v.id): v.dates_assumed for m in registry.municipalities.values() for v in m.versions
    }
    assert assumed[("soenderborg", "2022")] is False
    assert assumed[("ballerup", "v1")] and assumed[("lejre", "gammel-tekst")]

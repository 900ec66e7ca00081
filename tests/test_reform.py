"""Reforms (bb103/population/reform.py): a TOML file changing law or municipal parameters
from a date, read strictly and applied to a NEW registry that obeys the loader's rules."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bb103.population.reform import Reform, apply_reform, load_reform
from bb103.rules.errors import PolicyError
from bb103.rules.policy.registry import PolicyRegistry
from bb103.rules.policy.values import Period

Write = Callable[[str], Path]

HEAD = """\
[reform]
title = "Loft over borgerens kørselsudgift 25 %"
in_force_from = 2027-01-01
source = "Forslag: test"
"""

CAP_25 = (
    HEAD
    + """
[[changes]]
layer = "national"
key = "transport_cap_pct"
value = 25

# Vejen and Sønderborg restate the 30 % cap; the reform must lower theirs too.
[[changes]]
layer = "vejen"
key = "transport_cap_pct"
value = 25

[[changes]]
layer = "soenderborg"
key = "transport_cap_pct"
value = 25
"""
)


def change(layer: str, key: str, value: str) -> str:
    return f'\n[[changes]]\nlayer = "{layer}"\nkey = "{key}"\nvalue = {value}\n'


@pytest.fixture
def write(tmp_path: Path) -> Write:
    def write_reform(text: str) -> Path:
        path = tmp_path / "reform.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write_reform


def load(write: Write, text: str, registry: PolicyRegistry) -> Reform:
    return load_reform(write(text), registry)


def refused(
    write: Write, text: str, registry: PolicyRegistry, key: str, *words: str
) -> PolicyError:
    """Loading and applying ``text`` fails with a PolicyError naming the file and ``key``."""
    path = write(text)
    with pytest.raises(PolicyError) as info:
        apply_reform(registry, load_reform(path, registry))
    error = info.value
    assert (error.file, error.key) == (str(path), key), str(error)
    for word in words:
        assert word in error.message, str(error)
    return error


def cap(registry: PolicyRegistry, municipality: str, on: date) -> Decimal:
    return value(registry, municipality, on, "transport_cap_pct")


def value(registry: PolicyRegistry, municipality: str, on: date, key: str) -> Any:
    resolved = registry.resolve(municipality, on)
    assert resolved is not None
    return resolved.value(key)


# --- applying ------------------------------------------------------------------------------------
def test_national_cap_changes_from_the_date_only(write: Write, registry: PolicyRegistry) -> None:
    reform = load(write, CAP_25, registry)
    assert reform.title == "Loft over borgerens kørselsudgift 25 %"
    assert reform.in_force_from == date(2027, 1, 1)
    reformed = apply_reform(registry, reform)
    for municipality in registry.ids():
        assert cap(reformed, municipality, date(2026, 12, 31)) == 30
        assert cap(reformed, municipality, date(2027, 1, 1)) == 25
        assert cap(reformed, municipality, date(2040, 6, 1)) == 25
    param = reformed.resolve("ballerup", date(2027, 1, 1)).param("transport_cap_pct")
    assert param is not None
    assert param.provenance.layer == "national"
    assert param.provenance.valid_from == date(2027, 1, 1)
    assert "Loft over borgerens kørselsudgift 25 %" in param.provenance.source
    before = reformed.resolve("ballerup", date(2026, 12, 31)).param("transport_cap_pct")
    assert before is not None and before.provenance.valid_to == date(2026, 12, 31)


def test_original_registry_unchanged(write: Write, registry: PolicyRegistry) -> None:
    law_before = dict(registry.law.parameters)
    versions_before = {m: p.versions for m, p in registry.municipalities.items()}
    reformed = apply_reform(registry, load(write, CAP_25, registry))
    assert reformed is not registry
    assert registry.law.parameters == law_before
    assert {m: p.versions for m, p in registry.municipalities.items()} == versions_before
    assert cap(registry, "ballerup", date(2027, 6, 1)) == 30
    assert cap(registry, "vejen", date(2027, 6, 1)) == 30
    assert registry.version_in_force("vejen", date(2027, 6, 1)).id == "v1"


def test_municipal_change_is_a_new_version_from_the_date(
    write: Write, registry: PolicyRegistry
) -> None:
    reformed = apply_reform(registry, load(write, CAP_25, registry))
    old, new = reformed.municipalities["vejen"].versions
    assert (old.id, old.in_force_to) == ("v1", date(2026, 12, 31))
    assert (new.id, new.in_force_from, new.in_force_to) == ("v1+reform", date(2027, 1, 1), None)
    # A copy of the version in force then, with only the parameter overridden.
    original = registry.municipalities["vejen"].versions[0]
    assert set(new.parameters) == set(original.parameters)
    for key, value in original.parameters.items():
        if key != "transport_cap_pct":
            assert new.parameters[key] == value
    assert new.parameters["transport_cap_pct"].value == 25
    resolved = reformed.resolve("vejen", date(2027, 1, 1))
    assert resolved is not None and resolved.version.id == "v1+reform"
    param = resolved.param("transport_cap_pct")
    assert param is not None and param.provenance.layer == "municipal"
    assert param.provenance.version == "v1+reform"
    assert reformed.version_in_force("vejen", date(2026, 12, 31)).id == "v1"  # type: ignore[union-attr]


def test_municipal_change_of_a_value_the_standard_does_not_set(
    write: Write, registry: PolicyRegistry
) -> None:
    """Roskilde takes the law's cap; a reform may give it its own, lower one."""
    text = HEAD + change("roskilde", "transport_cap_pct", "20")
    reformed = apply_reform(registry, load(write, text, registry))
    assert cap(reformed, "roskilde", date(2026, 12, 31)) == 30
    assert cap(reformed, "roskilde", date(2027, 1, 1)) == 20
    assert cap(reformed, "ballerup", date(2027, 1, 1)) == 30
    assert [v.id for v in reformed.municipalities["roskilde"].versions] == ["v1", "v1+reform"]
    assert reformed.municipalities["ballerup"] is registry.municipalities["ballerup"]


def test_lejre_reform_copies_the_version_in_force_then(
    write: Write, registry: PolicyRegistry
) -> None:
    text = HEAD + change("lejre", "follow_up_months", "6")
    reformed = apply_reform(registry, load(write, text, registry))
    ids = [
        (v.id, v.in_force_from, v.in_force_to) for v in reformed.municipalities["lejre"].versions
    ]
    assert ids == [
        ("gammel-tekst", date(2011, 5, 19), date(2021, 6, 30)),
        ("ny-tekst", date(2021, 7, 1), date(2026, 12, 31)),
        ("ny-tekst+reform", date(2027, 1, 1), None),
    ]
    assert value(reformed, "lejre", date(2027, 1, 1), "follow_up_months") == 6
    assert value(reformed, "lejre", date(2026, 12, 31), "follow_up_months") == 12


def test_a_later_reform_date_keeps_the_earlier_and_an_earlier_one_replaces(
    write: Write,
    registry: PolicyRegistry,
) -> None:
    """A national value the law schedules for after the reform's date is replaced: the
    reform says what holds from its date on."""
    first = HEAD.replace("2027-01-01", "2028-01-01") + change(
        "national", "complaint_period", '{ amount = 6, unit = "weeks" }'
    )
    once = apply_reform(registry, load(write, first, registry))
    second = HEAD + change("national", "complaint_period", '{ amount = 8, unit = "weeks" }')
    twice = apply_reform(once, load(write, second, registry))

    def period(r: PolicyRegistry, on: date) -> Any:
        return value(r, "ballerup", on, "complaint_period")

    assert period(once, date(2027, 12, 31)) == period(registry, date(2027, 12, 31))
    assert period(once, date(2028, 1, 1)) == Period(6, "weeks")
    assert period(twice, date(2026, 12, 31)) == period(registry, date(2026, 12, 31))
    assert period(twice, date(2027, 1, 1)) == Period(8, "weeks")
    assert period(twice, date(2029, 1, 1)) == Period(8, "weeks")
    assert period(once, date(2029, 1, 1)) == Period(6, "weeks")


# --- refused: the reformed policies must obey the loader's rules --------------------------------
def test_national_change_undercut_by_a_municipal_value_is_refused_naming_it(
    write: Write,
    registry: PolicyRegistry,
) -> None:
    """Vejen and Sønderborg restate the 30 % cap: a national 25 % alone would leave them
    above the law."""
    text = HEAD + change("national", "transport_cap_pct", "25")
    error = refused(write, text, registry, "changes[0].value", "transport_cap_pct", "undercut")
    assert "soenderborg, vejen" in error.message
    assert "policies/soenderborg.toml" in error.message
    assert "30 is above the national 25" in error.message


def test_municipal_value_undercutting_the_law_is_refused(
    write: Write, registry: PolicyRegistry
) -> None:
    text = HEAD + change("vejen", "transport_cap_pct", "35")
    error = refused(write, text, registry, "changes[0].value", "transport_cap_pct")
    assert "35 is above the national 30" in error.message
    assert "v1+reform" in error.message


def test_municipal_value_undercutting_the_reformed_law_is_refused(
    write: Write, registry: PolicyRegistry
) -> None:
    text = (
        HEAD
        + change("national", "transport_cap_pct", "25")
        + change("vejen", "transport_cap_pct", "25")
        + change("soenderborg", "transport_cap_pct", "28")
    )
    error = refused(write, text, registry, "changes[2].value", "transport_cap_pct")
    assert "28 is above the national 25" in error.message


def test_restating_a_law_value_differently_is_refused(
    write: Write, registry: PolicyRegistry
) -> None:
    """age_min may only be restated ('equal'): Roskilde restates 18."""
    error = refused(write, HEAD + change("roskilde", "age_min", "20"), registry, "changes[0].value")
    assert "differs from the national 18" in error.message
    national = refused(
        write, HEAD + change("national", "age_min", "20"), registry, "changes[0].value"
    )
    assert "roskilde" in national.message and "change age_min for" in national.message


def test_raising_the_wage_floor_above_a_municipal_rate_is_refused(
    write: Write, registry: PolicyRegistry
) -> None:
    """A law change of the wage floor is checked against Vejen's fixed rates (5 % and 10 %)."""
    error = refused(
        write, HEAD + change("national", "wage_floor_pct", "7"), registry, "changes[0].value"
    )
    assert "wage_floor_pct" in error.message and "vejen" in error.message


def test_lowering_the_law_below_municipal_values_is_accepted(
    write: Write, registry: PolicyRegistry
) -> None:
    text = HEAD + change("national", "wage_floor_pct", "4")
    reformed = apply_reform(registry, load(write, text, registry))
    assert value(reformed, "ballerup", date(2027, 1, 1), "wage_floor_pct") == 4


# --- refused: the file ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('note = "x"\n' + CAP_25, "note", ["unknown key"]),
        (CAP_25.replace("source =", 'titel = "x"\nsource ='), "reform.titel", ["unknown key"]),
        (CAP_25.replace('layer = "national"', 'layer = "national"\nfrom = 2027-01-01'),
         "changes[0].from", ["unknown key"]),
        (CAP_25.replace('source = "Forslag: test"\n', ""), "reform.source", ["missing source"]),
        (CAP_25.replace("in_force_from = 2027-01-01", 'in_force_from = "2027-01-01"'),
         "reform.in_force_from", ["must be a date"]),
        (HEAD, "changes", ["is required"]),
        ("changes = []\n" + HEAD, "changes", ["at least one change"]),
        (HEAD + change("national", "transport_cap", "25"), "changes[0].key",
         ["not a parameter"]),
        (HEAD + change("aarhus", "transport_cap_pct", "25"), "changes[0].layer",
         ["'aarhus'", "ballerup"]),
        (HEAD + change("national", "transport_cap_pct", '"25 %"'), "changes[0].value",
         ["must be a number"]),
        (HEAD + change("national", "transport_cap_pct", "-5"), "changes[0].value",
         ["must not be negative"]),
        (HEAD + change("national", "days_per_week", "{ min = 1, max = 6, dflt = 5 }"),
         "changes[0].value.dflt", ["unknown key"]),
        (HEAD + change("vejen", "pension_age", "[]"), "changes[0].key", ["set by law only"]),
        (HEAD + change("vejen", "transport_cap_pct", "25")
         + change("vejen", "transport_cap_pct", "20"), "changes[1]", ["again", "changes[0]"]),
        ("[reform\n", "(syntax)", []),
    ],
)  # fmt: skip
def test_bad_reform_file_is_refused_naming_file_and_key(
    write: Write,
    registry: PolicyRegistry,
    text: str,
    key: str,
    words: list[str],
) -> None:
    path = write(text)
    with pytest.raises(PolicyError) as info:
        load_reform(path, registry)
    error = info.value
    assert (error.file, error.key) == (str(path), key), str(error)
    assert str(error).startswith(f"{path}: {key}: ")
    for word in words:
        assert word in error.message, str(error)


def test_missing_reform_file(tmp_path: Path, registry: PolicyRegistry) -> None:
    with pytest.raises(PolicyError) as info:
        load_reform(tmp_path / "nope.toml", registry)
    assert info.value.key == "(file)"


def test_a_version_starting_after_the_reform_date_gets_the_change(
    write: Write, registry: PolicyRegistry
) -> None:
    """From 2011-01-01, before Lejre's first standard (2011-05-19): every version gets it."""
    text = HEAD.replace("2027-01-01", "2011-01-01") + change("lejre", "follow_up_months", "6")
    reformed = apply_reform(registry, load(write, text, registry))
    ids = [v.id for v in reformed.municipalities["lejre"].versions]
    assert ids == ["gammel-tekst+reform", "ny-tekst+reform"]

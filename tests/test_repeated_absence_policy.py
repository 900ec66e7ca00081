"""The policy parameter ``repeated_absence`` (issue 6, point 3) and its pure formula.

The law sets no rule on repeated absence (catalogue mode ``only``): the national file may
not give one, and a municipality without one has the rule off. Vejen's standard (afsnit 1.2
Målgruppe: »Ved gentagne afbud ...«) and Ballerup's (»Din sagsbehandler følger op på dit
fremmøde«) have one; the numbers are recorded assumptions in their policy files."""

from datetime import date
from pathlib import Path

import pytest

from bb103.rules.formulas import repeated_absence
from bb103.rules.ops import SCALAR
from bb103.rules.policy.registry import PolicyRegistry, default_registry
from bb103.rules.policy.values import RepeatedAbsence
from tests.test_policy_validation import (
    LAW,
    append,
    data,
    edit,
    last_version,
    refused,
    set_param,
)

__all__ = ["data"]

SOURCE = 'source = "Vejen, kvalitetsstandard afsnit 1.2 Målgruppe"'


def _rule(municipality: str) -> RepeatedAbsence | None:
    policy = default_registry().resolve(municipality, date(2025, 6, 1))
    assert policy is not None
    return policy.value("repeated_absence")


def test_shipped_rules_vejen_counts_notified_and_unnotified_ballerup_unnotified() -> None:
    """Vejen: »afbud« are notified cancellations, so both kinds of absence count; Ballerup
    follows attendance (unnotified absence); Roskilde, Lejre and Sønderborg have no rule."""
    vejen, ballerup = _rule("vejen"), _rule("ballerup")
    assert vejen is not None and ballerup is not None
    assert set(vejen.statuses) == {"notified_absence", "unnotified_absence"}
    assert ballerup.statuses == ("unnotified_absence",)
    assert "dialog med borgeren og leverandøren" in vejen.action
    for municipality in ("roskilde", "lejre", "soenderborg"):
        assert _rule(municipality) is None
    policy = default_registry().resolve("vejen", date(2025, 6, 1))
    assert policy is not None
    param = policy.param("repeated_absence")
    assert param is not None and param.provenance.layer == "municipal"
    assert "1.2 Målgruppe" in param.provenance.source


def test_formula_counts_only_the_last_planned_days() -> None:
    """formulas.repeated_absence: N of the last M planned days; older days do not count."""
    rule = RepeatedAbsence(3, 5, ("unnotified_absence",), "Følg op.")
    u, p = "unnotified_absence", "present"
    assert repeated_absence(SCALAR, [u, u, u, p, p, p], rule) == (False, 2)
    assert repeated_absence(SCALAR, [p, u, p, u, None, u], rule) == (True, 3)
    assert repeated_absence(SCALAR, ["sick", "sick", "sick"], rule) == (False, 0)
    assert repeated_absence(SCALAR, [u, u, u], None) == (False, 0)


@pytest.mark.parametrize(
    ("value", "subkey"),
    [
        ('{ count = 0, of_last_planned_days = 20, statuses = ["sick"] }', "count"),
        ('{ count = 30, of_last_planned_days = 20, statuses = ["sick"] }', "count"),
        ('{ count = 3, of_last_planned_days = 20, statuses = ["present"] }', "statuses[0]"),
        ("{ count = 3, of_last_planned_days = 20, statuses = [] }", "statuses"),
        ('{ count = 3, statuses = ["sick"], weeks = 4 }', "weeks"),
        ('{ count = 3, statuses = ["sick"], action = "" }', "action"),
    ],
)
def test_bad_repeated_absence_is_refused_naming_the_key(
    data: Path, value: str, subkey: str
) -> None:
    """loader: a malformed rule is refused with the file and the key inside the value."""
    edit(data, "policies/vejen.toml", set_param("repeated_absence", f"value = {value}\n{SOURCE}"))
    vid = last_version(data, "policies/vejen.toml")
    refused(
        data, "policies/vejen.toml", f"versions.{vid}.parameters.repeated_absence.value.{subkey}"
    )


def test_the_law_file_cannot_set_a_repeated_absence_rule(data: Path) -> None:
    """catalogue mode ``only``: the law makes no such rule, so the national file may not."""
    edit(
        data,
        LAW,
        append(
            "[[parameters.repeated_absence]]\nfrom = 2011-05-19\n"
            'value = { count = 3, statuses = ["sick"] }\nsource = "Ingen"'
        ),
    )
    refused(data, LAW, "parameters.repeated_absence", "municipal rule")


def test_a_sixth_municipality_may_add_the_rule_as_data(data: Path) -> None:
    """A standard turns the rule on by data alone (here Roskilde)."""
    body = 'value = { count = 2, of_last_planned_days = 10, statuses = ["sick"] }\nsource = "R"'
    edit(data, "policies/roskilde.toml", set_param("repeated_absence", body))
    policy = PolicyRegistry.from_directory(data).resolve("roskilde", date(2025, 6, 1))
    assert policy is not None
    assert policy.value("repeated_absence") == RepeatedAbsence(
        2, 10, ("sick",), "Følg op på borgerens fremmøde."
    )

"""Issue 15, points 1-3, in the pure engine and the ``bb103 evaluate`` contract: the wage
forms a standard allows, each standard's words for its wage, and the floor paid in whole
øre (Serviceloven § 105; BEK nr. 483 af 19/05/2011 § 1)."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bb103.rules import default_registry, evaluate, parse_scenario
from bb103.rules import formulas as f
from bb103.rules.ops import SCALAR
from bb103.rules.output import to_contract
from bb103.rules.policy.registry import PolicyRegistry
from tests.test_policy_validation import (  # noqa: F401  (data is a fixture)
    data,
    edit,
    last_version,
    refused,
    replace_once,
    set_param,
)

D = Decimal
LAW_FORMS = ["by_effort", "hourly_wage", "arbejdsdusoer"]


def run(municipality: str, minimum: str = "139.85", as_of: str = "2026-01-10") -> dict[str, Any]:
    registry = default_registry()
    scenario = {
        "municipality": municipality,
        "as_of": as_of,
        "citizen": {"birth_date": "1990-01-01"},
        "employment": {"start_date": "2025-05-01", "minimum_hourly_wage": float(minimum)},
    }
    return to_contract(evaluate(parse_scenario(scenario, registry.ids()), registry))


def explained(result: dict[str, Any], rule: str) -> str:
    return next(str(x["text"]) for x in result["explanations"] if x["rule"] == rule)


# --- point 1 ------------------------------------------------------------------------------
@pytest.mark.parametrize("municipality", ["ballerup", "roskilde", "lejre", "soenderborg"])
def test_a_standard_that_restricts_no_form_allows_every_form_of_the_law(municipality: str) -> None:
    """BEK nr. 483 af 19/05/2011 § 1; Ballerup, serviceniveau: Særlige bemærkninger ("efter
    gældende regler"), Roskilde, kvalitetsstandard: Løn ("kan der fastsættes en
    arbejdsdusør"): a standard silent on a form, or referring to the rules in force, leaves
    every form of the law open. What it names stays in ``wage_basis``."""
    result = run(municipality)
    assert [x["id"] for x in result["wage_forms"]] == LAW_FORMS
    if municipality == "ballerup":
        assert result["wage_basis"] == ["by_effort", "agreed_with_workplace"]


def test_a_standard_may_narrow_the_laws_forms_but_not_add_one(data: Path) -> None:  # noqa: F811
    """catalogue ``within``: Vejen, kvalitetsstandard afsnit 3 Aflønning narrows the forms
    to its own wage; a standard naming a form the law (here, a law with two forms) does not
    have is refused, with the file and key named."""
    edit(
        data,
        "law/national.toml",
        replace_once(
            'value = { by_effort = "Løn efter indsats", hourly_wage = "Timeløn efter '
            'arbejdsvurdering", arbejdsdusoer = "Arbejdsdusør" }',
            'value = { by_effort = "Løn efter indsats", arbejdsdusoer = "Arbejdsdusør" }',
        ),
    )
    assert PolicyRegistry.from_directory(data).resolve("vejen", date(2026, 1, 10)) is not None
    edit(
        data,
        "policies/roskilde.toml",
        set_param("wage_forms", 'value = { hourly_wage = "Timeløn" }\nsource = "Roskilde"'),
    )
    vid = last_version(data, "policies/roskilde.toml")
    refused(
        data,
        "policies/roskilde.toml",
        f"versions.{vid}.parameters.wage_forms",
        "hourly_wage is not among the national",
    )


# --- point 2 ------------------------------------------------------------------------------
def test_vejen_names_its_wage_in_its_own_words_and_not_arbejdsdusoer() -> None:
    """Vejen, kvalitetsstandard afsnit 3 Aflønning: "Der er 2 lønsatser: 5 % af
    overenskomstmæssig mindsteløn er startløn … 10 % af overenskomstmæssig mindsteløn".
    Vejen's wage is by effort at its rates; the engine never calls it an arbejdsdusør."""
    result = run("vejen")
    name = "Løn efter Vejen Kommunes lønsatser (5 % eller 10 % af overenskomstmæssig mindsteløn)"
    assert result["wage_forms"] == [{"id": "by_effort", "name": name}]
    text = explained(result, "wage")
    assert text.startswith(name + ".")
    assert "dusør" not in text.lower()
    assert "Lønnen skal være mindst 7,00 kr. i timen" in text


def test_where_a_dusoer_may_be_agreed_the_floor_is_said_to_be_its() -> None:
    """Sønderborg, kvalitetsstandard: Løn ("En arbejdsdusør svarer til mindst 5 % af
    områdets overenskomstmæssige mindsteløn"): the law's word stays where it applies."""
    assert "Lønnen, også en arbejdsdusør, skal være mindst 7,00 kr." in explained(
        run("soenderborg"), "wage"
    )


# --- point 3 ------------------------------------------------------------------------------
def test_floor_payable_is_the_exact_floor_rounded_up_to_whole_oere() -> None:
    """BEK nr. 483 af 19/05/2011 § 1 ("mindst 5 %"): 5 % of 139,85 kr. is 6,9925 kr. The
    contract's ``floor_hourly`` stays half up (6,99, evaluate.md); the added
    ``floor_hourly_payable`` is the lowest wage payable in whole øre (7,00) and
    ``floor_hourly_exact`` the value a wage is checked against."""
    wage = run("ballerup")["wage"]
    assert wage["floor_hourly"] == 6.99
    assert wage["floor_hourly_payable"] == 7.0
    assert wage["floor_hourly_exact"] == 6.9925
    # A floor already in whole øre is not moved: 5 % of 150,00 kr. = 7,50 kr.
    wage = run("ballerup", minimum="150.00")["wage"]
    assert (wage["floor_hourly"], wage["floor_hourly_payable"]) == (7.5, 7.5)


@pytest.mark.parametrize(
    ("minimum", "rate", "paid"),
    [
        ("139.85", "5", "7.00"),
        ("143.35", "5", "7.17"),
        ("139.85", "10", "13.99"),
        ("150", "5", "7.50"),
    ],
)
def test_a_rate_is_paid_in_whole_oere_never_below_it(minimum: str, rate: str, paid: str) -> None:
    """BEK nr. 483 af 19/05/2011 § 1; Vejen afsnit 3 Aflønning (5 % and 10 %): a rate of the
    minimum wage is paid rounded up to whole øre (6,9925 -> 7,00; 7,1675 -> 7,17)."""
    assert f.hourly_for_rate(SCALAR, D(minimum), D(rate)) == D(paid)
    assert f.hourly_for_rate(SCALAR, D(minimum), D(rate)) >= D(minimum) * D(rate) / 100

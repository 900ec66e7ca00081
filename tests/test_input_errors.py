"""Bad input: every field of the ``bb103 evaluate`` contract (docs/contract/evaluate.md).

Contract points checked here:

- bad input is an :class:`InputError` whose ``field`` is the dotted path of the offending
  field (the CLI prints it as ``error: FIELD: why``; see test_cli.py);
- unknown keys are an error, at the top level and in every block ("a typo must not be
  silently ignored");
- dates are strict ISO ``YYYY-MM-DD``; booleans are ``true``/``false``/``null`` only;
  ``vum_level`` is a whole number 0-4; money is a bounded, non-negative number;
- ``party_hearing.days`` shorter than the standard's period is an error;
- ``transport`` takes exactly one of its two forms, complete.

Each case starts from the contract's own example (valid) and breaks exactly one thing.
"""

import copy
import math
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from bb103.rules.engine import evaluate
from bb103.rules.errors import InputError
from bb103.rules.policy.registry import PolicyRegistry
from bb103.rules.scenario import CITIZEN_FLAGS, parse_scenario

# The input of the contract's example (evaluate.md, "Input"); valid as it stands.
CONTRACT_INPUT: dict[str, Any] = {
    "municipality": "ballerup",
    "as_of": "2026-11-23",
    "citizen": {
        "cpr": "010190-1234",
        "living_situation": "own_home",
        "vum_level": 3,
        "significant_reduced_function": True,
        "special_social_problems": False,
        "can_work_on_normal_terms": False,
        "other_legislation_exhausted": True,
        "receives_foertidspension": True,
        "motivated": True,
        "can_transport_self": True,
    },
    "application": {"received_on": "2026-11-02"},
    "party_hearing": {"material_received_on": "2026-12-01"},
    "decision": {"received_on": "2026-12-10"},
    "complaint": {"received_on": "2026-12-20"},
    "employment": {
        "start_date": "2027-01-04",
        "last_follow_up_on": None,
        "minimum_hourly_wage": 150.0,
    },
    "transport": {"one_way_km": 14.0, "price_per_km": 2.0, "days": 20, "net_earnings": 1200.0},
}

DELETE = object()  # marks a key to remove


def changed(changes: dict[str, Any]) -> dict[str, Any]:
    """The contract input with dotted paths set (or removed with ``DELETE``)."""
    data = copy.deepcopy(CONTRACT_INPUT)
    for path, value in changes.items():
        *parents, last = path.split(".")
        node = data
        for name in parents:
            node = node[name]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value
    return data


def run(data: Any, registry: PolicyRegistry) -> Any:
    return evaluate(parse_scenario(data, registry.ids()), registry)


def assert_input_error(data: Any, registry: PolicyRegistry, field: str) -> InputError:
    with pytest.raises(InputError) as info:
        run(data, registry)
    error = info.value
    assert error.field == field, f"named {error.field!r} ({error}), expected {field!r}"
    assert error.message.strip(), "the error must say why"
    assert str(error) == f"{field}: {error.message}"
    return error


def test_contract_input_is_valid(registry: PolicyRegistry) -> None:
    """The baseline every case below breaks in one place is itself valid input."""
    run(CONTRACT_INPUT, registry)


# --- top level -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param(changed({"municipalty": "ballerup"}), "municipalty", id="typo-municipalty"),
        pytest.param(changed({"citizens": {}}), "citizens", id="typo-citizens"),
        pytest.param(changed({"transport_": None}), "transport_", id="unknown-key-null-value"),
        pytest.param(changed({"explanations": True}), "explanations", id="output-key-as-input"),
    ],
)
def test_unknown_top_level_key_is_an_error(data: Any, field: str, registry: PolicyRegistry) -> None:
    """contract: unknown keys in the input are an error (a typo must not be silently ignored),
    even when the unknown key's value is null."""
    error = assert_input_error(data, registry, field)
    assert "unknown" in error.message


@pytest.mark.parametrize(
    "data",
    [
        pytest.param([], id="list"),
        pytest.param([CONTRACT_INPUT], id="list-of-scenario"),
        pytest.param("ballerup", id="text"),
        pytest.param(42, id="number"),
        pytest.param(None, id="null"),
        pytest.param(True, id="boolean"),
    ],
)
def test_top_level_not_an_object_is_an_error(data: Any, registry: PolicyRegistry) -> None:
    """contract: the scenario is one JSON object; anything else is bad input. There is no
    field to name, so the error names ``scenario``."""
    assert_input_error(data, registry, "scenario")


# --- municipality --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"municipality": DELETE}, id="missing"),
        pytest.param({"municipality": None}, id="null"),
        pytest.param({"municipality": "koebenhavn"}, id="unknown"),
        pytest.param({"municipality": "Ballerup"}, id="wrong-case"),
        pytest.param({"municipality": " ballerup"}, id="leading-space"),
        pytest.param({"municipality": ""}, id="empty"),
        pytest.param({"municipality": 5}, id="number"),
        pytest.param({"municipality": ["ballerup"]}, id="list"),
        pytest.param({"municipality": {"id": "ballerup"}}, id="object"),
        pytest.param({"municipality": True}, id="boolean"),
    ],
)
def test_municipality_required_known_text(
    changes: dict[str, Any], registry: PolicyRegistry
) -> None:
    """contract: ``municipality`` is required and one of the known policy ids."""
    assert_input_error(changed(changes), registry, "municipality")


def test_unknown_municipality_error_lists_the_known_ones(registry: PolicyRegistry) -> None:
    """contract: the error says why; for an unknown municipality, which ones are known."""
    error = assert_input_error(changed({"municipality": "koebenhavn"}), registry, "municipality")
    for known in registry.ids():
        assert known in error.message


# --- as_of ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"as_of": DELETE}, id="missing"),
        pytest.param({"as_of": None}, id="null"),
        pytest.param({"as_of": "2026-13-01"}, id="month-13"),
        pytest.param({"as_of": "2026-02-30"}, id="february-30"),
        pytest.param({"as_of": "2025-02-29"}, id="no-leap-day"),
        pytest.param({"as_of": "23-11-2026"}, id="danish-order"),
        pytest.param({"as_of": "2026-11-23T00:00:00"}, id="datetime"),
        pytest.param({"as_of": "2026-1-5"}, id="no-zero-padding"),
        pytest.param({"as_of": "20261123"}, id="compact"),
        pytest.param({"as_of": ""}, id="empty"),
        pytest.param({"as_of": 20261123}, id="number"),
        pytest.param({"as_of": "1799-12-31"}, id="before-supported-years"),
        pytest.param({"as_of": "9999-12-31"}, id="after-supported-years"),
    ],
)
def test_as_of_required_iso_date(changes: dict[str, Any], registry: PolicyRegistry) -> None:
    """contract: ``as_of`` is required; dates are ISO ``YYYY-MM-DD``."""
    assert_input_error(changed(changes), registry, "as_of")


@pytest.mark.parametrize("municipality", ["ballerup", "lejre", "roskilde", "soenderborg", "vejen"])
def test_as_of_before_any_policy_version(municipality: str, registry: PolicyRegistry) -> None:
    """contract: ``as_of`` selects the policy version; a date before the municipality's first
    standard has none in force, which is an error naming ``as_of``."""
    first = registry.municipalities[municipality].versions[0].in_force_from
    data = {
        "municipality": municipality,
        "as_of": (first - timedelta(days=1)).isoformat(),
        "citizen": {"birth_date": "1990-01-01"},
    }
    error = assert_input_error(data, registry, "as_of")
    assert first.isoformat() in error.message


def test_as_of_on_first_policy_day_is_accepted(registry: PolicyRegistry) -> None:
    """contract: a standard is in force from its first day (inclusive)."""
    first = registry.municipalities["ballerup"].versions[0].in_force_from
    run({"municipality": "ballerup", "as_of": first.isoformat(), "citizen": {}}, registry)


# --- citizen -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"citizen": DELETE}, id="missing"),
        pytest.param({"citizen": None}, id="null"),
        pytest.param({"citizen": []}, id="list"),
        pytest.param({"citizen": "010190-1234"}, id="text"),
        pytest.param({"citizen": 1}, id="number"),
    ],
)
def test_citizen_required_object(changes: dict[str, Any], registry: PolicyRegistry) -> None:
    """contract: ``citizen`` is required and an object."""
    assert_input_error(changed(changes), registry, "citizen")


@pytest.mark.parametrize(
    ("key", "field"),
    [
        pytest.param("cpr_number", "citizen.cpr_number", id="cpr_number"),
        pytest.param("vum_levle", "citizen.vum_levle", id="typo-vum_levle"),
        pytest.param("motivation", "citizen.motivation", id="typo-motivation"),
        pytest.param("name", "citizen.name", id="name"),
    ],
)
def test_citizen_unknown_key(key: str, field: str, registry: PolicyRegistry) -> None:
    """contract: unknown keys are an error, inside ``citizen`` too."""
    error = assert_input_error(changed({f"citizen.{key}": True}), registry, field)
    assert "unknown" in error.message


def test_citizen_empty_object_is_accepted(registry: PolicyRegistry) -> None:
    """contract: missing citizen keys mean null (not yet clarified)."""
    run(changed({"citizen": {}}), registry)


@pytest.mark.parametrize(
    "cpr",
    [
        pytest.param("320190-1234", id="day-32"),
        pytest.param("001390-1234", id="day-0-month-13"),
        pytest.param("011390-1234", id="month-13"),
        pytest.param("290201-1234", id="feb-29-1901-no-leap-year"),
        pytest.param("310490-1234", id="april-31"),
        pytest.param("010190-123", id="9-digits"),
        pytest.param("010190-12345", id="11-digits"),
        pytest.param("0101901234567", id="13-digits-no-hyphen"),
        pytest.param("01019-01234", id="hyphen-after-5"),
        pytest.param("010190--1234", id="two-hyphens"),
        pytest.param("010190 1234", id="space-for-hyphen"),
        pytest.param("01019O-1234", id="letter-O"),
        pytest.param("abcdef-ghij", id="letters"),
        pytest.param("", id="empty"),
        pytest.param(101901234, id="number"),
        pytest.param(["010190-1234"], id="list"),
        pytest.param(True, id="boolean"),
    ],
)
def test_cpr_invalid(cpr: Any, registry: PolicyRegistry) -> None:
    """contract: ``cpr`` is 10 digits with an optional hyphen after 6, encoding a real date."""
    assert_input_error(changed({"citizen.cpr": cpr}), registry, "citizen.cpr")


def test_cpr_error_message_is_the_contracts_example(registry: PolicyRegistry) -> None:
    """contract: ``error: citizen.cpr: 320190-1234 is not a valid date`` (the example)."""
    error = assert_input_error(changed({"citizen.cpr": "320190-1234"}), registry, "citizen.cpr")
    assert str(error) == "citizen.cpr: 320190-1234 is not a valid date"


@pytest.mark.parametrize("cpr", ["0101901234", "010190-1234", "290200-4234"])
def test_cpr_valid_forms_are_accepted(cpr: str, registry: PolicyRegistry) -> None:
    """contract: the hyphen is optional; 29 February exists in 2000 (7th digit 4: 20xx)."""
    run(changed({"citizen.cpr": cpr}), registry)


def test_cpr_birth_date_after_as_of(registry: PolicyRegistry) -> None:
    """A CPR whose birth date lies after ``as_of`` (7th digit 4, year 30: 2030) is an error
    naming the cpr."""
    assert_input_error(changed({"citizen.cpr": "010130-4234"}), registry, "citizen.cpr")


def test_cpr_and_birth_date_both_given(registry: PolicyRegistry) -> None:
    """contract: ``cpr`` or ``birth_date``, not both. The error names ``citizen.birth_date``,
    the second of the pair, whichever of the two is consistent with the other."""
    data = changed({"citizen.birth_date": "1990-01-01"})
    error = assert_input_error(data, registry, "citizen.birth_date")
    assert "cpr" in error.message and "birth_date" in error.message


@pytest.mark.parametrize(
    "cpr",
    [
        pytest.param("010190-1234\n", id="trailing-newline"),
        pytest.param("٠١٠١٩٠-١٢٣٤", id="arabic-indic-digits"),
    ],
)
def test_cpr_only_ascii_digits_and_nothing_after(cpr: str, registry: PolicyRegistry) -> None:
    """contract: ``cpr`` is 10 digits. ``$`` in the pattern also matches before a final
    newline, and ``\\d`` matches any Unicode digit, so these are accepted today."""
    assert_input_error(changed({"citizen.cpr": cpr}), registry, "citizen.cpr")


@pytest.mark.parametrize(
    "birth_date",
    [
        pytest.param("1990-02-30", id="february-30"),
        pytest.param("01-01-1990", id="danish-order"),
        pytest.param("1990-01-01T00:00", id="datetime"),
        pytest.param("", id="empty"),
        pytest.param(19900101, id="number"),
        pytest.param("1799-12-31", id="before-supported-years"),
        pytest.param("2026-11-24", id="day-after-as_of"),
        pytest.param("2030-01-01", id="years-after-as_of"),
    ],
)
def test_birth_date_invalid(birth_date: Any, registry: PolicyRegistry) -> None:
    """contract: ``birth_date`` is an ISO date; a birth after ``as_of`` is an error."""
    data = changed({"citizen.cpr": DELETE, "citizen.birth_date": birth_date})
    assert_input_error(data, registry, "citizen.birth_date")


def test_birth_date_on_as_of_is_accepted(registry: PolicyRegistry) -> None:
    """Born on ``as_of`` itself is not after it (the boundary is inclusive)."""
    run(changed({"citizen.cpr": DELETE, "citizen.birth_date": "2026-11-23"}), registry)


@pytest.mark.parametrize(
    "living",
    [
        pytest.param("own home", id="space"),
        pytest.param("OWN_HOME", id="upper-case"),
        pytest.param("egen_bolig", id="danish"),
        pytest.param("institution", id="other"),
        pytest.param("", id="empty"),
        pytest.param(1, id="number"),
        pytest.param(True, id="boolean"),
        pytest.param(["own_home"], id="list"),
        pytest.param({"own_home": True}, id="object"),
    ],
)
def test_living_situation_not_in_enum(living: Any, registry: PolicyRegistry) -> None:
    """contract: ``living_situation`` is ``own_home`` | ``botilbud`` | ``with_family`` | null."""
    data = changed({"citizen.living_situation": living})
    assert_input_error(data, registry, "citizen.living_situation")


@pytest.mark.parametrize(
    "vum_level",
    [
        pytest.param(5, id="5"),
        pytest.param(-1, id="minus-1"),
        pytest.param(2.5, id="2.5"),
        pytest.param(Decimal("2.5"), id="decimal-2.5"),
        pytest.param("3", id="text-3"),
        pytest.param(True, id="true"),
        pytest.param(False, id="false"),
        pytest.param([3], id="list"),
        pytest.param(10**30, id="huge"),
    ],
)
def test_vum_level_whole_number_0_to_4(vum_level: Any, registry: PolicyRegistry) -> None:
    """contract: ``vum_level`` is an integer 0-4 or null; booleans are not numbers."""
    assert_input_error(changed({"citizen.vum_level": vum_level}), registry, "citizen.vum_level")


@pytest.mark.parametrize("vum_level", [0, 4, None, 3.0, Decimal("3.0")])
def test_vum_level_accepted_values(vum_level: Any, registry: PolicyRegistry) -> None:
    """contract: 0-4 or null; a whole number written with a decimal point (3.0, as some JSON
    writers do) is read as that integer."""
    scenario = parse_scenario(changed({"citizen.vum_level": vum_level}), registry.ids())
    assert scenario.citizen.vum_level == (None if vum_level is None else int(vum_level))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param("citizen.vum_level", math.nan, id="vum_level-nan"),
        pytest.param("citizen.vum_level", math.inf, id="vum_level-inf"),
        pytest.param("transport.days", Decimal("NaN"), id="transport.days-decimal-nan"),
        pytest.param("party_hearing.days", -math.inf, id="party_hearing.days-minus-inf"),
    ],
)
def test_whole_number_fields_refuse_non_finite_numbers(
    path: str, value: Any, registry: PolicyRegistry
) -> None:
    """Bad input is always an InputError naming the field (the web app calls the engine
    in-process, so it cannot rely on the CLI's JSON parser refusing NaN and Infinity)."""
    assert_input_error(changed({path: value}), registry, path)


@pytest.mark.parametrize("flag", CITIZEN_FLAGS)
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("yes", id="yes"),
        pytest.param(1, id="one"),
        pytest.param(0, id="zero"),
        pytest.param("true", id="text-true"),
        pytest.param([], id="list"),
    ],
)
def test_citizen_flag_must_be_boolean_or_null(
    flag: str, value: Any, registry: PolicyRegistry
) -> None:
    """contract: every boolean may be ``true``, ``false`` or ``null``; nothing else."""
    assert_input_error(changed({f"citizen.{flag}": value}), registry, f"citizen.{flag}")


def test_contract_flags_are_the_parsed_flags() -> None:
    """contract: the citizen booleans of the contract's input are exactly the flags parsed."""
    contract_flags = {k for k, v in CONTRACT_INPUT["citizen"].items() if isinstance(v, bool)}
    assert contract_flags == set(CITIZEN_FLAGS)


# --- the optional blocks -------------------------------------------------------------------
BLOCKS = ["application", "party_hearing", "decision", "complaint", "employment", "transport"]


@pytest.mark.parametrize("block", BLOCKS)
@pytest.mark.parametrize(
    "value",
    [
        pytest.param("2026-11-02", id="text"),
        pytest.param([], id="list"),
        pytest.param(7, id="number"),
        pytest.param(True, id="boolean"),
    ],
)
def test_block_must_be_an_object(block: str, value: Any, registry: PolicyRegistry) -> None:
    """contract: ``application``, ``party_hearing``, ..., ``transport`` are objects."""
    assert_input_error(changed({block: value}), registry, block)


@pytest.mark.parametrize(
    ("key", "field"),
    [
        pytest.param("application.received", "application.received", id="application"),
        pytest.param(
            "party_hearing.material_received",
            "party_hearing.material_received",
            id="party_hearing",
        ),
        pytest.param("party_hearing.period_days", "party_hearing.period_days", id="ph-days"),
        pytest.param("decision.decided_on", "decision.decided_on", id="decision"),
        pytest.param("complaint.recieved_on", "complaint.recieved_on", id="complaint-typo"),
        pytest.param("employment.start", "employment.start", id="employment"),
        pytest.param("employment.hourly_wage", "employment.hourly_wage", id="employment-wage"),
        pytest.param("transport.km", "transport.km", id="transport"),
        pytest.param("transport.net_earning", "transport.net_earning", id="transport-typo"),
    ],
)
def test_block_unknown_key(key: str, field: str, registry: PolicyRegistry) -> None:
    """contract: unknown keys are an error in every block."""
    error = assert_input_error(changed({key: "2026-11-02"}), registry, field)
    assert "unknown" in error.message


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param("application.received_on", "2026-11-31", id="application-nov-31"),
        pytest.param("application.received_on", 20261102, id="application-number"),
        pytest.param(
            "party_hearing.material_received_on", "2026/12/01", id="party_hearing-slashes"
        ),
        pytest.param("decision.received_on", "10-12-2026", id="decision-danish-order"),
        pytest.param("decision.received_on", "", id="decision-empty"),
        pytest.param("complaint.received_on", "2026-12-20 10:00", id="complaint-with-time"),
        pytest.param("complaint.received_on", True, id="complaint-boolean"),
        pytest.param("employment.start_date", "2027-02-29", id="employment-no-leap-day"),
        pytest.param("employment.last_follow_up_on", "2027-1-4", id="employment-unpadded"),
        pytest.param("employment.last_follow_up_on", "2301-01-01", id="employment-year-2301"),
    ],
)
def test_block_invalid_date(path: str, value: Any, registry: PolicyRegistry) -> None:
    """contract: dates are ISO ``YYYY-MM-DD``, in every block."""
    assert_input_error(changed({path: value}), registry, path)


@pytest.mark.parametrize("block", BLOCKS)
def test_block_null_means_absent(block: str, registry: PolicyRegistry) -> None:
    """contract: the blocks are optional; null is the same as absent."""
    run(changed({block: None}), registry)


# --- party_hearing.days --------------------------------------------------------------------
@pytest.mark.parametrize(
    "days",
    [
        pytest.param(0, id="zero"),
        pytest.param(-10, id="negative"),
        pytest.param(366, id="above-365"),
        pytest.param(10**9, id="huge"),
        pytest.param(14.5, id="fraction"),
        pytest.param("14", id="text"),
        pytest.param(True, id="boolean"),
    ],
)
def test_party_hearing_days_invalid(days: Any, registry: PolicyRegistry) -> None:
    """contract: ``party_hearing.days`` is the period given for comments: a whole number of
    days, at least 1 and at most a year."""
    data = changed({"party_hearing.days": days})
    assert_input_error(data, registry, "party_hearing.days")


@pytest.mark.parametrize("days", [1, 5, 9])
def test_party_hearing_days_shorter_than_ballerups_standard(
    days: int, registry: PolicyRegistry
) -> None:
    """contract: a ``days`` shorter than the standard's period is an error (Ballerup: 10)."""
    data = changed({"party_hearing.days": days})
    error = assert_input_error(data, registry, "party_hearing.days")
    assert "10" in error.message


def test_party_hearing_days_shorter_without_material_date(registry: PolicyRegistry) -> None:
    """contract: the check does not wait for the material's date: 9 < 10 is an error anyway."""
    data = changed({"party_hearing": {"days": 9}})
    assert_input_error(data, registry, "party_hearing.days")


@pytest.mark.parametrize("received_on", ["2026-12-03", "2026-12-04"])  # Thursday, Friday
def test_party_hearing_days_shorter_is_an_error_on_any_weekday(
    received_on: str, registry: PolicyRegistry
) -> None:
    """contract: a ``days`` shorter than the standard's period is an error. For material
    received on a Thursday or Friday, 9 days and 10 days both end on a weekend and roll to
    the same Monday; the periods are compared, so 9 < 10 is refused all the same."""
    data = changed({"party_hearing": {"material_received_on": received_on, "days": 9}})
    assert_input_error(data, registry, "party_hearing.days")


@pytest.mark.parametrize("days", [10, 14, 365])
def test_party_hearing_days_at_least_the_standard_is_accepted(
    days: int, registry: PolicyRegistry
) -> None:
    """contract: a ``days`` equal to or longer than the standard's period is fine."""
    run(changed({"party_hearing.days": days}), registry)


# --- employment ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "wage",
    [
        pytest.param(-1, id="negative"),
        pytest.param(-0.01, id="negative-ore"),
        pytest.param("150", id="text"),
        pytest.param("150,00", id="danish-text"),
        pytest.param(True, id="boolean"),
        pytest.param([150], id="list"),
        pytest.param(150.1234567, id="7-decimals"),
        pytest.param(Decimal("0.0000001"), id="decimal-7-decimals"),
        pytest.param(1e10, id="huge-float"),
        pytest.param(10**12, id="huge-int"),
        pytest.param(Decimal("1E+400"), id="decimal-1e400"),
        pytest.param(math.nan, id="nan"),
        pytest.param(math.inf, id="infinity"),
        pytest.param(Decimal("NaN"), id="decimal-nan"),
    ],
)
def test_minimum_hourly_wage_invalid(wage: Any, registry: PolicyRegistry) -> None:
    """Money input is a finite, non-negative number with at most 6 decimals and bounded size
    (so the engine's exact Decimal arithmetic stays exact)."""
    data = changed({"employment.minimum_hourly_wage": wage})
    assert_input_error(data, registry, "employment.minimum_hourly_wage")


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"employment.collective_agreement": 5}, id="not-text"),
        pytest.param(
            {"employment.collective_agreement": "ingen_overenskomst"}, id="unknown-agreement"
        ),
        pytest.param(
            {"employment.collective_agreement": "industriens_overenskomst"},
            id="both-agreement-and-wage",
        ),
    ],
)
def test_collective_agreement_invalid(changes: dict[str, Any], registry: PolicyRegistry) -> None:
    """``employment.collective_agreement`` (beyond the contract's listed fields): a text naming
    a known agreement, instead of ``minimum_hourly_wage``, not together with it."""
    assert_input_error(changed(changes), registry, "employment.collective_agreement")


# --- transport -----------------------------------------------------------------------------
PER_KM = {"one_way_km": 14.0, "price_per_km": 2.0, "days": 20, "net_earnings": 1200.0}
FARES = {"period_cost_total": 1120.0, "period_cost_first_10km": 800.0, "net_earnings": 1200.0}


def with_transport(**fields: Any) -> dict[str, Any]:
    return changed({"transport": {k: v for k, v in fields.items() if v is not DELETE}})


@pytest.mark.parametrize(
    ("transport", "field"),
    [
        pytest.param({**PER_KM, **FARES}, "transport.period_cost_total", id="both-complete"),
        pytest.param(
            {**PER_KM, "period_cost_first_10km": 800.0},
            "transport.period_cost_first_10km",
            id="per-km-plus-first-10km",
        ),
        pytest.param({**FARES, "one_way_km": 14.0}, "transport.period_cost_total", id="fares+km"),
        pytest.param({**FARES, "days": 20}, "transport.period_cost_total", id="fares+days"),
    ],
)
def test_transport_mixing_the_two_forms(
    transport: dict[str, Any], field: str, registry: PolicyRegistry
) -> None:
    """contract: transport has two forms, per km or by fares; not both at once."""
    error = assert_input_error(with_transport(**transport), registry, field)
    assert "form" in error.message


@pytest.mark.parametrize(
    ("missing", "base"),
    [
        pytest.param("one_way_km", PER_KM, id="per-km-without-one_way_km"),
        pytest.param("price_per_km", PER_KM, id="per-km-without-price_per_km"),
        pytest.param("days", PER_KM, id="per-km-without-days"),
        pytest.param("period_cost_total", FARES, id="fares-without-total"),
        pytest.param("period_cost_first_10km", FARES, id="fares-without-first-10km"),
    ],
)
def test_transport_form_missing_a_required_field(
    missing: str, base: dict[str, Any], registry: PolicyRegistry
) -> None:
    """contract: each transport form needs all its fields (``net_earnings`` is optional)."""
    data = with_transport(**{**base, missing: DELETE})
    assert_input_error(data, registry, f"transport.{missing}")


def test_transport_empty_block_is_an_incomplete_per_km_form(registry: PolicyRegistry) -> None:
    """An empty ``transport`` block (unlike ``null``) is read as an incomplete per-km form."""
    assert_input_error(changed({"transport": {}}), registry, "transport.one_way_km")


@pytest.mark.parametrize("base", [PER_KM, FARES], ids=["per-km", "fares"])
def test_transport_net_earnings_is_optional(base: dict[str, Any], registry: PolicyRegistry) -> None:
    """contract: ``net_earnings`` is optional in both forms."""
    run(with_transport(**{**base, "net_earnings": DELETE}), registry)


@pytest.mark.parametrize(
    ("field", "value", "base"),
    [
        pytest.param("one_way_km", -1, PER_KM, id="km-negative"),
        pytest.param("one_way_km", "14", PER_KM, id="km-text"),
        pytest.param("one_way_km", 20001, PER_KM, id="km-huge"),
        pytest.param("one_way_km", 1.1234567, PER_KM, id="km-7-decimals"),
        pytest.param("price_per_km", -2.0, PER_KM, id="price-negative"),
        pytest.param("price_per_km", True, PER_KM, id="price-boolean"),
        pytest.param("price_per_km", 1e10, PER_KM, id="price-huge"),
        pytest.param("days", -1, PER_KM, id="days-negative"),
        pytest.param("days", 2.5, PER_KM, id="days-fraction"),
        pytest.param("days", "20", PER_KM, id="days-text"),
        pytest.param("days", 10001, PER_KM, id="days-huge"),
        pytest.param("net_earnings", -1200.0, PER_KM, id="net-negative"),
        pytest.param("net_earnings", "1200", PER_KM, id="net-text"),
        pytest.param("net_earnings", -0.01, FARES, id="fares-net-negative"),
        pytest.param("period_cost_total", -1, FARES, id="total-negative"),
        pytest.param("period_cost_total", "1120", FARES, id="total-text"),
        pytest.param("period_cost_first_10km", -1, FARES, id="first-10km-negative"),
        pytest.param("period_cost_first_10km", 1120.01, FARES, id="first-10km-above-total"),
    ],
)
def test_transport_field_invalid(
    field: str, value: Any, base: dict[str, Any], registry: PolicyRegistry
) -> None:
    """contract: transport amounts are non-negative numbers (money to øre, bounded), ``days``
    a whole number of round trips; the first 10 km cannot cost more than the whole trip."""
    data = with_transport(**{**base, field: value})
    assert_input_error(data, registry, f"transport.{field}")


@pytest.mark.parametrize(
    "transport",
    [
        pytest.param({**PER_KM, "days": 0}, id="zero-days"),
        pytest.param({**PER_KM, "one_way_km": 0}, id="zero-km"),
        pytest.param({**PER_KM, "days": 20.0}, id="days-20.0"),
        pytest.param({**FARES, "period_cost_first_10km": 1120.0}, id="first-10km-equals-total"),
        pytest.param({**PER_KM, "net_earnings": 0}, id="zero-earnings"),
    ],
)
def test_transport_boundary_values_are_accepted(
    transport: dict[str, Any], registry: PolicyRegistry
) -> None:
    """Zero is a valid amount; a whole number written as 20.0 is a whole number."""
    run(with_transport(**transport), registry)

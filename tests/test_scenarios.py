"""Scenario files: input -> expected output, each naming the rule and the source it checks.

Files live in tests/scenarios/<municipality>/*.json with keys ``rule``, ``source``,
``description``, ``input`` and either ``expected`` (a partial contract output; lists and
values must match exactly) or ``expected_error`` (``{"field": ...}``: the input must be
refused naming that field).
"""

import json
from pathlib import Path

import pytest

from bb103.rules.errors import InputError
from tests.helpers import mismatches, run

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*/*.json"))


def test_every_municipality_has_scenarios(registry):
    covered = {path.parent.name for path in SCENARIOS}
    assert set(registry.ids()) <= covered


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_scenario(path, registry):
    case = json.loads(path.read_text(encoding="utf-8"))
    assert case["rule"] and case["source"], "a scenario names the rule and source it checks"
    if "expected_error" in case:
        with pytest.raises(InputError) as caught:
            run(case["input"], registry)
        assert caught.value.field == case["expected_error"]["field"]
        return
    problems = mismatches(case["expected"], run(case["input"], registry))
    assert not problems, f"{case['rule']} ({case['source']}): " + "; ".join(problems)

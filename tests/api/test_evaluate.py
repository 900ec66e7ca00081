"""``POST /api/v1/evaluate`` is the ``bb103 evaluate`` contract (docs/contract/evaluate.md):
the same answer for the same scenario, and a bad field named."""

import json
from pathlib import Path

import pytest

from bb103.cli.evaluate_cmd import evaluate_text
from bb103.rules.output import to_contract
from bb103.rules.policy.registry import default_registry

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_api_answers_each_example_as_bb103_evaluate_does(two, example):
    text = example.read_text(encoding="utf-8")
    cli = json.loads(json.dumps(to_contract(evaluate_text(text, default_registry()), True)))
    api = two.b.http.post(
        "/api/v1/evaluate",
        text,
        content_type="application/json",
        headers={"Authorization": f"Bearer {two.b.secret}"},
    )
    assert api.status_code == 200, api.content
    assert api.json() == cli


def test_a_bad_scenario_field_is_named_as_the_cli_names_it(two):
    bad = two.b.post(
        "/api/v1/evaluate",
        {"municipality": "ballerup", "as_of": "2026-11-23", "citizen": {"cpr": "320190-1234"}},
    )
    assert bad.status_code == 400
    error = bad.json()["errors"][0]
    assert error["field"] == "citizen.cpr" and "not a valid date" in error["message_en"]

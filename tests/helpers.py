"""Shared test helpers: run a scenario through the engine and compare contract output."""

from typing import Any

from bb103.rules.engine import evaluate
from bb103.rules.output import to_contract
from bb103.rules.policy.registry import PolicyRegistry
from bb103.rules.scenario import parse_scenario


def run(data: dict[str, Any], registry: PolicyRegistry) -> dict[str, Any]:
    return to_contract(evaluate(parse_scenario(data, registry.ids()), registry), explanations=False)


def mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Differences where ``expected`` is a partial picture: dict keys not listed are ignored;
    lists and scalars must match exactly."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path or '.'}: expected an object, got {actual!r}"]
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{path}.{key}: missing")
            else:
                found.extend(mismatches(value, actual[key], f"{path}.{key}"))
        return found
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        found = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            found.extend(mismatches(e, a, f"{path}[{i}]"))
        return found
    return [] if expected == actual else [f"{path or '.'}: expected {expected!r}, got {actual!r}"]

"""The rules engine: pure Python, no Django, no web layer.

Law and municipal policy are data (``bb103/data``); the rule formulas are written once
(:mod:`bb103.rules.formulas`) over an operations backend, so the single-case executor here and a
vectorised population executor can share them. Every determination carries its explanation.

The names below are imported on first use, so that a program using one part of the package
(the population executor, say) does not load the rest at start-up.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bb103.rules.engine import Evaluation, evaluate
    from bb103.rules.errors import InputError, PolicyError
    from bb103.rules.policy.registry import PolicyRegistry, default_registry
    from bb103.rules.scenario import Scenario, parse_scenario

__all__ = [
    "Evaluation",
    "InputError",
    "PolicyError",
    "PolicyRegistry",
    "Scenario",
    "default_registry",
    "evaluate",
    "parse_scenario",
]


def __getattr__(name: str) -> Any:
    # Plain imports, so that the purity tests' static scan sees every one.
    if name in ("Evaluation", "evaluate"):
        from bb103.rules import engine

        return getattr(engine, name)
    if name in ("InputError", "PolicyError"):
        from bb103.rules import errors

        return getattr(errors, name)
    if name in ("PolicyRegistry", "default_registry"):
        from bb103.rules.policy import registry

        return getattr(registry, name)
    if name in ("Scenario", "parse_scenario"):
        from bb103.rules import scenario

        return getattr(scenario, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

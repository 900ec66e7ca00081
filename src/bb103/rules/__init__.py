"""The rules engine: pure Python, no Django, no web layer.

Law and municipal policy are data (``bb103/data``); the rule formulas are written once
(:mod:`bb103.rules.formulas`) over an operations backend, so the single-case executor here and a
vectorised population executor can share them. Every determination carries its explanation.
"""

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

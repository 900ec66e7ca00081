"""A changed legal value in force for one test: the shipped policy registry with a reform
applied (bb103/population/reform.py, as tests/test_reform.py builds one), swapped in for
every module of the program that reads the registry."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from bb103.population.reform import apply_reform, load_reform
from bb103.rules.policy import registry as registry_module
from bb103.rules.policy.registry import PolicyRegistry

REFORM_FROM = date(2020, 1, 1)


def reformed(tmp_path: Path, *changes: tuple[str, str, str]) -> PolicyRegistry:
    """The shipped registry with ``changes`` (layer, key, TOML value) in force from
    1 January 2020, checked as strictly as any reform file."""
    registry = registry_module.default_registry()
    text = (
        '[reform]\ntitle = "Testreform"\n'
        f"in_force_from = {REFORM_FROM.isoformat()}\n"
        'source = "Test: ændret lovgivning"\n'
    )
    for layer, key, value in changes:
        text += f'\n[[changes]]\nlayer = "{layer}"\nkey = "{key}"\nvalue = {value}\n'
    path = tmp_path / "reform.toml"
    path.write_text(text, encoding="utf-8")
    return apply_reform(registry, load_reform(path, registry))


def _clear_engine_caches() -> None:
    """The case system's engine package caches answers read from the registry."""
    for name, module in list(sys.modules.items()):
        if name.startswith("bb103.cases.engine"):
            for value in vars(module).values():
                if getattr(value, "__module__", None) == name and hasattr(value, "cache_clear"):
                    value.cache_clear()


@contextmanager
def registry_in_force(registry: PolicyRegistry) -> Iterator[PolicyRegistry]:
    """Every ``default_registry()`` in bb103 answers ``registry`` inside the block."""
    original = registry_module.default_registry
    holders = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("bb103") and vars(module).get("default_registry") is original
    ]
    for module in holders:
        module.default_registry = lambda: registry  # type: ignore[attr-defined]
    _clear_engine_caches()
    try:
        yield registry
    finally:
        for module in holders:
            module.default_registry = original  # type: ignore[attr-defined]
        _clear_engine_caches()

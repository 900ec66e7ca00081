"""The rules engine is pure Python: no Django, no web layer (bb103/rules/__init__.py).

The web application calls the engine in-process; the engine must not call back. Checked two
ways: statically (every import in every module of ``bb103.rules``) and at run time (a fresh
interpreter imports every engine module and evaluates a case, and no web framework is loaded
or even attempted).
"""

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import bb103.rules

RULES_DIR = Path(bb103.rules.__file__).resolve().parent
# Third-party packages the engine may use; everything else must be stdlib or bb103.rules.
ALLOWED_THIRD_PARTY = {"holidays"}
WEB = {"django", "rest_framework", "ninja", "flask", "fastapi", "starlette", "werkzeug"}


def rules_modules() -> list[Path]:
    found = sorted(RULES_DIR.rglob("*.py"))
    assert len(found) > 5, f"expected the engine's modules under {RULES_DIR}"
    return sorted(found)


def imports(path: Path) -> list[tuple[int, str]]:
    """Every absolute module a file imports: (line, dotted name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return sorted(found)


def violations(paths: list[Path], root: Path) -> list[str]:
    """Imports that are not stdlib, bb103.rules itself, or an allowed third-party package."""
    allowed = set(sys.stdlib_module_names) | ALLOWED_THIRD_PARTY | {"__future__"}
    bad = []
    for path in paths:
        for line, name in imports(path):
            top = name.split(".")[0]
            if top == "bb103":
                if name != "bb103" and not name.startswith("bb103.rules"):
                    bad.append(f"{path.relative_to(root)}:{line}: {name} (outside rules)")
            elif top not in allowed:
                bad.append(f"{path.relative_to(root)}:{line}: {name}")
    return bad


def test_rules_import_only_stdlib_bb103_rules_and_holidays() -> None:
    """rules: every import under bb103/rules is stdlib, bb103.rules itself, or holidays."""
    bad = violations(rules_modules(), RULES_DIR)
    assert not bad, "the engine imports outside stdlib/bb103.rules/holidays:\n" + "\n".join(bad)


def test_the_import_scan_finds_web_imports(tmp_path: Path) -> None:
    """The scan itself works: it reports Django, DRF, a nested import and the CLI."""
    module = tmp_path / "leaky.py"
    module.write_text(
        "import json\n"
        "from django.db import models\n"
        "def f():\n"
        "    import rest_framework.serializers\n"
        "    from bb103.cli import main\n"
        "    from bb103.rules import engine\n"
        "import holidays\n",
        encoding="utf-8",
    )
    assert violations([module], tmp_path) == [
        "leaky.py:2: django.db",
        "leaky.py:4: rest_framework.serializers",
        "leaky.py:5: bb103.cli (outside rules)",
    ]


def test_rules_have_no_relative_imports_out_of_the_package() -> None:
    """rules: a relative import cannot climb out of bb103.rules (e.g. ``from ..web import``)."""
    bad = []
    for path in rules_modules():
        depth = len(path.relative_to(RULES_DIR).parts) - 1  # packages below bb103.rules
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level > depth + 1:
                bad.append(f"{path.relative_to(RULES_DIR)}:{node.lineno}")
    assert not bad, bad


def test_rules_have_no_dynamic_imports() -> None:
    """rules: no ``importlib.import_module`` or ``__import__`` that a static scan would miss."""
    bad = []
    for path in rules_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = getattr(func, "attr", None) or getattr(func, "id", None)
                if name in {"import_module", "__import__"}:
                    bad.append(f"{path.relative_to(RULES_DIR)}:{node.lineno}")
    assert not bad, bad


_PROBE = r"""
import importlib, json, pkgutil, sys

WEB = set(json.loads(sys.argv[1]))
attempted = []

class Recorder:
    # Records every import the interpreter attempts (even one wrapped in try/except).
    def find_spec(self, name, path=None, target=None):
        attempted.append(name)
        return None

sys.meta_path.insert(0, Recorder())

import bb103.rules
names = sorted(m.name for m in pkgutil.walk_packages(bb103.rules.__path__, "bb103.rules."))
for name in names:
    importlib.import_module(name)

from bb103.rules import default_registry, evaluate, parse_scenario
from bb103.rules.output import to_contract
registry = default_registry()
scenario = parse_scenario(json.loads(sys.argv[2]), registry.ids())
result = to_contract(evaluate(scenario, registry))
assert result["eligibility"]["outcome"] == "eligible", result["eligibility"]

loaded = sorted(m for m in sys.modules if m.split(".")[0] in WEB)
tried = sorted({m for m in attempted if m.split(".")[0] in WEB})
outside = sorted(
    m for m in sys.modules if m.startswith("bb103.") and not m.startswith("bb103.rules")
)
print(json.dumps({"modules": names, "loaded": loaded, "tried": tried, "outside": outside}))
"""


def test_importing_and_running_the_engine_loads_no_web_framework() -> None:
    """rules: a fresh interpreter imports every bb103.rules module and evaluates the
    contract example; no web framework (Django, DRF, Ninja, ...) is loaded or even tried,
    and nothing of bb103 outside bb103.rules (no CLI, no web app) is loaded."""
    example = Path(__file__).resolve().parents[1] / "examples" / "contract-ballerup.json"
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(sorted(WEB)), example.read_text("utf-8")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    expected = {m.name for m in pkgutil.walk_packages(bb103.rules.__path__, "bb103.rules.")}
    assert set(report["modules"]) == expected and expected
    assert report["loaded"] == [], report["loaded"]
    assert report["tried"] == [], report["tried"]
    assert report["outside"] == [], report["outside"]

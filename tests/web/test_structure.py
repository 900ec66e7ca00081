"""The screens' structure: views read through selectors and write through services.

Like Zulip's lint rule against ``Model.objects`` in views: a view that reached a manager
directly would bypass the municipality scoping of bb103.cases.selectors."""

import ast
from pathlib import Path

import bb103.web

WEB_DIR = Path(bb103.web.__file__).resolve().parent


def _objects_uses(directory: Path) -> list[str]:
    found = []
    for path in sorted(directory.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager"):
                found.append(f"{path.relative_to(WEB_DIR)}:{node.lineno}")
    return found


def test_no_view_or_form_reaches_a_model_manager():
    assert list((WEB_DIR / "views").glob("*.py")), "the views package moved"
    assert _objects_uses(WEB_DIR / "views") == []
    assert _objects_uses(WEB_DIR / "forms") == []


def test_the_scan_finds_a_manager_use(tmp_path):
    # The scan itself must catch the pattern it forbids.
    (tmp_path / "bad.py").write_text("def v(r):\n    return Case.objects.get(pk=1)\n")
    global WEB_DIR
    saved, WEB_DIR = WEB_DIR, tmp_path
    try:
        assert _objects_uses(tmp_path) == ["bad.py:2"]
    finally:
        WEB_DIR = saved

"""The repository is self-contained (issue 15, item 15: the contracts belong to the
project): what it specifies itself by (the ``bb103 evaluate`` and population file
contracts) is in ``docs/contract/``, and no file points to a ``shared/contract`` or
``../shared`` folder that a user of the repository does not have."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = ROOT / "docs" / "contract"

# Folders that are not the repository's own text: the environment, caches, the database.
SKIP = {
    ".git", ".venv", "var", "node_modules", "build", "dist", "__pycache__", ".pytest_cache",
    ".mypy_cache", ".ruff_cache", ".hypothesis",
}  # fmt: skip
# A path outside the repository: the shared folder next to it, or its contracts there.
OUTSIDE = re.compile(r"\.\./shared\b|/work/shared\b|\bshared/(contract|seeds)\b")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _files() -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP and not d.endswith(".egg-info")]
        found += [Path(folder, f) for f in files if not Path(folder, f).is_symlink()]
    return found


def test_the_contracts_are_in_the_repository():
    """Issue 15, item 15: the evaluate and population contracts are in docs/contract/, and
    the README links there."""
    for name, title in (
        ("evaluate.md", "# Contract: `bb103 evaluate`"),
        ("population.md", "# Contract: population files for `bb103 simulate`"),
    ):
        text = (CONTRACTS / name).read_text(encoding="utf-8")
        assert text.startswith(title), name
        assert f"](docs/contract/{name})" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_no_file_points_outside_the_repository():
    """Issue 15, item 15: no file of the repository (README, docs, code, docstrings, tests,
    scenario files) refers to shared/contract or ../shared; the contracts are cited as
    docs/contract/…."""
    here = Path(__file__).resolve()
    offending = []
    for path in _files():
        if path.resolve() == here:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # not text (a PDF, a picture)
        for n, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                offending.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offending, "\n".join(offending)


def test_the_documents_links_lead_to_files_of_the_repository():
    """Issue 15, item 15: every relative link in the README and docs/ names a file that is
    in the repository."""
    broken = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for target in MARKDOWN_LINK.findall(doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a web address or a place in the same document
            if not (doc.parent / target.split("#")[0]).exists():
                broken.append(f"{doc.relative_to(ROOT)}: {target}")
    assert not broken, broken

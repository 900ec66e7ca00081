"""Real ``bb103`` processes on a SQLite file of their own, for the tests that must cross a
process boundary (kill and rerun, a server taking posts at once). The demo database they
start from is made once (the ``demo_sqlite`` fixture in this folder's conftest) and copied."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BB103 = [sys.executable, "-m", "bb103.cli.main"]
DB = "bb103.sqlite3"
# The one xdist group of every test that uses demo_sqlite, so it is made once in a run.
GROUP = pytest.mark.xdist_group("sqlite_processes")
# The processes use a SQLite file of their own whatever the suite runs on, so they run once,
# in the SQLite pass of .ci/run, not again in the PostgreSQL pass.
SQLITE_PASS_ONLY = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="runs its own SQLite processes; covered by the SQLite pass",
)


def bb103_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a process on ``var_dir``'s database, with the development
    settings whatever the test process has."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BB103_", "DATABASE_"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return {**env, "BB103_VAR_DIR": str(var_dir), **extra}


def bb103_run(var_dir: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BB103, *args], env=bb103_env(var_dir, **extra), capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def make_demo(var_dir: Path) -> Path:
    """Migrate and load the demo (six citizens per municipality) into ``var_dir``: two
    municipalities, the least every fixture holds; the process tests use Ballerup's. Without
    the year of history (the overview's): these tests settle and sweep months of their own."""
    for args in (("manage", "migrate", "--noinput", "-v", "0"),
                 ("manage", "load_demo", "--per-municipality", "6",
                  "--only", "ballerup,vejen", "--no-history")):  # fmt: skip
        done = bb103_run(var_dir, *args)
        assert done.returncode == 0, done.stderr
    return var_dir


def copy_demo(demo: Path, target: Path) -> Path:
    """A copy of the demo database in ``target`` (created owner-only, as bb103 makes var/)."""
    target.mkdir(mode=0o700, exist_ok=True)
    for f in demo.glob(f"{DB}*"):
        shutil.copy(f, target / f.name)
    return target

"""Issue 7 point 6, "nothing lost": the daily sweep (``bb103 sweep``) and the monthly
settlement (``bb103 settle``) are safe to kill midway and run again. Real processes on a
real SQLite file: each command is started as a subprocess and killed with SIGKILL in the
middle of its work (the ``BB103_FAULT_AFTER`` test hook, ``bb103.cases.fault``), then run
again; the database must end exactly as after one uninterrupted run (each task once; the
same settlement lines)."""

import signal
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.security.processes import DB, GROUP, SQLITE_PASS_ONLY, bb103_run, copy_demo

# One worker for the processes' tests under pytest-xdist, so the demo database is made once.
pytestmark = [SQLITE_PASS_ONLY, GROUP]

# Columns that record when a row was written, not what it says.
WHEN = {"id", "created_at", "completed_at", "run_at"}


@pytest.fixture
def filled(demo_sqlite, tmp_path) -> Path:
    """A migrated database with the demo's municipalities, users and cases (this test's
    own copy: the other tests of the group start from the same)."""
    return copy_demo(demo_sqlite, tmp_path / "filled")


def _rows(var_dir: Path, table: str) -> list[tuple]:
    with sqlite3.connect(var_dir / DB) as db:
        cursor = db.execute(f"SELECT * FROM {table}")  # a fixed table name
        keep = [i for i, d in enumerate(cursor.description) if d[0] not in WHEN]
        rows = [tuple(row[i] for i in keep) for row in cursor.fetchall()]
    # NULL beside numbers in a column: ordered as (is it NULL, its type, the value).
    return sorted(
        rows, key=lambda r: tuple((v is None, type(v).__name__, 0 if v is None else v) for v in r)
    )


def _killed(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stdout, done.stderr)


def test_sweep_killed_midway_and_rerun_makes_each_task_once(filled, tmp_path):
    """The sweep's batches commit one at a time: a kill inside the third batch (its rows
    written, not committed) keeps the first two, and the rerun adds exactly the rest."""
    as_of = (timezone.localdate() + timedelta(days=90)).isoformat()
    args = ("sweep", "--date", as_of, "--batch-size", "4")
    whole, killed = copy_demo(filled, tmp_path / "whole"), copy_demo(filled, tmp_path / "killed")
    before = _rows(filled, "cases_task")

    assert bb103_run(whole, *args).returncode == 0
    expected = _rows(whole, "cases_task")
    assert len(expected) > len(before) + 8, "the sweep must have work for several batches"

    # Fault points: one per case and one after each batch's writes; the 14th is inside the
    # third batch, after its fourth case.
    _killed(bb103_run(killed, *args, BB103_FAULT_AFTER="14", BB103_FAULT_AT="sweep"))
    midway = _rows(killed, "cases_task")
    assert len(before) < len(midway) < len(expected), "killed midway, not before or after"

    done = bb103_run(killed, *args)
    assert done.returncode == 0, done.stderr
    assert _rows(killed, "cases_task") == expected
    # A third run finds nothing left to do.
    assert bb103_run(killed, *args).returncode == 0
    assert _rows(killed, "cases_task") == expected


def _last_month() -> str:
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


@pytest.mark.parametrize("after", [3, 10_000], ids=["while computing", "after writing"])
def test_settlement_killed_midway_and_rerun_gives_the_same_lines(filled, tmp_path, after):
    """The settlement of a month is one transaction: killed while computing the lines, or
    after writing them but before the commit, it leaves the month as it was, and the rerun
    gives the same lines as an uninterrupted run."""
    args = ("settle", "--month", _last_month(), "--municipality", "ballerup")
    whole, killed = copy_demo(filled, tmp_path / "whole"), copy_demo(filled, tmp_path / "killed")
    before = _rows(filled, "cases_settlementline")

    done = bb103_run(whole, *args)
    assert done.returncode == 0, done.stderr
    expected = _rows(whole, "cases_settlementline")
    assert len(expected) >= 3, "the month must have placements to settle"

    # One fault point per placement computed and one after the lines are written: the last
    # one counted is the one after writing.
    points = len(expected) + 1 if after > len(expected) else after
    _killed(bb103_run(killed, *args, BB103_FAULT_AFTER=str(points), BB103_FAULT_AT="settle"))
    assert _rows(killed, "cases_settlementline") == before

    done = bb103_run(killed, *args)
    assert done.returncode == 0, done.stderr
    assert _rows(killed, "cases_settlementline") == expected

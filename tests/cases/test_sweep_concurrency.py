"""The sweep on several workers at once (PostgreSQL): row locks with SKIP LOCKED share the
cases out, and each task is created exactly once. SQLite has a single writer and no row
locks, so these tests run only on PostgreSQL (``.ci/run`` runs the suite on both)."""

import threading
from datetime import date

import pytest
from django.conf import settings
from django.db import connection, transaction

from bb103.cases.models import Case, Task
from bb103.cases.services import sweep_run
from tests.cases.sweep_world import build

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="row locks (SELECT ... FOR UPDATE SKIP LOCKED) need PostgreSQL; "
        "set DATABASE_URL, as .ci/run does",
    ),
]

DAY = date(2025, 10, 12)  # every case in the world has a task due that day


def _in_thread(target, *args):
    """Run ``target`` in a thread of its own, with its own database connection."""
    out: dict = {}

    def run():
        try:
            out["result"] = target(*args)
        except BaseException as exc:  # handed back to the test
            out["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    return thread, out


def test_two_workers_at_once_create_each_task_exactly_once(ballerup, vejen, lejre, citizen_of):
    build(ballerup, vejen, lejre, citizen_of)
    build(ballerup, vejen, lejre, citizen_of)
    start = threading.Barrier(2)

    def worker():
        start.wait()
        return sweep_run(today=DAY, batch_size=1)

    runs = [_in_thread(worker) for _ in range(2)]
    for thread, _ in runs:
        thread.start()
    for thread, _ in runs:
        thread.join(timeout=60)
    results = []
    for _, out in runs:
        assert "error" not in out, out.get("error")
        results.append(out["result"])
    keys = list(Task.objects.values_list("case_id", "kind", "source", "due_on"))
    assert len(keys) == len(set(keys)) == 12
    # Each task was counted by the one worker that made it: the other skipped the locked
    # case or found the task already there.
    assert sum(sum(r.created.values()) for r in results) == 12


def test_a_locked_case_is_skipped_not_waited_for(ballerup, vejen, lejre, citizen_of):
    world = build(ballerup, vejen, lejre, citizen_of)
    with transaction.atomic():
        # A caseworker's step holds the case (services lock the same row).
        Case.objects.select_for_update().get(pk=world.received.pk)
        thread, out = _in_thread(lambda: sweep_run(today=DAY, batch_size=1))
        thread.start()
        thread.join(timeout=60)
        assert not thread.is_alive(), "the sweep waited for the lock"
    assert "error" not in out, out.get("error")
    assert out["result"].skipped == 1
    assert not Task.objects.filter(case=world.received).exists()
    assert Task.objects.count() == 5
    # The next run, or another worker, takes the case once it is free.
    assert sum(sweep_run(today=DAY).created.values()) == 1
    assert Task.objects.filter(case=world.received).count() == 1

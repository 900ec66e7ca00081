"""Helpers for the Digital Post tests: a letter sent with its commit hooks run (so its
delivery job is queued), the database worker run once over the queue, and a receipt
dropped in the file channel's inbox."""

from datetime import datetime
from pathlib import Path
from unittest.mock import patch
from uuid import UUID
from zoneinfo import ZoneInfo

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Worker

from bb103.cases import services
from bb103.cases.models import Letter
from bb103.letters.receipt import Receipt, receipt_json

RECEIPT_TIME = datetime(2025, 3, 11, 9, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))


def send(capture, caseworker, case, kind: str = "receipt") -> Letter:
    """Send a letter as the screens do; the commit hooks run, so its job is queued."""
    with capture(execute=True):
        return services.letter_send(user=caseworker, case=case, kind=kind)


def run_worker(capture, worker_id: str = "test-worker") -> None:
    """A fresh db_worker (django-tasks-db's own worker class, as ``bb103 manage db_worker
    --batch`` runs it) that takes every job ready in the database and stops; the commit
    hooks of the jobs run, so a retry a job queues is in the database afterwards."""
    # The worker closes connections that are not in autocommit between jobs, as a process
    # of its own should; the test's connection is inside the test's transaction.
    with capture(execute=True), patch(f"{Worker.__module__}.close_old_connections"):
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        ).run()


def outbox() -> Path:
    return Path(settings.BB103_DIGITAL_POST_DIR) / "outbox"


def inbox() -> Path:
    return Path(settings.BB103_DIGITAL_POST_DIR) / "inbox"


def drop_receipt(message_uuid: UUID, *, delivered: bool, reason: str = "") -> Path:
    inbox().mkdir(parents=True, exist_ok=True)
    path = inbox() / f"kvittering-{message_uuid}.json"
    path.write_bytes(receipt_json(Receipt(message_uuid, delivered, reason, RECEIPT_TIME)))
    return path

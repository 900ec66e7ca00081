"""The daily sweep (``bb103 sweep``): tasks for caseworkers from every case's deadlines,
placements and complaints, as of one date.

Safe to repeat, to rerun after being killed, and to run on several workers at once:

- Cases are taken in batches, each in its own transaction, with the batch's case rows
  locked ``FOR UPDATE SKIP LOCKED`` (PostgreSQL; SQLite has one writer and ignores it): a
  second worker skips the cases the first holds and takes the next batch, and a step on a
  case (which locks the same row) waits for the sweep of that case, and the other way round.
- A task's natural key ``(case, kind, source, due_on)`` is unique in the database; the
  sweep skips the keys a case already has and inserts with ``ignore_conflicts``, so no run,
  however it overlaps another, creates a task twice.
- A batch's tasks and its audit entries commit together: a run killed halfway leaves whole
  batches done, and the rerun does the rest.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from bb103.cases.actions.termination import termination_effect
from bb103.cases.errors import CaseError
from bb103.cases.fault import fault_point
from bb103.cases.models import (
    AuditEntry,
    Case,
    CaseStatus,
    Complaint,
    ComplaintStatus,
    Deadline,
    FollowUpBooking,
    Municipality,
    Placement,
    Task,
    TaskStatus,
    User,
)
from bb103.cases.services.audit import audit_write
from bb103.cases.services.changes import changes_due_apply
from bb103.cases.services.delivery import print_batch_run, print_days_pending
from bb103.cases.services.sweep_rules import CaseRows, task_key, task_settled, tasks_needed

# The user the sweep's audit entries name; it cannot log in.
SWEEP_USERNAME = "bb103-sweep"
BATCH_SIZE = 200


@dataclass
class SweepResult:
    today: date
    municipalities: list[str] = field(default_factory=list)
    cases: int = 0
    skipped: int = 0  # locked by another worker, which sweeps them
    created: Counter[str] = field(default_factory=Counter)
    closed: int = 0
    terminated: int = 0  # decided endings that took effect on their day
    printed: int = 0  # print batches written (letters to citizens exempt from Digital Post)

    def add(self, other: "SweepResult") -> None:
        self.cases += other.cases
        self.skipped += other.skipped
        self.created.update(other.created)
        self.closed += other.closed
        self.terminated += other.terminated
        self.printed += other.printed


def sweep_run(
    *, today: date, municipality_id: str | None = None, batch_size: int = BATCH_SIZE
) -> SweepResult:
    """Sweep every municipality, or one, as of ``today``; one audit entry per municipality
    for the run, and one per case whose tasks it changed."""
    actor = sweep_user()
    municipalities = Municipality.objects.order_by("id")
    if municipality_id is not None:
        municipalities = municipalities.filter(pk=municipality_id)
    result = SweepResult(today)
    for municipality in municipalities:
        part = SweepResult(today, [municipality.pk])
        part.terminated = _end_terminations(municipality.pk, today=today, actor=actor)
        changes_due_apply(municipality.pk, today=today, actor=actor)
        for batch in _chunks(_candidates(municipality.pk, today), batch_size):
            part.add(_sweep_batch(batch, today=today, actor=actor))
        # The print batch of every finished day still waiting: a day is whole once it is
        # over, and the sweep is the run every municipality has once a day anyway.
        for day in print_days_pending(before=today, municipality_id=municipality.pk):
            part.printed += len(print_batch_run(day=day, municipality_id=municipality.pk))
        audit_write(
            actor=actor,
            municipality_id=municipality.pk,
            action="sweep_run",
            details={
                "as_of": today,
                "cases": part.cases,
                "skipped": part.skipped,
                "created": dict(sorted(part.created.items())),
                "closed": part.closed,
                "terminated": part.terminated,
            },
        )
        result.municipalities.append(municipality.pk)
        result.add(part)
    return result


def sweep_user() -> User:
    user, _ = User.objects.get_or_create(
        username=SWEEP_USERNAME,
        defaults={
            "is_active": False,
            "first_name": "Daglig kørsel",
            "password": make_password(None),
        },
    )
    return user


def _end_terminations(municipality_id: str, *, today: date, actor: User) -> int:
    """Let the decided endings whose day has come take effect, each through its case's
    action (``termination_effect``) in a transaction of its own. One another worker or a
    caseworker took first is refused by the action and skipped."""
    due = Case.objects.filter(
        municipality_id=municipality_id,
        status__in=(CaseStatus.DECIDED, CaseStatus.ACTIVE),
        termination__terminated_on__lte=today,
    ).order_by("pk")
    ended = 0
    for case in due:
        try:
            termination_effect.run_as_system(case=case, actor=actor, today=today)
        except CaseError:
            continue
        ended += 1
    return ended


def _candidates(municipality_id: str, today: date) -> list[int]:
    """The cases that may need a task or have one open: a running deadline, a running
    placement, an upheld complaint waiting to be forwarded, or an open task."""
    case = OuterRef("pk")
    return list(
        Case.objects.filter(municipality_id=municipality_id)
        .filter(
            Exists(Deadline.objects.filter(case=case, met_on__isnull=True))
            | Exists(Placement.objects.filter(case=case, ended_on__isnull=True))
            | Exists(Complaint.objects.filter(case=case, status=ComplaintStatus.REASSESSED))
            | Exists(Task.objects.filter(case=case, status=TaskStatus.OPEN))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _sweep_batch(case_ids: list[int], *, today: date, actor: User) -> SweepResult:
    result = SweepResult(today)
    with transaction.atomic():
        locked = list(
            Case.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=case_ids)
            .order_by("pk")
            .values_list("pk", "municipality_id", "caseworker_id")
        )
        result.skipped = len(case_ids) - len(locked)
        rows = {pk: CaseRows(pk, mid, worker) for pk, mid, worker in locked}
        _read(rows)
        new: list[Task] = []
        audit: list[AuditEntry] = []
        now = timezone.now()
        for case in rows.values():
            fault_point("sweep")
            made, settled = _sweep_case(case, today)
            for task, note in settled:
                Task.objects.filter(pk=task.pk, status=TaskStatus.OPEN).update(
                    status=TaskStatus.DONE, completed_at=now, note=note
                )
            new.extend(made)
            result.created.update(t.kind for t in made)
            result.closed += len(settled)
            if made or settled:
                audit.append(
                    AuditEntry(
                        municipality_id=case.municipality_id,
                        case_id=case.case_id,
                        actor=actor,
                        action="sweep_tasks",
                        at=now,
                        details={
                            "as_of": today.isoformat(),
                            "created": [task_key(t) for t in made],
                            "closed": [t.pk for t, _ in settled],
                        },
                    )
                )
        # The case rows are locked, so no other sweep inserts these keys meanwhile; the
        # constraint and ignore_conflicts are the guard should one run without the lock.
        # (SQLite's INSERT OR IGNORE also drops rows breaking NOT NULL, so every field is
        # set in sweep_rules and the tests count what is created.)
        Task.objects.bulk_create(new, ignore_conflicts=True)
        AuditEntry.objects.bulk_create(audit)
        fault_point("sweep")  # a kill here: the batch's rows written, not yet committed
        result.cases = len(rows)
    return result


def _sweep_case(case: CaseRows, today: date) -> tuple[list[Task], list[tuple[Task, str]]]:
    """The case's new tasks, and its open tasks the case's rows show are settled."""
    # A key the case has had, open or done, is not made again: a task the caseworker
    # completed stays completed.
    made = [t for t in tasks_needed(case, today) if task_key(t) not in case.task_keys]
    settled = []
    for task in case.open_tasks:
        note = task_settled(case, task, today)
        if note is not None:
            settled.append((task, note))
    return made, settled


def _read(rows: dict[int, CaseRows]) -> None:
    """Read the batch's rows in one query per table."""
    ids = list(rows)
    for d in Deadline.objects.filter(case_id__in=ids, met_on__isnull=True).order_by("pk"):
        rows[d.case_id].deadlines.append(d)
    for p in Placement.objects.filter(case_id__in=ids, ended_on__isnull=True).order_by("pk"):
        rows[p.case_id].placements.append(p)
    for b in FollowUpBooking.objects.filter(
        case_id__in=ids,
        held__isnull=True,
        cancelled_on__isnull=True,
        placement__ended_on__isnull=True,
    ).order_by("planned_on", "pk"):
        rows[b.case_id].bookings.append(b)
    for c in Complaint.objects.filter(case_id__in=ids, status=ComplaintStatus.REASSESSED):
        rows[c.case_id].complaints.append(c)
    for t in Task.objects.filter(case_id__in=ids).order_by("pk"):
        rows[t.case_id].task_keys.add(task_key(t))
        if t.status == TaskStatus.OPEN:
            rows[t.case_id].open_tasks.append(t)


def _chunks(items: Iterable[int], size: int) -> Iterator[list[int]]:
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        yield batch

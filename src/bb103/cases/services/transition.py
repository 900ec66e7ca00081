"""The frame every step on a case runs in: lock, permission, state, deadlines, audit."""

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from bb103.cases.errors import CaseError
from bb103.cases.models import Case, CaseStatus, User
from bb103.cases.permissions import require_step, step_label
from bb103.cases.services.audit import audit_write
from bb103.cases.services.deadlines import deadlines_recompute


@dataclass
class Step:
    """The locked case, the acting user and today's date; ``details`` go into the audit."""

    case: Case
    user: User
    today: date
    details: dict[str, Any] = field(default_factory=dict)


@contextmanager
def case_step(*, user: User, case: Case, step: str, statuses: Collection[str]) -> Iterator[Step]:
    """Run one step atomically on the case, locked against concurrent steps.

    Raises AccessDenied if the user may not take the step in the case's municipality, and
    CaseError if the case's status does not allow it. After the step the deadlines are
    recomputed through the engine and the audit entry is written, in the same transaction.
    """
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",))
            .select_related("municipality", "citizen")
            .get(pk=case.pk)
        )
        require_step(user, step, locked.municipality_id)
        if locked.status not in statuses:
            raise CaseError(
                f"Sagen har status »{CaseStatus(locked.status).label}«, så du kan ikke "
                f"{step_label(step)} nu.",
                field="status",
            )
        current = Step(locked, user, timezone.localdate())
        yield current
        deadlines_recompute(case=locked, today=current.today)
        audit_write(
            actor=user,
            municipality_id=locked.municipality_id,
            action=step,
            case=locked,
            details=current.details,
        )
    case.status = locked.status
    case.next_due_on = locked.next_due_on

"""The frame every step on a case runs in: lock, permission, state, deadlines, audit."""

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import AuditEntry, AuditKind, Case, CaseStatus, User
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
def case_step(
    *,
    user: User,
    case: Case,
    step: str,
    statuses: Collection[str],
    expected_version: int | None = None,
) -> Iterator[Step]:
    """Run one step atomically on the case, locked against concurrent steps.

    Raises AccessDenied if the user may not take the step in the case's municipality, and
    CaseError if the case's status does not allow it. ``expected_version`` is the case's
    version the user's form was shown with: if another step has been taken since, a
    CaseError(field="version") says by whom and when, and nothing is written (optimistic
    locking; None skips the check, for callers that show no form). After the step the
    version goes up by one, the deadlines are recomputed through the engine and the audit
    entry is written, all in the same transaction.
    """
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",))
            .select_related("municipality", "citizen")
            .get(pk=case.pk)
        )
        require_step(user, step, locked.municipality_id)
        if expected_version is not None and expected_version != locked.version:
            raise CaseError(_changed_since(locked), field="version")
        if locked.status not in statuses:
            raise CaseError(
                f"Sagen har status »{CaseStatus(locked.status).label}«, så du kan ikke "
                f"{step_label(step)} nu.",
                field="status",
            )
        current = Step(locked, user, timezone.localdate())
        yield current
        locked.version += 1
        locked.save(update_fields=["version"])
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
    case.version = locked.version


def _changed_since(case: Case) -> str:
    """The Danish message for a form that is out of date: who took the latest step on the
    case and when (from the audit trail, written in the same transaction as the step)."""
    last = (
        AuditEntry.objects.filter(case=case, kind=AuditKind.WRITE)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if last is None:
        who_when = ""
    else:
        name = last.actor.get_full_name() or last.actor.get_username()
        at = timezone.localtime(last.at)
        who_when = f" af {name} {danish_date(at.date())} kl. {at:%H.%M}"
    return (
        f"Sagen er blevet ændret{who_when}, efter du åbnede siden. Dine ændringer er ikke "
        "gemt. Genindlæs sagen, se hvad der er sket, og udfyld formularen igen."
    )

"""A caseworker's tasks from the daily sweep: marking one done."""

from django.db import transaction
from django.utils import timezone

from bb103.cases.errors import CaseError
from bb103.cases.models import Task, TaskStatus, User
from bb103.cases.permissions import require_step
from bb103.cases.selectors.tasks import task_get_for_user
from bb103.cases.services.audit import audit_write


def task_complete(*, user: User, task_id: int, note: str = "") -> Task:
    """Mark an open task done. Another municipality's task is "not found"; a user without
    the caseworker's or manager's role in the task's municipality is refused."""
    visible = task_get_for_user(user=user, task_id=task_id)
    require_step(user, "task_complete", visible.municipality_id)
    with transaction.atomic():
        # Locked, so a sweep closing the same task meanwhile cannot be overwritten.
        task = Task.objects.select_for_update().get(pk=visible.pk)
        if task.status != TaskStatus.OPEN:
            raise CaseError("Opgaven er allerede udført.", field="status")
        task.status = TaskStatus.DONE
        task.completed_at = timezone.now()
        task.completed_by = user
        task.note = note.strip()[:300]
        task.save(update_fields=["status", "completed_at", "completed_by", "note"])
        audit_write(
            actor=user,
            municipality_id=task.municipality_id,
            action="task_complete",
            case=task.case,
            details={"task": task.pk, "kind": task.kind, "due_on": task.due_on},
        )
    return task

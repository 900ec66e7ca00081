from django.db.models import QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import Task, TaskStatus, User
from bb103.cases.selectors.scope import scope_of
from bb103.cases.services.audit import audit_read


def task_list_for_user(
    *, user: User, open_only: bool = True, assigned_only: bool = False
) -> QuerySet[Task]:
    """The tasks of the municipalities where the user reads every case, the earliest due
    first. Provider staff see none: the tasks are the municipality's own work."""
    rows = Task.objects.filter(municipality_id__in=scope_of(user).case_municipalities)
    if open_only:
        rows = rows.filter(status=TaskStatus.OPEN)
    if assigned_only:
        rows = rows.filter(assigned_to=user)
    return rows.select_related("case", "case__citizen", "assigned_to").order_by("due_on", "id")


def task_get_for_user(*, user: User, task_id: int) -> Task:
    task = task_list_for_user(user=user, open_only=False).filter(pk=task_id).first()
    if task is None:
        raise NotFound("Opgaven")
    return task


def task_read_for_user(*, user: User, task_id: int) -> Task:
    """The task for its own page, which names the case's citizen: logged as a read."""
    task = task_get_for_user(user=user, task_id=task_id)
    if task.case is not None:
        audit_read(actor=user, action="case_read", case=task.case, details={"page": "task"})
    return task

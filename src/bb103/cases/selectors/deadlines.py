from django.db.models import QuerySet

from bb103.cases.models import Case, Deadline, User
from bb103.cases.selectors.scope import scope_of


def deadline_list_for_user(*, user: User, open_only: bool = True) -> QuerySet[Deadline]:
    """The deadlines of the cases the user may read, the earliest first."""
    cases = Case.objects.filter(scope_of(user).cases_q()).values("pk")
    rows = Deadline.objects.filter(case_id__in=cases)
    if open_only:
        rows = rows.filter(met_on__isnull=True)
    return rows.select_related("case", "case__citizen").order_by("due_on", "id")

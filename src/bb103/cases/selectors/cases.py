from django.db.models import QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import Case, User
from bb103.cases.selectors.scope import scope_of


def case_list_for_user(*, user: User) -> QuerySet[Case]:
    """The cases the user may read, with municipality and citizen joined."""
    return (
        Case.objects.filter(scope_of(user).cases_q())
        .select_related("municipality", "citizen", "caseworker")
        .order_by("-created_at", "-id")
    )


def case_get_for_user(*, user: User, case_id: int) -> Case:
    case = case_list_for_user(user=user).filter(pk=case_id).first()
    if case is None:
        raise NotFound("Sagen")
    return case

from django.db.models import QuerySet

from bb103.cases.models import AuditEntry, User
from bb103.cases.selectors.cases import case_get_for_user


def audit_list_for_case(*, user: User, case_id: int) -> QuerySet[AuditEntry]:
    """The case's audit trail, if the user may read the case."""
    case = case_get_for_user(user=user, case_id=case_id)
    return AuditEntry.objects.filter(case=case).select_related("actor").order_by("at", "id")

from django.db.models import Q, QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import Case, Citizen, User
from bb103.cases.selectors.scope import scope_of
from bb103.cases.services.audit import audit_read


def citizen_list_for_user(*, user: User) -> QuerySet[Citizen]:
    """Citizens of the municipalities where the user reads cases, and, for provider staff,
    the citizens placed with their provider."""
    scope = scope_of(user)
    placed = Case.objects.filter(scope.cases_q()).values("citizen_id")
    return (
        Citizen.objects.filter(Q(municipality_id__in=scope.case_municipalities) | Q(pk__in=placed))
        .select_related("municipality")
        .order_by("last_name", "first_name", "id")
    )


def citizen_get_for_user(*, user: User, citizen_id: int) -> Citizen:
    citizen = citizen_list_for_user(user=user).filter(pk=citizen_id).first()
    if citizen is None:
        raise NotFound("Borgeren")
    return citizen


def citizen_read_for_user(*, user: User, citizen_id: int, page: str) -> Citizen:
    """The citizen for a page that shows them (a form about them), logged as a read."""
    citizen = citizen_get_for_user(user=user, citizen_id=citizen_id)
    audit_read(actor=user, action="citizen_read", citizen=citizen, details={"page": page})
    return citizen

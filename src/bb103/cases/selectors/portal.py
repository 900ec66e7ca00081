"""Min sag's reads (issue 19): only the cases of the citizens the login reaches (the person's
own, and those of citizens who recorded them as representative with access to Min sag).
Anything else is "not found", as everywhere."""

from django.db.models import QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import Case, Citizen, User
from bb103.cases.permissions import portal_citizen_ids


def portal_citizens_for_user(*, user: User) -> QuerySet[Citizen]:
    """The citizens whose matters the login may see, the person themself first."""
    mine = portal_citizen_ids(user)
    if mine is None:
        return Citizen.objects.none()
    return Citizen.objects.filter(mine, anonymised_on__isnull=True).order_by("id")


def portal_cases_for_user(*, user: User) -> QuerySet[Case]:
    """The cases of those citizens, newest first."""
    return (
        Case.objects.filter(citizen__in=portal_citizens_for_user(user=user))
        .select_related("citizen", "municipality", "caseworker")
        .order_by("-created_at", "-id")
    )


def portal_case_for_user(*, user: User, case_id: int) -> Case:
    case = portal_cases_for_user(user=user).filter(pk=case_id).first()
    if case is None:
        raise NotFound("Sagen")
    return case


def dev_login_citizens(*, limit: int = 40) -> QuerySet[Citizen]:
    """The citizens the development login offers (never in production: the view checks)."""
    return (
        Citizen.objects.filter(anonymised_on__isnull=True)
        .select_related("municipality")
        .order_by("municipality_id", "last_name", "first_name", "id")[:limit]
    )

"""Who may do what. A user's roles are per municipality (``Membership``); an action is
allowed only if the user holds one of its roles in the municipality the change belongs to
(the roles are on each action, :mod:`bb103.cases.actions`). Reading is scoped the same
way by :mod:`bb103.cases.selectors`.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from bb103.cases.errors import AccessDenied
from bb103.cases.models import (
    Citizen,
    Membership,
    PortalAccess,
    PortalIdentity,
    Representative,
    Role,
    User,
)

# Roles that may read every case of their municipality. Provider staff read only the cases
# placed with their provider; administrators manage users and providers, not cases, so
# they do not read citizens' sensitive data.
CASE_READERS = frozenset({Role.CASEWORKER, Role.COMMITTEE_MEMBER, Role.MANAGER})
# The audit log (who looked at whom) and the retention report: the managers, who answer for
# the municipality's processing and its deletion.
LOG_READERS = frozenset({Role.MANAGER})
# The overview of the service's figures (issue 20): the managers, who answer to the council.
OVERVIEW_READERS = frozenset({Role.MANAGER})
# The monthly settlement: the caseworkers who run it and the managers who approve it.
SETTLEMENT_READERS = frozenset({Role.CASEWORKER, Role.MANAGER})


def roles_in(user: User | AnonymousUser, municipality_id: str) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Membership.objects.filter(user=user, municipality_id=municipality_id).values_list(
            "role", flat=True
        )
    )


def portal_citizen_ids(user: User | AnonymousUser, *, acting: bool = False) -> Q | None:
    """The citizens a Min sag login reaches, as a condition on ``Citizen``: the person's own
    records (their CPR number, in every municipality), and those of the citizens who recorded
    them as a representative with access to Min sag (``acting``: access to act, not only to
    read) while the consent holds. None for a user who is not a Min sag login."""
    key = portal_cpr_key(user)
    if key is None:
        return None
    today = timezone.localdate()
    levels = [PortalAccess.ACT] if acting else [PortalAccess.ACT, PortalAccess.READ]
    represented = Representative.objects.filter(
        cpr_key=key,
        portal_access__in=levels,
        consent_given_on__lte=today,
    ).filter(Q(consent_withdrawn_on__isnull=True) | Q(consent_withdrawn_on__gt=today))
    return Q(cpr_key=key) | Q(pk__in=represented.values("citizen_id"))


def portal_cpr_key(user: User | AnonymousUser) -> str | None:
    """The search key of the CPR number a Min sag login logged in with; None for staff."""
    if not user.is_authenticated or not user.is_active:
        return None
    identity = PortalIdentity.objects.filter(user_id=user.pk).values_list("cpr_key", flat=True)
    return identity.first()


def acts_for_citizen(user: User | AnonymousUser, citizen_id: int) -> bool:
    """Whether the user is the citizen themself in Min sag, or a representative recorded
    with access to act for them (the role "citizen" for the citizen's own matters)."""
    mine = portal_citizen_ids(user, acting=True)
    return mine is not None and Citizen.objects.filter(mine, pk=citizen_id).exists()


def require_step(user: User | AnonymousUser, name: str, municipality_id: str) -> None:
    """Raise AccessDenied unless the user may take the action ``name`` in the municipality
    (the action's own roles decide)."""
    # Imported here: the actions import this module for ``roles_in``.
    from bb103.cases.actions import action

    action(name).require(user, municipality_id)


def require_step_for(user: User | AnonymousUser, name: str, citizen: Citizen) -> None:
    """As :func:`require_step`, for a change about ``citizen``: the citizen in Min sag (or
    their representative who may act) holds the role "citizen" there."""
    from bb103.cases.actions import action

    action(name).require_for(user, citizen.municipality_id, citizen.pk)


def require_step_for_self(
    user: User | AnonymousUser, name: str, municipality_id: str, cpr_key: str
) -> None:
    """As :func:`require_step`, for registering a person who has no record yet: a Min sag
    login holds the role "citizen" for the person with the CPR number it logged in with
    (``cpr_key``: the number's search key), and for nobody else."""
    from bb103.cases.actions import action

    step = action(name)
    if step.may(user, municipality_id):
        return
    if Role.CITIZEN in step.roles and cpr_key and portal_cpr_key(user) == cpr_key:
        return
    raise AccessDenied(step.role_message())

"""Who may do what. A user's roles are per municipality (``Membership``); an action is
allowed only if the user holds one of its roles in the municipality the change belongs to
(the roles are on each action, :mod:`bb103.cases.actions`). Reading is scoped the same
way by :mod:`bb103.cases.selectors`.
"""

from django.contrib.auth.models import AnonymousUser

from bb103.cases.models import Membership, Role, User

# Roles that may read every case of their municipality. Provider staff read only the cases
# placed with their provider; administrators manage users and providers, not cases, so
# they do not read citizens' sensitive data.
CASE_READERS = frozenset({Role.CASEWORKER, Role.COMMITTEE_MEMBER, Role.MANAGER})
# The audit log (who looked at whom) and the retention report: the managers, who answer for
# the municipality's processing and its deletion.
LOG_READERS = frozenset({Role.MANAGER})
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


def require_step(user: User | AnonymousUser, name: str, municipality_id: str) -> None:
    """Raise AccessDenied unless the user may take the action ``name`` in the municipality
    (the action's own roles decide)."""
    # Imported here: the actions import this module for ``roles_in``.
    from bb103.cases.actions import action

    action(name).require(user, municipality_id)

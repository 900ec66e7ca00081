"""Which of the system's areas a user may open, each decided by one function of the user's
:class:`~bb103.cases.selectors.scope.Scope`.

The selectors behind each area's start page ask the same function (an area the user may
not open is "not found", HTTP 404, or for the settlement a plain 403 page), and the menu
shows exactly the areas :func:`areas_for_user` allows, so a menu link never leads to a
page the user may not use (issue 16, point 7; WCAG 2.1 3.2.3 Consistent Navigation and
2.4.5 Multiple Ways assume the links lead somewhere).
"""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser

from bb103.cases.models import Role, User
from bb103.cases.permissions import LOG_READERS, OVERVIEW_READERS, SETTLEMENT_READERS
from bb103.cases.selectors.scope import Scope, scope_of


def staff_only(scope: Scope) -> bool:
    """Works only at providers (reads no municipality's cases): their start page is the
    provider's, and the municipality's work list sends them there."""
    return bool(scope.providers) and not scope.case_municipalities


def reads_citizens(scope: Scope) -> bool:
    """Reads a municipality's citizens and cases: caseworker, committee member, manager."""
    return bool(scope.case_municipalities)


def log_municipalities(scope: Scope) -> frozenset[str]:
    """Where the user reads the audit log and the retention report."""
    return scope.municipalities_with(LOG_READERS)


def settlement_municipalities(scope: Scope) -> frozenset[str]:
    """Where the user reads (and runs) the monthly settlement."""
    return scope.municipalities_with(SETTLEMENT_READERS)


def sees_provider_work(scope: Scope) -> bool:
    """Has workshops to see on the providers' pages: their own provider's (staff), or the
    municipality's providers (its case readers)."""
    return bool(scope.providers or scope.case_municipalities)


# Each area and the function that decides it; the menu's items are named by these keys.
AREAS: dict[str, Callable[[Scope], bool]] = {
    "worklist": lambda scope: not staff_only(scope),
    "citizens": reads_citizens,
    # Everyone logged in sees some of the catalogue (provider staff: their own provider's).
    "catalogue": lambda scope: True,
    "audit_log": lambda scope: bool(log_municipalities(scope)),
    "settlement": lambda scope: bool(settlement_municipalities(scope)),
    "provider_work": sees_provider_work,
    "retention": lambda scope: bool(log_municipalities(scope)),
    # The manager's overview of the service's figures (issue 20).
    "overview": lambda scope: bool(scope.municipalities_with(OVERVIEW_READERS)),
    # The leader's team page (issue 17, item 6): the municipalities they manage.
    "team": lambda scope: bool(scope.municipalities_with({Role.MANAGER})),
    # Users, system clients and contact data (issue 20, point 4).
    "administration": lambda scope: bool(scope.municipalities_with({Role.ADMINISTRATOR})),
}


def areas_for_user(user: User | AnonymousUser) -> frozenset[str]:
    """The areas the user may open; none for an anonymous or deactivated user. One query."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    scope = scope_of(user)
    return frozenset(name for name, may_open in AREAS.items() if may_open(scope))

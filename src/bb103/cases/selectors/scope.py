"""What a user may read: the municipalities where they read every case (its file), and the
providers whose placed citizens they see (only through the placement's own pages, never
the case file: GDPR art. 5(1)(c) and 9)."""

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q, QuerySet

from bb103.cases.models import Membership, Role, User
from bb103.cases.permissions import CASE_READERS
from bb103.cases.selectors.one_query_prefetch import read_in_one_query_compiled


@dataclass(frozen=True)
class Scope:
    case_municipalities: frozenset[str]
    providers: frozenset[int]
    catalogue_municipalities: frozenset[str]
    # Every (municipality, role) the user holds, as the rows above were read.
    roles: frozenset[tuple[str, str]] = frozenset()

    def cases_q(self) -> Q:
        """The cases whose file the user reads: their municipalities' cases. Provider staff
        read none: the order, the goals, the plan, attendance and wages of the citizens
        placed with them are on the placement's pages (selectors/provider_work.py)."""
        return Q(municipality_id__in=self.case_municipalities)

    def municipalities_with(self, roles: Collection[str]) -> frozenset[str]:
        """Where the user holds one of ``roles``."""
        return frozenset(m for m, role in self.roles if role in roles)


def municipalities_where(
    user: User | AnonymousUser, roles: Collection[str]
) -> QuerySet[Membership]:
    """The municipalities (``municipality_id`` rows, for ``__in``) where the user holds one
    of ``roles``; none for an anonymous user."""
    return Membership.objects.filter(user_id=user.pk, role__in=roles).values("municipality_id")


def reader_municipalities(user: User | AnonymousUser) -> QuerySet[Membership]:
    """Where the user reads every case: caseworker, committee member or manager."""
    return municipalities_where(user, CASE_READERS)


# The scopes read during one web request, by user id (``remembered``): the menu, the
# page's access check and its selector each ask, and the memberships are read once.
_remembered: ContextVar[dict[int, Scope] | None] = ContextVar("bb103_scopes", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Within this block (one request: bb103.web.request_scope) a user's scope is read
    once; outside it (services, the CLI, tests calling selectors) every call reads it."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def scope_forget() -> None:
    """After a change of memberships: the next question in this request reads them again."""
    memo = _remembered.get()
    if memo is not None:
        memo.clear()


def scope_of(user: User | AnonymousUser) -> Scope:
    """One query: the user's memberships (none more within a request)."""
    if not user.is_authenticated or not user.is_active:
        return Scope(frozenset(), frozenset(), frozenset())
    memo = _remembered.get()
    if memo is None:
        return _scope_read(user)
    if user.pk not in memo:
        memo[user.pk] = _scope_read(user)
    return memo[user.pk]


def _memberships(user_id: int) -> list[QuerySet[Membership]]:
    return [
        Membership.objects.filter(user_id=user_id)
        .filter(
            # Provider staff count only for a provider in the membership's own municipality.
            Q(provider__isnull=True) | Q(provider__municipality_id=F("municipality_id"))
        )
        .values_list("municipality_id", "role", "provider_id")
    ]


def _scope_read(user: User) -> Scope:
    # Read on every page: its statement is compiled once per process (issue 21, point 5).
    (rows,) = read_in_one_query_compiled("scope", _memberships, user_id=user.pk)
    readers, providers, catalogue, held = set(), set(), set(), set()
    for municipality_id, role, provider_id in rows:
        held.add((municipality_id, role))
        if role in CASE_READERS:
            readers.add(municipality_id)
        if role == Role.PROVIDER_STAFF and provider_id is not None:
            providers.add(provider_id)
        if role != Role.PROVIDER_STAFF:
            catalogue.add(municipality_id)
    return Scope(frozenset(readers), frozenset(providers), frozenset(catalogue), frozenset(held))

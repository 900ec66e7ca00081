"""What the administration page reads (issue 20, point 4): for each municipality the user
administers, its users with their roles there, its system clients, and its contact data.

A municipality where the user holds no role, a user who holds no role in the municipality
(or is a system client's identity), and another municipality's system client are "not
found" (404); a municipality where the user holds a role but is no administrator is the
action's 403, which the views ask after these."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from bb103.cases.engine.policy import (
    CouncilDeadlineRow,
    contact_merged,
    council_deadlines,
    standard_contact,
)
from bb103.cases.errors import NotFound
from bb103.cases.models import (
    ApiClient,
    Membership,
    Municipality,
    MunicipalityContact,
    Provider,
    Role,
    User,
)
from bb103.cases.selectors.scope import municipalities_where

ADMINS = frozenset({Role.ADMINISTRATOR})


@dataclass
class MemberRow:
    user: User
    memberships: list[Membership]

    @property
    def roles_text(self) -> str:
        return ", ".join(
            m.get_role_display() + (f" ({m.provider.name})" if m.provider else "")
            for m in self.memberships
        )


@dataclass
class AdminMunicipality:
    municipality: Municipality
    members: list[MemberRow]
    clients: list[ApiClient]
    contact: dict[str, Any]  # as letters show it now
    standard: dict[str, Any]  # the standard's, the fallback
    override: MunicipalityContact | None
    council_left: bool
    council: list[CouncilDeadlineRow] = field(default_factory=list)


def administered_municipalities(user: User | AnonymousUser) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=municipalities_where(user, ADMINS)).order_by("name")


def municipality_for_admin(*, user: User | AnonymousUser, municipality_id: str) -> Municipality:
    """The municipality, if the user holds a role there other than provider staff; else
    NotFound. Whether they may administer it is the action's question (403)."""
    if not user.is_authenticated or not user.is_active:
        raise NotFound("Siden findes ikke.")
    # Provider staff work at a provider, not in the municipality's office: to them its
    # administration is not there at all, as its cases are not.
    held = Membership.objects.filter(user_id=user.pk).exclude(role=Role.PROVIDER_STAFF)
    found = Municipality.objects.filter(pk=municipality_id, memberships__in=held).first()
    if found is None:
        raise NotFound("Siden findes ikke.")
    return found


def _members(municipality: Municipality) -> QuerySet[User]:
    """The people with a role in the municipality: not the system clients' identities."""
    return (
        User.objects.filter(memberships__municipality=municipality, api_client__isnull=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def member_for_admin(*, municipality: Municipality, user_id: int) -> User:
    """A person with a role in ``municipality``; NotFound otherwise (a user of only
    another municipality is not revealed)."""
    found = _members(municipality).filter(pk=user_id).first()
    if found is None:
        raise NotFound("Brugeren findes ikke i kommunen.")
    return found


def memberships_of(*, municipality: Municipality, member: User) -> list[Membership]:
    """The member's roles in ``municipality`` only (never another municipality's)."""
    return list(
        Membership.objects.filter(user=member, municipality=municipality)
        .select_related("provider")
        .order_by("role")
    )


def api_client_for_admin(*, municipality: Municipality, client_id: int) -> ApiClient:
    found = (
        ApiClient.objects.filter(municipality=municipality, pk=client_id)
        .select_related("provider")
        .first()
    )
    if found is None:
        raise NotFound("Systemklienten findes ikke i kommunen.")
    return found


def contact_override_of(municipality: Municipality) -> MunicipalityContact | None:
    return MunicipalityContact.objects.filter(municipality=municipality).first()


def providers_of(municipality: Municipality) -> QuerySet[Provider]:
    return Provider.objects.filter(municipality=municipality).order_by("name")


def administration_for_user(*, user: User | AnonymousUser) -> list[AdminMunicipality]:
    """Each municipality the user administers, with its members (roles in it only), its
    system clients and its contact data; NotFound for a user who administers none. A
    constant number of queries per municipality."""
    municipalities = list(administered_municipalities(user))
    if not municipalities:
        raise NotFound("Siden findes ikke.")
    overrides = {
        o.municipality_id: o
        for o in MunicipalityContact.objects.filter(municipality__in=municipalities)
    }
    pages = []
    for municipality in municipalities:
        members = _members(municipality).prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(municipality=municipality)
                .select_related("provider")
                .order_by("role"),
                to_attr="here",
            )
        )
        clients = list(
            ApiClient.objects.filter(municipality=municipality)
            .select_related("provider")
            .prefetch_related(Prefetch("user__memberships", to_attr="here"), "keys")
            .order_by("revoked_at", "name")
        )
        standard = standard_contact(municipality.pk)
        override = overrides.get(municipality.pk)
        contact = standard if override is None else contact_merged(standard, override)
        left, council = council_deadlines(municipality.pk)
        pages.append(
            AdminMunicipality(
                municipality=municipality,
                members=[MemberRow(m, m.here) for m in members],
                clients=clients,
                contact=contact,
                standard=standard,
                override=override,
                council_left=left,
                council=council,
            )
        )
    return pages

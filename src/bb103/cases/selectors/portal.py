"""Min sag's reads (issue 19): only the cases of the citizens the login reaches (the person's
own, and those of citizens who recorded them as representative with access to Min sag).
Anything else is "not found", as everywhere."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import (
    ApiClient,
    AuditEntry,
    AuditKind,
    Case,
    Citizen,
    Deadline,
    Letter,
    Membership,
    PortalIdentity,
    Representative,
    User,
)
from bb103.cases.permissions import portal_citizen_ids
from bb103.cases.services.audit import audit_read


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


# What Min sag shows of a case: the open deadlines (the promise and the next step) and the
# decision in force, fetched with the cases in a fixed number of queries, never per row.
def _with_page_data(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related("decision").prefetch_related(
        Prefetch(
            "deadlines",
            queryset=Deadline.objects.order_by("due_on", "id"),
            to_attr="portal_deadlines",
        )
    )


def portal_home_for_user(*, user: User) -> list[tuple[Citizen, bool, list[Case]]]:
    """Mine sager: each citizen the login reaches (the person themself first, then those
    they represent), whether it is the person themself, and their cases, newest first.
    A fixed number of queries, however many cases."""
    citizens = portal_home_citizens(user=user)
    cases: dict[int, list[Case]] = {c.pk: [] for c, _ in citizens}
    rows = _with_page_data(
        Case.objects.filter(citizen_id__in=list(cases))
        .select_related("citizen", "municipality", "caseworker")
        .order_by("-created_at", "-id")
    )
    for case in rows:
        cases[case.citizen_id].append(case)
    return [(c, is_self, cases[c.pk]) for c, is_self in citizens]


def portal_case_summary_for_user(*, user: User, case_id: int) -> Case:
    """A case of the login's citizens with its deadlines and decision, for a receipt on
    screen right after the login's own act (not a read of the case page: not logged)."""
    case = _with_page_data(portal_cases_for_user(user=user).filter(pk=case_id)).first()
    if case is None:
        raise NotFound("Sagen")
    return case


def portal_case_page_for_user(*, user: User, case_id: int) -> tuple[Case, list[Letter]]:
    """A case of the login's citizens with its deadlines, decision and letters (metadata
    only, oldest first), or NotFound. The read is logged with the portal login as actor:
    the citizen's own log shows it as their own (or their representative's)."""
    case = _with_page_data(portal_cases_for_user(user=user).filter(pk=case_id)).first()
    if case is None:
        raise NotFound("Sagen")
    letters = list(case.letters.defer("pdf", "data").order_by("sent_at", "id"))
    audit_read(actor=user, action="case_read", case=case)
    return case, letters


def portal_letter_for_user(*, user: User, case_id: int, letter_id: int) -> Letter:
    """A letter of a case the login reaches (the citizen, or a representative with access
    "read" or "act"), or NotFound; the read is logged."""
    letter = (
        Letter.objects.filter(
            pk=letter_id, case_id=case_id, case__in=portal_cases_for_user(user=user)
        )
        .select_related("case__citizen")
        .first()
    )
    if letter is None:
        raise NotFound("Brevet")
    audit_read(actor=user, action="letter_read", case=letter.case, details={"letter": letter.pk})
    return letter


def _own_cpr_key(user: User) -> str:
    identity = PortalIdentity.objects.filter(user_id=user.pk).values_list("cpr_key", flat=True)
    return identity.first() or ""


@dataclass(frozen=True)
class AccessLogRow:
    """One read of a citizen's data as the citizen may see it: who by kind, role and
    organisation (never the staff member's name or username), when and why."""

    at: datetime
    who: str  # self, representative, api, provider, staff, unknown
    role: str  # the Role value for "staff"; the representative's relation
    organisation: str  # the municipality's name, or the provider's
    what: str  # READ_LABELS' words


ACCESS_LOG_LIMIT = 200


def portal_access_log_for_user(*, user: User) -> list[tuple[Citizen, list[AccessLogRow]]]:
    """Hvem har set mine oplysninger: the reads of each reached citizen's data, newest first
    (the latest ACCESS_LOG_LIMIT per citizen). A representative sees the log of a citizen
    they represent only while recorded with access. Queries: a fixed handful, not per row."""
    citizens = [c for c, _ in portal_home_citizens(user=user)]
    found: list[tuple[Citizen, list[AccessLogRow]]] = []
    for citizen in citizens:
        entries = list(
            AuditEntry.objects.filter(citizen=citizen, kind=AuditKind.READ)
            .select_related("municipality")
            .order_by("-at", "-id")[:ACCESS_LOG_LIMIT]
        )
        found.append((citizen, _describe(citizen, entries)))
    for citizen in citizens:
        audit_read(actor=user, action="access_log_read", citizen=citizen)
    return found


def portal_home_citizens(*, user: User) -> list[tuple[Citizen, bool]]:
    """The login's citizens, the person themself first, each with whether it is them."""
    key = _own_cpr_key(user)
    citizens = list(portal_citizens_for_user(user=user).select_related("municipality"))
    citizens.sort(key=lambda c: (c.cpr_key != key, c.last_name, c.first_name, c.pk))
    return [(c, c.cpr_key == key) for c in citizens]


def _describe(citizen: Citizen, entries: list[AuditEntry]) -> list[AccessLogRow]:
    actors = {e.actor_id for e in entries}
    memberships: dict[tuple[int, str], Membership] = {}
    for m in Membership.objects.filter(user_id__in=actors).select_related("provider"):
        # A user may hold several roles in a municipality: the one that reads most says
        # the most (a caseworker who is also a manager read as caseworker is not wrong).
        memberships.setdefault((m.user_id, m.municipality_id), m)
    api_users = set(ApiClient.objects.filter(user_id__in=actors).values_list("user_id", flat=True))
    portal_keys = dict(
        PortalIdentity.objects.filter(user_id__in=actors).values_list("user_id", "cpr_key")
    )
    relations = dict(
        Representative.objects.filter(citizen=citizen)
        .exclude(cpr_key="")
        .values_list("cpr_key", "relation")
    )
    rows = []
    for e in entries:
        organisation = e.municipality.name
        role = ""
        if e.actor_id in portal_keys:
            key = portal_keys[e.actor_id]
            who = "self" if key == citizen.cpr_key else "representative"
            role = relations.get(key, "")
        elif e.actor_id in api_users:
            who = "api"
        elif (e.actor_id, e.municipality_id) in memberships:
            m = memberships[(e.actor_id, e.municipality_id)]
            if m.provider is not None:
                who, organisation = "provider", m.provider.name
            else:
                who, role = "staff", m.role
        else:
            who = "unknown"
        rows.append(AccessLogRow(e.at, who, role, organisation, e.read_label))
    return rows


def dev_login_representatives(*, keys: Collection[str]) -> QuerySet[Representative]:
    """The demo's representatives the development login offers: those recorded with a
    CPR number for Min sag whose number the demo knows (``keys``: their search keys)."""
    return (
        Representative.objects.filter(cpr_key__in=list(keys))
        .exclude(portal_access="none")
        .select_related("citizen__municipality")
        .order_by("name", "id")
    )

"""Reads for the screens, each scoped to the user and with a fixed number of queries
whatever the data size (the work list and the case page are asserted in the tests).

The user's access is expressed as subqueries on ``Membership`` rather than read first, so
a page does not spend a query on it; the user's roles in the case's municipality come
along as annotations on the case row.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import (
    Assessment,
    AuditEntry,
    Case,
    CaseStatus,
    Citizen,
    Complaint,
    ComplaintStatus,
    Deadline,
    DeadlineKind,
    FollowUp,
    Membership,
    Offer,
    Outcome,
    Placement,
    Provider,
    Representative,
    Role,
    User,
)
from bb103.cases.permissions import CASE_READERS
from bb103.cases.selectors.citizens import citizen_get_for_user
from bb103.cases.selectors.providers import offer_list_for_user, provider_list_for_user


def _reader_municipalities(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, role__in=CASE_READERS).values("municipality_id")


def _staff_providers(user: User) -> QuerySet[Membership]:
    # Provider staff count only for a provider in the membership's own municipality.
    return Membership.objects.filter(
        user=user, role=Role.PROVIDER_STAFF, provider__municipality_id=F("municipality_id")
    ).values("provider_id")


def readable_cases_q(user: User) -> Q:
    """The cases the user may read, as one condition with subqueries (no query of its own);
    the same rule as :func:`bb103.cases.selectors.scope.scope_of`."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    placed = Placement.objects.filter(
        ended_on__isnull=True, offer__provider_id__in=_staff_providers(user)
    ).values("case_id")
    return Q(municipality_id__in=_reader_municipalities(user)) | Q(pk__in=placed)


def _has_role(user: User, role: str) -> Exists:
    return Exists(
        Membership.objects.filter(user=user, municipality_id=OuterRef("municipality_id"), role=role)
    )


def _open_deadlines() -> Prefetch:
    return Prefetch(
        "deadlines",
        queryset=Deadline.objects.filter(met_on__isnull=True).order_by("due_on", "id"),
        to_attr="open_deadlines",
    )


# The citizen's own complaint period is not a deadline the municipality must meet; once it
# has run out there is nothing to do, so it does not keep a case on the work list.
_WORK_DEADLINES = Q(deadlines__met_on__isnull=True) & ~Q(deadlines__kind=DeadlineKind.COMPLAINT)


def worklist_for_user(*, user: User, everyone: bool = False, limit: int = 300) -> list[Case]:
    """The user's work list: cases under way or with a deadline the municipality must
    meet, the most urgent first (the earliest such deadline). A caseworker sees their own
    cases and the unassigned ones unless ``everyone``; other readers see every case they
    may read. Three queries. Each case has ``open_deadlines`` and ``is_caseworker``."""
    finished = Q(status=CaseStatus.TERMINATED) | Q(
        status=CaseStatus.DECIDED, decision__outcome=Outcome.REFUSAL
    )
    cases = (
        Case.objects.filter(readable_cases_q(user))
        .annotate(
            next_due=Min("deadlines__due_on", filter=_WORK_DEADLINES),
            is_caseworker=_has_role(user, Role.CASEWORKER),
        )
        .exclude(finished & Q(next_due__isnull=True))
    )
    if not everyone:
        mine = Q(caseworker=user) | Q(caseworker__isnull=True)
        cases = cases.filter(mine | Q(is_caseworker=False))
    return list(
        cases.select_related("citizen", "municipality", "caseworker", "decision")
        .prefetch_related(_open_deadlines())
        .order_by(F("next_due").asc(nulls_last=True), "id")[:limit]
    )


@dataclass
class CasePage:
    """Everything the case page shows, read in six queries."""

    case: Case
    roles: frozenset[str]
    deadlines: list[Deadline]
    audit: list[AuditEntry]
    assessments: list[Assessment]
    placements: list[Placement]
    complaints: list[Complaint]
    today: date | None = field(default=None)

    @property
    def assessment(self) -> Assessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def placement(self) -> Placement | None:
        return next((p for p in reversed(self.placements) if p.ended_on is None), None)

    @property
    def open_complaint(self) -> Complaint | None:
        return next((c for c in self.complaints if c.status != ComplaintStatus.CLOSED), None)


def case_page_for_user(*, user: User, case_id: int) -> CasePage:
    """The case and its rows for the case page, or NotFound (HTTP 404) if the user may not
    read it. The case row carries its one-to-one rows and the user's roles."""
    roles = {
        Role.CASEWORKER: "role_caseworker",
        Role.COMMITTEE_MEMBER: "role_committee_member",
        Role.MANAGER: "role_manager",
        Role.PROVIDER_STAFF: "role_provider_staff",
    }
    case = (
        Case.objects.filter(readable_cases_q(user), pk=case_id)
        .annotate(**{attr: _has_role(user, role) for role, attr in roles.items()})
        .select_related(
            "citizen",
            "municipality",
            "caseworker",
            "application__representative",
            "decision__offer__provider",
            "termination",
        )
        .prefetch_related(
            Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on", "id")),
            Prefetch("audit_entries", queryset=AuditEntry.objects.select_related("actor")),
            Prefetch("assessments", queryset=Assessment.objects.order_by("assessed_on", "id")),
            Prefetch(
                "placements",
                queryset=Placement.objects.select_related("offer__provider").order_by(
                    "start_on", "id"
                ),
            ),
            Prefetch("complaints", queryset=Complaint.objects.order_by("received_on", "id")),
        )
        .first()
    )
    if case is None:
        raise NotFound("Sagen")
    return CasePage(
        case=case,
        roles=frozenset(role for role, attr in roles.items() if getattr(case, attr)),
        deadlines=list(case.deadlines.all()),
        audit=list(case.audit_entries.all()),
        assessments=list(case.assessments.all()),
        placements=list(case.placements.all()),
        complaints=list(case.complaints.all()),
    )


def citizen_search_for_user(*, user: User, query: str, limit: int = 50) -> list[Citizen]:
    """Citizens the user may read whose name or CPR number matches; their cases come along
    (``readable_cases``) so a list can link to them. Two queries."""
    text = query.strip()
    if not text:
        return []
    citizens = Citizen.objects.filter(
        Q(municipality_id__in=_reader_municipalities(user))
        | Q(pk__in=Case.objects.filter(readable_cases_q(user)).values("citizen_id"))
    )
    digits = text.replace("-", "").replace(" ", "")
    if digits.isdigit():
        # The stored form is DDMMÅÅ-XXXX; a search may leave the hyphen out.
        cpr = digits if len(digits) <= 6 else f"{digits[:6]}-{digits[6:]}"
        citizens = citizens.filter(cpr__startswith=cpr)
    else:
        for word in text.split():
            citizens = citizens.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(
        citizens.select_related("municipality")
        .prefetch_related(
            Prefetch(
                "cases",
                queryset=Case.objects.filter(readable_cases_q(user)).order_by("-id"),
                to_attr="readable_cases",
            )
        )
        .order_by("last_name", "first_name", "id")[:limit]
    )


@dataclass
class CitizenPage:
    citizen: Citizen
    reads_all_cases: bool  # a reader of the municipality's cases, not only provider staff
    cases: list[Case]
    vum_levels: list[tuple[date, int, str]]  # (day, level, "udredning" or "opfølgning")
    representatives: list[Representative]


def citizen_page_for_user(*, user: User, citizen_id: int) -> CitizenPage:
    """The citizen, their cases the user may read, and the VUM levels over time from the
    assessments and the yearly follow-ups, so progression shows."""
    citizen = (
        Citizen.objects.filter(
            Q(municipality_id__in=_reader_municipalities(user))
            | Q(pk__in=Case.objects.filter(readable_cases_q(user)).values("citizen_id")),
            pk=citizen_id,
        )
        .annotate(
            reads_all_cases=Exists(
                _reader_municipalities(user).filter(municipality_id=OuterRef("municipality_id"))
            )
        )
        .select_related("municipality")
        .first()
    )
    if citizen is None:
        raise NotFound("Borgeren")
    cases = list(
        Case.objects.filter(readable_cases_q(user), citizen=citizen)
        .select_related("decision", "caseworker")
        .order_by("-id")
    )
    levels: list[tuple[date, int, str]] = [
        (a.assessed_on, a.vum_level, "Udredning")
        for a in Assessment.objects.filter(case__in=cases, vum_level__isnull=False)
    ]
    levels += [
        (f.held_on, f.vum_level, "Opfølgning")
        for f in FollowUp.objects.filter(case__in=cases, vum_level__isnull=False)
    ]
    return CitizenPage(
        citizen=citizen,
        reads_all_cases=citizen.reads_all_cases,
        cases=cases,
        vum_levels=sorted(levels, key=lambda row: row[0]),
        representatives=list(citizen.representatives.order_by("id")),
    )


def provider_overview_for_user(*, user: User) -> list[Provider]:
    """The providers the user may see with their offers; each offer has ``occupied``, the
    number of running placements. Provider staff see only their own provider."""
    offers = Offer.objects.annotate(
        occupied=Count("placements", filter=Q(placements__ended_on__isnull=True))
    ).order_by("name", "id")
    return list(
        provider_list_for_user(user=user)
        .select_related("municipality")
        .prefetch_related(Prefetch("offers", queryset=offers))
    )


def offers_for_case(*, user: User, case: Case) -> QuerySet[Offer]:
    """The offers of the case's municipality's catalogue the user may see (form choices)."""
    return offer_list_for_user(user=user).filter(provider__municipality_id=case.municipality_id)


def representatives_for_citizen(*, user: User, citizen: Citizen) -> QuerySet[Representative]:
    """The citizen's representatives, if the user may read the citizen."""
    citizen_get_for_user(user=user, citizen_id=citizen.pk)
    return Representative.objects.filter(citizen=citizen).order_by("name", "id")


def caseworker_municipalities(*, user: User) -> QuerySet[Membership]:
    """The municipalities where the user is a caseworker (where they may register citizens)."""
    return (
        Membership.objects.filter(user=user, role=Role.CASEWORKER)
        .select_related("municipality")
        .order_by("municipality__name")
    )

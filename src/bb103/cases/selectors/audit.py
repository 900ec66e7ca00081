"""Reads of the audit log: a case's trail, the manager's search, a citizen's access log."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.views.decorators.debug import sensitive_variables

from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.errors import NotFound
from bb103.cases.models import AuditEntry, Citizen, User
from bb103.cases.selectors.access import log_municipalities
from bb103.cases.selectors.cases import case_get_for_user
from bb103.cases.selectors.scope import reader_municipalities, scope_of
from bb103.cases.services.audit import audit_listed, audit_read


def audit_list_for_case(*, user: User, case_id: int) -> QuerySet[AuditEntry]:
    """The case's audit trail, if the user may read the case."""
    case = case_get_for_user(user=user, case_id=case_id)
    return AuditEntry.objects.filter(case=case).select_related("actor").order_by("at", "id")


PAGE_SIZE = 100


@dataclass(frozen=True)
class AuditSearch:
    """What a manager asks of the log; every field may be empty."""

    cpr: str = ""
    actor: str = ""  # a username
    kind: str = ""  # AuditKind value
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    page: int
    has_next: bool
    municipalities: list[str]


@sensitive_variables("search", "digits")
def audit_search_for_user(*, user: User, search: AuditSearch) -> AuditPage:
    """The log of the municipalities where the user is a manager, newest first, a page at a
    time. A CPR number is looked up by its keyed hash, like the citizen search. Users who
    manage no municipality get NotFound (HTTP 404): the log tells who looked at whom."""
    # The same rule as the menu's "Log" (bb103.cases.selectors.access).
    managed = sorted(log_municipalities(scope_of(user)))
    if not user.is_authenticated or not managed:
        raise NotFound("Loggen")
    entries = AuditEntry.objects.filter(municipality_id__in=managed)
    if search.cpr:
        digits = search.cpr.replace("-", "").replace(" ", "")
        entries = entries.filter(
            citizen__cpr_key=cpr_search_key(f"{digits[:6]}-{digits[6:]}"),
        )
    if search.actor:
        entries = entries.filter(actor__username=search.actor)
    if search.kind:
        entries = entries.filter(kind=search.kind)
    if search.date_from:
        entries = entries.filter(at__date__gte=search.date_from)
    if search.date_to:
        entries = entries.filter(at__date__lte=search.date_to)
    start = (search.page - 1) * PAGE_SIZE
    rows = list(
        entries.select_related("actor", "citizen").order_by("-at", "-id")[
            start : start + PAGE_SIZE + 1
        ]
    )
    shown = rows[:PAGE_SIZE]
    # Reading the log is reading about the citizens in it (who was looked up, and when).
    audit_listed(
        actor=user, action="audit_log_listed", citizens=[e.citizen for e in shown if e.citizen]
    )
    return AuditPage(shown, search.page, len(rows) > PAGE_SIZE, managed)


def citizen_access_log_for_user(*, user: User, citizen_id: int) -> tuple[Citizen, list[AuditEntry]]:
    """Who has looked at and changed the citizen's cases, for the citizen (an access request
    under GDPR art. 15, or simply asked): for the readers of the municipality's cases only."""
    citizen = (
        Citizen.objects.filter(
            pk=citizen_id,
            municipality_id__in=reader_municipalities(user),
        )
        .select_related("municipality")
        .first()
    )
    if citizen is None or not user.is_authenticated:
        raise NotFound("Borgeren")
    audit_read(actor=user, action="access_log_read", citizen=citizen)
    entries = list(
        AuditEntry.objects.filter(citizen=citizen).select_related("actor").order_by("-at", "-id")
    )
    return citizen, entries

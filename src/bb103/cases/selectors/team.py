"""The team view for the leader (issue 17, item 6): each caseworker of the municipalities
the user manages, with their open cases and tasks, and who may receive a case.

Counts only, no citizen: the page lists no personal data, so it is not a read of anyone's
case. A fixed number of queries per municipality."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from bb103.cases.errors import NotFound
from bb103.cases.models import (
    Case,
    CaseStatus,
    Decision,
    Membership,
    Municipality,
    Outcome,
    Role,
    Task,
    TaskStatus,
    User,
)
from bb103.cases.selectors.scope import scope_of


def open_cases_q() -> Q:
    """A case still under way: not terminated or closed, not refused, or with a deadline
    the municipality must still meet (the work list's rule)."""
    # The refusal as a subquery on the decision in force, not a join: PostgreSQL answers it
    # from the small partial index of refusals (decision_refusal) instead of hashing every
    # decision, which the overview's count over a municipality's cases would otherwise pay.
    refused = Exists(Decision.objects.filter(pk=OuterRef("decision_id"), outcome=Outcome.REFUSAL))
    finished = Q(status__in=(CaseStatus.TERMINATED, CaseStatus.CLOSED)) | (
        Q(status=CaseStatus.DECIDED) & Q(refused)
    )
    return ~finished | Q(next_due_on__isnull=False)


def caseworkers_of(municipality_id: str) -> QuerySet[User]:
    """The active users with the caseworker's role in the municipality: who may receive a
    case there."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__municipality_id=municipality_id,
            memberships__role=Role.CASEWORKER,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def case_municipalities_for_user(*, user: User) -> frozenset[str]:
    """The municipalities whose cases the user reads."""
    return scope_of(user).case_municipalities


def caseworkers_for_case(*, user: User, case: Case) -> QuerySet[User]:
    """Who may receive the case, as the user may see them (the case's municipality's
    caseworkers, if the user reads its cases)."""
    if case.municipality_id not in scope_of(user).case_municipalities:
        return User.objects.none()
    return caseworkers_of(case.municipality_id)


@dataclass(frozen=True)
class TeamRow:
    caseworker: User | None  # None: the cases and tasks no one has
    open_cases: int
    open_tasks: int
    overdue_tasks: int


@dataclass
class TeamMunicipality:
    municipality: Municipality
    rows: list[TeamRow] = field(default_factory=list)
    caseworkers: list[User] = field(default_factory=list)


def team_for_user(*, user: User, today: date) -> list[TeamMunicipality]:
    """The municipalities the user manages, each with its caseworkers' open cases, open
    tasks and overdue tasks (and a row for what no one has); NotFound for anyone who
    manages none."""
    managed = sorted(scope_of(user).municipalities_with({Role.MANAGER}))
    if not managed or not user.is_authenticated:
        raise NotFound("Siden")
    found = []
    for municipality in Municipality.objects.filter(pk__in=managed).order_by("name"):
        workers = list(caseworkers_of(municipality.pk))
        cases = dict(
            Case.objects.filter(open_cases_q(), municipality=municipality)
            .values("caseworker_id")
            .annotate(n=Count("id"))
            .values_list("caseworker_id", "n")
        )
        tasks = {
            row["assigned_to_id"]: row
            for row in Task.objects.filter(municipality=municipality, status=TaskStatus.OPEN)
            .values("assigned_to_id")
            .annotate(n=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
        }
        # Someone who holds cases but no longer the caseworker's role is listed too, so
        # their cases can be moved on.
        holders = {w.pk for w in workers}
        others = [k for k in {*cases, *tasks} if k is not None and k not in holders]
        people: list[User | None] = [
            *workers,
            *User.objects.filter(pk__in=others).order_by("username"),
            None,
        ]
        rows = [
            TeamRow(
                p,
                cases.get(None if p is None else p.pk, 0),
                tasks.get(None if p is None else p.pk, {}).get("n", 0),
                tasks.get(None if p is None else p.pk, {}).get("overdue", 0),
            )
            for p in people
        ]
        found.append(TeamMunicipality(municipality, rows, workers))
    return found


def team_members_for_user(*, user: User, municipality_id: str) -> QuerySet[User]:
    """Whose cases the manager may move in the municipality: anyone who holds a case or a
    task there, or has the caseworker's role; NotFound unless the user manages it."""
    if municipality_id not in scope_of(user).municipalities_with({Role.MANAGER}):
        raise NotFound("Siden")
    return User.objects.filter(
        Q(
            pk__in=Membership.objects.filter(
                municipality_id=municipality_id, role=Role.CASEWORKER
            ).values("user_id")
        )
        | Q(pk__in=Case.objects.filter(municipality_id=municipality_id).values("caseworker_id"))
        | Q(
            pk__in=Task.objects.filter(
                municipality_id=municipality_id, status=TaskStatus.OPEN
            ).values("assigned_to_id")
        )
    ).order_by("first_name", "last_name", "username")


def duplicate_candidates(*, user: User, case: Case | None) -> QuerySet[Case]:
    """The cases ``case`` can be a duplicate of: the same citizen's other cases in the same
    municipality that are not closed, if the user reads its cases (form choices)."""
    if case is None or case.municipality_id not in scope_of(user).case_municipalities:
        return Case.objects.none()
    return (
        Case.objects.filter(citizen_id=case.citizen_id, municipality_id=case.municipality_id)
        .exclude(pk=case.pk)
        .exclude(status=CaseStatus.CLOSED)
        .order_by("-id")
    )

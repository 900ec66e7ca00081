"""Reads for the screens, each scoped to the user and with a fixed number of queries
whatever the data size (the work list and the case page are asserted in the tests).

The user's access is expressed as subqueries on ``Membership`` rather than read first, so
a page does not spend a query on it; the user's roles in the case's municipality come
along as annotations on the case row.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from bb103.cases.actions import CaseAction, Verdict, case_verdicts
from bb103.cases.actions import roles as actions
from bb103.cases.actions.state import CaseState, case_state_load, case_state_prefetches
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.engine.evaluation import explanation_for
from bb103.cases.engine.policy import committee_sources
from bb103.cases.errors import NotFound
from bb103.cases.models import (
    Assessment,
    AuditEntry,
    AuditKind,
    Case,
    CaseStatus,
    Citizen,
    CitizenReport,
    CommitteeRecommendation,
    CommitteeReview,
    Complaint,
    Correction,
    Deadline,
    Decision,
    FollowUp,
    HearingAnswer,
    Letter,
    Membership,
    Offer,
    Outcome,
    Placement,
    Provider,
    Representative,
    Role,
    Task,
    TaskStatus,
    User,
)
from bb103.cases.permissions import CASE_READERS
from bb103.cases.selectors.access import reads_citizens
from bb103.cases.selectors.citizens import citizen_get_for_user
from bb103.cases.selectors.json_rows import json_rows, json_rows_load
from bb103.cases.selectors.one_query_prefetch import (
    prefetch_in_one_query,
    read_in_one_query_compiled,
)
from bb103.cases.selectors.providers import offer_list_for_user, provider_list_for_user
from bb103.cases.selectors.scope import reader_municipalities, scope_of
from bb103.cases.selectors.worklist_search import (
    FilterChoices,
    WorkListFilter,
    filter_choices,
    filter_choices_querysets,
)
from bb103.cases.services.audit import audit_listed, audit_read, audit_searched


def readable_cases_q(user: User) -> Q:
    """The cases whose file the user may read, as one condition with a subquery (no query of
    its own); the same rule as :func:`bb103.cases.selectors.scope.Scope.cases_q`: the
    municipality's readers. Provider staff read no case file, only the placement's pages
    (data minimisation, GDPR art. 5(1)(c) and art. 9)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return Q(municipality_id__in=reader_municipalities(user))


def _has_role(user: User, role: str) -> Exists:
    return Exists(
        Membership.objects.filter(user=user, municipality_id=OuterRef("municipality_id"), role=role)
    )


# The work list's open deadlines of each case, read with the case (json_rows), the
# earliest first; what a row shows of them and of the case.
_OPEN_DEADLINES = Deadline.objects.filter(met_on__isnull=True)
_DEADLINE_COLUMNS = ["id", "case_id", "kind", "due_on", "met_on"]
_WORKLIST_FIELDS = (
    "id",
    "municipality_id",
    "citizen_id",
    "status",
    "caseworker_id",
    "next_due_on",
    "decision_id",
    "citizen__id",
    "citizen__municipality_id",
    "citizen__first_name",
    "citizen__last_name",
    "citizen__cpr",
    "municipality__id",
    "municipality__name",
    "caseworker__id",
    "caseworker__username",
    "caseworker__first_name",
    "caseworker__last_name",
    "decision__id",
    "decision__outcome",
    "decision__received_on",
)


# What the work list shows of a task (and logs of its case).
_TASK_FIELDS = (
    "id",
    "municipality_id",
    "case_id",
    "title",
    "due_on",
    "legal_source",
    "case__id",
    "case__municipality_id",
    "case__citizen_id",
    "case__citizen__id",
    "case__citizen__municipality_id",
    "case__citizen__first_name",
    "case__citizen__last_name",
    "case__citizen__cpr",
)

# A page of the work list: enough for a day's work, and a bounded read however many cases
# a municipality has (``?side=N`` pages on).
WORKLIST_PAGE_SIZE = 50
# Open tasks shown above the cases; more than this means the list needs a manager's eye.
WORKLIST_TASKS = 50
# Where the visitation committee can act (services/committee.py): after the assessment,
# before the decision.
_COMMITTEE_STATUSES = (CaseStatus.ASSESSED, CaseStatus.DRAFTED)


@dataclass
class WorkList:
    """One page of the user's work list and their open tasks, read in one statement."""

    cases: list[Case]
    tasks: list[Task]
    more_tasks: bool
    page: int
    has_next: bool
    # A committee member who is not a caseworker: their list is the cases waiting for the
    # committee.
    committee_view: bool
    # Municipality id -> the standard's source, where a committee reviews before the decision.
    committee_sources: dict[str, str]
    # For a committee member: the year's decisions that went against the committee's
    # recommendation, newest first, each with the caseworker's reason (issue 13).
    against_committee: list[Decision] = field(default_factory=list)
    # The filter form's caseworkers, offers and municipalities (issue 17, item 7).
    choices: FilterChoices = field(default_factory=lambda: FilterChoices([], [], []))


def _awaits_committee(committee: dict[str, str]) -> ExpressionWrapper | Value:
    """True for a case whose standard has the visitation committee review it before the
    decision and which it has not reviewed yet (or asked for more information on)."""
    if not committee:
        return Value(False, output_field=BooleanField())
    return ExpressionWrapper(
        Q(municipality_id__in=sorted(committee), status__in=_COMMITTEE_STATUSES)
        & (Q(last_review__isnull=True) | Q(last_review=CommitteeRecommendation.NEEDS_INFORMATION)),
        output_field=BooleanField(),
    )


def worklist_for_user(
    *,
    user: User,
    today: date,
    everyone: bool = False,
    page: int = 1,
    page_size: int = WORKLIST_PAGE_SIZE,
    filters: WorkListFilter | None = None,
) -> WorkList:
    """The user's work list: cases under way or with a deadline the municipality must
    meet, the most urgent first (the earliest such deadline), a page at a time. A
    caseworker sees their own cases and the unassigned ones unless ``everyone``; a
    committee member the cases waiting for the committee; other readers every case they
    may read. Each case has ``open_deadlines`` and ``awaits_committee``. ``filters``
    narrow the list and may order it otherwise; a search (or another caseworker's cases)
    looks at every case the user reads, and is logged naming what kind of term it was.
    The tasks are the open ones the user may mark done (caseworker: their own and the
    unassigned; manager: the municipality's), overdue first."""
    # The user's memberships are read once and the filters are plain lists of
    # municipalities: cheaper to build and to plan than a subquery per row.
    roles = scope_of(user).roles  # read once per request, shared with the menu
    readers = {m for m, role in roles if role in CASE_READERS}
    caseworker_in = {m for m, role in roles if role == Role.CASEWORKER}
    committee_only = {m for m, role in roles if role == Role.COMMITTEE_MEMBER} - caseworker_in
    completer_in = {m for m, role in roles if role in actions.task_complete.roles}
    committee_in = {m for m, role in roles if role == Role.COMMITTEE_MEMBER}
    committee = committee_sources(today)
    page = max(page, 1)

    filters = filters or WorkListFilter()
    # Only where the user reads a municipality with a committee is the review looked up.
    committee_here = {m: source for m, source in committee.items() if m in readers}

    def reads(user_id: int) -> list[QuerySet[Any]]:
        """The page of cases, the tasks, the decisions against the committee and the
        filter's choices, for the user ``user_id`` (a placeholder when compiled to keep)."""
        if everyone or filters.widens:
            scope = Q(municipality_id__in=sorted(readers)) if readers else Q(pk__in=[])
        else:
            scope = Q(pk__in=[])
            if caseworker_in:
                scope |= Q(municipality_id__in=sorted(caseworker_in)) & (
                    Q(caseworker_id=user_id) | Q(caseworker__isnull=True)
                )
            if committee_only:
                scope |= Q(municipality_id__in=sorted(committee_only), awaits_committee=True)
            if others := readers - caseworker_in - committee_only:
                scope |= Q(municipality_id__in=sorted(others))
        # Provider staff have no cases on a work list: their citizens are on their own
        # start page, which shows the placement, not the case file.
        finished = Q(status__in=(CaseStatus.TERMINATED, CaseStatus.CLOSED)) | Q(
            status=CaseStatus.DECIDED, decision__outcome=Outcome.REFUSAL
        )

        def annotated(cases: QuerySet[Case]) -> QuerySet[Case]:
            if committee_here:
                last_review = CommitteeReview.objects.filter(case=OuterRef("pk")).order_by(
                    "-reviewed_on", "-id"
                )
                cases = cases.annotate(
                    last_review=Subquery(last_review.values("recommendation")[:1])
                )
            return cases.annotate(awaits_committee=_awaits_committee(committee_here))

        # The most urgent first: the earliest open deadline the municipality must meet,
        # kept on the case by services/deadlines.py (``next_due_on``), so a page is an index
        # range scan (case_muni_next_due, case_worker_next_due) and not a subquery per case
        # of the municipality. NULLS LAST is the index's own order in PostgreSQL.
        order = filters.order()
        offset = (page - 1) * page_size
        # The page's ids first, from the cases table alone; then those cases with their
        # rows, in the same query (an IN subquery), so paging costs no query of its own.
        listed = annotated(Case.objects.all()).filter(scope, filters.q(today))
        if not filters.shows_finished:
            listed = listed.exclude(finished & Q(next_due_on__isnull=True))
        page_ids = listed.order_by(*order).values("pk")[offset : offset + page_size + 1]
        cases = (
            annotated(Case.objects.filter(pk__in=page_ids))
            .annotate(
                deadline_rows=json_rows(_OPEN_DEADLINES, parent="case", columns=_DEADLINE_COLUMNS)
            )
            .select_related("citizen", "municipality", "caseworker", "decision")
            # What a row shows: not the decision's frozen evaluation (some 15 kB of JSON
            # each) nor the caseworker's password hash.
            .only(*_WORKLIST_FIELDS)
            .order_by(*order)
        )
        tasks: QuerySet[Any] = Task.objects.none()
        if completer_in:
            open_tasks = Task.objects.filter(
                status=TaskStatus.OPEN, municipality_id__in=sorted(completer_in)
            )
            # A caseworker's own tasks and the unassigned ones; a manager sees them all.
            # The same whether the cases shown are the user's own or everyone's.
            if own := caseworker_in & completer_in:
                open_tasks = open_tasks.filter(
                    ~Q(municipality_id__in=sorted(own))
                    | Q(assigned_to_id=user_id)
                    | Q(assigned_to__isnull=True)
                )
            tasks = (
                open_tasks.select_related("case__citizen")
                .only(*_TASK_FIELDS)
                .order_by("due_on", "id")[: WORKLIST_TASKS + 1]
            )
        against: QuerySet[Any] = Decision.objects.none()
        if committee_in:
            against = (
                Decision.objects.filter(
                    case__municipality_id__in=sorted(committee_in),
                    decided_on__gt=today - timedelta(days=365),
                )
                .exclude(committee_deviation_reason="")
                .select_related("case__citizen", "offer")
                .defer("evaluation")
                .order_by("-decided_on", "-id")[:WORKLIST_TASKS]
            )
        choices = filter_choices_querysets(readers) if readers else []
        return [cases, tasks, against, *choices]

    # All of it in one statement (one_query_prefetch), built and compiled once per process
    # for each list: the key is everything the querysets above are made from (the user's
    # memberships, the committees in force, the day, the page, the filters) but the user's
    # id, which goes in at a placeholder. A search's words are not kept: compiled anew.
    key = (
        None
        if filters.term is not None
        else (
            "worklist",
            tuple(sorted(roles)),
            tuple(sorted(committee_here)),
            everyone,
            page,
            page_size,
            filters,
            today,
        )
    )
    rows, tasks, against, *choice_rows = read_in_one_query_compiled(key, reads, user_id=user.pk)
    for case in rows:
        case.open_deadlines = sorted(
            json_rows_load(case.deadline_rows, Deadline, _DEADLINE_COLUMNS, dates=("due_on",)),
            key=lambda d: (d.due_on, d.pk),
        )
    shown = rows[:page_size]
    if user.is_authenticated:
        beside = [*(t.case for t in tasks[:WORKLIST_TASKS] if t.case), *(d.case for d in against)]
        if filters.term is not None:
            # Every search is logged, naming the kind of term (never a CPR number or a
            # date): in the access log of each citizen found, or, finding none, the user's.
            audit_searched(
                actor=user,
                action="worklist_searched",
                cases=shown,
                municipality_ids=readers,
                details=filters.audit_details(),
            )
            shown_too = beside
        else:
            shown_too = [*shown, *beside]
        # The names on the list are personal data read: each citizen's access log says so.
        if shown_too:
            audit_listed(actor=user, action="worklist_listed", cases=shown_too)
    return WorkList(
        against_committee=against,
        cases=shown,
        tasks=tasks[:WORKLIST_TASKS],
        more_tasks=len(tasks) > WORKLIST_TASKS,
        page=page,
        has_next=len(rows) > page_size,
        committee_view=bool(committee_only) and not caseworker_in,
        committee_sources=committee,
        choices=filter_choices(readers, [row for rows in choice_rows for row in rows]),
    )


@dataclass
class CommitteeBox:
    """What the case page says about the visitation committee, where the standard has one:
    the standard's rule, the latest review, and a decision that went against it (shown to
    the caseworker and to the committee)."""

    text: str
    sources: list[str]
    review: CommitteeReview | None
    awaiting: bool  # no review yet (or one asking for more information) before the decision
    deviation: Decision | None


@dataclass
class CasePage:
    """Everything the case page shows, read with a fixed number of queries (the case's
    state as the actions see it, its deadlines, history and open tasks), and what the user
    may see and do on it: decided here, not in the template."""

    case: Case
    roles: frozenset[str]
    state: CaseState
    deadlines: list[Deadline]
    audit: list[AuditEntry]
    tasks: list[Task]  # the open tasks from the daily sweep, the earliest due first
    # The steps the user is offered: each allowed, or shown with its reasons why not now.
    verdicts: list[Verdict]
    may_complete_tasks: bool
    committee: CommitteeBox | None
    # May give the case to a caseworker (the leader), or take it (a caseworker, when no
    # one has it): services/assignment.py.
    may_assign: bool = False

    @property
    def assessment(self) -> Assessment | None:
        return self.state.assessment

    @property
    def assessments(self) -> list[Assessment]:
        return self.state.assessments

    @property
    def placement(self) -> Placement | None:
        return self.state.placement

    @property
    def complaints(self) -> list[Complaint]:
        return self.state.complaints

    @property
    def open_complaint(self) -> Complaint | None:
        return self.state.open_complaint

    @property
    def decision(self) -> Decision | None:
        return self.state.decision

    @property
    def sent_letters(self) -> list[Letter]:
        """The letters sent to the citizen, oldest first."""
        return self.state.letters

    def verdict(self, action: CaseAction) -> Verdict:
        """What ``action`` says to the user about the case now (not shown: not theirs)."""
        return action.verdict(self.state, self.roles)


_ROLE_ATTRS = {
    Role.CASEWORKER: "role_caseworker",
    Role.COMMITTEE_MEMBER: "role_committee_member",
    Role.MANAGER: "role_manager",
    Role.PROVIDER_STAFF: "role_provider_staff",
}


def case_page_for_user(*, user: User, case_id: int, today: date | None = None) -> CasePage:
    """The case and its rows for the case page, or NotFound (HTTP 404) if the user may not
    read it. The case row carries the user's roles, so the page's query count does not grow
    with the case's rows."""
    case = (
        Case.objects.filter(readable_cases_q(user), pk=case_id)
        .annotate(**{attr: _has_role(user, role) for role, attr in _ROLE_ATTRS.items()})
        .select_related(
            "citizen",
            "municipality",
            "caseworker",
            "application__representative",
            "termination",
            "closure",
        )
        .first()
    )
    if case is None:
        raise NotFound("Sagen")
    # Logged here, where the case is read, so no view that shows it can forget to.
    audit_read(actor=user, action="case_read", case=case)
    roles = frozenset(role for role, attr in _ROLE_ATTRS.items() if getattr(case, attr))
    today = today or timezone.localdate()
    # The page's rows and every part of the case's state its actions read, in one query.
    prefetch_in_one_query(
        case,
        [
            *case_state_prefetches(),
            *_case_page_prefetches(),
        ],
    )
    state = case_state_load(case, today=today)
    verdicts = case_verdicts(state, roles)
    return CasePage(
        case=case,
        roles=roles,
        state=state,
        deadlines=list(case.deadlines.all()),
        audit=list(case.audit_entries.all()),
        # The tasks are the municipality's own work: not for provider staff
        # (selectors/tasks.py holds the same rule).
        tasks=case.open_tasks,
        verdicts=verdicts,
        may_complete_tasks=actions.task_complete.role_allows(roles),
        may_assign=Role.MANAGER in roles
        or (actions.case_assign.role_allows(roles) and case.caseworker_id is None),
        committee=_committee_box(state),
    )


@lru_cache(maxsize=1)
def _case_page_prefetches() -> list[Prefetch]:
    """What the case page shows beside the case's state: deadlines, history, open tasks,
    and what the citizen sent in Min sag. Made once, like the state's parts, so the one
    statement reading them is compiled once (one_query_prefetch)."""
    return [
        Prefetch("deadlines", queryset=Deadline.objects.order_by("due_on", "id")),
        # The case's history is its changes; reads are the log of who looked.
        Prefetch(
            "audit_entries",
            queryset=AuditEntry.objects.filter(kind=AuditKind.WRITE)
            .select_related("actor")
            .annotate(correction_id=Cast(KeyTextTransform("correction", "details"), IntegerField()))
            .annotate(correction_reason=_correction_reason()),
        ),
        Prefetch(
            "tasks",
            queryset=Task.objects.filter(status=TaskStatus.OPEN).order_by("due_on", "id"),
            to_attr="open_tasks",
        ),
        # What the citizen sent in Min sag (issue 19): answers with their documents, and
        # the changes they reported.
        Prefetch(
            "hearing_answers",
            queryset=HearingAnswer.objects.select_related("sent_by").prefetch_related(
                "attachments"
            ),
            to_attr="answers_from_citizen",
        ),
        Prefetch(
            "citizen_reports",
            queryset=CitizenReport.objects.select_related("sent_by"),
            to_attr="reports_from_citizen",
        ),
    ]


def _correction_reason() -> Subquery:
    """A correction's reason beside its audit entry, read in the same query: the reason is
    kept in the Correction row the entry names, not in the never-anonymised log."""
    return Subquery(
        Correction.objects.filter(pk=OuterRef("correction_id"), case_id=OuterRef("case_id")).values(
            "reason"
        )[:1]
    )


def _committee_box(state: CaseState) -> CommitteeBox | None:
    advice = state.advice
    decision = state.decision
    deviation = decision if decision is not None and decision.committee_deviation_reason else None
    if (advice is None or not advice.committee_required) and deviation is None:
        return None
    text, sources = "", []
    if advice is not None and advice.committee_required:
        text, sources = explanation_for(advice.evaluation, "visitation_committee_required")
    review = state.committee_review
    awaiting = decision is None and (
        review is None or review.recommendation == CommitteeRecommendation.NEEDS_INFORMATION
    )
    return CommitteeBox(text, sources, review, awaiting, deviation)


def citizen_search_for_user(*, user: User, query: str, limit: int = 50) -> list[Citizen]:
    """Citizens the user may read whose name or CPR number matches; their cases come along
    (``readable_cases``) so a list can link to them. Three queries. NotFound for a user who
    reads no municipality's citizens (provider staff, administrators): the menu has no
    "Søg borger" for them (bb103.cases.selectors.access)."""
    if not reads_citizens(scope_of(user)):
        raise NotFound("Borgersøgningen")
    text = query.strip()
    if not text:
        return []
    citizens = Citizen.objects.filter(
        Q(municipality_id__in=reader_municipalities(user))
        | Q(pk__in=Case.objects.filter(readable_cases_q(user)).values("citizen_id"))
    )
    digits = text.replace("-", "").replace(" ", "")
    if digits.isdigit():
        # Only a whole CPR number is searched, by its keyed hash in one index lookup: a part
        # of a number (a birth date) would list strangers born that day.
        if len(digits) != 10:
            return []
        citizens = citizens.filter(cpr_key=cpr_search_key(f"{digits[:6]}-{digits[6:]}"))
    else:
        for word in text.split():
            citizens = citizens.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    found = list(
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
    # Every citizen shown is a read (the query itself, maybe a CPR number, is not kept).
    audit_listed(actor=user, action="search_listed", citizens=found)
    return found


@dataclass
class CitizenPage:
    citizen: Citizen
    cases: list[Case]
    vum_levels: list[tuple[date, int, str]]  # (day, level, "udredning" or "opfølgning")
    representatives: list[Representative]
    # GDPR: may hand the citizen their data (the access request's export).
    may_export: bool = False


def citizen_page_for_user(*, user: User, citizen_id: int) -> CitizenPage:
    """The citizen, their cases the user may read, and the VUM levels over time from the
    assessments and the yearly follow-ups, so progression shows."""
    citizen = (
        Citizen.objects.filter(
            Q(municipality_id__in=reader_municipalities(user))
            | Q(pk__in=Case.objects.filter(readable_cases_q(user)).values("citizen_id")),
            pk=citizen_id,
        )
        .annotate(
            may_export=Exists(
                Membership.objects.filter(
                    user_id=user.pk,
                    role__in=(Role.CASEWORKER, Role.MANAGER),
                    municipality_id=OuterRef("municipality_id"),
                )
            ),
        )
        .select_related("municipality")
        .first()
    )
    if citizen is None:
        raise NotFound("Borgeren")
    audit_read(actor=user, action="citizen_read", citizen=citizen)
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
        cases=cases,
        vum_levels=sorted(levels, key=lambda row: row[0]),
        representatives=list(citizen.representatives.order_by("id")),
        may_export=citizen.may_export,
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


def offers_for_case(*, user: User, case: Case | None) -> QuerySet[Offer]:
    """The offers of the case's municipality's catalogue the user may see (form choices);
    none without a case (a form read only for its fields: the API's schema)."""
    if case is None:
        return Offer.objects.none()
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


def offers_waited_for(*, user: User, case: Case | None) -> QuerySet[Offer]:
    """The offers whose waiting list the case is on now, as the user may see them."""
    if case is None:
        return Offer.objects.none()
    return offers_for_case(user=user, case=case).filter(
        waiting_list__case=case, waiting_list__left_on__isnull=True
    )

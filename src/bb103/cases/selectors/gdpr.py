"""Everything held about one citizen, for an access request (GDPR art. 15).

Read only for the caseworkers and managers of the citizen's own municipality; for anyone
else the citizen is "not found" (HTTP 404). Every row is reached from the citizen (through
the citizen's cases and placements), so another citizen's rows cannot come along."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q

from bb103.cases.errors import NotFound
from bb103.cases.models import (
    Application,
    Assessment,
    Attendance,
    AuditEntry,
    Case,
    CaseClosure,
    Citizen,
    CommitteeReview,
    Complaint,
    Correction,
    Deadline,
    Decision,
    DelayNotice,
    Deviation,
    DraftDecision,
    FollowUp,
    FollowUpBooking,
    Handleplan,
    JournalNote,
    Letter,
    LetterCopy,
    Membership,
    PartyHearing,
    PedagogicalPlan,
    Placement,
    Representative,
    Role,
    SettlementLine,
    Task,
    TaxCard,
    Termination,
    TransportArrangement,
    User,
    WageAgreement,
    WaitingListEntry,
)
from bb103.cases.selectors.access import log_municipalities
from bb103.cases.selectors.scope import municipalities_where, scope_of
from bb103.cases.services.audit import audit_read

# Who may make the export: the municipality's caseworkers (who answer the request) and
# managers; not committee members, provider staff or administrators.
EXPORT_ROLES = (Role.CASEWORKER, Role.MANAGER)


@dataclass
class PlacementExport:
    placement: Placement
    attendance: list[Attendance] = field(default_factory=list)
    wages: list[WageAgreement] = field(default_factory=list)
    plans: list[PedagogicalPlan] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    transport: list[TransportArrangement] = field(default_factory=list)
    settlement_lines: list[SettlementLine] = field(default_factory=list)

    @property
    def case_id(self) -> int:
        return self.placement.case_id

    def rows(self) -> list[Any]:
        return [
            self.placement,
            *self.attendance,
            *self.wages,
            *self.plans,
            *self.deviations,
            *self.transport,
            *self.settlement_lines,
        ]


@dataclass
class CaseExport:
    case: Case
    application: Application | None = None
    decision: Decision | None = None  # the one in force
    termination: Termination | None = None
    closure: CaseClosure | None = None
    assessments: list[Assessment] = field(default_factory=list)
    committee_reviews: list[CommitteeReview] = field(default_factory=list)
    drafts: list[DraftDecision] = field(default_factory=list)
    hearings: list[PartyHearing] = field(default_factory=list)
    handleplans: list[Handleplan] = field(default_factory=list)
    placements: list[PlacementExport] = field(default_factory=list)
    waiting_list: list[WaitingListEntry] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    follow_up_bookings: list[FollowUpBooking] = field(default_factory=list)
    complaints: list[Complaint] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)  # in force and set aside
    delay_notices: list[DelayNotice] = field(default_factory=list)
    journal_notes: list[JournalNote] = field(default_factory=list)  # oldest first
    # The copies of the case's letters sent to the citizen's representatives.
    letter_copies: list[LetterCopy] = field(default_factory=list)
    # The corrections of the case's assessment (the citizen's own are on CitizenExport).
    corrections: list[Correction] = field(default_factory=list)

    def rows(self) -> list[Any]:
        ones = [r for r in (self.application, self.termination, self.closure) if r is not None]
        lists = (
            self.decisions,
            self.delay_notices,
            self.assessments,
            self.committee_reviews,
            self.drafts,
            self.hearings,
            self.handleplans,
            self.waiting_list,
            self.follow_ups,
            self.follow_up_bookings,
            self.complaints,
            self.tasks,
            self.deadlines,
            self.letters,
            self.journal_notes,
            self.letter_copies,
            self.corrections,
        )
        return [self.case, *ones, *(r for rows in lists for r in rows)] + [
            r for p in self.placements for r in p.rows()
        ]


@dataclass
class CitizenExport:
    citizen: Citizen
    representatives: list[Representative]
    tax_cards: list[TaxCard]
    cases: list[CaseExport]
    audit: list[AuditEntry]
    # Staff named anywhere in the export, by id: the JSON carries ids, the summary names.
    staff: dict[int, User]
    # The corrections of the citizen's own data and of their representatives.
    corrections: list[Correction] = field(default_factory=list)
    # Each staff member's roles in the citizen's municipality, in Danish (who wrote a
    # journal note: a caseworker, a manager).
    staff_roles: dict[int, list[str]] = field(default_factory=dict)

    @property
    def letters(self) -> list[Letter]:
        return [letter for c in self.cases for letter in c.letters]


def _by(rows: Any, key: str) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def citizen_export_for_user(*, user: User, citizen_id: int) -> CitizenExport:
    citizen = (
        Citizen.objects.filter(
            pk=citizen_id,
            municipality_id__in=municipalities_where(user, EXPORT_ROLES),
        )
        .select_related("municipality")
        .first()
    )
    if citizen is None or not user.is_authenticated or not user.is_active:
        raise NotFound("Borgeren")
    cases = list(Case.objects.filter(citizen=citizen).select_related("caseworker").order_by("id"))
    ids = [c.pk for c in cases]
    one = {
        "application": {a.case_id: a for a in Application.objects.filter(case_id__in=ids)},
        "decision": {
            d.case_id: d
            for d in Decision.objects.filter(pk__in=[c.decision_id for c in cases]).select_related(
                "offer"
            )
        },
        "termination": {t.case_id: t for t in Termination.objects.filter(case_id__in=ids)},
        "closure": {c.case_id: c for c in CaseClosure.objects.filter(case_id__in=ids)},
    }
    offer_related = ("offer", "offer__provider")
    many = {
        "assessments": _by(Assessment.objects.filter(case_id__in=ids), "case_id"),
        "decisions": _by(
            Decision.objects.filter(case_id__in=ids).select_related("offer").order_by("id"),
            "case_id",
        ),
        "delay_notices": _by(DelayNotice.objects.filter(case_id__in=ids), "case_id"),
        "committee_reviews": _by(
            CommitteeReview.objects.filter(case_id__in=ids).select_related(*offer_related),
            "case_id",
        ),
        "drafts": _by(
            DraftDecision.objects.filter(case_id__in=ids).select_related("offer"), "case_id"
        ),
        "hearings": _by(PartyHearing.objects.filter(case_id__in=ids), "case_id"),
        "handleplans": _by(Handleplan.objects.filter(case_id__in=ids), "case_id"),
        "waiting_list": _by(
            WaitingListEntry.objects.filter(case_id__in=ids).select_related(*offer_related),
            "case_id",
        ),
        "follow_ups": _by(FollowUp.objects.filter(case_id__in=ids), "case_id"),
        "follow_up_bookings": _by(FollowUpBooking.objects.filter(case_id__in=ids), "case_id"),
        "complaints": _by(Complaint.objects.filter(case_id__in=ids), "case_id"),
        "tasks": _by(Task.objects.filter(case_id__in=ids), "case_id"),
        "deadlines": _by(Deadline.objects.filter(case_id__in=ids), "case_id"),
        "letters": _by(Letter.objects.filter(case_id__in=ids), "case_id"),
        "journal_notes": _by(
            JournalNote.objects.filter(case_id__in=ids).order_by("occurred_on", "created_at", "id"),
            "case_id",
        ),
        "letter_copies": _by(
            LetterCopy.objects.filter(letter__case_id__in=ids)
            .select_related("letter")
            .order_by("sent_on", "id")
            .annotate(case_id=F("letter__case_id")),
            "case_id",
        ),
    }
    corrections = list(Correction.objects.filter(citizen=citizen).order_by("corrected_at", "id"))
    # An assessment's corrections belong to its case; the citizen's own to no case.
    own_corrections = [c for c in corrections if c.case_id is None]
    many["corrections"] = _by([c for c in corrections if c.case_id is not None], "case_id")
    placements = list(
        Placement.objects.filter(case_id__in=ids).select_related(*offer_related).order_by("id")
    )
    pids = [p.pk for p in placements]
    per_placement = {
        "attendance": _by(Attendance.objects.filter(placement_id__in=pids), "placement_id"),
        "wages": _by(WageAgreement.objects.filter(placement_id__in=pids), "placement_id"),
        "plans": _by(PedagogicalPlan.objects.filter(placement_id__in=pids), "placement_id"),
        "deviations": _by(Deviation.objects.filter(placement_id__in=pids), "placement_id"),
        "transport": _by(
            TransportArrangement.objects.filter(placement_id__in=pids), "placement_id"
        ),
        "settlement_lines": _by(
            SettlementLine.objects.filter(placement_id__in=pids)
            .select_related("settlement")
            .order_by("settlement__month", "id"),
            "placement_id",
        ),
    }
    placements_by_case = _by(
        [
            PlacementExport(p, **{k: v.get(p.pk, []) for k, v in per_placement.items()})
            for p in placements
        ],
        "case_id",
    )
    exports = []
    for case in cases:
        exports.append(
            CaseExport(
                case,
                **{k: v.get(case.pk) for k, v in one.items()},
                **{k: v.get(case.pk, []) for k, v in many.items()},
                placements=placements_by_case.get(case.pk, []),
            )
        )
    audit = list(
        AuditEntry.objects.filter(
            Q(citizen=citizen) | Q(case_id__in=ids) | Q(details__citizen=citizen.pk),
            municipality_id=citizen.municipality_id,
        )
        .select_related("actor")
        .order_by("at", "id")
    )
    rows = [r for c in exports for r in c.rows()] + own_corrections
    user_ids = {e.actor_id for e in audit} | {
        getattr(row, f.attname)
        for row in rows
        for f in row._meta.concrete_fields
        if f.is_relation and f.related_model is User and getattr(row, f.attname) is not None
    }
    staff = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    staff_roles: dict[int, list[str]] = defaultdict(list)
    for membership in Membership.objects.filter(
        user_id__in=user_ids, municipality_id=citizen.municipality_id
    ).order_by("user_id", "role"):
        staff_roles[membership.user_id].append(membership.get_role_display())
    return CitizenExport(
        citizen=citizen,
        representatives=list(citizen.representatives.order_by("id")),
        tax_cards=list(TaxCard.objects.filter(citizen=citizen)),
        cases=exports,
        audit=audit,
        staff=staff,
        corrections=own_corrections,
        staff_roles=dict(staff_roles),
    )


def citizen_export_page_for_user(*, user: User, citizen_id: int) -> CitizenExport:
    """What the access request's export holds, for the page before it is made; the page
    names the citizen and counts their cases and letters, so it is logged as a read (the
    export itself is logged by its service)."""
    export = citizen_export_for_user(user=user, citizen_id=citizen_id)
    audit_read(actor=user, action="gdpr_export_read", citizen=export.citizen)
    return export


def retention_report_for_user(*, user: User, today: Any) -> Any:
    """The retention dry run for the municipalities the user manages (the managers answer
    for deletion); NotFound for everyone else. Ids and dates only, no names."""
    from bb103.cases.services.retention import retention_report

    # The same rule as the menu's "Opbevaring" (bb103.cases.selectors.access).
    managed = log_municipalities(scope_of(user))
    if not managed or not user.is_authenticated:
        raise NotFound("Siden")
    report = retention_report(today=today)
    report.candidates = [c for c in report.candidates if c.municipality_id in managed]
    return report

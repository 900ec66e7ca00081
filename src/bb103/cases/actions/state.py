"""A case as the actions see it: its rows, each part read once when first asked for, and
what they mean for the next step.

The same object answers the case page (for every action, so every part is read) and an
action inside its transaction (onto the locked case row, reading only the parts its
preconditions and its step need); the preconditions read only this object, so the page's
buttons and the action's own check cannot disagree.
"""

from datetime import date
from functools import cached_property

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, prefetch_related_objects

from bb103.cases.engine.evaluation import Advice, Evaluation, advice_on, evaluate_facts
from bb103.cases.engine.facts import CaseFacts, follow_up_clock
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Application,
    Assessment,
    Case,
    CaseClosure,
    CaseStatus,
    CommitteeRecommendation,
    CommitteeReview,
    Complaint,
    ComplaintStatus,
    Decision,
    DelayNotice,
    DraftDecision,
    DraftKind,
    FollowUpBooking,
    HearingStatus,
    Letter,
    Outcome,
    PartyHearing,
    Placement,
    Termination,
    WaitingListEntry,
    reopening_date,
)
from bb103.letters.kinds import DECISION_LETTERS

# What the state reads of a case, part by part: each part is one prefetch onto the case,
# read the first time a precondition or a step asks for it (a step reads few parts; the
# case page, asking every action, reads them all).
_PARTS: dict[str, str | Prefetch] = {
    "application": "application",
    "termination": "termination",
    "closure": "closure",
    "assessments": Prefetch(
        "assessments", queryset=Assessment.objects.order_by("assessed_on", "id")
    ),
    "drafts": Prefetch(
        "drafts",
        queryset=DraftDecision.objects.select_related("decision", "termination")
        .prefetch_related(Prefetch("hearings", queryset=PartyHearing.objects.order_by("id")))
        .order_by("id"),
    ),
    "committee_reviews": Prefetch(
        "committee_reviews",
        queryset=CommitteeReview.objects.select_related("offer").order_by("reviewed_on", "id"),
    ),
    "decisions": Prefetch(
        "decisions", queryset=Decision.objects.select_related("offer").order_by("id")
    ),
    "complaints": Prefetch("complaints", queryset=Complaint.objects.order_by("received_on", "id")),
    "placements": Prefetch(
        "placements",
        queryset=Placement.objects.filter(ended_on__isnull=True).select_related("offer__provider"),
        to_attr="running_placements",
    ),
    "bookings": Prefetch(
        "follow_up_bookings",
        queryset=FollowUpBooking.objects.filter(
            held__isnull=True, cancelled_on__isnull=True
        ).order_by("planned_on", "id"),
        to_attr="open_bookings",
    ),
    "waiting": Prefetch(
        "waiting_list",
        queryset=WaitingListEntry.objects.filter(left_on__isnull=True)
        .select_related("offer")
        .order_by("since", "id"),
        to_attr="open_waiting",
    ),
    "delay_notices": Prefetch(
        "delay_notices", queryset=DelayNotice.objects.order_by("sent_on", "id")
    ),
    "letters": Prefetch(
        "letters",
        queryset=Letter.objects.defer("pdf", "data")
        # The delivery's state is shown beside each letter: read with it, no query more.
        .select_related("sent_by", "delivery")
        .order_by("sent_at", "id"),
        to_attr="letter_rows",
    ),
}


def case_state_prefetches() -> list[Prefetch]:
    """The parts read by a query of their own (the rest come with the case row): the case
    page reads them all at once (selectors/one_query_prefetch.py), and the state then finds
    them read."""
    return [part for part in _PARTS.values() if isinstance(part, Prefetch)]


def forget_state(case: Case) -> None:
    """Drop what the state cached on ``case``: after a step its rows have changed, and the
    rows a step returns point to this instance."""
    case.__dict__.pop("_prefetched_objects_cache", None)
    # The application stays: no step on a case changes it.
    case._state.fields_cache.pop("termination", None)
    case._state.fields_cache.pop("closure", None)
    for attr in ("running_placements", "open_waiting", "letter_rows", "open_bookings"):
        case.__dict__.pop(attr, None)


def case_state_load(case: Case, *, today: date) -> "CaseState":
    """The state of ``case`` (a row just read, locked or not) on ``today``; its rows are
    read as they are asked for, one query per part."""
    return CaseState(case, today)


class CaseState:
    """A case as its actions see it on ``today``."""

    def __init__(self, case: Case, today: date) -> None:
        self.case = case
        self.today = today

    def _part(self, name: str) -> Case:
        prefetch_related_objects([self.case], _PARTS[name])
        return self.case

    @cached_property
    def application(self) -> Application | None:
        return getattr(self._part("application"), "application", None)

    @cached_property
    def termination(self) -> Termination | None:
        return getattr(self._part("termination"), "termination", None)

    @cached_property
    def closure(self) -> CaseClosure | None:
        """Why and when the case was closed, if it was (status »Lukket«)."""
        return getattr(self._part("closure"), "closure", None)

    @cached_property
    def assessments(self) -> list[Assessment]:
        return list(self._part("assessments").assessments.all())

    @cached_property
    def drafts(self) -> list[DraftDecision]:
        return list(self._part("drafts").drafts.all())

    @cached_property
    def committee_reviews(self) -> list[CommitteeReview]:
        """Read only where asked for: where the standard has a visitation committee."""
        return list(self._part("committee_reviews").committee_reviews.all())

    @cached_property
    def decisions(self) -> list[Decision]:
        return list(self._part("decisions").decisions.all())

    @cached_property
    def complaints(self) -> list[Complaint]:
        return list(self._part("complaints").complaints.all())

    @cached_property
    def placement(self) -> Placement | None:
        """The running placement; a case has at most one."""
        running = self._part("placements").running_placements
        return running[0] if running else None

    @cached_property
    def booking(self) -> FollowUpBooking | None:
        """The follow-up meeting booked ahead for the running placement, if any."""
        placement = self.placement
        if placement is None:
            return None
        open_ = self._part("bookings").open_bookings
        return next((b for b in open_ if b.placement_id == placement.pk), None)

    @cached_property
    def waiting(self) -> list[WaitingListEntry]:
        """The open waiting list entries."""
        return list(self._part("waiting").open_waiting)

    @cached_property
    def facts(self) -> CaseFacts:
        """What the engine is told about the case, from the parts (the same as
        ``engine.facts.case_facts`` reads with queries of its own)."""
        hearings = [
            h
            for draft in self.drafts
            for h in draft.hearings.all()
            if h.status != HearingStatus.SKIPPED
        ]
        placement = self.placement
        first_started_on = last_follow_up_on = None
        if placement is not None:
            first_started_on, last_follow_up_on = follow_up_clock(self.case)
        told = sorted(
            (d for d in self.decisions if d.received_on is not None),
            key=lambda d: (d.received_on, d.pk),
        )
        notices = list(self._part("delay_notices").delay_notices.all())
        latest_notice = max(notices, key=lambda n: (n.sent_on, n.pk), default=None)
        application = self.application
        return CaseFacts(
            municipality=self.case.municipality_id,
            cpr=self.case.citizen.cpr,
            living_situation=self.case.citizen.living_situation or None,
            assessment=self.assessment,
            application_received_on=None if application is None else application.received_on,
            hearing=max(hearings, key=lambda h: h.pk, default=None),
            decision=self.decision,
            complaint=self.latest_complaint,
            placement=placement,
            last_follow_up_on=last_follow_up_on,
            communicated=tuple((d.decided_on, d.received_on) for d in told),
            promise=None
            if latest_notice is None
            else (latest_notice.sent_on, latest_notice.expected_on),
            reopened_on=reopening_date(self.complaints),
            first_started_on=first_started_on,
        )

    def evaluate(self, *, as_of: date) -> Evaluation:
        """The engine's evaluation of the case as it stands before the step, on ``as_of``."""
        return evaluate_facts(self.facts, as_of=as_of)

    @cached_property
    def letters(self) -> list[Letter]:
        """The letters sent, oldest first, without their PDF and data."""
        return list(self._part("letters").letter_rows)

    # -- the application and its decision -------------------------------------------------
    @property
    def assessment(self) -> Assessment | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def decision(self) -> Decision | None:
        """The decision in force."""
        return next((d for d in self.decisions if d.pk == self.case.decision_id), None)

    @property
    def granted(self) -> bool:
        decision = self.decision
        return decision is not None and decision.outcome == Outcome.GRANT

    @property
    def refused(self) -> bool:
        decision = self.decision
        return decision is not None and decision.outcome == Outcome.REFUSAL

    def open_draft(self, kind: str = DraftKind.APPLICATION) -> DraftDecision | None:
        """The latest draft of ``kind`` that no decision has been made on yet."""
        for draft in reversed(self.drafts):
            if draft.kind == kind:
                used = _related(draft, "decision") or _related(draft, "termination")
                return None if used else draft
        return None

    @staticmethod
    def hearing_of(draft: DraftDecision | None) -> PartyHearing | None:
        if draft is None:
            return None
        hearings = list(draft.hearings.all())
        return hearings[-1] if hearings else None

    @property
    def open_hearing(self) -> PartyHearing | None:
        """The partshøring under way (sent, not closed), on any draft."""
        for draft in reversed(self.drafts):
            hearing = self.hearing_of(draft)
            if hearing is not None and hearing.status == HearingStatus.SENT:
                return hearing
        return None

    @property
    def reopened_on(self) -> date | None:
        """When the decision on the application was set aside to be made again (sent back
        or annulled by Ankestyrelsen, or changed at the municipality's reassessment), if no
        decision has been made since."""
        if self.decision is not None:
            return None
        return reopening_date(self.complaints)

    @property
    def committee_review(self) -> CommitteeReview | None:
        """The committee's latest review of the case as it stands (after a reopening,
        only a review made since counts)."""
        since = self.reopened_on
        reviews = [r for r in self.committee_reviews if since is None or r.reviewed_on >= since]
        return reviews[-1] if reviews else None

    def committee_recommends_against(self) -> bool:
        review = self.committee_review
        return (
            review is not None and review.recommendation == CommitteeRecommendation.DOES_NOT_SUPPORT
        )

    # -- letters ---------------------------------------------------------------------------
    def letters_of(self, kind: str) -> list[Letter]:
        return [letter for letter in self.letters if letter.kind == kind]

    def decision_letter(self, decision: Decision | None) -> Letter | None:
        """The first letter that told the citizen of ``decision``."""
        if decision is None:
            return None
        return next(
            (
                letter
                for letter in self.letters
                if letter.kind in DECISION_LETTERS and letter.decision_id == decision.pk
            ),
            None,
        )

    # -- complaints and the end ------------------------------------------------------------
    @property
    def open_complaint(self) -> Complaint | None:
        return next((c for c in self.complaints if c.status != ComplaintStatus.CLOSED), None)

    @property
    def latest_complaint(self) -> Complaint | None:
        return max(self.complaints, key=lambda c: (c.received_on, c.pk), default=None)

    @property
    def termination_pending(self) -> bool:
        """A termination is decided and the day it takes effect has not come."""
        return self.termination is not None and self.case.status != CaseStatus.TERMINATED

    # -- the engine ------------------------------------------------------------------------
    @cached_property
    def _advice(self) -> tuple[Advice | None, str | None]:
        application = self.application
        facts = CaseFacts(
            municipality=self.case.municipality_id,
            cpr=self.case.citizen.cpr,
            living_situation=self.case.citizen.living_situation or None,
            assessment=self.assessment,
            application_received_on=None if application is None else application.received_on,
            hearing=None,
            decision=None,
            complaint=None,
            placement=None,
            last_follow_up_on=None,
        )
        try:
            return advice_on(facts, today=self.today), None
        except CaseError as exc:
            return None, exc.message

    @property
    def advice(self) -> Advice | None:
        """The engine's view of the case today (None if it cannot evaluate it)."""
        return self._advice[0]

    @property
    def advice_error(self) -> str | None:
        return self._advice[1]


def _related(obj: object, name: str) -> object | None:
    """A reverse one-to-one row, or None where there is none (no query when prefetched)."""
    try:
        return getattr(obj, name)
    except ObjectDoesNotExist:
        return None

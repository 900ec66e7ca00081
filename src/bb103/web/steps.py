"""The steps a case page offers: the URL slug, the Danish title, the form, the service,
and when the step is open. Whether it is allowed is still the service's decision; this
only decides which buttons to show."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bb103.cases import services
from bb103.cases.engine.evaluation import Advice
from bb103.cases.models import CaseStatus, ComplaintStatus, Outcome
from bb103.cases.permissions import STEPS
from bb103.cases.selectors import CasePage
from bb103.web.forms import steps as f

S = CaseStatus


@dataclass(frozen=True)
class StepSpec:
    slug: str
    service: str
    title: str
    form: type[f.CaseStepForm]
    statuses: frozenset[str]
    when: Callable[[CasePage, Advice | None], bool] = lambda page, advice: True
    needs_complaint: str | None = None  # the open complaint's status the step works on
    primary: bool = True

    @property
    def roles(self) -> frozenset[str]:
        return STEPS[self.service][1]

    def is_open(self, page: CasePage, advice: Advice | None) -> bool:
        if page.case.status not in self.statuses:
            return False
        if self.needs_complaint is not None:
            complaint = page.open_complaint
            if complaint is None or complaint.status != self.needs_complaint:
                return False
        return self.when(page, advice)

    def call(self, *, user, page: CasePage, kwargs: dict[str, Any]):
        service = getattr(services, self.service)
        if self.needs_complaint is not None:
            kwargs = {**kwargs, "complaint": page.open_complaint}
        return service(user=user, case=page.case, **kwargs)


def _granted(page: CasePage, advice: Advice | None) -> bool:
    decision = getattr(page.case, "decision", None)
    return decision is not None and decision.outcome == Outcome.GRANT


def _committee(page: CasePage, advice: Advice | None) -> bool:
    return advice is not None and advice.committee_required


def _may_skip_hearing(page: CasePage, advice: Advice | None) -> bool:
    return advice is not None and advice.standard_hearing is None


def _may_decide(page: CasePage, advice: Advice | None) -> bool:
    """Hide the decision until the standard's own prerequisites are in the audit trail
    (the service checks them again): the visitation committee's review, and partshøring
    closed on the latest draft where the standard always sends it."""
    actions = [e.action for e in page.audit]
    if advice is None:
        return True
    if advice.committee_required and "committee_review_record" not in actions:
        return False
    if advice.standard_hearing is not None:
        last_draft = max(
            (i for i, a in enumerate(actions) if a == "draft_decision_create"), default=-1
        )
        return "party_hearing_close" in actions[last_draft + 1 :]
    return True


def _no_open_complaint(page: CasePage, advice: Advice | None) -> bool:
    return hasattr(page.case, "decision") and page.open_complaint is None


DECIDED = frozenset({S.DECIDED, S.ACTIVE, S.TERMINATED})


def _waiting(page: CasePage) -> bool:
    """Whether the case may be on a waiting list now, read from the audit trail the page
    already has (no query): entries added, less those left or ended by a placement."""
    added = left = 0
    for entry in page.audit:
        if entry.action == "waiting_list_add":
            added += 1
        elif entry.action == "waiting_list_leave":
            left += 1
        elif entry.action == "placement_start":
            left += int(entry.details.get("waiting_list_left", 0))
    return added > left


STEP_SPECS: tuple[StepSpec, ...] = (
    StepSpec(
        "udredning", "assessment_record", "Registrér udredning", f.AssessmentForm,
        frozenset({S.RECEIVED, S.ASSESSED}),
    ),
    StepSpec(
        "visitationsudvalg", "committee_review_record",
        "Registrér visitationsudvalgets behandling", f.CommitteeReviewForm,
        frozenset({S.ASSESSED, S.DRAFTED}), _committee,
    ),
    StepSpec(
        "udkast", "draft_decision_create", "Udarbejd udkast til afgørelse", f.DraftForm,
        frozenset({S.ASSESSED, S.DRAFTED}),
    ),
    StepSpec(
        "partshoering", "party_hearing_send", "Send udkastet i partshøring",
        f.HearingSendForm, frozenset({S.DRAFTED}),
    ),
    StepSpec(
        "partshoering-undlad", "party_hearing_skip", "Undlad partshøring (§ 19, stk. 2)",
        f.HearingSkipForm, frozenset({S.DRAFTED}), _may_skip_hearing, primary=False,
    ),
    StepSpec(
        "partshoering-afslut", "party_hearing_close", "Afslut partshøringen",
        f.HearingCloseForm, frozenset({S.HEARING}),
    ),
    StepSpec(
        "afgoerelse", "decision_make", "Træf afgørelse", f.DecisionForm,
        frozenset({S.ASSESSED, S.DRAFTED}), _may_decide,
    ),
    StepSpec(
        "handleplan", "handleplan_record", "Registrér handleplan (§ 141)", f.HandleplanForm,
        frozenset({S.DECIDED, S.ACTIVE}), _granted,
    ),
    StepSpec(
        "placering", "placement_start", "Start beskæftigelsen", f.PlacementForm,
        frozenset({S.DECIDED}), _granted,
    ),
    StepSpec(
        "opfoelgning", "follow_up_record", "Registrér opfølgning", f.FollowUpForm,
        frozenset({S.ACTIVE}),
    ),
    StepSpec(
        "ophoer", "case_terminate", "Afslut indsatsen", f.TerminationForm,
        frozenset({S.DECIDED, S.ACTIVE}), _granted, primary=False,
    ),
    StepSpec(
        "klage", "complaint_register", "Registrér klage", f.ComplaintRegisterForm,
        DECIDED, _no_open_complaint, primary=False,
    ),
    StepSpec(
        "klage-genvurdering", "complaint_reassess", "Genvurdér afgørelsen",
        f.ComplaintReassessForm, DECIDED, needs_complaint=ComplaintStatus.RECEIVED,
    ),
    StepSpec(
        "klage-videresend", "complaint_forward", "Send klagen til Ankestyrelsen",
        f.ComplaintForwardForm, DECIDED, needs_complaint=ComplaintStatus.REASSESSED,
    ),
    StepSpec(
        "klage-ankestyrelsen", "complaint_outcome_record",
        "Registrér Ankestyrelsens afgørelse", f.ComplaintOutcomeForm, DECIDED,
        needs_complaint=ComplaintStatus.FORWARDED,
    ),
    StepSpec(
        "venteliste", "waiting_list_add", "Sæt på venteliste", f.WaitingListAddForm,
        frozenset({S.DECIDED, S.ACTIVE}), _granted, primary=False,
    ),
    StepSpec(
        "venteliste-afmeld", "waiting_list_leave", "Tag af venteliste", f.WaitingListLeaveForm,
        frozenset({S.DECIDED, S.ACTIVE, S.TERMINATED}), lambda page, advice: _waiting(page),
        primary=False,
    ),
)  # fmt: skip

STEP_BY_SLUG = {spec.slug: spec for spec in STEP_SPECS}


def open_steps(page: CasePage, advice: Advice | None) -> list[StepSpec]:
    """The steps the user could take on the case now, by status and role."""
    return [spec for spec in STEP_SPECS if spec.roles & page.roles and spec.is_open(page, advice)]

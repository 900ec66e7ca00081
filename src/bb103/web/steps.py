"""How each step of a case looks on screen: its URL slug and its form. Which steps the case
page offers, and whether one may be taken, is the step's action's answer
(:mod:`bb103.cases.actions`); nothing here decides it."""

from dataclasses import dataclass

from bb103.cases import actions
from bb103.cases.actions import CaseAction
from bb103.web.forms import steps as f
from bb103.web.forms.journal import JournalNoteForm


@dataclass(frozen=True)
class StepView:
    action: CaseAction
    slug: str
    form: type[f.CaseStepForm]

    @property
    def roles(self) -> frozenset[str]:
        return self.action.roles


# Letters have their own pages (bb103.web.letters).
STEP_VIEWS: tuple[StepView, ...] = (
    StepView(actions.assessment_record, "udredning", f.AssessmentForm),
    StepView(actions.assessment_correct, "udredning-ret", f.AssessmentCorrectForm),
    StepView(actions.committee_review_record, "visitationsudvalg", f.CommitteeReviewForm),
    StepView(actions.draft_decision_create, "udkast", f.DraftForm),
    StepView(actions.party_hearing_send, "partshoering", f.HearingSendForm),
    StepView(actions.party_hearing_skip, "partshoering-undlad", f.HearingSkipForm),
    StepView(actions.party_hearing_close, "partshoering-afslut", f.HearingCloseForm),
    StepView(actions.decision_make, "afgoerelse", f.DecisionForm),
    StepView(actions.decision_receipt_record, "afgoerelse-modtaget", f.DecisionReceiptForm),
    StepView(actions.handleplan_record, "handleplan", f.HandleplanForm),
    StepView(actions.placement_start, "placering", f.PlacementForm),
    StepView(actions.follow_up_record, "opfoelgning", f.FollowUpForm),
    StepView(actions.follow_up_book, "opfoelgning-aftal", f.FollowUpBookForm),
    StepView(actions.follow_up_booking_cancel, "opfoelgning-aflys", f.FollowUpCancelForm),
    StepView(actions.termination_draft_create, "ophoer-udkast", f.TerminationDraftForm),
    StepView(actions.case_terminate, "ophoer", f.TerminationForm),
    StepView(actions.termination_effect, "ophoer-i-kraft", f.TerminationEffectForm),
    StepView(actions.complaint_register, "klage", f.ComplaintRegisterForm),
    StepView(actions.complaint_reassess, "klage-genvurdering", f.ComplaintReassessForm),
    StepView(actions.complaint_forward, "klage-videresend", f.ComplaintForwardForm),
    StepView(actions.complaint_outcome_record, "klage-ankestyrelsen", f.ComplaintOutcomeForm),
    StepView(actions.waiting_list_add, "venteliste", f.WaitingListAddForm),
    StepView(actions.waiting_list_leave, "venteliste-afmeld", f.WaitingListLeaveForm),
    StepView(actions.case_close, "luk", f.CaseCloseForm),
    StepView(actions.journal_note_add, "notat", JournalNoteForm),
    StepView(actions.change_draft_create, "aendring-udkast", f.ChangeDraftForm),
    StepView(actions.change_decision_make, "aendring", f.ChangeDecisionForm),
    StepView(actions.change_effect, "aendring-i-kraft", f.ChangeEffectForm),
)
STEP_BY_SLUG = {view.slug: view for view in STEP_VIEWS}
SLUG_BY_ACTION = {view.action.name: view.slug for view in STEP_VIEWS}

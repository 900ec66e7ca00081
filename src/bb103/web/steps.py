"""How each step of a case looks on screen: its URL slug and its form. Which steps the case
page offers, and whether one may be taken, is the step's action's answer
(:mod:`bb103.cases.actions`); nothing here decides it."""

from bb103.cases import actions
from bb103.cases.actions import CaseAction
from bb103.web.forms import steps as f

# action -> (URL slug, form). Letters have their own pages (bb103.web.letters).
STEP_FORMS: dict[CaseAction, tuple[str, type[f.CaseStepForm]]] = {
    actions.assessment_record: ("udredning", f.AssessmentForm),
    actions.committee_review_record: ("visitationsudvalg", f.CommitteeReviewForm),
    actions.draft_decision_create: ("udkast", f.DraftForm),
    actions.party_hearing_send: ("partshoering", f.HearingSendForm),
    actions.party_hearing_skip: ("partshoering-undlad", f.HearingSkipForm),
    actions.party_hearing_close: ("partshoering-afslut", f.HearingCloseForm),
    actions.decision_make: ("afgoerelse", f.DecisionForm),
    actions.decision_receipt_record: ("afgoerelse-modtaget", f.DecisionReceiptForm),
    actions.handleplan_record: ("handleplan", f.HandleplanForm),
    actions.placement_start: ("placering", f.PlacementForm),
    actions.follow_up_record: ("opfoelgning", f.FollowUpForm),
    actions.termination_draft_create: ("ophoer-udkast", f.TerminationDraftForm),
    actions.case_terminate: ("ophoer", f.TerminationForm),
    actions.termination_effect: ("ophoer-i-kraft", f.TerminationEffectForm),
    actions.complaint_register: ("klage", f.ComplaintRegisterForm),
    actions.complaint_reassess: ("klage-genvurdering", f.ComplaintReassessForm),
    actions.complaint_forward: ("klage-videresend", f.ComplaintForwardForm),
    actions.complaint_outcome_record: ("klage-ankestyrelsen", f.ComplaintOutcomeForm),
    actions.waiting_list_add: ("venteliste", f.WaitingListAddForm),
    actions.waiting_list_leave: ("venteliste-afmeld", f.WaitingListLeaveForm),
}
ACTION_BY_SLUG = {slug: action for action, (slug, _) in STEP_FORMS.items()}
SLUG_BY_ACTION = {action.name: slug for action, (slug, _) in STEP_FORMS.items()}

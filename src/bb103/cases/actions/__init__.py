"""The case workflow in one place: every step of a case is an action object that knows who
may take it, from which states, its preconditions (each a Danish reason), and how it is
performed atomically with its audit entry and recomputed deadlines (``base.CaseAction``).
The case page, the step forms, the sweep, the CLI and every later channel ask these
objects; nothing else decides which states allow which step.

``CASE_ACTIONS`` lists the steps of a case in the order the case page offers them.
"""

from bb103.cases.actions import roles  # the plain actions register themselves
from bb103.cases.actions.base import REGISTRY, Action, CaseAction, Step, Verdict
from bb103.cases.actions.change import change_decision_make, change_draft_create, change_effect
from bb103.cases.actions.closure import case_close
from bb103.cases.actions.committee import committee_review_record
from bb103.cases.actions.complaints import (
    complaint_forward,
    complaint_outcome_record,
    complaint_reassess,
    complaint_register,
)
from bb103.cases.actions.corrections import assessment_correct
from bb103.cases.actions.decision import decision_make, decision_receipt_record
from bb103.cases.actions.economy import transport_set
from bb103.cases.actions.follow_up_booking import follow_up_book, follow_up_booking_cancel
from bb103.cases.actions.granted import (
    follow_up_record,
    handleplan_record,
    placement_start,
    waiting_list_add,
    waiting_list_leave,
)
from bb103.cases.actions.hearing import (
    draft_decision_create,
    party_hearing_close,
    party_hearing_send,
    party_hearing_skip,
)
from bb103.cases.actions.intake import assessment_record
from bb103.cases.actions.journal import journal_note_add
from bb103.cases.actions.letters import LETTER_ACTIONS, letter_send
from bb103.cases.actions.portal_acts import change_report, party_hearing_answer
from bb103.cases.actions.state import CaseState, case_state_load
from bb103.cases.actions.termination import (
    case_terminate,
    termination_draft_create,
    termination_effect,
)

CASE_ACTIONS: tuple[CaseAction, ...] = (
    assessment_record,
    assessment_correct,
    committee_review_record,
    draft_decision_create,
    party_hearing_send,
    party_hearing_skip,
    party_hearing_answer,
    party_hearing_close,
    decision_make,
    decision_receipt_record,
    handleplan_record,
    placement_start,
    follow_up_book,
    follow_up_booking_cancel,
    follow_up_record,
    termination_draft_create,
    case_terminate,
    termination_effect,
    complaint_register,
    complaint_reassess,
    complaint_forward,
    complaint_outcome_record,
    waiting_list_add,
    waiting_list_leave,
    case_close,
    journal_note_add,
    change_report,
    change_draft_create,
    change_decision_make,
    change_effect,
    *LETTER_ACTIONS.values(),
)


def action(name: str) -> Action:
    """The action of that name (KeyError for an unknown one)."""
    return REGISTRY[name]


def case_verdicts(state: CaseState, roles: frozenset[str]) -> list[Verdict]:
    """What every step of a case says to a user with ``roles`` now, in the page's order;
    only the steps that belong to the case's state and the user's role."""
    return [v for v in (a.verdict(state, roles) for a in CASE_ACTIONS) if v.shown]


__all__ = [
    "CASE_ACTIONS",
    "LETTER_ACTIONS",
    "REGISTRY",
    "Action",
    "CaseAction",
    "CaseState",
    "Step",
    "Verdict",
    "action",
    "case_close",
    "case_state_load",
    "case_verdicts",
    "change_decision_make",
    "change_draft_create",
    "change_effect",
    "journal_note_add",
    "letter_send",
    "roles",
    "transport_set",
]

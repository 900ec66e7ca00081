"""Every change to a case, one function per step, named ``<entity>_<verb>``.

Each step checks the user's role in the case's municipality, validates its input, changes
the case atomically with the case row locked, recomputes the deadlines through the engine
and writes an audit entry. A step the case, the law or the municipality's standard does not
allow raises :class:`bb103.cases.errors.CaseError` with a Danish message.
"""

from bb103.cases.services.application import application_register
from bb103.cases.services.assessment import assessment_record
from bb103.cases.services.attendance import AttendanceEntry, attendance_record
from bb103.cases.services.citizens import citizen_register, representative_register
from bb103.cases.services.committee import committee_review_record
from bb103.cases.services.complaints import (
    complaint_forward,
    complaint_outcome_record,
    complaint_reassess,
    complaint_register,
)
from bb103.cases.services.decision import decision_make
from bb103.cases.services.follow_up import follow_up_record
from bb103.cases.services.handleplan import handleplan_record
from bb103.cases.services.hearing import (
    draft_decision_create,
    party_hearing_close,
    party_hearing_send,
    party_hearing_skip,
)
from bb103.cases.services.letters import letter_send
from bb103.cases.services.municipalities import municipalities_sync
from bb103.cases.services.placement import placement_start
from bb103.cases.services.provider_reports import deviation_report, pedagogical_plan_record
from bb103.cases.services.providers import (
    offer_price_set,
    offer_register,
    offer_update,
    provider_register,
)
from bb103.cases.services.settlement import settlement_approve, settlement_run
from bb103.cases.services.sweep import sweep_run
from bb103.cases.services.tasks import task_complete
from bb103.cases.services.tax_cards import tax_card_record
from bb103.cases.services.termination import case_terminate
from bb103.cases.services.transport import transport_set
from bb103.cases.services.wages import wage_set
from bb103.cases.services.waiting_list import waiting_list_add, waiting_list_leave

__all__ = [
    "AttendanceEntry",
    "application_register",
    "assessment_record",
    "attendance_record",
    "case_terminate",
    "citizen_register",
    "committee_review_record",
    "complaint_forward",
    "complaint_outcome_record",
    "complaint_reassess",
    "complaint_register",
    "decision_make",
    "deviation_report",
    "draft_decision_create",
    "follow_up_record",
    "handleplan_record",
    "letter_send",
    "municipalities_sync",
    "offer_price_set",
    "offer_register",
    "offer_update",
    "party_hearing_close",
    "party_hearing_send",
    "party_hearing_skip",
    "pedagogical_plan_record",
    "placement_start",
    "provider_register",
    "representative_register",
    "settlement_approve",
    "settlement_run",
    "sweep_run",
    "task_complete",
    "tax_card_record",
    "transport_set",
    "wage_set",
    "waiting_list_add",
    "waiting_list_leave",
]

# GDPR (issue 7): the access request's export and anonymisation after the retention period.
from bb103.cases.services.gdpr import GdprExport, gdpr_export

__all__ += ["GdprExport", "gdpr_export"]
from bb103.cases.services.retention import (  # noqa: E402
    RetentionReport,
    RetentionResult,
    retention_apply,
    retention_report,
)

__all__ += ["RetentionReport", "RetentionResult", "retention_apply", "retention_report"]

"""Every write, named ``<entity>_<verb>``: the one place views, the CLI and the sweep call.

A step on a case is an action object of :mod:`bb103.cases.actions` (it checks the user's
role in the case's municipality, the case's state and the step's preconditions, changes the
case atomically with the case row locked, recomputes the deadlines through the engine and
writes an audit entry); it is reached here by the same name. The other writes (citizens,
the provider catalogue, attendance, the settlement, GDPR) are functions in this package's
modules that check their action's role. A change the case, the law or the municipality's
standard does not allow raises :class:`bb103.cases.errors.CaseError` with a Danish message.

The names are read from their modules when first asked for (PEP 562), so this package
imports nothing while it loads: the actions use its helper modules (audit, deadlines,
validation), and the services use the actions and the selectors, without a cycle.
"""

from importlib import import_module
from typing import Any

_WHERE = {
    "user_create": "bb103.cases.services.administration",
    "user_role_add": "bb103.cases.services.administration",
    "user_role_remove": "bb103.cases.services.administration",
    "user_deactivate": "bb103.cases.services.administration",
    "user_reactivate": "bb103.cases.services.administration",
    "second_factor_reset": "bb103.cases.services.administration",
    "municipality_contact_set": "bb103.cases.services.administration",
    "api_client_register": "bb103.cases.services.api_clients",
    "api_client_revoke": "bb103.cases.services.api_clients",
    "api_key_authenticate": "bb103.cases.services.api_clients",
    "api_key_rotate": "bb103.cases.services.api_clients",
    "AttendanceEntry": "bb103.cases.services.attendance",
    "GdprExport": "bb103.cases.services.gdpr",
    "application_register": "bb103.cases.services.application",
    "attendance_record": "bb103.cases.services.attendance",
    "case_assign": "bb103.cases.services.assignment",
    "caseload_transfer": "bb103.cases.services.assignment",
    "citizen_correct": "bb103.cases.services.corrections",
    "citizen_register": "bb103.cases.services.citizens",
    "deviation_report": "bb103.cases.services.provider_reports",
    "finance_file_create": "bb103.cases.services.finance_file",
    "gdpr_export": "bb103.cases.services.gdpr",
    "municipalities_sync": "bb103.cases.services.municipalities",
    "offer_price_set": "bb103.cases.services.providers",
    "offer_register": "bb103.cases.services.providers",
    "offer_update": "bb103.cases.services.providers",
    "pedagogical_plan_record": "bb103.cases.services.provider_reports",
    "provider_cvr_set": "bb103.cases.services.providers",
    "provider_register": "bb103.cases.services.providers",
    "representative_correct": "bb103.cases.services.corrections",
    "representative_register": "bb103.cases.services.citizens",
    "settlement_approve": "bb103.cases.services.settlement",
    "settlement_run": "bb103.cases.services.settlement",
    "sweep_run": "bb103.cases.services.sweep",
    "task_complete": "bb103.cases.services.tasks",
    "tax_card_record": "bb103.cases.services.tax_cards",
    "wage_set": "bb103.cases.services.wages",
    "RetentionReport": "bb103.cases.services.retention",
    "RetentionResult": "bb103.cases.services.retention",
    "retention_apply": "bb103.cases.services.retention",
    "retention_report": "bb103.cases.services.retention",
    "assessment_correct": "bb103.cases.actions",
    "assessment_record": "bb103.cases.actions",
    "case_close": "bb103.cases.actions",
    "case_terminate": "bb103.cases.actions",
    "committee_review_record": "bb103.cases.actions",
    "complaint_forward": "bb103.cases.actions",
    "complaint_outcome_record": "bb103.cases.actions",
    "complaint_reassess": "bb103.cases.actions",
    "complaint_register": "bb103.cases.actions",
    "decision_make": "bb103.cases.actions",
    "decision_receipt_record": "bb103.cases.actions",
    "draft_decision_create": "bb103.cases.actions",
    "follow_up_book": "bb103.cases.actions",
    "follow_up_booking_cancel": "bb103.cases.actions",
    "follow_up_record": "bb103.cases.actions",
    "handleplan_record": "bb103.cases.actions",
    "journal_note_add": "bb103.cases.actions",
    "letter_send": "bb103.cases.actions",
    "party_hearing_close": "bb103.cases.actions",
    "party_hearing_send": "bb103.cases.actions",
    "party_hearing_skip": "bb103.cases.actions",
    "placement_start": "bb103.cases.actions",
    "termination_draft_create": "bb103.cases.actions",
    "termination_effect": "bb103.cases.actions",
    "transport_set": "bb103.cases.actions",
    "waiting_list_add": "bb103.cases.actions",
    "waiting_list_leave": "bb103.cases.actions",
    "change_draft_create": "bb103.cases.actions",
    "change_decision_make": "bb103.cases.actions",
    "change_effect": "bb103.cases.actions",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__

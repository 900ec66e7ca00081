"""Every read of a municipality-owned row, scoped to the user.

A row of another municipality, or a case a provider's staff member has no citizen placed
for, is "not found" (:class:`bb103.cases.errors.NotFound`, HTTP 404), so its existence is
not revealed. Views and the API read only through these functions.
"""

from bb103.cases.selectors.access import areas_for_user
from bb103.cases.selectors.audit import (
    AuditSearch,
    audit_list_for_case,
    audit_search_for_user,
    citizen_access_log_for_user,
)
from bb103.cases.selectors.cases import case_get_for_user, case_list_for_user
from bb103.cases.selectors.catalogue import (
    Catalogue,
    catalogue_for_user,
    municipalities_for_provider_form,
    providers_for_offer_form,
)
from bb103.cases.selectors.citizens import (
    citizen_get_for_user,
    citizen_list_for_user,
    citizen_read_for_user,
)
from bb103.cases.selectors.corrections import (
    CorrectionRow,
    assessment_latest,
    corrections_for_citizen,
    letter_copies_for_case,
    representative_get_for_user,
)
from bb103.cases.selectors.deadlines import deadline_list_for_user
from bb103.cases.selectors.delivery import (
    DeliveryState,
    letter_delivery_for_user,
    letter_delivery_status,
)
from bb103.cases.selectors.economy import CaseEconomy, case_economy_for_user
from bb103.cases.selectors.finance_file import finance_file_for_user
from bb103.cases.selectors.handover import Handover, handover_for_user
from bb103.cases.selectors.journal import journal_notes_correctable, journal_notes_for_case
from bb103.cases.selectors.letters import (
    complaint_case_file_for_user,
    letter_get_for_user,
    letter_list_for_user,
)
from bb103.cases.selectors.overview import (
    Overview,
    overview_for_user,
    overview_municipalities_for_user,
)
from bb103.cases.selectors.pages import (
    CasePage,
    CitizenPage,
    WorkList,
    case_page_for_user,
    caseworker_municipalities,
    citizen_page_for_user,
    citizen_search_for_user,
    offers_for_case,
    offers_waited_for,
    provider_overview_for_user,
    representatives_for_citizen,
    worklist_for_user,
)
from bb103.cases.selectors.provider_work import (
    OrderPage,
    ProviderStart,
    WeekGrid,
    attendance_week_for_user,
    placement_order_for_user,
    provider_offer_get_for_user,
    provider_placement_get_for_user,
    provider_placement_list_for_user,
    provider_placement_read_for_user,
    provider_staff_only,
    provider_start_for_user,
    wage_terms_for_placement,
    week_start,
)
from bb103.cases.selectors.providers import (
    offer_get_for_user,
    offer_list_for_user,
    offer_price_in_force,
    offer_price_on,
    provider_get_for_user,
    provider_list_for_user,
)
from bb103.cases.selectors.settlement import (
    SettlementPage,
    settlement_month_list_for_user,
    settlement_municipalities_for_user,
    settlement_page_for_user,
)
from bb103.cases.selectors.tasks import task_get_for_user, task_list_for_user, task_read_for_user
from bb103.cases.selectors.team import (
    TeamMunicipality,
    case_municipalities_for_user,
    caseworkers_for_case,
    duplicate_candidates,
    team_for_user,
    team_members_for_user,
)

__all__ = [
    "AuditSearch",
    "CaseEconomy",
    "CasePage",
    "Catalogue",
    "CitizenPage",
    "Handover",
    "OrderPage",
    "ProviderStart",
    "SettlementPage",
    "TeamMunicipality",
    "WeekGrid",
    "WorkList",
    "areas_for_user",
    "attendance_week_for_user",
    "audit_list_for_case",
    "audit_search_for_user",
    "case_economy_for_user",
    "case_get_for_user",
    "case_list_for_user",
    "case_municipalities_for_user",
    "case_page_for_user",
    "caseworker_municipalities",
    "caseworkers_for_case",
    "catalogue_for_user",
    "citizen_access_log_for_user",
    "citizen_get_for_user",
    "citizen_list_for_user",
    "citizen_page_for_user",
    "citizen_read_for_user",
    "citizen_search_for_user",
    "complaint_case_file_for_user",
    "deadline_list_for_user",
    "duplicate_candidates",
    "finance_file_for_user",
    "handover_for_user",
    "journal_notes_correctable",
    "journal_notes_for_case",
    "letter_get_for_user",
    "letter_list_for_user",
    "municipalities_for_provider_form",
    "offer_get_for_user",
    "offer_list_for_user",
    "offer_price_in_force",
    "offer_price_on",
    "offers_for_case",
    "offers_waited_for",
    "placement_order_for_user",
    "provider_get_for_user",
    "provider_list_for_user",
    "provider_offer_get_for_user",
    "provider_overview_for_user",
    "provider_placement_get_for_user",
    "provider_placement_list_for_user",
    "provider_placement_read_for_user",
    "provider_staff_only",
    "provider_start_for_user",
    "providers_for_offer_form",
    "representatives_for_citizen",
    "settlement_month_list_for_user",
    "settlement_municipalities_for_user",
    "settlement_page_for_user",
    "task_get_for_user",
    "task_list_for_user",
    "task_read_for_user",
    "team_for_user",
    "team_members_for_user",
    "wage_terms_for_placement",
    "week_start",
    "worklist_for_user",
]

# GDPR (issue 7): everything held about one citizen, for an access request.
from bb103.cases.selectors.gdpr import (
    CitizenExport,
    citizen_export_for_user,
    citizen_export_page_for_user,
    retention_report_for_user,
)

__all__ += [
    "CitizenExport",
    "citizen_export_for_user",
    "citizen_export_page_for_user",
    "retention_report_for_user",
]
__all__ += [
    "CorrectionRow",
    "assessment_latest",
    "corrections_for_citizen",
    "letter_copies_for_case",
    "representative_get_for_user",
]
# Digital Post (issue 18, item 4): a letter's delivery state.
__all__ += ["DeliveryState", "letter_delivery_for_user", "letter_delivery_status"]
# The manager's overview (issue 20).

__all__ += ["Overview", "overview_for_user", "overview_municipalities_for_user"]

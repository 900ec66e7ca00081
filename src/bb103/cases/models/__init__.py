"""The case system's tables, one module per part of the case."""

from bb103.cases.models.api_client import ApiClient, ApiKey, IdempotentRequest
from bb103.cases.models.application import Applicant, Application, Channel
from bb103.cases.models.assessment import Assessment, VumLevel
from bb103.cases.models.attachment import Attachment, AttachmentKind
from bb103.cases.models.attendance import Attendance, AttendanceStatus
from bb103.cases.models.audit import AuditEntry, AuditKind
from bb103.cases.models.case import Case, CaseStatus
from bb103.cases.models.citizen import Citizen, LivingSituation, Relation, Representative
from bb103.cases.models.closure import CaseClosure, ClosureReason
from bb103.cases.models.committee import CommitteeRecommendation, CommitteeReview
from bb103.cases.models.complaint import (
    AnkeOutcome,
    Complaint,
    ComplaintAbout,
    ComplaintForm,
    ComplaintStatus,
    Reassessment,
    reopening_date,
)
from bb103.cases.models.correction import Correction, CorrectionSubject
from bb103.cases.models.deadline import Deadline, DeadlineKind
from bb103.cases.models.decision import Decision, DecisionKind, DecisionOrigin
from bb103.cases.models.delay import DelayNotice
from bb103.cases.models.delivery import DeliveryChannelKind, DeliveryStatus, LetterDelivery
from bb103.cases.models.finance_file import FinanceFile
from bb103.cases.models.follow_up import FollowUp, FollowUpBooking
from bb103.cases.models.handleplan import Handleplan, HandleplanStatus
from bb103.cases.models.hearing import DraftDecision, DraftKind, HearingStatus, PartyHearing
from bb103.cases.models.journal import JournalKind, JournalNote
from bb103.cases.models.letter import Letter
from bb103.cases.models.letter_copy import LetterCopy
from bb103.cases.models.membership import Membership, Role
from bb103.cases.models.municipality import Municipality
from bb103.cases.models.municipality_contact import MunicipalityContact
from bb103.cases.models.outcome import Outcome
from bb103.cases.models.placement import Placement, WaitingListEntry
from bb103.cases.models.portal import PortalAccess, PortalIdentity
from bb103.cases.models.portal_acts import CitizenReport, CitizenReportKind, HearingAnswer
from bb103.cases.models.provider import (
    Offer,
    OfferPrice,
    PriceUnit,
    Provider,
    ProviderKind,
    TargetGroup,
)
from bb103.cases.models.provider_reports import Deviation, PedagogicalPlan
from bb103.cases.models.settlement import SettlementLine, SettlementMonth, SettlementStatus
from bb103.cases.models.task import Task, TaskKind, TaskStatus
from bb103.cases.models.tax_card import TaxCard, TaxCardKind
from bb103.cases.models.termination import Termination, TerminationReason
from bb103.cases.models.transport import TransportArrangement, TransportMode
from bb103.cases.models.user import EnrolmentCode, User
from bb103.cases.models.wage import WageAgreement, WageBasis

__all__ = [
    "AnkeOutcome",
    "ApiClient",
    "ApiKey",
    "Applicant",
    "Application",
    "Assessment",
    "Attachment",
    "AttachmentKind",
    "Attendance",
    "AttendanceStatus",
    "AuditEntry",
    "AuditKind",
    "Case",
    "CaseClosure",
    "CaseStatus",
    "Channel",
    "Citizen",
    "CitizenReport",
    "CitizenReportKind",
    "ClosureReason",
    "CommitteeRecommendation",
    "CommitteeReview",
    "Complaint",
    "ComplaintAbout",
    "ComplaintForm",
    "ComplaintStatus",
    "Correction",
    "CorrectionSubject",
    "Deadline",
    "DeadlineKind",
    "Decision",
    "DecisionKind",
    "DecisionOrigin",
    "DelayNotice",
    "DeliveryChannelKind",
    "DeliveryStatus",
    "Deviation",
    "DraftDecision",
    "DraftKind",
    "EnrolmentCode",
    "FinanceFile",
    "FollowUp",
    "FollowUpBooking",
    "Handleplan",
    "HandleplanStatus",
    "HearingAnswer",
    "HearingStatus",
    "IdempotentRequest",
    "JournalKind",
    "JournalNote",
    "Letter",
    "LetterCopy",
    "LetterDelivery",
    "LivingSituation",
    "Membership",
    "Municipality",
    "MunicipalityContact",
    "Offer",
    "OfferPrice",
    "Outcome",
    "PartyHearing",
    "PedagogicalPlan",
    "Placement",
    "PortalAccess",
    "PortalIdentity",
    "PriceUnit",
    "Provider",
    "ProviderKind",
    "Reassessment",
    "Relation",
    "Representative",
    "Role",
    "SettlementLine",
    "SettlementMonth",
    "SettlementStatus",
    "TargetGroup",
    "Task",
    "TaskKind",
    "TaskStatus",
    "TaxCard",
    "TaxCardKind",
    "Termination",
    "TerminationReason",
    "TransportArrangement",
    "TransportMode",
    "User",
    "VumLevel",
    "WageAgreement",
    "WageBasis",
    "WaitingListEntry",
    "reopening_date",
]

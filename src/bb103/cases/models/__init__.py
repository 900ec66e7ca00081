"""The case system's tables, one module per part of the case."""

from bb103.cases.models.application import Applicant, Application, Channel
from bb103.cases.models.assessment import Assessment, VumLevel
from bb103.cases.models.audit import AuditEntry
from bb103.cases.models.case import Case, CaseStatus
from bb103.cases.models.citizen import Citizen, LivingSituation, Relation, Representative
from bb103.cases.models.committee import CommitteeRecommendation, CommitteeReview
from bb103.cases.models.complaint import (
    AnkeOutcome,
    Complaint,
    ComplaintForm,
    ComplaintStatus,
    Reassessment,
)
from bb103.cases.models.deadline import Deadline, DeadlineKind
from bb103.cases.models.decision import Decision
from bb103.cases.models.follow_up import FollowUp
from bb103.cases.models.handleplan import Handleplan, HandleplanStatus
from bb103.cases.models.hearing import DraftDecision, HearingStatus, PartyHearing
from bb103.cases.models.letter import Letter
from bb103.cases.models.membership import Membership, Role
from bb103.cases.models.municipality import Municipality
from bb103.cases.models.outcome import Outcome
from bb103.cases.models.placement import Placement
from bb103.cases.models.provider import Offer, Provider, ProviderKind
from bb103.cases.models.task import Task, TaskKind, TaskStatus
from bb103.cases.models.termination import Termination, TerminationReason
from bb103.cases.models.user import User

__all__ = [
    "AnkeOutcome",
    "Applicant",
    "Application",
    "Assessment",
    "AuditEntry",
    "Case",
    "CaseStatus",
    "Channel",
    "Citizen",
    "CommitteeRecommendation",
    "CommitteeReview",
    "Complaint",
    "ComplaintForm",
    "ComplaintStatus",
    "Deadline",
    "DeadlineKind",
    "Decision",
    "DraftDecision",
    "FollowUp",
    "Handleplan",
    "HandleplanStatus",
    "HearingStatus",
    "Letter",
    "LivingSituation",
    "Membership",
    "Municipality",
    "Offer",
    "Outcome",
    "PartyHearing",
    "Placement",
    "Provider",
    "ProviderKind",
    "Reassessment",
    "Relation",
    "Representative",
    "Role",
    "Task",
    "TaskKind",
    "TaskStatus",
    "Termination",
    "TerminationReason",
    "User",
    "VumLevel",
]

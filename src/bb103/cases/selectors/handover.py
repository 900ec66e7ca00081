"""What the old municipality sends the new one when a citizen moves while their case is
under way (Retssikkerhedsloven § 9 b): the case's data as it stood at the closing."""

from dataclasses import dataclass

from bb103.cases.errors import NotFound
from bb103.cases.models import (
    Application,
    Assessment,
    Case,
    CaseClosure,
    ClosureReason,
    Decision,
    DraftDecision,
    Handleplan,
    Letter,
    User,
)
from bb103.cases.selectors.pages import readable_cases_q
from bb103.cases.services.audit import audit_read


@dataclass(frozen=True)
class Handover:
    case: Case
    closure: CaseClosure | None  # None: the case was not closed because of a move
    application: Application | None
    assessments: list[Assessment]
    drafts: list[DraftDecision]
    decisions: list[Decision]
    handleplans: list[Handleplan]
    letters: list[Letter]


def handover_for_user(*, user: User, case_id: int) -> Handover:
    """The handover of a case closed because the citizen moved (only its case and no
    closure for any other case); NotFound if the user may not read the case. Logged as a
    read of the case."""
    case = (
        Case.objects.filter(readable_cases_q(user), pk=case_id)
        .select_related("citizen", "municipality", "caseworker", "closure", "application")
        .first()
    )
    if case is None:
        raise NotFound("Sagen")
    audit_read(actor=user, action="case_handover_read", case=case)
    closure = getattr(case, "closure", None)
    if closure is None or closure.reason != ClosureReason.MOVED:
        return Handover(case, None, None, [], [], [], [], [])
    return Handover(
        case=case,
        closure=closure,
        application=getattr(case, "application", None),
        assessments=list(case.assessments.order_by("assessed_on", "id")),
        drafts=list(case.drafts.order_by("created_on", "id")),
        decisions=list(case.decisions.select_related("offer").order_by("decided_on", "id")),
        handleplans=list(case.handleplans.order_by("offered_on", "id")),
        letters=list(case.letters.defer("pdf", "data").order_by("sent_at", "id")),
    )

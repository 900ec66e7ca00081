"""The handleplan (Serviceloven § 141), offered to everyone granted § 103."""

from datetime import date

from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseStatus,
    Decision,
    Handleplan,
    HandleplanStatus,
    Outcome,
    User,
)
from bb103.cases.services.transition import case_step
from bb103.cases.services.validation import choice, not_before, not_future, required_text


def handleplan_record(
    *,
    user: User,
    case: Case,
    status: str,
    offered_on: date,
    purpose: str = "",
    effort: str = "",
    expected_duration: str = "",
    other_matters: str = "",
    expected_version: int | None = None,
) -> Handleplan:
    """Record that the plan was offered (stk. 2) and, if the citizen accepted it, its
    contents (stk. 3): purpose, the effort it takes, expected duration, other matters."""
    choice(status, HandleplanStatus, field="status", label="Handleplanens status")
    if status == HandleplanStatus.ACCEPTED:
        purpose = required_text(purpose, field="purpose", label="Formålet (§ 141, stk. 3)")
        effort = required_text(effort, field="effort", label="Indsatsen (§ 141, stk. 3)")
        expected_duration = required_text(
            expected_duration,
            field="expected_duration",
            label="Den forventede varighed (§ 141, stk. 3)",
        )
        other_matters = required_text(
            other_matters,
            field="other_matters",
            label="Andre særlige forhold (§ 141, stk. 3; skriv »Ingen«, hvis der ikke er nogen)",
        )
    statuses = (CaseStatus.DECIDED, CaseStatus.ACTIVE)
    with case_step(
        user=user,
        case=case,
        step="handleplan_record",
        statuses=statuses,
        expected_version=expected_version,
    ) as step:
        decision = Decision.objects.get(case=step.case)
        if decision.outcome != Outcome.GRANT:
            raise CaseError(
                "Handleplanen tilbydes borgere, der har fået bevilget beskyttet beskæftigelse "
                "(serviceloven § 141, stk. 2).",
                field="status",
            )
        not_future(offered_on, step.today, field="offered_on", label="Datoen for tilbuddet")
        not_before(
            offered_on,
            decision.decided_on,
            field="offered_on",
            label="Datoen for tilbuddet",
            earlier="afgørelsen",
        )
        plan = Handleplan.objects.create(
            case=step.case,
            status=status,
            offered_on=offered_on,
            purpose=purpose.strip(),
            effort=effort.strip(),
            expected_duration=expected_duration.strip(),
            other_matters=other_matters.strip(),
            recorded_by=user,
        )
        step.details = {"handleplan": plan.pk, "status": status}
    return plan

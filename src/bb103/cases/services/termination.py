"""The end of the effort; never later than the day the citizen reaches folkepensionsalder."""

from datetime import date

from bb103.cases.engine.evaluation import evaluate_case, explanation_for
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseStatus,
    Decision,
    Outcome,
    Termination,
    TerminationReason,
    User,
    WaitingListEntry,
)
from bb103.cases.services.transition import case_step
from bb103.cases.services.validation import choice, not_before, not_future


def case_terminate(
    *,
    user: User,
    case: Case,
    reason: str,
    terminated_on: date,
    notes: str = "",
    expected_version: int | None = None,
) -> Termination:
    choice(reason, TerminationReason, field="reason", label="Årsagen")
    statuses = (CaseStatus.DECIDED, CaseStatus.ACTIVE)
    with case_step(
        user=user,
        case=case,
        step="case_terminate",
        statuses=statuses,
        expected_version=expected_version,
    ) as step:
        decision = Decision.objects.get(case=step.case)
        if decision.outcome != Outcome.GRANT:
            raise CaseError(
                "Kun en bevilget indsats kan ophøre; sagen endte med afslag.", field="status"
            )
        not_future(terminated_on, step.today, field="terminated_on", label="Ophørsdatoen")
        placement = step.case.placements.filter(ended_on__isnull=True).first()
        start = decision.decided_on if placement is None else placement.start_on
        not_before(
            terminated_on,
            start,
            field="terminated_on",
            label="Ophørsdatoen",
            earlier="afgørelsen" if placement is None else "beskæftigelsen startede",
        )
        evaluation = evaluate_case(step.case, as_of=terminated_on)
        pension_on = evaluation.reaches_pension_age_on
        text, sources = explanation_for(evaluation, "reaches_pension_age_on")
        if pension_on is not None and terminated_on > pension_on:
            raise CaseError(
                "Beskyttet beskæftigelse ophører senest den dag, borgeren når "
                f"folkepensionsalderen, {danish_date(pension_on)} ({'; '.join(sources)}).",
                field="terminated_on",
            )
        if reason == TerminationReason.PENSION_AGE and terminated_on != pension_on:
            raise CaseError(
                f"Ophør ved folkepensionsalderen sker den dag, alderen nås. {text}",
                field="terminated_on",
            )
        termination = Termination.objects.create(
            case=step.case,
            reason=reason,
            terminated_on=terminated_on,
            notes=notes.strip(),
            recorded_by=user,
        )
        if placement is not None:
            placement.ended_on = terminated_on
            placement.save(update_fields=["ended_on"])
        # An ended effort waits for no place: its waiting list entries end with it.
        WaitingListEntry.objects.filter(case=step.case, left_on__isnull=True).update(
            left_on=terminated_on
        )
        step.case.status = CaseStatus.TERMINATED
        step.case.save(update_fields=["status"])
        step.details = {"termination": termination.pk, "reason": reason}
    return termination

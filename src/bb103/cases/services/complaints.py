"""Complaints about the decision (Retssikkerhedsloven §§ 66–67): always to the municipality,
which reassesses and, if it upholds the decision wholly or partly, forwards the complaint to
Ankestyrelsen. A late complaint is flagged and still forwarded; Ankestyrelsen decides
whether to excuse it."""

from datetime import date

from bb103.cases.engine.evaluation import evaluate_case
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    AnkeOutcome,
    Case,
    CaseStatus,
    Complaint,
    ComplaintForm,
    ComplaintStatus,
    Decision,
    Reassessment,
    User,
)
from bb103.cases.services.transition import Step, case_step
from bb103.cases.services.validation import choice, not_before, not_future, required_text

_DECIDED = (CaseStatus.DECIDED, CaseStatus.ACTIVE, CaseStatus.TERMINATED)


def complaint_register(
    *,
    user: User,
    case: Case,
    received_on: date,
    form: str,
    grounds: str = "",
    expected_version: int | None = None,
) -> Complaint:
    choice(form, ComplaintForm, field="form", label="Klagens form")
    with case_step(
        user=user,
        case=case,
        step="complaint_register",
        statuses=_DECIDED,
        expected_version=expected_version,
    ) as step:
        decision = Decision.objects.get(case=step.case)
        if step.case.complaints.exclude(status=ComplaintStatus.CLOSED).exists():
            raise CaseError(
                "Der er allerede en klage under behandling i sagen.", field="received_on"
            )
        not_future(received_on, step.today, field="received_on", label="Klagens modtagelse")
        not_before(
            received_on,
            decision.decided_on,
            field="received_on",
            label="Klagens modtagelse",
            earlier="afgørelsen",
        )
        deadline = evaluate_case(step.case, as_of=decision.received_on).complaint_deadline
        # The deadline runs only if the decision carried a proper klagevejledning (§ 67).
        late = decision.with_klagevejledning and deadline is not None and received_on > deadline
        complaint = Complaint.objects.create(
            case=step.case,
            decision=decision,
            received_on=received_on,
            form=form,
            grounds=grounds.strip(),
            late=late,
        )
        step.details = {"complaint": complaint.pk, "received_on": received_on, "late": late}
    return complaint


def complaint_reassess(
    *,
    user: User,
    case: Case,
    complaint: Complaint,
    reassessed_on: date,
    result: str,
    notes: str,
    expected_version: int | None = None,
) -> Complaint:
    choice(result, Reassessment, field="result", label="Genvurderingen")
    notes = required_text(notes, field="notes", label="Begrundelsen for genvurderingen")
    with case_step(
        user=user,
        case=case,
        step="complaint_reassess",
        statuses=_DECIDED,
        expected_version=expected_version,
    ) as step:
        row = _complaint(step, complaint, ComplaintStatus.RECEIVED)
        not_future(reassessed_on, step.today, field="reassessed_on", label="Genvurderingen")
        not_before(
            reassessed_on,
            row.received_on,
            field="reassessed_on",
            label="Genvurderingen",
            earlier="klagen blev modtaget",
        )
        row.reassessed_on = reassessed_on
        row.reassessment = result
        row.reassessment_notes = notes
        row.status = (
            ComplaintStatus.CLOSED if result == Reassessment.CHANGED else ComplaintStatus.REASSESSED
        )
        row.save()
        step.details = {"complaint": row.pk, "result": result}
    return row


def complaint_forward(
    *,
    user: User,
    case: Case,
    complaint: Complaint,
    forwarded_on: date,
    expected_version: int | None = None,
) -> Complaint:
    with case_step(
        user=user,
        case=case,
        step="complaint_forward",
        statuses=_DECIDED,
        expected_version=expected_version,
    ) as step:
        row = _complaint(step, complaint, ComplaintStatus.REASSESSED)
        assert row.reassessed_on is not None
        not_future(forwarded_on, step.today, field="forwarded_on", label="Videresendelsen")
        not_before(
            forwarded_on,
            row.reassessed_on,
            field="forwarded_on",
            label="Videresendelsen",
            earlier="genvurderingen",
        )
        row.forwarded_on = forwarded_on
        row.status = ComplaintStatus.FORWARDED
        row.save()
        step.details = {"complaint": row.pk, "forwarded_on": forwarded_on, "late": row.late}
    return row


def complaint_outcome_record(
    *,
    user: User,
    case: Case,
    complaint: Complaint,
    outcome: str,
    received_on: date,
    expected_version: int | None = None,
) -> Complaint:
    choice(outcome, AnkeOutcome, field="outcome", label="Ankestyrelsens afgørelse")
    with case_step(
        user=user,
        case=case,
        step="complaint_outcome_record",
        statuses=_DECIDED,
        expected_version=expected_version,
    ) as step:
        row = _complaint(step, complaint, ComplaintStatus.FORWARDED)
        assert row.forwarded_on is not None
        not_future(received_on, step.today, field="received_on", label="Ankestyrelsens svar")
        not_before(
            received_on,
            row.forwarded_on,
            field="received_on",
            label="Ankestyrelsens svar",
            earlier="klagen blev sendt",
        )
        row.anke_outcome = outcome
        row.anke_outcome_on = received_on
        row.status = ComplaintStatus.CLOSED
        row.save()
        step.details = {"complaint": row.pk, "outcome": outcome}
    return row


def _complaint(step: Step, complaint: Complaint, status: str) -> Complaint:
    row = step.case.complaints.filter(pk=complaint.pk).first()
    if row is None:
        raise CaseError("Klagen hører ikke til sagen.", field="complaint")
    if row.status != status:
        raise CaseError(
            f"Klagen har status »{ComplaintStatus(row.status).label}«; det skal være "
            f"»{ComplaintStatus(status).label}«.",
            field="complaint",
        )
    return row

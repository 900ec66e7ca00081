"""Complaints: Retssikkerhedsloven §§ 66–67 and the forwarding to Ankestyrelsen."""

from datetime import date

import pytest

from bb103.cases import services
from bb103.cases.errors import CaseError
from bb103.cases.models import ComplaintStatus, DeadlineKind
from tests.cases.factories import assess, heard, open_case, tell

pytestmark = pytest.mark.django_db


def _refuse(staff, case, with_klagevejledning=True):
    assess(staff.caseworker, case, significant_reduced_function=False)
    heard(staff.caseworker, case, outcome="refusal")
    decision = services.decision_make(
        user=staff.caseworker,
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
        with_klagevejledning=with_klagevejledning,
    )
    # The decision letter reaches the citizen the same day (Digital Post).
    tell(staff.caseworker, case, on=date(2025, 4, 1))
    return decision


@pytest.fixture
def refused(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    _refuse(ballerup, case)
    return case


def test_complaint_deadline_is_4_weeks_from_receipt(ballerup, refused):
    """Retssikkerhedsloven § 67, stk. 1: 4 weeks from receipt of the decision."""
    deadline = refused.deadlines.get(kind=DeadlineKind.COMPLAINT)
    assert deadline.due_on == date(2025, 4, 29)
    assert "klagevejledning" in deadline.explanation


def test_late_complaint_is_flagged_and_still_handled(ballerup, refused, citizen_of):
    """Retssikkerhedsloven § 67: a late complaint is registered, flagged and forwarded;
    Ankestyrelsen decides whether to excuse it."""
    on_time = services.complaint_register(
        user=ballerup.caseworker, case=refused, received_on=date(2025, 4, 29), form="oral"
    )
    assert not on_time.late
    other = open_case(ballerup.caseworker, citizen_of(ballerup))
    _refuse(ballerup, other)
    late = services.complaint_register(
        user=ballerup.caseworker, case=other, received_on=date(2025, 5, 5), form="written"
    )
    assert late.late
    services.complaint_reassess(
        user=ballerup.caseworker,
        case=other,
        reassessed_on=date(2025, 5, 6),
        result="upheld",
        notes="Oplysningerne ændrer ikke vurderingen.",
    )
    forwarded = services.complaint_forward(
        user=ballerup.caseworker, case=other, forwarded_on=date(2025, 5, 7)
    )
    assert forwarded.status == ComplaintStatus.FORWARDED and forwarded.late


def test_without_klagevejledning_the_deadline_does_not_run(ballerup, citizen_of):
    """Retssikkerhedsloven § 67: the deadline runs only after a proper klagevejledning."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    _refuse(ballerup, case, with_klagevejledning=False)
    assert not case.deadlines.filter(kind=DeadlineKind.COMPLAINT).exists()
    complaint = services.complaint_register(
        user=ballerup.caseworker, case=case, received_on=date(2025, 9, 1), form="written"
    )
    assert not complaint.late


def test_upheld_complaint_is_forwarded_within_4_weeks(ballerup, refused):
    """Retssikkerhedsloven § 66; Ballerup, serviceniveau: svar senest 4 uger efter
    modtagelsen af klagen. Received Thursday 10 April 2025: due 8 May 2025."""
    complaint = services.complaint_register(
        user=ballerup.caseworker,
        case=refused,
        received_on=date(2025, 4, 10),
        form="written",
        grounds="Jeg kan ikke arbejde på normale vilkår.",
    )
    forward = refused.deadlines.get(kind=DeadlineKind.FORWARD_COMPLAINT)
    assert (forward.due_on, forward.met_on) == (date(2025, 5, 8), None)
    with pytest.raises(CaseError) as err:
        services.complaint_forward(
            user=ballerup.caseworker,
            case=refused,
            complaint=complaint,
            forwarded_on=date(2025, 4, 20),
        )
    assert "afventer genvurdering" in err.value.message
    services.complaint_reassess(
        user=ballerup.caseworker,
        case=refused,
        complaint=complaint,
        reassessed_on=date(2025, 4, 22),
        result="upheld",
        notes="Oplysningerne ændrer ikke vurderingen.",
    )
    services.complaint_forward(
        user=ballerup.caseworker, case=refused, complaint=complaint, forwarded_on=date(2025, 4, 24)
    )
    assert refused.deadlines.get(kind=DeadlineKind.FORWARD_COMPLAINT).met_on == date(2025, 4, 24)
    done = services.complaint_outcome_record(
        user=ballerup.manager,
        case=refused,
        complaint=complaint,
        outcome="sent_back",
        received_on=date(2025, 8, 1),
    )
    assert (done.status, done.get_anke_outcome_display()) == (ComplaintStatus.CLOSED, "Hjemvist")


def test_changed_on_reassessment_needs_no_forwarding(ballerup, refused):
    complaint = services.complaint_register(
        user=ballerup.caseworker, case=refused, received_on=date(2025, 4, 10), form="written"
    )
    services.complaint_reassess(
        user=ballerup.caseworker,
        case=refused,
        complaint=complaint,
        reassessed_on=date(2025, 4, 14),
        result="changed",
        notes="Borgeren får medhold.",
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert refused.deadlines.get(kind=DeadlineKind.FORWARD_COMPLAINT).met_on == date(2025, 4, 14)
    with pytest.raises(CaseError):
        services.complaint_forward(
            user=ballerup.caseworker,
            case=refused,
            complaint=complaint,
            forwarded_on=date(2025, 4, 20),
        )


def test_one_complaint_at_a_time_and_not_before_the_decision(ballerup, refused, citizen_of):
    services.complaint_register(
        user=ballerup.caseworker, case=refused, received_on=date(2025, 4, 10), form="written"
    )
    with pytest.raises(CaseError) as err:
        services.complaint_register(
            user=ballerup.caseworker, case=refused, received_on=date(2025, 4, 11), form="oral"
        )
    assert "allerede en klage" in err.value.message
    undecided = open_case(ballerup.caseworker, citizen_of(ballerup))
    with pytest.raises(CaseError) as err:
        services.complaint_register(
            user=ballerup.caseworker, case=undecided, received_on=date(2025, 4, 11), form="oral"
        )
    assert err.value.field == "status"


def test_reassessment_needs_its_reasons(ballerup, refused):
    complaint = services.complaint_register(
        user=ballerup.caseworker, case=refused, received_on=date(2025, 4, 10), form="written"
    )
    with pytest.raises(CaseError) as err:
        services.complaint_reassess(
            user=ballerup.caseworker,
            case=refused,
            complaint=complaint,
            reassessed_on=date(2025, 4, 14),
            result="upheld",
            notes="",
        )
    assert err.value.field == "notes"

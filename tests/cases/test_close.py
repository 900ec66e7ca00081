"""Issue 17, item 2: closing a case that will not go on (withdrawn, a mistake, a duplicate,
a move to another municipality, a death): a reason, a date, the letter it needs, and no
task or deadline left behind."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bb103.cases import services
from bb103.cases.actions import case_close, case_verdicts
from bb103.cases.actions.state import case_state_load
from bb103.cases.actions.summary import next_step
from bb103.cases.errors import AccessDenied, CaseError, NotFound
from bb103.cases.models import (
    Application,
    AuditEntry,
    Case,
    CaseStatus,
    DeadlineKind,
    Task,
    TaskKind,
    TaskStatus,
    WaitingListEntry,
)
from bb103.cases.retention_rules import retention_period_on
from bb103.cases.selectors import citizen_export_for_user, handover_for_user, worklist_for_user
from bb103.cases.services import retention_report, sweep_run
from tests.cases.factories import assess, grant, heard, open_case, placed

pytestmark = pytest.mark.django_db


def _close(staff, case, **inputs):
    inputs.setdefault("closed_on", date(2025, 4, 15))
    return services.case_close(user=staff.caseworker, case=case, **inputs)


def _granted(staff, citizen_of):
    case = open_case(staff.caseworker, citizen_of(staff))
    assess(staff.caseworker, case)
    heard(staff.caseworker, case, days=14)
    grant(staff.caseworker, case, offer=staff.offer)
    return case


def test_withdrawn_application_closes_tasks_and_deadlines(ballerup, vejen, citizen_of):
    """Issue 17, item 2: a withdrawn application is closed with its date; its open tasks
    are marked done (»Sagen er lukket«), its open deadlines end (kept on the closure), and
    the daily sweep makes no new task for it."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    other = open_case(vejen.caseworker, citizen_of(vejen))
    # Ballerup: decision within 30 working days, by 24 April 2025; warned 14 April.
    sweep_run(today=date(2025, 4, 14))
    task = Task.objects.get(case=case)
    assert task.kind == TaskKind.DEADLINE_SOON

    closure = _close(ballerup, case, reason="withdrawn", notes="Borgeren ringede.")

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.next_due_on is None
    assert not case.deadlines.filter(met_on__isnull=True).exists()
    assert [d["kind"] for d in closure.open_deadlines] == [DeadlineKind.DECISION]
    task.refresh_from_db()
    assert (task.status, task.note, task.completed_by) == (
        TaskStatus.DONE,
        "Sagen er lukket",
        ballerup.caseworker,
    )
    entry = AuditEntry.objects.get(case=case, action="case_close")
    assert entry.details["reason"] == "withdrawn"
    assert entry.details["tasks_closed"] == [task.pk]
    # Past the deadline: nothing new for the closed case; the other municipality's case
    # is swept as before.
    sweep_run(today=date(2025, 4, 30))
    assert Task.objects.filter(case=case, status=TaskStatus.OPEN).count() == 0
    assert other.deadlines.filter(met_on__isnull=True).exists()
    assert next_step(case) == "Ingen (sagen er lukket)"


def test_withdrawal_confirmation_letter(ballerup, citizen_of):
    """Issue 17, item 2: the withdrawal is confirmed in a letter from the closed case; no
    letter about a move is offered for it."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    _close(ballerup, case, reason="withdrawn")
    letter = services.letter_send(
        user=ballerup.caseworker, case=case, kind="withdrawal_confirmation"
    )
    assert letter.title == "Bekræftelse: Du har trukket din ansøgning tilbage"
    assert letter.data["closed_on_da"] == "15. april 2025"
    with pytest.raises(CaseError) as err:
        services.letter_send(user=ballerup.caseworker, case=case, kind="case_moved")
    assert err.value.field == "status"


def test_closed_case_is_off_the_work_list_and_a_new_application_may_come(ballerup, citizen_of):
    """Issue 17, item 2: a closed case is finished (not on the work list), and the citizen
    may apply again (a new case)."""
    citizen = citizen_of(ballerup)
    case = open_case(ballerup.caseworker, citizen)
    _close(ballerup, case, reason="mistake")
    listed = worklist_for_user(user=ballerup.caseworker, today=date(2025, 4, 16))
    assert case.pk not in [c.pk for c in listed.cases]
    again = open_case(ballerup.caseworker, citizen, received_on=date(2025, 5, 1))
    assert again.pk != case.pk


def test_duplicate_needs_the_other_case_of_the_same_citizen(ballerup, vejen, citizen_of):
    """Issue 17, item 2: a duplicate names the case that goes on: the same citizen's, in the
    same municipality, not itself and not closed."""
    citizen = citizen_of(ballerup)
    first = open_case(ballerup.caseworker, citizen)
    # Registered twice (before the system refused a second open case, say).
    second = Case.objects.create(
        municipality=ballerup.municipality,
        citizen=citizen,
        status=CaseStatus.RECEIVED,
        caseworker=ballerup.caseworker,
    )
    Application.objects.create(case=second, received_on=date(2025, 3, 11), channel="letter")
    stranger = open_case(ballerup.caseworker, citizen_of(ballerup))
    for other, message in (
        (None, "Vælg den sag"),
        (second, "dublet af sig selv"),
        (stranger, "samme borger i samme kommune"),
    ):
        with pytest.raises(CaseError) as err:
            _close(ballerup, second, reason="duplicate", duplicate_of=other)
        assert err.value.field == "duplicate_of"
        assert message in err.value.message
    closure = _close(ballerup, second, reason="duplicate", duplicate_of=first)
    assert closure.duplicate_of == first
    # Mistake and duplicate: no letter to the citizen.
    state = case_state_load(Case.objects.get(pk=second.pk), today=date(2025, 4, 16))
    letters = [v.action.name for v in case_verdicts(state, frozenset({"caseworker"}))]
    assert not any(name.startswith("letter_send") for name in letters)


def test_bad_input_is_refused_naming_the_field(ballerup, citizen_of):
    """Issue 17, item 2: an unknown reason, a move without the new municipality, a date in
    the future or before the application was received are refused in Danish."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    today = timezone.localdate()
    for inputs, field, words in (
        ({"reason": "bored"}, "reason", "Årsagen skal være en af"),
        ({"reason": "moved", "moved_to": "  "}, "moved_to", "skal udfyldes"),
        (
            {"reason": "withdrawn", "closed_on": today + timedelta(days=1)},
            "closed_on",
            "kan ikke ligge efter i dag",
        ),
        (
            {"reason": "withdrawn", "closed_on": date(2025, 3, 9)},
            "closed_on",
            "før ansøgningen blev modtaget",
        ),
    ):
        with pytest.raises(CaseError) as err:
            _close(ballerup, case, **inputs)
        assert err.value.field == field
        assert words in err.value.message
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_only_the_caseworker_closes(ballerup, vejen, citizen_of):
    """Issue 17, item 2: closing is the caseworker's step, in the case's own municipality."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    for user in (ballerup.manager, ballerup.committee, vejen.caseworker):
        with pytest.raises(AccessDenied):
            services.case_close(
                user=user, case=case, reason="withdrawn", closed_on=date(2025, 4, 1)
            )


def test_a_running_placement_ends_by_termination(ballerup, citizen_of):
    """Issue 17, item 2: once the citizen has started, the effort ends by a termination
    (which has the move and the death among its reasons), not by closing the case."""
    case = _granted(ballerup, citizen_of)
    placed(ballerup.caseworker, case, ballerup.offer)
    with pytest.raises(CaseError) as err:
        _close(ballerup, case, reason="moved", moved_to="Aarhus Kommune")
    assert err.value.field == "status"
    assert "Afslut indsatsen" in err.value.message
    state = case_state_load(Case.objects.get(pk=case.pk), today=date(2025, 6, 1))
    assert not case_close.verdict(state, {"caseworker"}).shown


def test_an_open_complaint_must_be_finished_first(roskilde, citizen_of):
    """Issue 17, item 2: a complaint under way is handled before the case is closed."""
    case = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, case, significant_reduced_function=False)
    heard(roskilde.caseworker, case, outcome="refusal", days=14)
    services.decision_make(
        user=roskilde.caseworker,
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 10),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )
    services.complaint_register(
        user=roskilde.caseworker, case=case, received_on=date(2025, 4, 20), form="oral"
    )
    with pytest.raises(CaseError) as err:
        _close(roskilde, case, reason="died", closed_on=date(2025, 4, 25))
    assert "klage under behandling" in err.value.message


def test_died_leaves_the_waiting_list_and_sends_no_letter(ballerup, citizen_of):
    """Issue 17, item 2: a granted citizen waiting for a place dies before starting: the
    waiting list entry ends on the day, and no letter is offered."""
    case = _granted(ballerup, citizen_of)
    services.waiting_list_add(
        user=ballerup.caseworker, case=case, offer=ballerup.offer, since=date(2025, 4, 2)
    )
    _close(ballerup, case, reason="died", closed_on=date(2025, 4, 20))
    entry = WaitingListEntry.objects.get(case=case)
    assert entry.left_on == date(2025, 4, 20)
    for kind in ("withdrawal_confirmation", "case_moved", "termination"):
        with pytest.raises(CaseError):
            services.letter_send(user=ballerup.caseworker, case=case, kind=kind)


def test_moved_hands_the_case_over(ballerup, vejen, citizen_of):
    """Retssikkerhedsloven § 9 b: the old municipality sends the case's information to the
    new one (the handover page, read and logged), and the citizen is told by letter."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    closure = _close(
        ballerup,
        case,
        reason="moved",
        moved_to="Aarhus Kommune",
        moved_on=date(2025, 4, 10),
        new_address="Nyvej 2, 8000 Aarhus C",
        handover_notes="Lægeattest er bestilt.",
    )
    assert closure.moved_to == "Aarhus Kommune"
    handover = handover_for_user(user=ballerup.caseworker, case_id=case.pk)
    assert handover.closure == closure
    assert len(handover.assessments) == 1
    assert AuditEntry.objects.filter(case=case, action="case_handover_read").exists()
    with pytest.raises(NotFound):
        handover_for_user(user=vejen.caseworker, case_id=case.pk)
    letter = services.letter_send(user=ballerup.caseworker, case=case, kind="case_moved")
    assert letter.data["moved_to"] == "Aarhus Kommune"
    assert letter.data["had_deadline"] is True


def test_handover_only_for_a_move(ballerup, citizen_of):
    """Retssikkerhedsloven § 9 b: only a move hands the case over."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    _close(ballerup, case, reason="withdrawn")
    assert handover_for_user(user=ballerup.caseworker, case_id=case.pk).closure is None


def test_retention_runs_from_the_closing(ballerup, citizen_of):
    """GDPR art. 5, stk. 1, litra e; issue 17, item 2: a closed case's retention period
    starts on the day it was closed."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    _close(ballerup, case, reason="withdrawn", closed_on=date(2025, 4, 15))
    kept_until = retention_period_on(date(2025, 4, 15)).ends(date(2025, 4, 15))
    assert case.citizen_id not in [
        c.citizen_id for c in retention_report(today=kept_until).candidates
    ]
    listed = retention_report(today=kept_until + timedelta(days=1)).candidates
    assert [(c.citizen_id, c.closed_on) for c in listed] == [(case.citizen_id, date(2025, 4, 15))]


def test_the_closure_is_in_the_citizens_export(ballerup, citizen_of):
    """GDPR art. 15; issue 17, item 2: why and when the case was closed is the citizen's
    data too."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    closure = _close(ballerup, case, reason="moved", moved_to="Aarhus Kommune")
    export = citizen_export_for_user(user=ballerup.caseworker, citizen_id=case.citizen_id)
    assert closure in export.cases[0].rows()

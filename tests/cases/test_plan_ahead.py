"""Issue 17, item 4 (plan ahead): every step dated the day it happened, never after today
(unless the step may lie ahead) and never before the case's step before it; a placement
that starts on a future date; a follow-up meeting booked ahead; an ending with notice.

Every test runs in Ballerup and, where the rule is the same everywhere, in Vejen too."""

from datetime import date, timedelta

import pytest

from bb103.cases import actions, services
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.letter_data import letter_data
from bb103.cases.models import (
    AttendanceStatus,
    CaseStatus,
    Deadline,
    DeadlineKind,
    FollowUpBooking,
    Role,
    Task,
    TaskKind,
    TaskStatus,
)
from bb103.cases.services import AttendanceEntry
from bb103.cases.services.sweep import sweep_run
from tests.cases.factories import (
    assess,
    granted_case,
    heard,
    make_user,
    on_day,
    open_case,
    placed,
    reviewed,
    tell,
)
from tests.policy_in_force import reformed, registry_in_force

pytestmark = pytest.mark.django_db

GRANTED_ON = date(2025, 4, 1)  # granted_case's decision
START = date(2025, 5, 1)  # placed()'s start


def _handleplan(user, case, on):
    return services.handleplan_record(
        user=user, case=case, status="declined", offered_on=on, declined_note="Vil ikke."
    )


@pytest.fixture(params=["ballerup", "vejen"])
def staff(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def granted(staff, citizen_of):
    if staff.municipality.pk == "vejen":
        case = open_case(staff.caseworker, citizen_of(staff))
        assess(staff.caseworker, case)
        heard(staff.caseworker, case, days=14)
        reviewed(staff.committee, case, staff.offer)
        services.decision_make(
            user=staff.caseworker,
            case=case,
            outcome="grant",
            decided_on=GRANTED_ON,
            offer=staff.offer,
            days_per_week=5,  # Vejen: "udgangspunktet er 5 dage om ugen"
        )
        return case
    return granted_case(staff, citizen_of)


@pytest.fixture
def working(staff, granted):
    placed(staff.caseworker, granted, staff.offer)
    return granted


# --- the day of a step: one check in CaseAction ---------------------------------------------
def test_each_step_records_its_day_as_the_case_latest(staff, granted):
    """Issue 17, item 4: the day a step happened is kept on the case (``last_step_on``)."""
    granted.refresh_from_db()
    assert (granted.last_step_on, granted.last_step) == (GRANTED_ON, "decision_make")
    _handleplan(staff.caseworker, granted, date(2025, 4, 10))
    assert (granted.last_step_on, granted.last_step) == (date(2025, 4, 10), "handleplan_record")


def test_a_step_dated_before_the_step_before_it_is_refused_naming_the_field(staff, granted):
    """Issue 17, item 4: a step may be recorded later than it happened, but never dated
    before the case's step before it; the message names the field and that step."""
    _handleplan(staff.caseworker, granted, date(2025, 4, 10))
    with pytest.raises(CaseError) as err:
        placed(staff.caseworker, granted, staff.offer, on=date(2025, 4, 7))
    assert err.value.field == "start_on"
    assert "handleplanen blev tilbudt (10. april 2025)" in err.value.message
    assert not granted.placements.exists()
    # The same day as the step before is fine, and an earlier day than today.
    placed(staff.caseworker, granted, staff.offer, on=date(2025, 4, 10))


def test_a_follow_up_before_the_latest_follow_up_is_refused(staff, working):
    """Issue 17, item 4: the sequence holds for every step with a day of its own."""
    user = staff.caseworker
    services.follow_up_record(user=user, case=working, held_on=date(2025, 9, 1))
    with pytest.raises(CaseError) as err:
        services.follow_up_record(user=user, case=working, held_on=date(2025, 8, 1))
    assert err.value.field == "held_on"
    assert "den seneste opfølgning (1. september 2025)" in err.value.message


def test_a_step_dated_after_today_is_refused_where_it_cannot_lie_ahead(staff, granted):
    """Issue 17, item 4: today every date is today or earlier (a handleplan offered
    tomorrow has not been offered)."""
    with on_day(date(2025, 4, 20)), pytest.raises(CaseError) as err:
        _handleplan(staff.caseworker, granted, date(2025, 4, 21))
    assert err.value.field == "offered_on"
    assert "kan ikke ligge efter i dag (20. april 2025)" in err.value.message


def test_a_letter_is_dated_today_and_takes_no_place_in_the_sequence(staff, granted):
    """Issue 17, item 4: letters have no date input; a step that happened before the
    letter was sent may still be recorded after it."""
    tell(staff.caseworker, granted, on=date(2025, 4, 8))
    granted.refresh_from_db()
    assert granted.last_step_on == GRANTED_ON
    _handleplan(staff.caseworker, granted, date(2025, 4, 3))


def test_steps_in_the_past_with_as_on_keep_the_sequence(staff, granted):
    """Issue 17, item 4: loading a history (``as_on``) is checked the same way."""
    on = date(2025, 4, 15)
    actions.handleplan_record.as_on(
        on,
        user=staff.caseworker,
        case=granted,
        status="declined",
        offered_on=on,
        declined_note="Vil ikke.",
    )
    start = {"offer": staff.offer, "contact_person": "Kirsten Kontakt", "days_per_week": 4}
    start["order_goals"] = "Lære at pakke varer."
    with pytest.raises(CaseError) as err:
        actions.placement_start.as_on(
            date(2025, 4, 20),
            user=staff.caseworker,
            case=granted,
            start_on=date(2025, 4, 14),
            **start,
        )
    assert err.value.field == "start_on" and "15. april 2025" in err.value.message
    # A start ahead of the day the history is loaded at is a start ahead.
    actions.placement_start.as_on(
        date(2025, 4, 20), user=staff.caseworker, case=granted, start_on=date(2025, 5, 5), **start
    )
    granted.refresh_from_db()
    assert granted.last_step_on == date(2025, 4, 20)


# --- a placement that starts ahead ----------------------------------------------------------
def test_a_placement_may_start_on_a_future_date(staff, granted):
    """Issue 17, item 4: the start agreed ahead is accepted; the case is active from the
    step (the place is held), its sequence day is the day the step was taken, and the
    follow-up deadline runs from the start."""
    start = date(2025, 6, 2)
    with on_day(date(2025, 4, 10)):
        placement = placed(staff.caseworker, granted, staff.offer, on=start)
    granted.refresh_from_db()
    assert placement.start_on == start
    assert granted.status == CaseStatus.ACTIVE
    assert granted.last_step_on == date(2025, 4, 10)
    follow_up = Deadline.objects.get(case=granted, kind=DeadlineKind.FOLLOW_UP)
    assert follow_up.due_on > start + timedelta(days=300)


def test_a_start_more_than_a_year_ahead_is_refused(staff, granted):
    """Issue 17, item 4: a start more than a year ahead is refused, naming the field."""
    with on_day(date(2025, 4, 10)), pytest.raises(CaseError) as err:
        placed(staff.caseworker, granted, staff.offer, on=date(2026, 4, 11))
    assert err.value.field == "start_on"
    assert "højst ligge et år frem" in err.value.message


def test_no_attendance_before_a_future_start(ballerup, citizen_of):
    """Issue 17, item 4: attendance cannot be registered before the start day."""
    case = granted_case(ballerup, citizen_of)
    with on_day(date(2025, 4, 10)):
        placement = placed(ballerup.caseworker, case, ballerup.offer, on=date(2025, 6, 2))
    staff = make_user(
        "b-tilbud", ballerup.municipality, Role.PROVIDER_STAFF, ballerup.offer.provider
    )
    early = AttendanceEntry(placement.pk, date(2025, 5, 26), AttendanceStatus.PRESENT)
    with on_day(date(2025, 6, 3)):
        with pytest.raises(CaseError) as err:
            services.attendance_record(user=staff, offer=ballerup.offer, entries=[early])
        assert "før starten" in err.value.message
        on_start = AttendanceEntry(placement.pk, date(2025, 6, 2), AttendanceStatus.PRESENT)
        services.attendance_record(user=staff, offer=ballerup.offer, entries=[on_start])


# --- a follow-up meeting booked ahead -------------------------------------------------------
def _book(user, case, planned_on, place="Værkstedet, mødelokalet", **kw):
    return services.follow_up_book(
        user=user, case=case, planned_on=planned_on, place=place, participants="Borgeren", **kw
    )


def test_a_follow_up_meeting_is_booked_and_closed_by_the_follow_up(staff, working):
    """Issue 17, item 4: a follow-up meeting booked for a date (place, participants);
    moving it changes the booking; recording the follow-up closes it."""
    user = staff.caseworker
    with on_day(date(2025, 6, 10)):
        booking = _book(user, working, date(2025, 9, 15))
        assert booking.warnings == []
        moved = _book(user, working, date(2025, 9, 22), place="Hjemme hos borgeren")
    assert moved.pk == booking.pk
    assert FollowUpBooking.objects.get().place == "Hjemme hos borgeren"
    with on_day(date(2025, 9, 22)):
        follow_up = services.follow_up_record(user=user, case=working, held_on=date(2025, 9, 22))
    assert FollowUpBooking.objects.get().held == follow_up
    # A new meeting can be booked for the next year.
    with on_day(date(2025, 9, 23)):
        _book(user, working, date(2026, 8, 1))
    assert FollowUpBooking.objects.filter(held__isnull=True).count() == 1


def test_booking_is_refused_for_the_wrong_role_state_or_input(staff, granted):
    """Issue 17, item 4: only the caseworker books; only with a placement; a day not in the
    past, within a year, and a place."""
    user = staff.caseworker
    with on_day(date(2025, 4, 20)):
        with pytest.raises(CaseError) as err:
            _book(user, granted, date(2025, 6, 1))
        assert err.value.field == "status"
        placed(user, granted, staff.offer)
        with pytest.raises(AccessDenied):
            _book(staff.manager, granted, date(2025, 6, 1))
        for planned_on, place, field in (
            (date(2025, 4, 19), "Værkstedet", "planned_on"),
            (date(2026, 4, 21), "Værkstedet", "planned_on"),
            (date(2025, 6, 1), "  ", "place"),
        ):
            with pytest.raises(CaseError) as err:
                _book(user, granted, planned_on, place=place)
            assert err.value.field == field
    assert not FollowUpBooking.objects.exists()


def test_no_follow_up_task_when_the_meeting_is_booked_before_the_deadline(staff, working):
    """Issue 17, item 4: the sweep's "hold the follow-up" task is not needed when the
    meeting is booked before the deadline; booking closes one already open."""
    due = Deadline.objects.get(case=working, kind=DeadlineKind.FOLLOW_UP).due_on
    warned = due - timedelta(days=20)
    sweep_run(today=warned, municipality_id=staff.municipality.pk)
    task = Task.objects.get(case=working, kind=TaskKind.FOLLOW_UP_DUE)
    with on_day(warned):
        _book(staff.caseworker, working, due - timedelta(days=7))
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and "aftalt til" in task.note
    Task.objects.all().delete()
    sweep_run(today=warned, municipality_id=staff.municipality.pk)
    assert not Task.objects.filter(case=working, kind=TaskKind.FOLLOW_UP_DUE).exists()


def test_a_meeting_after_the_deadline_is_booked_with_a_warning(staff, working):
    """Issue 17, item 4: a meeting after the follow-up deadline is allowed with a warning,
    and the sweep's task names the booked day."""
    due = Deadline.objects.get(case=working, kind=DeadlineKind.FOLLOW_UP).due_on
    today = due - timedelta(days=20)
    late = due + timedelta(days=14)
    with on_day(today):
        booking = _book(staff.caseworker, working, late)
    assert booking.warnings and "efter fristen for opfølgning" in booking.warnings[0]
    sweep_run(today=today, municipality_id=staff.municipality.pk)
    task = Task.objects.get(case=working, kind=TaskKind.FOLLOW_UP_DUE)
    assert "aftalt til" in task.title and "efter fristen" in task.title


# --- an ending with notice ------------------------------------------------------------------
def test_the_ending_keeps_the_standards_notice_and_the_letter_says_so(
    ballerup, citizen_of, tmp_path
):
    """Issue 17, item 4: where a standard gives a notice period (policy
    ``termination_notice``; none of the five does, and the law sets none), the decision
    to end sets the day no earlier than the decision plus the notice, and the letter says
    the day and the notice."""
    user = ballerup.caseworker
    case = granted_case(ballerup, citizen_of)
    placed(user, case, ballerup.offer)
    notice = ("ballerup", "termination_notice", '{ amount = 1, unit = "months" }')
    with registry_in_force(reformed(tmp_path, notice)), on_day(date(2025, 9, 3)):
        services.termination_draft_create(
            user=user,
            case=case,
            created_on=date(2025, 9, 1),
            reason="goals_reached",
            effective_on=date(2025, 10, 15),
            reasons="Målene er nået.",
        )
        services.party_hearing_send(user=user, case=case, sent_on=date(2025, 9, 1), days=14)
        services.party_hearing_close(
            user=user, case=case, closed_on=date(2025, 9, 2), comments="Enig."
        )
        with pytest.raises(CaseError) as err:
            services.case_terminate(
                user=user, case=case, reason="goals_reached", terminated_on=date(2025, 9, 30)
            )
        assert err.value.field == "terminated_on"
        assert "tidligst ophøre 3. oktober 2025" in err.value.message
        ended = services.case_terminate(
            user=user, case=case, reason="goals_reached", terminated_on=date(2025, 10, 15)
        )
        assert ended.decided_on == date(2025, 9, 3)
        data = letter_data("termination", case, user=user, on=date(2025, 9, 3))
    assert data["terminated_on_da"] == "15. oktober 2025"
    assert data["notice_text"] and "1 måned" in data["notice_text"]
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE  # until the day; the sweep ends it then


def test_without_a_notice_the_letter_names_none(ballerup, citizen_of):
    """Issue 17, item 4: none of the five standards gives a notice, so the letter has none."""
    user = ballerup.caseworker
    case = granted_case(ballerup, citizen_of)
    placed(user, case, ballerup.offer)
    with on_day(date(2025, 9, 3)):
        services.case_terminate(
            user=user, case=case, reason="citizen_wish", terminated_on=date(2025, 9, 30)
        )
        data = letter_data("termination", case, user=user, on=date(2025, 9, 3))
    assert data["terminated_on_da"] == "30. september 2025"
    assert data["notice_text"] is None


def test_a_booked_meeting_is_called_off_and_the_follow_up_is_due_again(staff, working):
    """Issue 17, item 4: a booked meeting can be called off, with a reason; the
    "hold the follow-up" task the booking settled is open again (the yearly follow-up,
    Serviceloven § 148, is still due), and a new meeting can be booked."""
    due = Deadline.objects.get(case=working, kind=DeadlineKind.FOLLOW_UP).due_on
    warned = due - timedelta(days=20)
    sweep_run(today=warned, municipality_id=staff.municipality.pk)
    with on_day(warned):
        _book(staff.caseworker, working, due - timedelta(days=7))
        services.follow_up_booking_cancel(
            user=staff.caseworker, case=working, reason="Borgeren er syg."
        )
    booking = FollowUpBooking.objects.get(case=working)
    assert (booking.cancelled_on, booking.cancel_reason) == (warned, "Borgeren er syg.")
    task = Task.objects.get(case=working, kind=TaskKind.FOLLOW_UP_DUE)
    assert task.status == TaskStatus.OPEN and task.note == ""
    sweep_run(today=warned + timedelta(days=1), municipality_id=staff.municipality.pk)
    assert Task.objects.get(case=working, kind=TaskKind.FOLLOW_UP_DUE).status == TaskStatus.OPEN
    with on_day(warned):
        _book(staff.caseworker, working, due - timedelta(days=2))
    assert FollowUpBooking.objects.filter(case=working).count() == 2


def test_calling_off_is_refused_without_a_meeting_a_reason_or_the_role(staff, working):
    """Issue 17, item 4: nothing to call off without a booking; a reason is required; only
    the caseworker calls a meeting off."""
    cancel = services.follow_up_booking_cancel
    with on_day(date(2025, 6, 10)):
        with pytest.raises(CaseError) as err:
            cancel(user=staff.caseworker, case=working, reason="Syg.")
        assert err.value.field == "status" and "intet aftalt" in err.value.message
        _book(staff.caseworker, working, date(2025, 9, 15))
        with pytest.raises(CaseError) as err:
            cancel(user=staff.caseworker, case=working, reason="  ")
        assert err.value.field == "reason"
        with pytest.raises(AccessDenied):
            cancel(user=staff.manager, case=working, reason="Syg.")
    assert FollowUpBooking.objects.get(case=working).cancelled_on is None

"""A follow-up meeting booked ahead (the yearly follow-up, with the citizen and the
provider's contact person): the day, the place and who takes part. Recording the follow-up
(``follow_up_record``) closes the booking; the daily sweep makes no "hold the follow-up"
task for a meeting booked before its deadline."""

from datetime import date
from typing import Any

from django.utils import timezone

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    CaseStatus,
    Deadline,
    DeadlineKind,
    FollowUpBooking,
    Role,
    Task,
    TaskKind,
    TaskStatus,
)
from bb103.cases.services.sweep_rules import booked_note
from bb103.cases.services.validation import not_before, required_text


class FollowUpBook(CaseAction):
    """Book (or move) the next follow-up meeting of the running placement. A day after the
    follow-up's deadline is allowed, with a warning: the meeting may have to wait for the
    citizen or the provider, and the caseworker should know the deadline is then missed."""

    name = "follow_up_book"
    label = "aftale et opfølgningsmøde"
    title = "Aftal opfølgningsmøde"
    date_input = "planned_on"
    date_label = "Mødedatoen"
    date_may_be_future = True
    date_within_a_year = True
    affects_deadlines = False
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(CaseStatus.ACTIVE)
    primary = False

    def relevant(self, state: CaseState) -> bool:
        return state.placement is not None

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return "Et opfølgningsmøde aftales, når borgeren har fået plads i et tilbud."

    def clean(self, **inputs: Any) -> dict[str, Any]:
        inputs["place"] = required_text(inputs.get("place", ""), field="place", label="Stedet")
        inputs["participants"] = (inputs.get("participants") or "").strip()
        return inputs

    def perform(
        self, step: Step, *, planned_on: date, place: str, participants: str = ""
    ) -> FollowUpBooking:
        placement = step.state.placement
        assert placement is not None
        if planned_on < step.today:
            raise CaseError(
                f"Mødedatoen kan ikke ligge før i dag ({danish_date(step.today)}). Er mødet "
                "holdt, så registrér opfølgningen.",
                field="planned_on",
            )
        not_before(
            planned_on,
            placement.start_on,
            field="planned_on",
            label="Mødedatoen",
            earlier="beskæftigelsen starter",
        )
        termination = step.state.termination
        if termination is not None and planned_on >= termination.terminated_on:
            raise CaseError(
                f"Indsatsen ophører {danish_date(termination.terminated_on)}; mødet skal "
                "ligge før.",
                field="planned_on",
            )
        booking = step.state.booking
        moved_from = None if booking is None else booking.planned_on
        if booking is None:
            booking = FollowUpBooking(
                case=step.case, placement=placement, booked_on=step.today, booked_by=step.user
            )
        booking.planned_on = planned_on
        booking.place = place
        booking.participants = participants
        booking.save()
        warnings = []
        deadline = (
            Deadline.objects.filter(
                case=step.case, kind=DeadlineKind.FOLLOW_UP, met_on__isnull=True
            )
            .order_by("due_on")
            .first()
        )
        if deadline is not None and planned_on > deadline.due_on:
            warnings.append(
                f"Mødet ligger efter fristen for opfølgning, {danish_date(deadline.due_on)} "
                f"({'; '.join(deadline.sources)}). Find en tidligere dag, hvis det er muligt."
            )
        else:
            _settle_follow_up_tasks(step, planned_on)
        step.details = {
            "booking": booking.pk,
            "planned_on": planned_on,
            **({"moved_from": moved_from} if moved_from else {}),
            **({"warnings": warnings} if warnings else {}),
        }
        booking.warnings = warnings  # type: ignore[attr-defined]
        return booking


def _settle_follow_up_tasks(step: Step, planned_on: date) -> None:
    """The open "hold the follow-up" task is done once the meeting is booked before its
    deadline (the sweep would close it too, the next night)."""
    Task.objects.filter(
        case=step.case,
        kind=TaskKind.FOLLOW_UP_DUE,
        status=TaskStatus.OPEN,
        due_on__gte=planned_on,
    ).update(
        status=TaskStatus.DONE,
        completed_at=timezone.now(),
        completed_by=step.user,
        note=booked_note(planned_on),
    )


class FollowUpBookingCancel(CaseAction):
    """Call off the booked follow-up meeting (the citizen is ill, the provider cannot).
    The follow-up is still due: the task the booking settled is opened again, so the
    deadline is not lost with the meeting."""

    name = "follow_up_booking_cancel"
    label = "aflyse opfølgningsmødet"
    title = "Aflys opfølgningsmøde"
    affects_deadlines = False
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(CaseStatus.ACTIVE)
    primary = False

    def relevant(self, state: CaseState) -> bool:
        return state.booking is not None

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return "Der er intet aftalt opfølgningsmøde at aflyse."

    def clean(self, **inputs: Any) -> dict[str, Any]:
        inputs["reason"] = required_text(
            inputs.get("reason", ""), field="reason", label="Begrundelsen"
        )
        return inputs

    def perform(self, step: Step, *, reason: str) -> FollowUpBooking:
        booking = step.state.booking
        assert booking is not None  # relevant() holds
        booking.cancelled_on = step.today
        booking.cancel_reason = reason
        booking.save(update_fields=["cancelled_on", "cancel_reason"])
        reopened = Task.objects.filter(
            case=step.case,
            kind=TaskKind.FOLLOW_UP_DUE,
            status=TaskStatus.DONE,
            note=booked_note(booking.planned_on),
        ).update(status=TaskStatus.OPEN, completed_at=None, completed_by=None, note="")
        step.details = {
            "booking": booking.pk,
            "planned_on": booking.planned_on,
            "tasks_reopened": reopened,
        }
        return booking


follow_up_book = FollowUpBook()
follow_up_booking_cancel = FollowUpBookingCancel()

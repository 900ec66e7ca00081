"""After a grant: the handleplan (Serviceloven § 141), the start at an offer, the yearly
follow-up, and the waiting list of a full offer."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.scope import check_within_grant, valid_hours
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.evaluation import Evaluation, explanation_for
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseStatus,
    FollowUp,
    Handleplan,
    HandleplanStatus,
    Offer,
    Placement,
    Role,
    WaitingListEntry,
)
from bb103.cases.services.offer_rules import offer_check, offer_warnings
from bb103.cases.services.validation import (
    choice,
    not_before,
    required_text,
    valid_vum_level,
)

S = CaseStatus


def _decided_on(state: CaseState) -> date:
    decision = state.decision
    assert decision is not None
    return decision.decided_on


def _no_pending_termination(state: CaseState) -> Iterator[str]:
    if state.termination_pending:
        assert state.termination is not None
        yield (
            f"Indsatsen ophører {danish_date(state.termination.terminated_on)}; der er truffet "
            "afgørelse om ophør."
        )


class HandleplanRecord(CaseAction):
    """Record that the plan was offered (stk. 2) and, if the citizen accepted it, its
    contents (stk. 3): purpose, the effort it takes, expected duration, other matters."""

    name = "handleplan_record"
    label = "registrere handleplanen"
    title = "Registrér handleplan (§ 141)"
    date_input = "offered_on"
    date_label = "Datoen for tilbuddet"
    date_named = "handleplanen blev tilbudt"
    affects_deadlines = False
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.DECIDED, S.ACTIVE)

    def relevant(self, state: CaseState) -> bool:
        # Serviceloven § 141, stk. 2: offered to those granted § 103.
        return state.granted

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return (
            "Handleplanen tilbydes borgere, der har fået bevilget beskyttet beskæftigelse "
            "(serviceloven § 141, stk. 2)."
        )

    def clean(self, **inputs: Any) -> dict[str, Any]:
        status = inputs.get("status", "")
        choice(status, HandleplanStatus, field="status", label="Handleplanens status")
        if status != HandleplanStatus.DECLINED:
            inputs["declined_note"] = ""
        if status == HandleplanStatus.ACCEPTED:
            for key, label in (
                ("purpose", "Formålet (§ 141, stk. 3)"),
                ("effort", "Indsatsen (§ 141, stk. 3)"),
                ("expected_duration", "Den forventede varighed (§ 141, stk. 3)"),
                (
                    "other_matters",
                    "Andre særlige forhold (§ 141, stk. 3; skriv »Ingen«, hvis der ikke er nogen)",
                ),
            ):
                inputs[key] = required_text(inputs.get(key, ""), field=key, label=label)
        return inputs

    def perform(
        self,
        step: Step,
        *,
        status: str,
        offered_on: date,
        purpose: str = "",
        effort: str = "",
        expected_duration: str = "",
        other_matters: str = "",
        declined_note: str = "",
    ) -> Handleplan:
        not_before(
            offered_on,
            _decided_on(step.state),
            field="offered_on",
            label="Datoen for tilbuddet",
            earlier="afgørelsen",
        )
        together = step.state.evaluate(as_of=offered_on).policy.param("handleplan")
        if (
            status == HandleplanStatus.DECLINED
            and together is not None
            and together.value == "together"
        ):
            declined_note = required_text(
                declined_note,
                field="declined_note",
                label=(
                    "Borgerens eget ønske (kvalitetsstandarden siger, at handleplanen laves i "
                    f"samarbejde med borgeren: {together.provenance.source})"
                ),
            )
        plan = Handleplan.objects.create(
            case=step.case,
            status=status,
            declined_note=declined_note.strip(),
            offered_on=offered_on,
            purpose=purpose.strip(),
            effort=effort.strip(),
            expected_duration=expected_duration.strip(),
            other_matters=other_matters.strip(),
            recorded_by=step.user,
        )
        step.details = {"handleplan": plan.pk, "status": status}
        return plan


WEEKDAY_NAMES = {"1": "mandag", "2": "tirsdag", "3": "onsdag", "4": "torsdag", "5": "fredag"}


class PlacementStart(CaseAction):
    """Start the employment on ``weekdays`` ("1234" is Monday to Thursday); the days per
    week are as many as the weekdays. A caller that gives only ``days_per_week`` gets the
    first weekdays from Monday. The placement returned carries ``warnings``: what the
    caseworker should know (an offer whose registry data is more than a year old), which
    does not stop the start.

    The start may be agreed up to a year ahead. The case is active from the step, not from
    the start day: the place is ordered and held at the provider from now (it counts
    against the offer's places), and what depends on the start runs from its day anyway
    (attendance only on planned days from it, the settlement from it, the first
    follow-up within a year of it); the case page says "Starter ..." until then."""

    name = "placement_start"
    label = "starte beskæftigelsen"
    title = "Start beskæftigelsen"
    date_input = "start_on"
    date_label = "Startdatoen"
    date_may_be_future = True
    date_within_a_year = True
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.DECIDED)

    def relevant(self, state: CaseState) -> bool:
        return state.granted

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return "Beskæftigelsen kan kun starte, når den er bevilget."

    def preconditions(self, state: CaseState) -> Iterator[str]:
        yield from _no_pending_termination(state)

    def clean(self, **inputs: Any) -> dict[str, Any]:
        inputs["contact_person"] = required_text(
            inputs.get("contact_person", ""),
            field="contact_person",
            label="Den faste kontaktperson",
        )
        inputs["weekdays"] = _weekdays(inputs.get("weekdays"), inputs.pop("days_per_week", None))
        inputs["hours_per_day"] = valid_hours(inputs.get("hours_per_day", Decimal("6.00")))
        return inputs

    def perform(
        self,
        step: Step,
        *,
        offer: Offer,
        start_on: date,
        contact_person: str,
        weekdays: str,
        hours_per_day: Decimal,
        order_goals: str = "",
    ) -> Placement:
        days_per_week = len(weekdays)
        not_before(
            start_on,
            _decided_on(step.state),
            field="start_on",
            label="Startdatoen",
            earlier="afgørelsen",
        )
        evaluation = step.state.evaluate(as_of=start_on)
        offer_check(evaluation, offer, step.case.municipality_id)
        _check_days(evaluation, days_per_week)
        check_within_grant(step.state.decision, days_per_week, hours_per_day)
        order_goals = _goals_for_the_order(evaluation, step.case, order_goals)
        taken = Placement.objects.filter(offer=offer, ended_on__isnull=True).count()
        if offer.places is not None and taken >= offer.places:
            raise CaseError(
                f"»{offer.name}« har ingen ledige pladser ({taken} af {offer.places} er optaget). "
                "Du kan sætte borgeren på tilbuddets venteliste.",
                field="offer",
            )
        placement = Placement.objects.create(
            case=step.case,
            offer=offer,
            start_on=start_on,
            days_per_week=days_per_week,
            weekdays=weekdays,
            hours_per_day=hours_per_day,
            contact_person=contact_person,
            order_goals=order_goals,
        )
        # The citizen has the place they waited for: the entry on that offer's list ends.
        left = WaitingListEntry.objects.filter(
            case=step.case, offer=offer, left_on__isnull=True
        ).update(left_on=start_on)
        step.case.status = S.ACTIVE
        warnings = offer_warnings(offer, start_on)
        step.details = {
            "placement": placement.pk,
            "offer": offer.pk,
            "days_per_week": days_per_week,
            "weekdays": weekdays,
            "hours_per_day": str(hours_per_day),
            **({"waiting_list_left": left} if left else {}),
            **({"warnings": warnings} if warnings else {}),
        }
        placement.warnings = warnings  # type: ignore[attr-defined]
        return placement


def _goals_for_the_order(evaluation: Evaluation, case: Case, goals: str) -> str:
    """Where the standard puts the goals in the order when there is no handleplan (Vejen),
    the order needs them unless a handleplan with its purpose has been made."""
    param = evaluation.policy.param("goals_in_order_without_handleplan")
    planned = case.handleplans.filter(status=HandleplanStatus.ACCEPTED).exists()
    if param is None or not param.value or planned:
        return goals.strip()
    return required_text(
        goals,
        field="order_goals",
        label=(
            "Borgerens mål til bestillingen (der er ingen handleplan, og kvalitetsstandarden "
            f"siger, at målene så står i bestillingen: {param.provenance.source})"
        ),
    )


def _weekdays(weekdays: str | None, days_per_week: int | None) -> str:
    """The weekdays as ISO numbers in order, Monday to Friday only: a sheltered job's
    planned days are working days, and Saturday and Sunday never are."""
    if weekdays is None:
        if days_per_week is None:
            raise CaseError("Vælg de faste ugedage.", field="weekdays")
        if not 1 <= days_per_week <= len(WEEKDAY_NAMES):
            raise CaseError("Antal dage om ugen skal være mellem 1 og 5.", field="days_per_week")
        return "".join(list(WEEKDAY_NAMES)[:days_per_week])
    days = set(weekdays)
    if not days:
        raise CaseError("Vælg mindst én fast ugedag.", field="weekdays")
    if not days <= set(WEEKDAY_NAMES):
        raise CaseError("De faste ugedage skal ligge fra mandag til fredag.", field="weekdays")
    ordered = "".join(sorted(days))
    if days_per_week is not None and days_per_week != len(ordered):
        raise CaseError(
            f"Der er valgt {len(ordered)} ugedage, men angivet {days_per_week} dage om ugen.",
            field="weekdays",
        )
    return ordered


def _check_days(evaluation: Evaluation, days: int) -> None:
    """The days per week must lie in the range the standard gives for the citizen's living
    situation (policy ``days_per_week``)."""
    allowed = evaluation.days_per_week
    text, sources = explanation_for(evaluation, "days_per_week")
    if allowed.max is None:
        raise CaseError(
            f"{text} Registrér borgerens boform, før beskæftigelsen starter.",
            field="days_per_week",
        )
    low = allowed.min or 1
    if not low <= days <= allowed.max:
        raise CaseError(
            f"{days} dage om ugen ligger uden for kvalitetsstandarden. {text} "
            f"({'; '.join(sources)})",
            field="days_per_week",
        )


class FollowUpRecord(CaseAction):
    name = "follow_up_record"
    label = "registrere en opfølgning"
    title = "Registrér opfølgning"
    date_input = "held_on"
    date_label = "Opfølgningens dato"
    date_named = "den seneste opfølgning"
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.ACTIVE)

    def relevant(self, state: CaseState) -> bool:
        return state.placement is not None

    def clean(self, **inputs: Any) -> dict[str, Any]:
        valid_vum_level(inputs.get("vum_level"))
        return inputs

    def perform(
        self,
        step: Step,
        *,
        held_on: date,
        participants: str = "",
        vum_level: int | None = None,
        notes: str = "",
        deviations: str = "",
    ) -> FollowUp:
        placement = step.state.placement
        assert placement is not None
        not_before(
            held_on,
            placement.start_on,
            field="held_on",
            label="Opfølgningens dato",
            earlier="beskæftigelsen startede",
        )
        last = placement.follow_ups.order_by("-held_on").first()
        if last is not None:
            not_before(
                held_on,
                last.held_on,
                field="held_on",
                label="Opfølgningens dato",
                earlier="den seneste opfølgning",
            )
        follow_up = FollowUp.objects.create(
            case=step.case,
            placement=placement,
            held_on=held_on,
            participants=participants.strip(),
            vum_level=vum_level,
            notes=notes.strip(),
            deviations=deviations.strip(),
            recorded_by=step.user,
        )
        # The meeting booked ahead, if any, is the one held (moved or not).
        booking = step.state.booking
        if booking is not None:
            booking.held = follow_up
            booking.save(update_fields=["held"])
        step.details = {
            "follow_up": follow_up.pk,
            "held_on": held_on,
            "vum_level": vum_level,
            **({"booking": booking.pk} if booking is not None else {}),
        }
        return follow_up


class WaitingListAdd(CaseAction):
    """Put the granted case on the offer's waiting list from ``since``. The offer must be
    one the case may be placed at (the same checks as the placement), so nobody waits for
    a place that could never be used. A granted case waits for its first place (decided)
    or for a move to another offer (active)."""

    name = "waiting_list_add"
    label = "sætte borgeren på venteliste"
    title = "Sæt på venteliste"
    date_input = "since"
    date_label = "Datoen for ventelisten"
    date_named = "borgeren kom på venteliste"
    affects_deadlines = False
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.DECIDED, S.ACTIVE)
    primary = False

    def relevant(self, state: CaseState) -> bool:
        return state.granted

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return "Kun en bevilget sag kan komme på venteliste."

    def preconditions(self, state: CaseState) -> Iterator[str]:
        yield from _no_pending_termination(state)

    def perform(self, step: Step, *, offer: Offer, since: date, note: str = "") -> WaitingListEntry:
        decided_on = _decided_on(step.state)
        if since < decided_on:
            raise CaseError(
                f"Borgeren kan tidligst stå på venteliste fra afgørelsen "
                f"({danish_date(decided_on)}).",
                field="since",
            )
        offer_check(step.state.evaluate(as_of=since), offer, step.case.municipality_id)
        placement = step.state.placement
        if placement is not None and placement.offer_id == offer.pk:
            raise CaseError(f"Borgeren har allerede plads i »{offer.name}«.", field="offer")
        if any(e.offer_id == offer.pk for e in step.state.waiting):
            raise CaseError(
                f"Borgeren står allerede på venteliste til »{offer.name}«.", field="offer"
            )
        entry = WaitingListEntry.objects.create(
            offer=offer, case=step.case, since=since, note=note.strip()
        )
        step.details = {"offer": offer.pk, "entry": entry.pk, "since": since.isoformat()}
        return entry


class WaitingListLeave(CaseAction):
    """Take the case off the offer's waiting list (the citizen no longer waits for a place
    there). A placement at the offer does this by itself."""

    name = "waiting_list_leave"
    label = "tage borgeren af ventelisten"
    title = "Tag af venteliste"
    date_input = "left_on"
    date_label = "Datoen"
    date_named = "borgeren blev taget af ventelisten"
    affects_deadlines = False
    roles = frozenset({Role.CASEWORKER})
    statuses = statuses(S.DECIDED, S.ACTIVE, S.TERMINATED)
    primary = False

    def relevant(self, state: CaseState) -> bool:
        return bool(state.waiting)

    def not_relevant_reason(self, state: CaseState) -> str | None:
        return "Borgeren står ikke på nogen venteliste."

    def perform(self, step: Step, *, offer: Offer, left_on: date) -> WaitingListEntry:
        entry = next((e for e in step.state.waiting if e.offer_id == offer.pk), None)
        if entry is None:
            raise CaseError(f"Borgeren står ikke på venteliste til »{offer.name}«.", field="offer")
        if left_on < entry.since:
            raise CaseError(
                f"Datoen kan ikke ligge før borgeren kom på ventelisten "
                f"({danish_date(entry.since)}).",
                field="left_on",
            )
        entry.left_on = left_on
        entry.save(update_fields=["left_on"])
        step.details = {"offer": offer.pk, "entry": entry.pk, "left_on": left_on.isoformat()}
        return entry


handleplan_record = HandleplanRecord()
placement_start = PlacementStart()
follow_up_record = FollowUpRecord()
waiting_list_add = WaitingListAdd()
waiting_list_leave = WaitingListLeave()

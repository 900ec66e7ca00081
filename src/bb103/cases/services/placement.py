"""The start of the employment at an offer, on fixed weekdays within the days per week the
standard allows."""

from datetime import date
from decimal import Decimal

from bb103.cases.engine.evaluation import Evaluation, evaluate_case, explanation_for
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseStatus,
    Decision,
    Offer,
    Outcome,
    Placement,
    User,
    WaitingListEntry,
)
from bb103.cases.services.offer_rules import offer_check, offer_warnings
from bb103.cases.services.transition import case_step
from bb103.cases.services.validation import not_before, not_future, required_text


def placement_start(
    *,
    user: User,
    case: Case,
    offer: Offer,
    start_on: date,
    contact_person: str,
    weekdays: str | None = None,
    hours_per_day: Decimal = Decimal("6.00"),
    days_per_week: int | None = None,
    expected_version: int | None = None,
) -> Placement:
    """Start the employment on ``weekdays`` ("1234" is Monday to Thursday); the days per
    week are as many as the weekdays. A caller that gives only ``days_per_week`` gets the
    first weekdays from Monday. The placement returned carries ``warnings``: what the
    caseworker should know (an offer whose registry data is more than a year old), which
    does not stop the start."""
    contact_person = required_text(
        contact_person, field="contact_person", label="Den faste kontaktperson"
    )
    weekdays = _weekdays(weekdays, days_per_week)
    days_per_week = len(weekdays)
    hours_per_day = _hours(hours_per_day)
    with case_step(
        user=user,
        case=case,
        step="placement_start",
        statuses=(CaseStatus.DECIDED,),
        expected_version=expected_version,
    ) as step:
        decision = Decision.objects.get(case=step.case)
        if decision.outcome != Outcome.GRANT:
            raise CaseError("Beskæftigelsen kan kun starte, når den er bevilget.", field="status")
        not_future(start_on, step.today, field="start_on", label="Startdatoen")
        not_before(
            start_on,
            decision.decided_on,
            field="start_on",
            label="Startdatoen",
            earlier="afgørelsen",
        )
        evaluation = evaluate_case(step.case, as_of=start_on)
        offer_check(evaluation, offer, step.case.municipality_id)
        _check_days(evaluation, days_per_week)
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
        )
        # The citizen has the place they waited for: the entry on that offer's list ends.
        left = WaitingListEntry.objects.filter(
            case=step.case, offer=offer, left_on__isnull=True
        ).update(left_on=start_on)
        step.case.status = CaseStatus.ACTIVE
        step.case.save(update_fields=["status"])
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


WEEKDAY_NAMES = {
    "1": "mandag",
    "2": "tirsdag",
    "3": "onsdag",
    "4": "torsdag",
    "5": "fredag",
}


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


# No standard sets a longest working day; a limit catches a typing error (60 for 6,0).
MAX_HOURS_PER_DAY = Decimal("12")


def _hours(hours: Decimal) -> Decimal:
    if not Decimal("0") < hours <= MAX_HOURS_PER_DAY:
        raise CaseError(
            f"Timer pr. dag skal være mere end 0 og højst {MAX_HOURS_PER_DAY}.",
            field="hours_per_day",
        )
    if hours != hours.quantize(Decimal("0.01")):
        raise CaseError("Timer pr. dag angives med højst to decimaler.", field="hours_per_day")
    return hours


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

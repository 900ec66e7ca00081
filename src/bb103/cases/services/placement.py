"""The start of the employment at an offer, within the days per week the standard allows."""

from datetime import date

from bb103.cases.engine_adapter import Evaluation, evaluate_case, explanation_for
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseStatus,
    Decision,
    Offer,
    Outcome,
    Placement,
    User,
)
from bb103.cases.services.offer_rules import offer_check
from bb103.cases.services.transition import case_step
from bb103.cases.services.validation import not_before, not_future, required_text


def placement_start(
    *,
    user: User,
    case: Case,
    offer: Offer,
    start_on: date,
    days_per_week: int,
    contact_person: str,
) -> Placement:
    contact_person = required_text(
        contact_person, field="contact_person", label="Den faste kontaktperson"
    )
    with case_step(
        user=user, case=case, step="placement_start", statuses=(CaseStatus.DECIDED,)
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
                f"»{offer.name}« har ingen ledige pladser ({taken} af {offer.places} er optaget).",
                field="offer",
            )
        placement = Placement.objects.create(
            case=step.case,
            offer=offer,
            start_on=start_on,
            days_per_week=days_per_week,
            contact_person=contact_person,
        )
        step.case.status = CaseStatus.ACTIVE
        step.case.save(update_fields=["status"])
        step.details = {
            "placement": placement.pk,
            "offer": offer.pk,
            "days_per_week": days_per_week,
        }
    return placement


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

"""Demo cases that plan ahead (issue 17, item 4): a granted case whose placement starts in
a few weeks, a placed citizen with the yearly follow-up meeting booked, and an effort
whose ending was decided today for a day a month ahead. Fictitious people only."""

import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from bb103.cases import services
from bb103.cases.actions import LETTER_ACTIONS
from bb103.cases.engine.evaluation import evaluate_case, standard_party_hearing
from bb103.cases.models import (
    Case,
    Citizen,
    CommitteeRecommendation,
    Offer,
    Outcome,
    TaxCardKind,
    TransportMode,
    User,
)

if TYPE_CHECKING:
    from bb103.web.demo import Demo

PEOPLE = [("Signe", "Planlægsen"), ("Bo", "Fremtidsen"), ("Inger", "Varselsen")]


def load(demo: "Demo", today: date) -> None:
    """The three cases in ``demo``'s municipality, each by the caseworker's own steps."""
    rng = random.Random(f"bb103-plan-{demo.municipality.pk}")
    worker = demo.caseworkers[0]
    starting = _granted(demo, worker, _citizen(demo, worker, rng, 0), today - timedelta(30))
    if starting is not None:
        _start(demo, worker, starting, _monday_after(today + timedelta(21)))
    booked = _granted(demo, worker, _citizen(demo, worker, rng, 1), today - timedelta(300))
    if booked is not None and _start(demo, worker, booked, booked.decision.decided_on):
        services.follow_up_book(
            user=worker,
            case=booked,
            planned_on=_monday_after(today + timedelta(14)),
            place="Værkstedet, mødelokalet",
            participants="Borgeren, rådgiveren og kontaktpersonen",
        )
    ending = _granted(demo, worker, _citizen(demo, worker, rng, 2), today - timedelta(200))
    if ending is not None and _start(demo, worker, ending, ending.decision.decided_on):
        _end_ahead(worker, ending, today)


def _citizen(demo: "Demo", worker: User, rng: random.Random, i: int) -> Citizen | None:
    first, last = PEOPLE[i]
    # A fictitious CPR number: 1 January of a year in the 1980s, a serial of the demo's own.
    cpr = f"0101{80 + i}-{rng.randrange(0, 4)}{rng.randrange(0, 1000):03d}"
    if Citizen.objects.filter(municipality=demo.municipality, cpr=cpr).exists():
        return None
    return services.citizen_register(
        user=worker,
        municipality=demo.municipality,
        cpr=cpr,
        first_name=first,
        last_name=last,
        address=f"Planvej {i + 1}",
        living_situation="own_home",
    )


def _granted(demo: "Demo", worker: User, citizen: Citizen | None, received: date) -> Case | None:
    """The citizen's case from the application to the grant, a few days between steps, the
    decision letter sent on the decision day."""
    if citizen is None:
        return None
    days = _every_third_day(received)
    case = services.application_register(
        user=worker, citizen=citizen, received_on=received, channel="digital"
    )
    LETTER_ACTIONS["receipt"].as_on(received, user=worker, case=case)
    services.assessment_record(
        user=worker,
        case=case,
        assessed_on=next(days),
        vum_level=3,
        interview_place="I borgerens hjem",
        significant_reduced_function=True,
        special_social_problems=False,
        can_work_on_normal_terms=False,
        other_legislation_exhausted=True,
        receives_foertidspension=True,
        motivated=True,
        can_transport_self=True,
        medical_certificate=True,
    )
    evaluation = evaluate_case(case, as_of=received)
    if evaluation.visitation_committee_required:
        services.committee_review_record(
            user=demo.committee,
            case=case,
            reviewed_on=next(days),
            recommendation=CommitteeRecommendation.SUPPORTS,
            offer=demo.workshop,
        )
    services.draft_decision_create(
        user=worker,
        case=case,
        created_on=next(days),
        proposed_outcome=Outcome.GRANT,
        reasons="",
        offer=demo.workshop,
    )
    sent = next(days)
    services.party_hearing_send(user=worker, case=case, sent_on=sent, days=_days(evaluation))
    LETTER_ACTIONS["hearing"].as_on(sent, user=worker, case=case)
    services.party_hearing_close(
        user=worker, case=case, closed_on=next(days), comments="Borgeren er enig i udkastet."
    )
    decided = next(days)
    allowed = evaluation.days_per_week
    services.decision_make(
        user=worker,
        case=case,
        outcome=Outcome.GRANT,
        decided_on=decided,
        offer=demo.workshop,
        days_per_week=allowed.default or allowed.max or 4,
    )
    LETTER_ACTIONS["decision_grant"].as_on(decided, user=worker, case=case)
    return case


def _start(demo: "Demo", worker: User, case: Case, start_on: date) -> bool:
    """Start at the first of the municipality's offers with a free place; False if none."""
    offer = _free([demo.workshop, *demo.offers])
    if offer is None:
        return False
    allowed = evaluate_case(case, as_of=start_on).days_per_week
    days_per_week = allowed.default or allowed.max or 4
    placement = services.placement_start(
        user=worker,
        case=case,
        offer=offer,
        start_on=start_on,
        weekdays="12345"[:days_per_week],
        hours_per_day=Decimal("6.00"),
        contact_person=demo.contact_people.get(offer.provider_id, "") or "Kontaktperson",
        order_goals="Møde stabilt og lære en fast arbejdsgang i værkstedet.",
    )
    # What the settlement needs, as every demo placement has it (fictitious).
    services.transport_set(
        user=worker,
        placement=placement,
        valid_from=start_on,
        mode=TransportMode.NONE,
        means="Cykel",
    )
    services.tax_card_record(
        user=worker,
        citizen=case.citizen,
        valid_from=start_on,
        kind=TaxCardKind.SECONDARY,
        withholding_pct=Decimal("38"),
    )
    return True


def _end_ahead(worker: User, case: Case, today: date) -> None:
    """An ending the citizen was heard on, decided today for a day a month ahead (no
    standard gives a notice period; the day is the caseworker's agreement with the
    citizen), and the letter that states the day."""
    drafted, ends = today - timedelta(20), today + timedelta(30)
    services.termination_draft_create(
        user=worker,
        case=case,
        created_on=drafted,
        reason="goals_reached",
        effective_on=ends,
        reasons="Målene i handleplanen er nået, og borgeren begynder i fleksjob.",
    )
    evaluation = evaluate_case(case, as_of=drafted)
    services.party_hearing_send(user=worker, case=case, sent_on=drafted, days=_days(evaluation))
    LETTER_ACTIONS["hearing"].as_on(drafted, user=worker, case=case)
    services.party_hearing_close(
        user=worker,
        case=case,
        closed_on=today - timedelta(2),
        comments="Borgeren er enig og vil gerne stoppe ved månedens udgang.",
    )
    services.case_terminate(user=worker, case=case, reason="goals_reached", terminated_on=ends)
    LETTER_ACTIONS["termination"].as_on(today, user=worker, case=case)


def _days(evaluation) -> int | None:
    # The standard's own partshøring period where it has one; elsewhere 14 days.
    return None if standard_party_hearing(evaluation) is not None else 14


def _free(offers: list[Offer]) -> Offer | None:
    for offer in offers:
        taken = offer.placements.filter(ended_on__isnull=True).count()
        if offer.places is None or taken < offer.places:
            return offer
    return None


def _every_third_day(start: date) -> Iterator[date]:
    day = start
    while True:
        day += timedelta(days=3)
        yield day


def _monday_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)

"""Demo (issue 17, item 5): in each municipality one citizen granted 4 days a week,
6 hours a day, whose days are cut to 3 after partshøring on a draft (forvaltningsloven
§ 19): the change decision, its letter with klagevejledning and its own complaint period,
and the placement that follows from the change's day. A fictitious person only."""

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from bb103.cases import services
from bb103.cases.actions import LETTER_ACTIONS, change_decision_make, change_effect
from bb103.cases.engine.evaluation import evaluate_case, standard_party_hearing
from bb103.cases.engine.policy import known_municipalities
from bb103.cases.models import (
    Case,
    Citizen,
    Offer,
    Outcome,
    TaxCardKind,
    TransportMode,
    User,
)

if TYPE_CHECKING:
    from bb103.web.demo import Demo

REASONS = (
    "Du har været syg mange dage det seneste halve år. Fire dage om ugen er for meget for "
    "dig lige nu. Med tre dage kan du nå at hvile dig mellem dagene."
)


def load(demo: "Demo", *, today: date) -> None:
    """The municipality's case with a change decision (once: a rerun finds the citizen)."""
    number = sorted(known_municipalities()).index(demo.municipality.id)
    cpr = f"140385-39{number:02d}"
    if Citizen.objects.filter(municipality=demo.municipality, cpr=cpr).exists():
        return
    offer = _free(demo.offers)
    if offer is None:
        return
    worker = demo.caseworkers[0]
    with transaction.atomic():
        citizen = services.citizen_register(
            user=worker,
            municipality=demo.municipality,
            cpr=cpr,
            first_name="Vibeke",
            last_name="Ændringsen",
            address="Demovej 99",
            living_situation="own_home",
        )
        _walk(demo, worker, citizen, offer, today)


def _walk(demo: "Demo", worker: User, citizen: Citizen, offer: Offer, today: date) -> None:
    day = today - timedelta(days=300)
    case = services.application_register(
        user=worker, citizen=citizen, received_on=day, channel="digital"
    )
    LETTER_ACTIONS["receipt"].as_on(day, user=worker, case=case)
    services.assessment_record(
        user=worker, case=case, assessed_on=day + timedelta(days=3), vum_level=3,
        significant_reduced_function=True, special_social_problems=False,
        can_work_on_normal_terms=False, other_legislation_exhausted=True,
        receives_foertidspension=True, motivated=True, can_transport_self=True,
    )  # fmt: skip
    evaluation = evaluate_case(case, as_of=day)
    days = None if standard_party_hearing(evaluation) is not None else 14
    if evaluation.visitation_committee_required and demo.committee is not None:
        services.committee_review_record(
            user=demo.committee, case=case, reviewed_on=day + timedelta(days=5),
            recommendation="supports", offer=offer,
        )  # fmt: skip
    services.draft_decision_create(
        user=worker, case=case, created_on=day + timedelta(days=6),
        proposed_outcome=Outcome.GRANT, offer=offer,
    )  # fmt: skip
    services.party_hearing_send(user=worker, case=case, sent_on=day + timedelta(days=6), days=days)
    LETTER_ACTIONS["hearing"].as_on(day + timedelta(days=6), user=worker, case=case)
    services.party_hearing_close(
        user=worker, case=case, closed_on=day + timedelta(days=20),
        comments="Jeg er enig i udkastet.",
    )  # fmt: skip
    decided = day + timedelta(days=22)
    services.decision_make(
        user=worker, case=case, outcome=Outcome.GRANT, decided_on=decided, offer=offer,
        days_per_week=4, hours_per_day=Decimal("6"),
    )  # fmt: skip
    LETTER_ACTIONS["decision_grant"].as_on(decided, user=worker, case=case)
    placement = services.placement_start(
        user=worker, case=case, offer=offer, start_on=decided + timedelta(days=8),
        weekdays="1234", hours_per_day=Decimal("6"),
        contact_person=demo.contact_people.get(offer.provider_id, "") or "Kontaktperson",
        order_goals="Møde stabilt og lære en fast arbejdsgang.",
    )  # fmt: skip
    # Fictitious distance and tax card, so the settlement has what it needs; the change
    # carries the transport on to the new placement.
    services.transport_set(
        user=worker, placement=placement, valid_from=placement.start_on,
        mode=TransportMode.PER_KM, means="Bus", one_way_km=Decimal("14"),
        price_per_km=Decimal("1.9500"),
    )  # fmt: skip
    services.tax_card_record(
        user=worker, citizen=citizen, valid_from=placement.start_on,
        kind=TaxCardKind.SECONDARY, withholding_pct=Decimal("39"),
    )  # fmt: skip
    _change(worker, case, today, days)


def _change(worker: User, case: Case, today: date, days: int | None) -> None:
    """Fewer days, heard first; decided for a day ahead, which then comes."""
    drafted, effective = today - timedelta(days=40), today - timedelta(days=5)
    services.change_draft_create(
        user=worker, case=case, created_on=drafted, effective_on=effective,
        days_per_week=3, reasons=REASONS,
    )  # fmt: skip
    services.party_hearing_send(user=worker, case=case, sent_on=drafted, days=days)
    LETTER_ACTIONS["hearing"].as_on(drafted, user=worker, case=case)
    services.party_hearing_close(
        user=worker, case=case, closed_on=today - timedelta(days=25),
        comments="Jeg vil gerne blive ved med fire dage, men jeg forstår det.",
    )  # fmt: skip
    decided = today - timedelta(days=24)
    change_decision_make.as_on(
        decided, user=worker, case=case, decided_on=decided, effective_on=effective,
        days_per_week=3, reasons=REASONS,
    )  # fmt: skip
    LETTER_ACTIONS["decision_change"].as_on(decided, user=worker, case=case)
    change_effect.as_on(effective, user=worker, case=case)


def _free(offers: list[Offer]) -> Offer | None:
    for offer in offers:
        taken = offer.placements.filter(ended_on__isnull=True).count()
        if offer.places is None or taken < offer.places:
            return offer
    return None

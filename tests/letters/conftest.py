"""Cases walked through the services in every municipality, ready for each letter.

Fictitious people only (tests.cases.factories). Each case is granted or refused the way
its municipality's standard requires: Vejen's visitation committee reviews it, Ballerup's
draft is always heard, and Lejre's offer is approved by socialtilsynet.
"""

from datetime import date
from types import SimpleNamespace

import pytest

from bb103.cases import services
from bb103.cases.services import municipalities_sync
from tests.cases.conftest import _staff
from tests.cases.factories import assess, heard, make_citizen, open_case, standard_days

MUNICIPALITIES = ["ballerup", "lejre", "roskilde", "soenderborg", "vejen"]


@pytest.fixture
def municipalities(db):
    return {m.id: m for m in municipalities_sync()}


@pytest.fixture
def staff_of(municipalities):
    made = {}

    def make(mid: str) -> SimpleNamespace:
        if mid not in made:
            # Lejre's standard asks for socialtilsynet's approval of the offer.
            staff = _staff(municipalities, mid, socialtilsyn_approved=True)
            staff.caseworker.first_name, staff.caseworker.last_name = "Rikke", "Rådgiversen"
            staff.caseworker.save()
            made[mid] = staff
        return made[mid]

    return make


def _decide(staff, case, outcome: str, offer=None) -> None:
    cw = staff.caseworker
    if outcome == "refusal":
        assess(cw, case, significant_reduced_function=False, special_social_problems=False)
    else:
        assess(cw, case)
    heard(cw, case, outcome=outcome, days=14)
    if staff.municipality.id == "vejen":
        services.committee_review_record(
            user=staff.committee,
            case=case,
            reviewed_on=date(2025, 3, 26),
            recommendation="supports" if outcome == "grant" else "does_not_support",
            offer=offer,
        )
    services.decision_make(
        user=cw,
        case=case,
        outcome=outcome,
        decided_on=date(2025, 4, 1),
        offer=offer,
        days_per_week=standard_days(case) if outcome == "grant" else None,
        reasons="Lægeattesten viser, at du kan arbejde på normale vilkår."
        if outcome == "refusal"
        else "",
    )


@pytest.fixture
def walk(staff_of):
    """walk(mid, to) -> case: 'received', 'hearing', 'granted', 'refused', 'forwarded',
    'terminated' (at folkepensionsalder), 'withdrawn' and 'moved' (closed after the
    assessment, issue 17 item 2), 'changed' (fewer days at the citizen's wish, item 5)."""

    def make(mid: str, to: str, *, birth: date = date(1990, 5, 17)):
        staff = staff_of(mid)
        cw = staff.caseworker
        citizen = make_citizen(cw, staff.municipality, birth=birth)
        citizen.address = "Prøvevej 1, 9999 Fiktivby"
        citizen.save()
        case = open_case(cw, citizen)
        if to == "received":
            return case
        if to in ("withdrawn", "moved"):
            assess(cw, case)
            services.case_close(
                user=cw,
                case=case,
                reason=to,
                closed_on=date(2025, 3, 20),
                moved_to="Aarhus Kommune" if to == "moved" else "",
            )
            return case
        if to == "hearing":
            assess(cw, case)
            services.draft_decision_create(
                user=cw,
                case=case,
                created_on=date(2025, 3, 18),
                proposed_outcome="grant",
                reasons="Du har brug for et arbejde med støtte.",
            )
            services.party_hearing_send(user=cw, case=case, sent_on=date(2025, 3, 19), days=14)
            return case
        if to in ("granted", "terminated", "changed"):
            _decide(staff, case, "grant", staff.offer)
            if to == "changed":
                # Issue 17, item 5: the citizen asks for fewer days (no partshøring).
                services.placement_start(
                    user=cw,
                    case=case,
                    offer=staff.offer,
                    start_on=date(2025, 5, 1),
                    days_per_week=4,
                    contact_person="Kirsten Kontakt",
                    order_goals="Lære at pakke varer efter en fast arbejdsgang.",
                )
                services.change_decision_make(
                    user=cw,
                    case=case,
                    decided_on=date(2025, 9, 15),
                    effective_on=date(2025, 10, 1),
                    days_per_week=3,
                    at_citizens_request=True,
                    reasons="Du har bedt om at arbejde tre dage om ugen. Det passer bedre til dig.",
                )
            if to == "terminated":
                services.placement_start(
                    user=cw,
                    case=case,
                    offer=staff.offer,
                    start_on=date(2025, 5, 1),
                    days_per_week=4,
                    contact_person="Kirsten Kontakt",
                    order_goals="Lære at pakke varer efter en fast arbejdsgang.",
                )
                # Born 10 June 1958: folkepensionsalder 67, reached 10 June 2025.
                services.case_terminate(
                    user=cw, case=case, reason="pension_age", terminated_on=date(2025, 6, 10)
                )
            return case
        _decide(staff, case, "refusal")
        if to == "refused":
            return case
        complaint = services.complaint_register(
            user=cw, case=case, received_on=date(2025, 4, 10), form="oral", grounds="Uenig."
        )
        services.complaint_reassess(
            user=cw,
            case=case,
            complaint=complaint,
            reassessed_on=date(2025, 4, 20),
            result="upheld",
            notes="Der er ingen nye oplysninger.",
        )
        services.complaint_forward(
            user=cw, case=case, complaint=complaint, forwarded_on=date(2025, 4, 22)
        )
        return case

    return make

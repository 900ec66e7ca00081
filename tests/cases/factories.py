"""Fictitious people and a case walked to any step, through the services themselves.

Names are invented and CPR numbers generated from a counter (never looked up anywhere);
they encode the birth date a test needs, with the 7th digit giving the right century.
"""

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine

from bb103.cases import services
from bb103.cases.engine.evaluation import evaluate_case
from bb103.cases.models import (
    Case,
    Citizen,
    CommitteeRecommendation,
    Membership,
    Municipality,
    Offer,
    Outcome,
    Placement,
    User,
)
from bb103.cases.services.validation import fictitious_cvr

_serial = itertools.count(101)
_FIRST = ["Ada", "Bent", "Cille", "Dorte", "Erik", "Frej", "Gry", "Holger", "Ilse", "Jens"]
_LAST = ["Testesen", "Prøvegaard", "Eksempelsen", "Fiktivsen", "Opdigtet"]


def fictitious_cpr(birth: date) -> str:
    """DDMMÅÅ-XXXX for ``birth``: 7th digit 0-3 for 1900-1999, 4 for 2000-2036."""
    n = next(_serial)
    century_digit = 4 if birth.year >= 2000 else n % 4
    return f"{birth:%d%m%y}-{century_digit}{n % 1000:03d}"


def make_user(username: str, municipality: Municipality, role: str, provider=None) -> User:
    user, _ = User.objects.get_or_create(username=username)
    Membership.objects.create(user=user, municipality=municipality, role=role, provider=provider)
    return user


def make_citizen(
    caseworker: User,
    municipality: Municipality,
    *,
    birth: date = date(1990, 5, 17),
    living_situation: str = "own_home",
) -> Citizen:
    n = next(_serial)
    return services.citizen_register(
        user=caseworker,
        municipality=municipality,
        cpr=fictitious_cpr(birth),
        first_name=_FIRST[n % len(_FIRST)],
        last_name=_LAST[n % len(_LAST)],
        living_situation=living_situation,
    )


def make_offer(
    admin: User,
    municipality: Municipality,
    *,
    kind: str = "own_municipal",
    tilbudsportalen_id: str = "TP-1001",
    socialtilsyn_approved: bool = False,
    places: int | None = None,
) -> Offer:
    n = next(_serial)
    provider = services.provider_register(
        user=admin,
        municipality=municipality,
        name=f"Værkstedet {n}",
        kind=kind,
        cvr=fictitious_cvr(n),
    )
    return services.offer_register(
        user=admin,
        provider=provider,
        name="Montage og pakkeri",
        tilbudsportalen_id=tilbudsportalen_id,
        socialtilsyn_approved=socialtilsyn_approved,
        places=places,
    )


def open_case(caseworker: User, citizen: Citizen, received_on: date = date(2025, 3, 10)) -> Case:
    return services.application_register(
        user=caseworker, citizen=citizen, received_on=received_on, channel="digital"
    )


ELIGIBLE_FACTS = {
    "significant_reduced_function": True,
    "special_social_problems": False,
    "can_work_on_normal_terms": False,
    "other_legislation_exhausted": True,
    "receives_foertidspension": True,
    "motivated": True,
    "can_transport_self": True,
}


def assess(caseworker: User, case: Case, on: date = date(2025, 3, 17), **facts) -> None:
    services.assessment_record(
        user=caseworker,
        case=case,
        assessed_on=on,
        vum_level=facts.pop("vum_level", 3),
        **{**ELIGIBLE_FACTS, **facts},
    )


def draft(
    caseworker: User, case: Case, outcome: str = Outcome.GRANT, on: date = date(2025, 3, 18)
) -> None:
    reasons = "Borgerens funktionsevne er ikke betydeligt nedsat." if outcome == "refusal" else ""
    services.draft_decision_create(
        user=caseworker, case=case, created_on=on, proposed_outcome=outcome, reasons=reasons
    )


def heard(caseworker: User, case: Case, outcome: str = Outcome.GRANT, days: int | None = None):
    """Draft, send on 19 March 2025 and close with the citizen's comments on 25 March."""
    draft(caseworker, case, outcome)
    services.party_hearing_send(user=caseworker, case=case, sent_on=date(2025, 3, 19), days=days)
    return services.party_hearing_close(
        user=caseworker,
        case=case,
        closed_on=date(2025, 3, 25),
        comments="Jeg er enig i udkastet.",
    )


def reviewed(member: User, case: Case, offer: Offer | None = None) -> None:
    services.committee_review_record(
        user=member,
        case=case,
        reviewed_on=date(2025, 3, 26),
        recommendation=CommitteeRecommendation.SUPPORTS,
        offer=offer,
    )


def standard_days(case: Case, on: date = date(2025, 4, 1)) -> int:
    """The days per week a grant gives when the test does not care: the standard's rule
    (Vejen: 5), else the most its range allows for the citizen's living situation."""
    allowed = evaluate_case(case, as_of=on).days_per_week
    days = allowed.default or allowed.max
    assert days is not None, "the citizen's living situation is needed for the range"
    return days


def grant(
    caseworker: User,
    case: Case,
    offer: Offer | None = None,
    on: date = date(2025, 4, 1),
    days: int | None = None,
):
    """Grant on ``on``, for ``days`` per week (the standard's days by default): a grant
    states its days (issue 17, item 5)."""
    return services.decision_make(
        user=caseworker,
        case=case,
        outcome=Outcome.GRANT,
        decided_on=on,
        offer=offer,
        days_per_week=standard_days(case, on) if days is None else days,
    )


def granted_case(staff, citizen_of) -> Case:
    """A new citizen's case granted on 1 April 2025 at the municipality's own offer, after
    the assessment and a partshøring of 14 days (Roskilde's standard sets none of its own);
    the decision letter not yet sent."""
    case = open_case(staff.caseworker, citizen_of(staff))
    assess(staff.caseworker, case)
    heard(staff.caseworker, case, days=14)
    grant(staff.caseworker, case, offer=staff.offer, on=date(2025, 4, 1))
    return case


def on_day(day: date):
    """Today is ``day`` inside the block (at noon, Danish time): a letter is always dated
    the day it is sent, so a test of dates sends it then."""
    moment = datetime.combine(day, time(12), tzinfo=ZoneInfo("Europe/Copenhagen"))
    return time_machine.travel(moment, tick=False)


def tell(caseworker: User, case: Case, on: date = date(2025, 4, 1)):
    """Send the decision letter on ``on``: the written decision reaches the citizen that
    day (Digital Post), and the complaint period starts (Retssikkerhedsloven § 67)."""
    case.refresh_from_db()
    kind = "decision_grant" if case.decision.outcome == Outcome.GRANT else "decision_refusal"
    with on_day(on):
        return services.letter_send(user=caseworker, case=case, kind=kind)


def placed(caseworker: User, case: Case, offer: Offer, days: int = 4, on=date(2025, 5, 1)):
    return services.placement_start(
        user=caseworker,
        case=case,
        offer=offer,
        start_on=on,
        days_per_week=days,
        contact_person="Kirsten Kontakt",
        # Vejen's standard puts the goals in the order when there is no handleplan.
        order_goals="Lære at pakke varer efter en fast arbejdsgang.",
    )


def running_placement(
    staff, citizen_of, *, offer: Offer | None = None, days: int = 4, weekdays: str = "1234"
) -> Placement:
    """A new citizen's case taken to a running placement from 1 May 2025 at ``offer`` (the
    municipality's own by default) on ``weekdays`` (ISO numbers): application, assessment,
    party hearing of 14 days, the committee's review in Vejen, grant, placement."""
    offer = offer or staff.offer
    case = open_case(staff.caseworker, citizen_of(staff))
    assess(staff.caseworker, case)
    # 14 days: Roskilde's standard sets no hearing period of its own.
    heard(staff.caseworker, case, days=14)
    if staff.municipality.pk == "vejen":
        reviewed(staff.committee, case, offer)
    grant(staff.caseworker, case, offer=offer, days=days)
    placement = placed(staff.caseworker, case, offer, days=days)
    if placement.weekdays != weekdays:
        Placement.objects.filter(pk=placement.pk).update(weekdays=weekdays)
        placement.refresh_from_db()
    return placement


def end(
    caseworker: User,
    case: Case,
    reason: str = "goals_reached",
    on: date = date(2025, 9, 30),
    drafted_on: date = date(2025, 9, 1),
):
    """End a granted effort for a reason the citizen may dispute: a draft on termination,
    partshøring (14 days where the standard sets none) closed with the citizen's comments
    the next day, then the decision to end it."""
    services.termination_draft_create(
        user=caseworker,
        case=case,
        created_on=drafted_on,
        reason=reason,
        effective_on=on,
        reasons="Målene i handleplanen er nået.",
    )
    services.party_hearing_send(user=caseworker, case=case, sent_on=drafted_on, days=14)
    services.party_hearing_close(
        user=caseworker,
        case=case,
        closed_on=drafted_on + timedelta(days=1),
        comments="Jeg er enig i, at jeg stopper.",
    )
    return services.case_terminate(user=caseworker, case=case, reason=reason, terminated_on=on)

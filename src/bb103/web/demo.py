"""Demo data for ``make run``: the five municipalities with their offers from the quality
standards, demo users per role, and fictitious citizens at every stage of a case.

Everything a case holds is made through the services, so the deadlines, the audit trail
and the explanations frozen into decisions are the real ones. Names are invented and CPR
numbers generated from a fixed seed; no real person is meant. Running it again adds
nothing: users, providers and citizens already there are left as they are, and each
citizen's case is made in one transaction, so a run killed halfway leaves no half case.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from bb103.cases import services
from bb103.cases.engine_adapter import evaluate_case, standard_party_hearing
from bb103.cases.models import (
    Case,
    Citizen,
    CommitteeRecommendation,
    Membership,
    Municipality,
    Offer,
    Outcome,
    Provider,
    ProviderKind,
    Role,
    User,
)

PASSWORD = "demo"

# Offers per municipality from its quality standard (shared/seeds). Roskilde and Vejen
# name their own offers; Ballerup and Sønderborg say only "our own offers" (by area), and
# Lejre has none of its own (other municipalities, private providers, companies), so
# those are illustrative and marked as demo. Tilbudsportalen ids are fictitious.
OFFERS: dict[str, list[tuple[str, str, str, list[str]]]] = {
    "roskilde": [
        (
            "Roskilde Kommune, beskyttet beskæftigelse",
            ProviderKind.OWN_MUNICIPAL,
            "",
            [
                "Ejendomsservice",
                "Montage og pakkeri",
                "Metalværksted",
                "Biblioteksmedhjælper",
                "Kantinedrift",
                "Rengøring",
                "Cafédrift",
            ],
        )
    ],
    "vejen": [
        (
            "Vejen Kommune, handicap- og socialpsykiatriområdet",
            ProviderKind.OWN_MUNICIPAL,
            "",
            ["Platform", "Elmegade", "Veum Dag"],
        )
    ],
    "ballerup": [
        (
            "Ballerup Kommune, egne tilbud (demo)",
            ProviderKind.OWN_MUNICIPAL,
            "",
            ["Værksted og montage (demo)", "Grønne områder (demo)"],
        ),
        (
            "Tilbud nær borgerens bopæl (demo)",
            ProviderKind.OTHER_MUNICIPALITY,
            "Nabokommune",
            ["Café og køkken (demo)"],
        ),
    ],
    "lejre": [
        (
            "Anden kommunes tilbud (demo)",
            ProviderKind.OTHER_MUNICIPALITY,
            "Roskilde Kommune",
            ["Montage og pakkeri (demo)"],
        ),
        (
            "Privat leverandør (demo)",
            ProviderKind.PRIVATE_PROVIDER,
            "Privat leverandør",
            ["Gartneri (demo)"],
        ),
        (
            "Lokal virksomhed (demo)",
            ProviderKind.PRIVATE_COMPANY,
            "Privat virksomhed",
            ["Praktisk medhjælp i virksomhed (demo)"],
        ),
    ],
    "soenderborg": [
        (
            "Sønderborg Kommune, handicapområdet (demo)",
            ProviderKind.OWN_MUNICIPAL,
            "",
            ["Værkstedet (demo)"],
        ),
        (
            "Sønderborg Kommune, socialpsykiatrien (demo)",
            ProviderKind.OWN_MUNICIPAL,
            "",
            ["Café og genbrug (demo)"],
        ),
    ],
}

# username suffix, role, first name, last name (fictitious)
USERS = [
    ("raadgiver", Role.CASEWORKER, "Rikke", "Rådgiver"),
    ("raadgiver2", Role.CASEWORKER, "Rasmus", "Rådgiversen"),
    ("udvalg", Role.COMMITTEE_MEMBER, "Ulla", "Udvalgsen"),
    ("leder", Role.MANAGER, "Lene", "Ledersen"),
    ("admin", Role.ADMINISTRATOR, "Anders", "Administratorsen"),
    ("tilbud", Role.PROVIDER_STAFF, "Tove", "Tilbudsen"),
]

FIRST = [
    "Aksel", "Birte", "Carl", "Ditte", "Egon", "Frida", "Gunnar", "Hanne", "Ib", "Janne",
    "Kaj", "Lise", "Mogens", "Nanna", "Ole", "Pia", "Rune", "Sanne", "Tage", "Vibeke",
]  # fmt: skip
LAST = [
    "Prøvesen", "Eksempelsen", "Fiktivsen", "Demogaard", "Opdigtsen", "Testrup",
    "Skitsesen", "Modelgaard", "Mønstersen", "Udkastrup",
]  # fmt: skip

# The stages a demo case is carried to, in lifecycle order; each municipality gets
# citizens at every stage.
STAGES = [
    "received",
    "assessed",
    "drafted",
    "hearing",
    "heard",
    "granted",
    "refused",
    "placed",
    "followed_up",
    "handleplan",
    "terminated",
    "complaint",
]


@dataclass
class Demo:
    municipality: Municipality
    caseworkers: list[User]
    committee: User
    offers: list[Offer]


def load_demo(
    *,
    per_municipality: int = 12,
    only: frozenset[str] | None = None,
    today: date | None = None,
    log=print,
) -> None:
    today = today or timezone.localdate()
    password = make_password(PASSWORD)  # hashed once: hashing is slow on purpose
    for municipality in services.municipalities_sync():
        if only is not None and municipality.id not in only:
            continue
        # One generator per municipality, so each one's citizens are the same every run.
        rng = random.Random(f"bb103-{municipality.id}")
        demo = _staff(municipality, password)
        for n, stage in zip(range(per_municipality), _cycle(STAGES), strict=False):
            _citizen_at(demo, n, stage, rng, today)
        log(f"{municipality.name}: {Case.objects.filter(municipality=municipality).count()} sager")


def _cycle(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def _staff(municipality: Municipality, password: str) -> Demo:
    admin = _user(municipality, "admin", Role.ADMINISTRATOR, password)
    providers = []
    for name, kind, operator, offers in OFFERS.get(municipality.id, []):
        provider = Provider.objects.filter(municipality=municipality, name=name).first()
        if provider is None:
            provider = services.provider_register(
                user=admin, municipality=municipality, name=name, kind=kind, operator=operator
            )
            for i, offer in enumerate(offers, start=1):
                services.offer_register(
                    user=admin,
                    provider=provider,
                    name=offer,
                    tilbudsportalen_id=""
                    if kind == ProviderKind.PRIVATE_COMPANY
                    else f"DEMO-{municipality.id[:3].upper()}-{provider.pk}{i:02d}",
                    # Lejre asks for socialtilsyn approval of a sheltered workshop.
                    socialtilsyn_approved=municipality.id == "lejre",
                    places=12,
                )
        providers.append(provider)
    users = {}
    for suffix, role, _, _ in USERS:
        provider = providers[0] if role == Role.PROVIDER_STAFF and providers else None
        if role == Role.PROVIDER_STAFF and provider is None:
            continue
        users[suffix] = _user(municipality, suffix, role, password, provider)
    offers = list(Offer.objects.filter(provider__municipality=municipality).order_by("id"))
    return Demo(municipality, [users["raadgiver"], users["raadgiver2"]], users["udvalg"], offers)


def _user(municipality: Municipality, suffix: str, role: str, password: str, provider=None) -> User:
    first, last = next((f, la) for s, _, f, la in USERS if s == suffix)
    user, _ = User.objects.get_or_create(
        username=f"{municipality.id}-{suffix}",
        defaults={"first_name": first, "last_name": last, "password": password},
    )
    Membership.objects.get_or_create(
        user=user, municipality=municipality, role=role, defaults={"provider": provider}
    )
    return user


def _cpr(rng: random.Random) -> str:
    born = date(1963, 1, 1) + timedelta(days=rng.randrange(0, 365 * 38))
    # 7th digit 0-3: born 1900-1999 in every reading of the CPR century rule.
    return f"{born:%d%m%y}-{rng.randrange(0, 4)}{rng.randrange(0, 1000):03d}"


def _citizen_at(demo: Demo, n: int, stage: str, rng: random.Random, today: date) -> None:
    cpr, first, last = _cpr(rng), rng.choice(FIRST), rng.choice(LAST)
    living = rng.choice(["own_home", "own_home", "botilbud", "with_family"])
    if Citizen.objects.filter(municipality=demo.municipality, cpr=cpr).exists():
        return
    worker = demo.caseworkers[n % 2]
    with transaction.atomic():
        citizen = services.citizen_register(
            user=worker,
            municipality=demo.municipality,
            cpr=cpr,
            first_name=first,
            last_name=last,
            address=f"Demovej {n + 1}",
            living_situation=living,
        )
        _walk(demo, worker, citizen, stage, today, n)


def _walk(demo: Demo, worker: User, citizen: Citizen, stage: str, today: date, n: int) -> None:
    """Carry the citizen's case to ``stage`` through the services, on dates in the past
    that leave the newest cases with deadlines near and the oldest with follow-ups due."""
    late = STAGES.index(stage) >= STAGES.index("placed")
    start = today - timedelta(days=(420 + 7 * n) if late else (4 + 9 * n))
    days = iter(_spread(start, today))
    case = services.application_register(
        user=worker, citizen=citizen, received_on=next(days), channel=_channel(n)
    )
    refuse = stage in ("refused", "complaint")
    # Letters as a caseworker would send them, so the case pages show sent letters. They
    # are dated today (letter_send dates a letter the day it is sent).
    services.letter_send(user=worker, case=case, kind="receipt")
    if stage == "received":
        return
    services.assessment_record(
        user=worker,
        case=case,
        assessed_on=next(days),
        vum_level=1 if refuse else 3,
        interview_place="I borgerens hjem",
        significant_reduced_function=not refuse,
        special_social_problems=False,
        can_work_on_normal_terms=refuse,
        other_legislation_exhausted=True,
        receives_foertidspension=True,
        motivated=True,
        can_transport_self=True,
        medical_certificate=True,
    )
    if stage == "assessed":
        return
    evaluation = evaluate_case(case, as_of=today)
    if evaluation.visitation_committee_required:
        services.committee_review_record(
            user=demo.committee,
            case=case,
            reviewed_on=next(days),
            recommendation=CommitteeRecommendation.SUPPORTS,
            offer=demo.offers[0],
        )
    services.draft_decision_create(
        user=worker,
        case=case,
        created_on=next(days),
        proposed_outcome=Outcome.REFUSAL if refuse else Outcome.GRANT,
        reasons="Borgeren kan efter udredningen arbejde på normale vilkår." if refuse else "",
        offer=None if refuse else demo.offers[n % len(demo.offers)],
    )
    if stage == "drafted":
        return
    sent = next(days)
    services.party_hearing_send(user=worker, case=case, sent_on=sent, days=_days(evaluation))
    services.letter_send(user=worker, case=case, kind="hearing")
    if stage == "hearing":
        return
    services.party_hearing_close(
        user=worker, case=case, closed_on=next(days), comments="Borgeren er enig i udkastet."
    )
    if stage == "heard":
        return
    decided = next(days)
    offer = demo.offers[n % len(demo.offers)]
    services.decision_make(
        user=worker,
        case=case,
        outcome=Outcome.REFUSAL if refuse else Outcome.GRANT,
        decided_on=decided,
        reasons="Borgeren kan efter udredningen arbejde på normale vilkår." if refuse else "",
        offer=None if refuse else offer,
    )
    services.letter_send(
        user=worker,
        case=case,
        kind="decision_refusal" if refuse else "decision_grant",
        extra_text="" if refuse else "Du har selv peget på, at du gerne vil arbejde med andre.",
    )
    if refuse:
        if stage == "complaint":
            complaint = services.complaint_register(
                user=worker, case=case, received_on=next(days), form="written",
                grounds="Borgeren mener, at funktionsevnen er vurderet for højt.",
            )  # fmt: skip
            services.letter_send(user=worker, case=case, kind="complaint_receipt")
            services.complaint_reassess(
                user=worker, case=case, complaint=complaint, reassessed_on=next(days),
                result="upheld", notes="Udredningen står ved magt.",
            )  # fmt: skip
        return
    if stage == "granted":
        return
    started = next(days)
    allowed = evaluate_case(case, as_of=started).days_per_week
    services.placement_start(
        user=worker,
        case=case,
        offer=offer,
        start_on=started,
        days_per_week=allowed.default or allowed.max or 4,
        contact_person="Karen Kontaktperson",
    )
    if stage in ("followed_up", "handleplan", "terminated"):
        services.follow_up_record(
            user=worker,
            case=case,
            held_on=started + timedelta(days=200 + n),
            participants="Borgeren, rådgiveren og kontaktpersonen",
            vum_level=2 if n % 2 else 3,
            notes="Trives i opgaverne.",
        )
    if stage in ("handleplan", "terminated"):
        services.handleplan_record(
            user=worker, case=case, status="accepted", offered_on=decided,
            purpose="At fastholde en meningsfuld hverdag med arbejde.",
            effort="Beskyttet beskæftigelse med fast kontaktperson.",
            expected_duration="Et år, derefter opfølgning.", other_matters="Ingen",
        )  # fmt: skip
    if stage == "terminated":
        services.case_terminate(
            user=worker, case=case, reason="goals_reached", terminated_on=today - timedelta(days=3)
        )
        services.letter_send(user=worker, case=case, kind="termination")


def _spread(start: date, today: date) -> Iterator[date]:
    """Dates from ``start``: a few days apart, never after today."""
    day = start
    while True:
        yield min(day, today)
        day += timedelta(days=3)


def _channel(n: int) -> str:
    return ["digital", "phone", "letter", "in_person"][n % 4]


def _days(evaluation) -> int | None:
    # The standard's own partshøring period applies where it has one (Ballerup: 10 days);
    # elsewhere the caseworker sets one.
    return None if standard_party_hearing(evaluation) is not None else 14

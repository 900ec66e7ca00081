"""Demo data for ``make run``: the five municipalities with their offers from the quality
standards, demo users per role, and fictitious citizens at every stage of a case.

Everything a case holds is made through the services, each step on its own day (a letter
too), so the deadlines, the audit trail and the explanations frozen into decisions are the
real ones. Names are invented (every staff member's a generated one of its own) and CPR
numbers generated from a fixed seed; no real person is meant. Running it again adds
nothing: users (but for their names), providers and citizens already there are left as
they are, and each citizen's case is made in one transaction, so a run killed halfway
leaves no half case.
"""

import random
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from bb103.cases import services
from bb103.cases.actions import LETTER_ACTIONS
from bb103.cases.engine.evaluation import evaluate_case, standard_party_hearing
from bb103.cases.engine.policy import committee_sources, known_municipalities
from bb103.cases.models import (
    Case,
    Citizen,
    CommitteeRecommendation,
    Membership,
    Municipality,
    Offer,
    Outcome,
    PriceUnit,
    Provider,
    ProviderKind,
    Role,
    TargetGroup,
    TaxCardKind,
    TransportMode,
    User,
)
from bb103.cases.selectors.provider_work import week_start
from bb103.cases.services.validation import fictitious_cvr
from bb103.web import (
    demo_change,
    demo_close,
    demo_correct,
    demo_history,
    demo_notes,
    demo_plan,
)
from bb103.web.demo_provider import seed_provider_demo

PASSWORD = "demo"

H, S = TargetGroup.HANDICAP, TargetGroup.SOCIALPSYKIATRI


@dataclass(frozen=True)
class DemoOffer:
    name: str
    target_groups: tuple[str, ...]
    work_types: tuple[str, ...]
    places: int
    # This year's price (takst): unit and amount. The amounts are FICTITIOUS, made up for
    # the demo; no municipality's real takst is meant. Last year's is 3 % lower.
    price: tuple[str, str]
    # When the Tilbudsportalen data was last checked, in days before today.
    checked_days_ago: int = 40
    section_103: bool = True
    # Lejre's standard asks for socialtilsyn approval of the offers it buys.
    socialtilsyn_approved: bool = False
    # The offer that gets a full workshop of placed citizens (WORKSHOP_PLACEMENTS), so a
    # workshop leader has a real list.
    workshop: bool = False


@dataclass(frozen=True)
class DemoProvider:
    name: str
    kind: str
    operator: str
    offers: tuple[DemoOffer, ...]


DAY, MONTH = PriceUnit.DAY, PriceUnit.MONTH

# Offers per municipality from its quality standard (docs/standards). Roskilde names seven
# offers of its own and agreements with private companies; Vejen names Platform, Elmegade
# and Veum Dag (handicap and socialpsykiatri); Sønderborg has offers in both areas, created
# on Tilbudsportalen; Ballerup uses its own offers or offers near the citizen's home; Lejre
# has none of its own and buys places from other municipalities and private providers, or
# places citizens in companies. Where a standard does not name an offer, the name says
# "(demo)". Target groups and work types follow the standards' lists of work where they
# give one; which offer holds which is illustrative. Tilbudsportalen ids are fictitious.
OFFERS: dict[str, list[DemoProvider]] = {
    "roskilde": [
        DemoProvider(
            "Roskilde Kommune, beskyttet beskæftigelse",
            ProviderKind.OWN_MUNICIPAL,
            "",
            (
                DemoOffer("Ejendomsservice", (H, S), ("Pedelopgaver", "Havearbejde"), 10,
                          (DAY, "610.00")),
                DemoOffer("Montage og pakkeri", (H,), ("Montage", "Pakning"), 20,
                          (DAY, "585.00"), workshop=True),
                # Checked more than a year ago: the catalogue and a placement warn.
                DemoOffer("Metalværksted", (H,), ("Metalarbejde", "Svejsning"), 8,
                          (DAY, "640.00"), checked_days_ago=430),
                DemoOffer("Biblioteksmedhjælper", (S,), ("Opstilling af bøger",), 4,
                          (DAY, "560.00")),
                DemoOffer("Kantinedrift", (H, S), ("Madlavning", "Servering"), 10,
                          (DAY, "600.00")),
                DemoOffer("Rengøring", (H, S), ("Rengøring",), 8, (DAY, "575.00")),
                DemoOffer("Cafédrift", (S,), ("Café", "Servering"), 8, (DAY, "600.00")),
            ),
        ),
        DemoProvider(
            "Virksomhed med aftale (demo)",
            ProviderKind.PRIVATE_COMPANY,
            "Privat virksomhed",
            (
                DemoOffer("Lager og logistik (demo)", (H, S), ("Lagerarbejde",), 2,
                          (MONTH, "2500.00"), section_103=False),
            ),
        ),
    ],
    "vejen": [
        DemoProvider(
            "Vejen Kommune, handicap- og socialpsykiatriområdet",
            ProviderKind.OWN_MUNICIPAL,
            "",
            (
                DemoOffer("Platform", (H, S), ("Montage", "Pakning", "Produktion"), 20,
                          (DAY, "620.00"), workshop=True),
                DemoOffer("Elmegade", (S,), ("Rengøring", "Madlavning", "Havearbejde",
                          "Vedligehold"), 12, (DAY, "640.00")),
                DemoOffer("Veum Dag", (H,), ("Dyrehold", "Kreative aktiviteter"), 12,
                          (DAY, "655.00")),
            ),
        )
    ],
    "ballerup": [
        DemoProvider(
            "Ballerup Kommune, egne tilbud (demo)",
            ProviderKind.OWN_MUNICIPAL,
            "",
            (
                DemoOffer("Værksted og montage (demo)", (H, S), ("Montage", "Pakning"), 20,
                          (DAY, "610.00"), workshop=True),
                DemoOffer("Grønne områder (demo)", (H, S), ("Gartneri", "Vedligehold af haver"),
                          12, (DAY, "625.00")),
            ),
        ),
        DemoProvider(
            "Tilbud nær borgerens bopæl (demo)",
            ProviderKind.OTHER_MUNICIPALITY,
            "Nabokommune",
            (
                DemoOffer("Café og køkken (demo)", (S,), ("Madlavning", "Bagning", "Servering"),
                          12, (MONTH, "13250.00")),
            ),
        ),
    ],
    "lejre": [
        DemoProvider(
            "Anden kommunes tilbud (demo)",
            ProviderKind.OTHER_MUNICIPALITY,
            "Roskilde Kommune",
            (
                DemoOffer("Montage og pakkeri (demo)", (H,), ("Montage", "Pakning"), 20,
                          (MONTH, "12900.00"), socialtilsyn_approved=True, workshop=True),
            ),
        ),
        DemoProvider(
            "Privat leverandør (demo)",
            ProviderKind.PRIVATE_PROVIDER,
            "Privat leverandør",
            (
                DemoOffer("Gartneri (demo)", (H, S), ("Havearbejde", "Pedelarbejde"), 12,
                          (DAY, "690.00"), socialtilsyn_approved=True),
            ),
        ),
        DemoProvider(
            "Lokal virksomhed (demo)",
            ProviderKind.PRIVATE_COMPANY,
            "Privat virksomhed",
            (
                DemoOffer("Praktisk medhjælp i virksomhed (demo)", (H, S),
                          ("Kontoropgaver", "Kantinemedhjælp"), 12, (MONTH, "3000.00"),
                          section_103=False),
            ),
        ),
    ],
    "soenderborg": [
        DemoProvider(
            "Sønderborg Kommune, handicapområdet (demo)",
            ProviderKind.OWN_MUNICIPAL,
            "",
            (
                DemoOffer("Værkstedet (demo)", (H,), ("Montage", "Produktion"), 20,
                          (DAY, "600.00"), workshop=True),
            ),
        ),
        DemoProvider(
            "Sønderborg Kommune, socialpsykiatrien (demo)",
            ProviderKind.OWN_MUNICIPAL,
            "",
            (
                DemoOffer("Café og genbrug (demo)", (S,), ("Café", "Genbrug"), 12,
                          (DAY, "615.00")),
            ),
        ),
    ],
}  # fmt: skip

# Citizens placed at each municipality's workshop offer on top of those of every stage.
WORKSHOP_PLACEMENTS = 6

# The demo's staff in each municipality: username suffix and role. The committee member
# only where the standard has a visitation committee (policy ``visitation_committee``).
USERS = [
    ("raadgiver", Role.CASEWORKER),
    ("raadgiver2", Role.CASEWORKER),
    ("udvalg", Role.COMMITTEE_MEMBER),
    ("leder", Role.MANAGER),
    ("admin", Role.ADMINISTRATOR),
    ("tilbud", Role.PROVIDER_STAFF),
]

# The staff's names: generated, each user a name of its own (staff_name), and plainly
# invented (the surnames are made of office words). 31 and 32 have no common factor, so
# the first 31 users get different first names and no two of the first 992 the same pair.
STAFF_FIRST = [
    "Astrid", "Bjarke", "Camilla", "Dorte", "Erik", "Freja", "Gorm", "Helle", "Ivan",
    "Jette", "Klaus", "Lotte", "Morten", "Nina", "Otto", "Pernille", "Rolf", "Signe",
    "Torben", "Ulrikke", "Verner", "Winnie", "Yrsa", "Åse", "Bent", "Connie", "Dan",
    "Else", "Finn", "Grethe", "Hans",
]  # fmt: skip
STAFF_LAST = [
    "Sagsgaard", "Journalsen", "Paragrafsen", "Fristrup", "Notatsen", "Akthøj",
    "Skemasen", "Blanketsen", "Stempelgaard", "Arkivsen", "Mappesen", "Protokolsen",
    "Bilagsen", "Referatsen", "Kopimose", "Dossierholm", "Formularsen", "Kartoteksen",
    "Registerlund", "Attestrup", "Kvitteringsen", "Fristgaard", "Ordningsen", "Sagsbæk",
    "Skrivholm", "Papirgaard", "Konvolutsen", "Brevtoft", "Sigillund", "Hæftesen",
    "Clipsgaard", "Dokumentrup",
]  # fmt: skip

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
    # Only where the standard has a visitation committee (Vejen's).
    committee: User | None
    # The offers a demo case may be granted and placed at (usable: § 103 or a company).
    offers: list[Offer]
    workshop: Offer
    # Provider id -> the name of its contact person for the citizens placed there.
    contact_people: dict[int, str]


def load_demo(
    *,
    per_municipality: int = 12,
    workshop: int = WORKSHOP_PLACEMENTS,
    only: frozenset[str] | None = None,
    history: bool = True,
    today: date | None = None,
    log=print,
) -> None:
    """``per_municipality`` citizens at every stage in turn, then ``workshop`` more placed
    at the municipality's workshop offer; with ``history``, a year of decided cases,
    complaints and approved settlements before them (web/demo_history.py)."""
    today = today or timezone.localdate()
    password = make_password(PASSWORD)  # hashed once: hashing is slow on purpose
    committees = frozenset(committee_sources(today))
    for municipality in services.municipalities_sync():
        if only is not None and municipality.id not in only:
            continue
        # One generator per municipality, so each one's citizens are the same every run.
        rng = random.Random(f"bb103-{municipality.id}")
        demo = _staff(municipality, password, today, committees)
        for n, stage in zip(range(per_municipality), _cycle(STAGES), strict=False):
            _citizen_at(demo, n, stage, rng, today)
        for n in range(workshop):
            _citizen_at(demo, n, "placed", rng, today, at_workshop=True)
        demo_change.load(demo, today=today)
        demo_plan.load(demo, today)
        if history:
            demo_history.load(demo, today=today)
        log(f"{municipality.name}: {Case.objects.filter(municipality=municipality).count()} sager")
    demo_close.load(today=today, only=only)  # issue 17, items 2 and 6
    # Attendance back to the start of last month, so a whole month can be settled.
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    weeks = (week_start(today) - week_start(last_month)).days // 7
    days = seed_provider_demo(today=today, weeks=weeks)
    log(f"Fremmøde: {days} dage registreret af tilbuddenes medarbejdere")
    if history:
        months = demo_history.settle(today=today, only=only)
        log(f"Afregninger: {months} måneder godkendt af lederne")
    log(f"Journalnotater: {demo_notes.load(today=today, only=only)} skrevet")
    demo_correct.load(today=today)  # issue 17, items 1 and 8


def _cycle(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def staff_roles(municipality_id: str, committees: Collection[str]) -> list[tuple[str, str]]:
    """The demo's staff of a municipality, as (username suffix, role): every role, the
    committee member only where the standard has a visitation committee (``committees``:
    the municipalities whose policy says so, from ``committee_sources``)."""
    return [
        (suffix, role)
        for suffix, role in USERS
        if role != Role.COMMITTEE_MEMBER or municipality_id in committees
    ]


def staff_name(municipality_id: str, suffix: str) -> tuple[str, str]:
    """The demo user's generated first and last name, different for every demo user: the
    user's number among them all (the municipalities in order of id, then USERS) picks
    both, so a rerun and a load of some municipalities only give the same names."""
    suffixes = [s for s, _ in USERS]
    k = sorted(known_municipalities()).index(municipality_id) * len(USERS)
    return _generated_name(k + suffixes.index(suffix))


def _generated_name(k: int) -> tuple[str, str]:
    return STAFF_FIRST[k % len(STAFF_FIRST)], STAFF_LAST[k % len(STAFF_LAST)]


def demo_logins(*, today: date | None = None) -> dict[str, list[str]]:
    """The demo's usernames per municipality (for ``load_demo`` to print)."""
    committees = committee_sources(today or timezone.localdate())
    return {
        mid: [f"{mid}-{suffix}" for suffix, _ in staff_roles(mid, committees)]
        for mid in known_municipalities()
    }


def _staff(
    municipality: Municipality, password: str, today: date, committees: Collection[str]
) -> Demo:
    admin = _user(municipality, "admin", Role.ADMINISTRATOR, password)
    providers = []
    workshop = None
    for n, spec in enumerate(OFFERS.get(municipality.id, [])):
        # A FICTITIOUS CVR number (modulus 11), the same on every run.
        cvr = fictitious_cvr(sorted(known_municipalities()).index(municipality.id) * 100 + n)
        provider = Provider.objects.filter(municipality=municipality, name=spec.name).first()
        if provider is None:
            provider = services.provider_register(
                user=admin,
                municipality=municipality,
                name=spec.name,
                kind=spec.kind,
                operator=spec.operator,
                cvr=cvr,
            )
        elif not provider.cvr:
            # A demo database from before providers had CVR numbers is brought up to date.
            services.provider_cvr_set(user=admin, provider=provider, cvr=cvr)
        for i, offer_spec in enumerate(spec.offers, start=1):
            offer = _offer(admin, provider, offer_spec, i, today)
            if offer_spec.workshop:
                workshop = offer
        providers.append(provider)
    users = {}
    for suffix, role in staff_roles(municipality.id, committees):
        provider = providers[0] if role == Role.PROVIDER_STAFF and providers else None
        if role == Role.PROVIDER_STAFF and provider is None:
            continue
        users[suffix] = _user(municipality, suffix, role, password, provider)
    offers = list(
        Offer.objects.filter(provider__municipality=municipality)
        .filter(Q(section_103=True) | Q(provider__kind=ProviderKind.PRIVATE_COMPANY))
        .select_related("provider")
        .order_by("id")
    )
    return Demo(
        municipality,
        [users["raadgiver"], users["raadgiver2"]],
        users.get("udvalg"),
        offers,
        workshop or offers[0],
        _contact_people(providers, users.get("tilbud")),
    )


def _contact_people(providers: list[Provider], staff: User | None) -> dict[int, str]:
    """Each provider's contact person for its placed citizens: at the provider of the demo's
    provider staff user, that user; elsewhere a generated name of the provider's own."""
    names = {}
    for provider in providers:
        if staff is not None and provider == providers[0]:
            names[provider.pk] = staff.get_full_name()
        else:
            # Numbers past the demo users' (staff_name), so no user shares the name.
            first, last = _generated_name(len(known_municipalities()) * len(USERS) + provider.pk)
            names[provider.pk] = f"{first} {last}"
    return names


def _offer(admin: User, provider: Provider, spec: DemoOffer, i: int, today: date) -> Offer:
    """The offer with its registry data and two years of prices; an offer from an earlier
    demo run without them gets them (so an old demo database is brought up to date)."""
    company = provider.kind == ProviderKind.PRIVATE_COMPANY
    data = {
        "name": spec.name,
        "tilbudsportalen_id": ""
        if company
        else f"DEMO-{provider.municipality_id[:3].upper()}-{provider.pk}{i:02d}",
        "socialtilsyn_approved": spec.socialtilsyn_approved,
        "places": spec.places,
        "description": "",
        "target_groups": list(spec.target_groups),
        "work_types": list(spec.work_types),
        "section_103": spec.section_103,
        "registry_checked_on": None if company else today - timedelta(days=spec.checked_days_ago),
        "collective_agreement": "industriens_overenskomst",
    }
    offer = Offer.objects.filter(provider=provider, name=spec.name).first()
    if offer is None:
        offer = services.offer_register(user=admin, provider=provider, **data)
    elif not offer.work_types:
        data["tilbudsportalen_id"] = offer.tilbudsportalen_id
        offer = services.offer_update(user=admin, offer=offer, **data)
    if not offer.prices.exists():
        unit, amount = spec.price[0], Decimal(spec.price[1])
        last_year = (amount / Decimal("1.03")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        # Last year's price from the start of the year the history begins in: in January
        # to March that is the year before last.
        begins = demo_history.history_begins(today)
        for valid_from, value, note in (
            (date(min(begins.year, today.year - 1), 1, 1), last_year, "Takst (fiktiv, demo)"),
            (date(today.year, 1, 1), amount, "Årets takst (fiktiv, demo)"),
        ):
            services.offer_price_set(
                user=admin, offer=offer, valid_from=valid_from, unit=unit, amount=value,
                note=note,
            )  # fmt: skip
    return offer


def _user(municipality: Municipality, suffix: str, role: str, password: str, provider=None) -> User:
    first, last = staff_name(municipality.id, suffix)
    user, created = User.objects.get_or_create(
        username=f"{municipality.id}-{suffix}",
        defaults={"first_name": first, "last_name": last, "password": password},
    )
    if not created and (user.first_name, user.last_name) != (first, last):
        # An older demo gave every municipality's staff the same names: renamed, so the
        # case pages and letters tell the caseworkers apart.
        user.first_name, user.last_name = first, last
        user.save(update_fields=["first_name", "last_name"])
    Membership.objects.get_or_create(
        user=user, municipality=municipality, role=role, defaults={"provider": provider}
    )
    return user


def _cpr(rng: random.Random) -> str:
    born = date(1963, 1, 1) + timedelta(days=rng.randrange(0, 365 * 38))
    # 7th digit 0-3: born 1900-1999 in every reading of the CPR century rule; 4 for a
    # birth in 2000-2036. Drawn either way, so every run draws the same numbers. (Without
    # the 4, a citizen born in 2000 read as born in 1900, far over the pension age, and
    # load_demo(per_municipality=60) failed on the first one.)
    digit = rng.randrange(0, 4)
    if born.year >= 2000:
        digit = 4
    return f"{born:%d%m%y}-{digit}{rng.randrange(0, 1000):03d}"


def _citizen_at(
    demo: Demo, n: int, stage: str, rng: random.Random, today: date, *, at_workshop=False
) -> None:
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
        _walk(demo, worker, citizen, stage, today, n, at_workshop)


def _walk(
    demo: Demo,
    worker: User,
    citizen: Citizen,
    stage: str,
    today: date,
    n: int,
    at_workshop: bool = False,
) -> None:
    """Carry the citizen's case to ``stage`` through the services, on dates in the past
    that leave the newest cases with deadlines near and the oldest with follow-ups due."""
    late = STAGES.index(stage) >= STAGES.index("placed")
    # A placed citizen's case begins before the history's oldest settled month, so that
    # month has attendance to settle on any day of the month the demo is loaded (a fixed
    # 420 days back left it without from about the 8th).
    begins = demo_history.history_begins(today)
    start = begins - timedelta(days=7 * n) if late else today - timedelta(days=4 + 9 * n)
    days = iter(_spread(start, today))
    received = next(days)
    case = services.application_register(
        user=worker, citizen=citizen, received_on=received, channel=_channel(n)
    )
    refuse = stage in ("refused", "complaint")
    # Letters as a caseworker would send them, so the case pages show sent letters, each
    # on the day of its step (_send).
    _send(worker, case, "receipt", received)
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
    offer = demo.workshop if at_workshop else demo.offers[n % len(demo.offers)]
    if evaluation.visitation_committee_required:
        # The committee reviews the match the caseworker proposes (Vejen afsnit 4.1).
        services.committee_review_record(
            user=demo.committee,
            case=case,
            reviewed_on=next(days),
            recommendation=CommitteeRecommendation.DOES_NOT_SUPPORT
            if refuse
            else CommitteeRecommendation.SUPPORTS,
            offer=None if refuse else offer,
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
    _send(worker, case, "hearing", sent)
    if stage == "hearing":
        return
    services.party_hearing_close(
        user=worker, case=case, closed_on=next(days), comments="Borgeren er enig i udkastet."
    )
    if stage == "heard":
        return
    decided = next(days)
    # A grant states its days: the standard's rule, else the most its range allows.
    allowed = evaluation.days_per_week
    services.decision_make(
        user=worker,
        case=case,
        outcome=Outcome.REFUSAL if refuse else Outcome.GRANT,
        decided_on=decided,
        reasons="Borgeren kan efter udredningen arbejde på normale vilkår." if refuse else "",
        offer=None if refuse else offer,
        days_per_week=None if refuse else (allowed.default or allowed.max or 4),
    )
    # Sent on the decision day, the citizen has it that day (Digital Post): the complaint
    # period runs from then.
    _send(
        worker,
        case,
        "decision_refusal" if refuse else "decision_grant",
        decided,
        extra_text="" if refuse else "Du har selv peget på, at du gerne vil arbejde med andre.",
    )
    if refuse:
        if stage == "complaint":
            complained = next(days)
            complaint = services.complaint_register(
                user=worker, case=case, received_on=complained, form="written",
                grounds="Borgeren mener, at funktionsevnen er vurderet for højt.",
            )  # fmt: skip
            _send(worker, case, "complaint_receipt", complained)
            services.complaint_reassess(
                user=worker, case=case, complaint=complaint, reassessed_on=next(days),
                result="upheld", notes="Udredningen står ved magt.",
            )  # fmt: skip
        return
    if stage == "granted":
        # Waiting for a place at the workshop, so the catalogue shows a waiting list.
        services.waiting_list_add(
            user=worker, case=case, offer=demo.workshop, since=decided,
            note="Ønsker værkstedsarbejde.",
        )  # fmt: skip
        return
    if stage in ("handleplan", "terminated"):
        # Offered on the decision day, before the start: no step is dated before the one
        # recorded before it (issue 17, item 4).
        services.handleplan_record(
            user=worker, case=case, status="accepted", offered_on=decided,
            purpose="At fastholde en meningsfuld hverdag med arbejde.",
            effort="Beskyttet beskæftigelse med fast kontaktperson.",
            expected_duration="Et år, derefter opfølgning.", other_matters="Ingen",
        )  # fmt: skip
    started = next(days)
    offer = _free(offer, demo.offers)
    if offer is None:
        services.waiting_list_add(user=worker, case=case, offer=demo.workshop, since=decided)
        return
    allowed = evaluate_case(case, as_of=started).days_per_week
    days_per_week = allowed.default or allowed.max or 4
    first = n % (6 - days_per_week)  # not every citizen starts the week on Monday
    placement = services.placement_start(
        user=worker,
        case=case,
        offer=offer,
        start_on=started,
        weekdays="12345"[first : first + days_per_week],
        hours_per_day=Decimal("6.00") if n % 3 else Decimal("5.50"),
        contact_person=demo.contact_people.get(offer.provider_id, ""),
        # Vejen: without a handleplan the goals go into the order (afsnit 4.2).
        order_goals="Møde stabilt og lære en fast arbejdsgang i værkstedet.",
    )
    _transport_and_tax_card(worker, placement, citizen, n)
    if stage in ("followed_up", "handleplan", "terminated"):
        services.follow_up_record(
            user=worker,
            case=case,
            held_on=started + timedelta(days=200 + n),
            participants="Borgeren, rådgiveren og kontaktpersonen",
            vum_level=2 if n % 2 else 3,
            notes="Trives i opgaverne.",
        )
    if stage == "terminated":
        # Ending for a reason the citizen may dispute: heard on a draft first
        # (forvaltningsloven § 19).
        heard, ended = today - timedelta(days=40), today - timedelta(days=3)
        services.termination_draft_create(
            user=worker, case=case, created_on=heard,
            reason="goals_reached", effective_on=ended,
            reasons="Målene i handleplanen er nået, og borgeren har fået job med løntilskud.",
        )  # fmt: skip
        services.party_hearing_send(user=worker, case=case, sent_on=heard, days=_days(evaluation))
        _send(worker, case, "hearing", heard)
        services.party_hearing_close(
            user=worker, case=case, closed_on=today - timedelta(days=10),
            comments="Borgeren er enig og glæder sig til det nye job.",
        )  # fmt: skip
        services.case_terminate(user=worker, case=case, reason="goals_reached", terminated_on=ended)
        _send(worker, case, "termination", ended)


def _send(worker: User, case: Case, kind: str, on: date, **inputs: Any) -> None:
    """Send the letter as the caseworker in the story did, on the day of its step: the
    receipt the day the application came in, the hearing letter the day the hearing was
    sent, the decision letter the decision day. A letter is dated the day it is sent, so
    the step is taken as on that day (``as_on``: the clock moved back for this one step,
    without a test library), and the letter's date, its PDF's date line and what it
    promises (the receipt's answer date, the complaint period) all follow from it."""
    LETTER_ACTIONS[kind].as_on(on, user=worker, case=case, **inputs)


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


def _free(preferred: Offer, offers: list[Offer]) -> Offer | None:
    """The preferred offer if it has a free place, else the first that has one."""
    for offer in [preferred, *offers]:
        taken = offer.placements.filter(ended_on__isnull=True).count()
        if offer.places is None or taken < offer.places:
            return offer
    return None


def _transport_and_tax_card(worker: User, placement, citizen: Citizen, n: int) -> None:
    """Transport at the cheapest means and a tax card, so the settlement has what it needs.
    Distances and fares are fictitious. Most citizens in sheltered employment receive
    førtidspension, which takes the main tax card: the job's wage is on a secondary card."""
    start = placement.start_on
    mode = [TransportMode.PER_KM, TransportMode.MONTHLY_FARE, TransportMode.NONE][n % 3]
    if mode == TransportMode.PER_KM:
        services.transport_set(
            user=worker, placement=placement, valid_from=start, mode=mode, means="Bus",
            one_way_km=Decimal(6 + (n * 7) % 20), price_per_km=Decimal("1.9500"),
        )  # fmt: skip
    elif mode == TransportMode.MONTHLY_FARE:
        services.transport_set(
            user=worker, placement=placement, valid_from=start, mode=mode,
            means="Bus og tog (månedskort)", one_way_km=Decimal(12 + n % 9),
            monthly_fare_total=Decimal(700 + 40 * (n % 6)),
            monthly_fare_first_10km=Decimal("480.00"),
        )  # fmt: skip
    else:
        services.transport_set(
            user=worker, placement=placement, valid_from=start, mode=mode, means="Cykel"
        )
    if n % 4:
        services.tax_card_record(
            user=worker, citizen=citizen, valid_from=start, kind=TaxCardKind.SECONDARY,
            withholding_pct=Decimal(38 + n % 3),
        )  # fmt: skip
    else:
        services.tax_card_record(
            user=worker, citizen=citizen, valid_from=start, kind=TaxCardKind.MAIN,
            withholding_pct=Decimal("37.00"), monthly_deduction=Decimal(4000 + 100 * (n % 5)),
        )  # fmt: skip

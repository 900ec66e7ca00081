"""Demo data for issue 17, items 1 and 8, in Ballerup: a citizen whose living situation and
address were corrected with a reason (Ballerup's days a week follow the living situation),
with an assessment fact corrected too; and a citizen with a værge who gets a copy of every
letter. Fictitious people only; idempotent (a citizen already there is left as it is)."""

from datetime import date, timedelta

from bb103.cases import services
from bb103.cases.actions.letters import LETTER_ACTIONS
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.models import Citizen, Membership, Role, User

MUNICIPALITY = "ballerup"
# Fictitious CPR numbers (born 1994 and 1988); the demo's own random ones use other days.
CORRECTED_CPR = "280294-1817"
GUARDED_CPR = "300688-2913"
# The værge's own fictitious CPR number (born 1955, before any demo citizen), for Min sag:
# the development login logs in as her with it (issue 19, point 6). Development only.
GUARDIAN_CPR = "110555-2468"
# The demo's representatives with a CPR number for Min sag, as the dev login finds them.
REPRESENTATIVE_CPRS = (GUARDIAN_CPR,)
# The cases this demo adds: one per citizen.
CASES = 2


def load(*, today: date) -> None:
    worker = _caseworker()
    if worker is None:
        return
    _corrected(worker, today)
    _with_guardian(worker, today)


def _caseworker() -> User | None:
    membership = (
        Membership.objects.filter(municipality_id=MUNICIPALITY, role=Role.CASEWORKER)
        .select_related("user", "municipality")
        .order_by("pk")
        .first()
    )
    return None if membership is None else membership.user


def _exists(cpr: str) -> bool:
    return Citizen.objects.filter(
        municipality_id=MUNICIPALITY, cpr_key=cpr_search_key(cpr)
    ).exists()


def _register(worker: User, cpr: str, first: str, last: str, address: str, living: str):
    """The demo citizen, registered by ``worker``; None if a load before made her."""
    if _exists(cpr):
        return None
    membership = Membership.objects.get(
        user=worker, municipality_id=MUNICIPALITY, role=Role.CASEWORKER
    )
    return services.citizen_register(
        user=worker, municipality=membership.municipality, cpr=cpr, first_name=first,
        last_name=last, address=address, living_situation=living,
    )  # fmt: skip


def _corrected(worker: User, today: date) -> None:
    """Registered as living in her own home (1-4 days a week in Ballerup); she lives with
    her parents (1-5 days), which the caseworker corrects with the reason."""
    citizen = _register(
        worker, CORRECTED_CPR, "Sofie", "Rettesen", "Demovej 99, 2750 Ballerup", "own_home"
    )
    if citizen is None:
        return
    received = today - timedelta(days=20)
    case = services.application_register(
        user=worker, citizen=citizen, received_on=received, channel="digital"
    )
    LETTER_ACTIONS["receipt"].as_on(received, user=worker, case=case)
    services.assessment_record(
        user=worker,
        case=case,
        assessed_on=today - timedelta(days=10),
        vum_level=3,
        significant_reduced_function=True,
        special_social_problems=False,
        can_work_on_normal_terms=False,
        other_legislation_exhausted=True,
        receives_foertidspension=True,
        motivated=None,
        can_transport_self=True,
    )
    services.citizen_correct(
        user=worker,
        citizen=citizen,
        reason="Borgeren bor hos sine forældre, ikke i egen bolig; oplyst ved samtalen.",
        address="Forældrevej 4, 2750 Ballerup",
        living_situation="with_family",
    )
    services.assessment_correct(
        user=worker,
        case=case,
        reason="Borgeren sagde ved samtalen, at hun gerne vil i gang; det blev ikke noteret.",
        motivated=True,
    )


def _with_guardian(worker: User, today: date) -> None:
    """A citizen under værgemål: the værge was appointed before the application, is
    recorded to get copies, and so gets a copy of the receipt (the letter says so)."""
    citizen = _register(
        worker, GUARDED_CPR, "Mikkel", "Kopisen", "Demovej 98, 2750 Ballerup", "botilbud"
    )
    if citizen is None:
        return
    services.representative_register(
        user=worker,
        citizen=citizen,
        name="Birgitte Værgesen",
        relation="guardian",
        contact="Værgevej 1, 2750 Ballerup",
        # A værge is appointed, not chosen: the appointment is the consent's date.
        consent_given_on=today - timedelta(days=400),
        consent_scope="Værgemål efter værgemålsloven § 5 (personlige og økonomiske forhold)",
        receives_letters=True,
        # She logs in to Min sag with her own MitID and may act for him there.
        cpr=GUARDIAN_CPR,
        portal_access="act",
    )
    received = today - timedelta(days=6)
    case = services.application_register(
        user=worker, citizen=citizen, received_on=received, channel="letter"
    )
    LETTER_ACTIONS["receipt"].as_on(received, user=worker, case=case)

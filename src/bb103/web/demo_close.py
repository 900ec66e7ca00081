"""Demo data for issue 17, items 2 and 6: in Ballerup, an application withdrawn by the
citizen and closed, with its confirmation letter; and a case the leader moved from one
caseworker to the other. Fictitious people only, made through the services, and
idempotent: a second load finds the citizen and the move and does nothing."""

import random
from datetime import date, timedelta

from django.db import transaction

from bb103.cases import services
from bb103.cases.actions import LETTER_ACTIONS, case_close
from bb103.cases.models import AuditEntry, Case, CaseStatus, Citizen, Municipality, User

MUNICIPALITY = "ballerup"


def load(*, today: date, only: frozenset[str] | None = None) -> None:
    if only is not None and MUNICIPALITY not in only:
        return
    users = {u.username: u for u in User.objects.filter(username__startswith=f"{MUNICIPALITY}-")}
    worker = users.get(f"{MUNICIPALITY}-raadgiver")
    other = users.get(f"{MUNICIPALITY}-raadgiver2")
    leader = users.get(f"{MUNICIPALITY}-leder")
    if worker is None or other is None or leader is None:
        return
    _withdrawn(worker, today)
    _reassigned(leader, worker, other)


def _withdrawn(worker: User, today: date) -> None:
    """Received three weeks ago; the citizen rang ten days later and withdrew it."""
    rng = random.Random("bb103-close-ballerup")
    born = date(1985, 1, 1) + timedelta(days=rng.randrange(0, 365 * 10))
    cpr = f"{born:%d%m%y}-{rng.randrange(0, 4)}{rng.randrange(0, 1000):03d}"
    if Citizen.objects.filter(municipality_id=MUNICIPALITY, cpr=cpr).exists():
        return
    received, withdrawn = today - timedelta(days=21), today - timedelta(days=11)
    with transaction.atomic():
        citizen = services.citizen_register(
            user=worker,
            municipality=Municipality.objects.get(pk=MUNICIPALITY),
            cpr=cpr,
            first_name="Trine",
            last_name="Tilbagetræksen",
            address="Demovej 99",
            living_situation="own_home",
        )
        case = services.application_register(
            user=worker, citizen=citizen, received_on=received, channel="phone"
        )
        LETTER_ACTIONS["receipt"].as_on(received, user=worker, case=case)
        case_close.as_on(
            withdrawn,
            user=worker,
            case=case,
            reason="withdrawn",
            closed_on=withdrawn,
            notes="Borgeren ringede og trak ansøgningen tilbage. Hun har fået fleksjob.",
        )
        LETTER_ACTIONS["withdrawal_confirmation"].as_on(withdrawn, user=worker, case=case)


def _reassigned(leader: User, worker: User, other: User) -> None:
    """The leader moved the first caseworker's newest open application to the second (a
    holiday); once."""
    if AuditEntry.objects.filter(
        municipality_id=MUNICIPALITY, action="case_assign", actor=leader
    ).exists():
        return
    case = (
        Case.objects.filter(
            municipality_id=MUNICIPALITY,
            caseworker=worker,
            status__in=(CaseStatus.RECEIVED, CaseStatus.ASSESSED),
        )
        .order_by("-id")
        .first()
    )
    if case is not None:
        services.case_assign(user=leader, case=case, caseworker=other)

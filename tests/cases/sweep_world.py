"""Cases in two or more municipalities at the stages the daily sweep looks at, walked there
through the services. Fictitious people only (tests/cases/factories.py)."""

from datetime import date
from types import SimpleNamespace

from bb103.cases import services
from bb103.cases.models import Task
from tests.cases.factories import assess, grant, heard, open_case, placed, reviewed, tell


def build(ballerup, vejen, lejre, citizen_of) -> SimpleNamespace:
    # Ballerup, received 10 March 2025: decision within 30 working days, by 24 April 2025.
    received = open_case(ballerup.caseworker, citizen_of(ballerup))
    # Ballerup, placed 1 May 2025; born 10 January 1959: folkepensionsalder 10 January 2026.
    retiring = open_case(ballerup.caseworker, citizen_of(ballerup, birth=date(1959, 1, 10)))
    assess(ballerup.caseworker, retiring)
    heard(ballerup.caseworker, retiring)
    grant(ballerup.caseworker, retiring, offer=ballerup.offer)
    tell(ballerup.caseworker, retiring, on=date(2025, 4, 1))
    placed(ballerup.caseworker, retiring, ballerup.offer)
    # Ballerup, refused; complaint received 22 April 2025, upheld on 28 April: forward by
    # 20 May 2025.
    complained = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, complained, significant_reduced_function=False)
    heard(ballerup.caseworker, complained, outcome="refusal")
    services.decision_make(
        user=ballerup.caseworker,
        case=complained,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )
    tell(ballerup.caseworker, complained, on=date(2025, 4, 1))
    complaint = services.complaint_register(
        user=ballerup.caseworker, case=complained, received_on=date(2025, 4, 22), form="written"
    )
    services.complaint_reassess(
        user=ballerup.caseworker,
        case=complained,
        complaint=complaint,
        reassessed_on=date(2025, 4, 28),
        result="upheld",
        notes="Der er ikke nye oplysninger; afgørelsen fastholdes.",
    )
    # Vejen, placed 1 May 2025: wage renegotiated 1 August 2025, then every 1 August;
    # follow-up by 1 May 2026.
    working = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, working)
    heard(vejen.caseworker, working, days=14)
    reviewed(vejen.committee, working, vejen.offer)
    grant(vejen.caseworker, working, offer=vejen.offer)
    tell(vejen.caseworker, working, on=date(2025, 4, 1))
    placed(vejen.caseworker, working, vejen.offer)
    # Lejre, received 10 March 2025: decision within 12 weeks, by 2 June 2025.
    lejre_received = open_case(lejre.caseworker, citizen_of(lejre))
    return SimpleNamespace(
        received=received,
        retiring=retiring,
        complained=complained,
        complaint=complaint,
        working=working,
        lejre_received=lejre_received,
    )


def kinds(case) -> list[tuple[str, date]]:
    """The case's tasks as (kind, due date), open or done."""
    return sorted(Task.objects.filter(case=case).values_list("kind", "due_on"))


def open_kinds(case) -> list[tuple[str, date]]:
    return sorted(Task.objects.filter(case=case, status="open").values_list("kind", "due_on"))

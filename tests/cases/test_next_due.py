"""``Case.next_due_on``, the earliest open deadline the municipality must meet, follows
every step that changes the deadlines, and the work list orders by it."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.db.models import Q

from bb103.cases import services
from bb103.cases.models import Case, DeadlineKind
from bb103.cases.selectors.pages import worklist_for_user
from tests.cases.factories import assess, end, grant, heard, open_case, placed, tell

pytestmark = pytest.mark.django_db


def _expected(case: Case) -> date | None:
    """Read from the deadline rows themselves, as the work list's subquery did."""
    open_work = case.deadlines.filter(Q(met_on__isnull=True) & ~Q(kind=DeadlineKind.COMPLAINT))
    return min((d.due_on for d in open_work), default=None)


def _stored(case: Case) -> date | None:
    return Case.objects.values_list("next_due_on", flat=True).get(pk=case.pk)


def _follows(case: Case) -> date | None:
    stored = _stored(case)
    assert stored == _expected(case)
    assert case.next_due_on == stored  # the caller's instance is kept up to date too
    return stored


def test_follows_each_step_from_application_to_termination(ballerup, citizen_of):
    worker = ballerup.caseworker
    case = open_case(worker, citizen_of(ballerup, birth=date(1959, 1, 10)))
    decision_due = _follows(case)
    assert decision_due == case.deadlines.get(kind=DeadlineKind.DECISION).due_on
    assess(worker, case)
    assert _follows(case) == decision_due
    heard(worker, case)
    assert _follows(case) is not None
    grant(worker, case, offer=ballerup.offer)
    # Retssikkerhedsloven § 67: the decision deadline is met when the citizen is told.
    assert _follows(case) == decision_due
    tell(worker, case, on=date(2025, 4, 1))
    # Met; only the citizen's complaint period is open, which is not the municipality's
    # to meet.
    assert case.deadlines.filter(kind=DeadlineKind.COMPLAINT, met_on__isnull=True).exists()
    assert _follows(case) is None
    placed(worker, case, ballerup.offer)
    # Folkepensionsalder on 10 January 2026 comes before the follow-up on 1 May 2026.
    assert _follows(case) == date(2026, 1, 10)
    services.follow_up_record(
        user=worker, case=case, held_on=date(2025, 11, 3), participants="Borger, rådgiver"
    )
    assert _follows(case) == date(2026, 1, 10)
    end(worker, case, "goals_reached", on=date(2025, 11, 28), drafted_on=date(2025, 11, 3))
    assert _follows(case) is None


def test_follows_a_complaint_to_its_forwarding(ballerup, citizen_of):
    worker = ballerup.caseworker
    case = open_case(worker, citizen_of(ballerup))
    assess(worker, case, significant_reduced_function=False)
    heard(worker, case, outcome="refusal")
    services.decision_make(
        user=worker,
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )
    tell(worker, case, on=date(2025, 4, 1))
    assert _follows(case) is None
    complaint = services.complaint_register(
        user=worker,
        case=case,
        received_on=date(2025, 4, 10),
        form="written",
        grounds="Jeg kan ikke arbejde på normale vilkår.",
    )
    assert _follows(case) == date(2025, 5, 8)
    services.complaint_reassess(
        user=worker,
        case=case,
        complaint=complaint,
        reassessed_on=date(2025, 4, 22),
        result="upheld",
        notes="Oplysningerne ændrer ikke vurderingen.",
    )
    assert _follows(case) == date(2025, 5, 8)
    services.complaint_forward(
        user=worker, case=case, complaint=complaint, forwarded_on=date(2025, 4, 24)
    )
    assert _follows(case) is None


def test_the_work_list_is_ordered_by_it(ballerup, citizen_of):
    worker = ballerup.caseworker
    late = open_case(worker, citizen_of(ballerup), received_on=date(2025, 3, 20))
    early = open_case(worker, citizen_of(ballerup), received_on=date(2025, 3, 3))
    granted = open_case(worker, citizen_of(ballerup), received_on=date(2025, 3, 1))
    assess(worker, granted)
    heard(worker, granted)
    grant(worker, granted, offer=ballerup.offer)
    tell(worker, granted, on=date(2025, 3, 25))
    assert _stored(early) < _stored(late)
    assert _stored(granted) is None  # still on the list (decided, granted), last
    ids = [c.pk for c in worklist_for_user(user=worker, today=date(2025, 3, 25)).cases]
    assert ids == [early.pk, late.pk, granted.pk]
    # The column, not the deadline rows, decides the order.
    Case.objects.filter(pk=late.pk).update(next_due_on=date(2025, 1, 1))
    ids = [c.pk for c in worklist_for_user(user=worker, today=date(2025, 3, 25)).cases]
    assert ids == [late.pk, early.pk, granted.pk]


def test_the_migration_fills_it_from_the_deadlines(ballerup, citizen_of):
    worker = ballerup.caseworker
    cases = [open_case(worker, citizen_of(ballerup)) for _ in range(2)]
    assess(worker, cases[1])
    heard(worker, cases[1])
    grant(worker, cases[1], offer=ballerup.offer)
    placed(worker, cases[1], ballerup.offer)
    expected = [_stored(c) for c in cases]
    Case.objects.update(next_due_on=None)
    migration = importlib.import_module("bb103.cases.migrations.0005_case_next_due")
    migration.fill_next_due_on(apps, None)
    assert [_stored(c) for c in cases] == expected
    assert None not in expected

"""Rows for the manager's overview (issue 20), written directly so each figure's expected
value can be counted by hand from the test. The steps that make these rows are the
services' and are tested with them; the overview only reads what they leave."""

from datetime import date
from decimal import Decimal

from bb103.cases.models import (
    Application,
    Case,
    CaseStatus,
    Complaint,
    Deadline,
    DeadlineKind,
    Decision,
    Placement,
    SettlementLine,
    SettlementMonth,
    Task,
    TaskKind,
    TaskStatus,
    WaitingListEntry,
)
from tests.cases.factories import make_citizen


def criterion(cid: str, met: bool, kind: str = "legal") -> dict:
    return {
        "id": cid,
        "met": met,
        "kind": kind,
        "label": f"Kriteriet {cid}",
        "source": f"Kilde {cid}",
    }


def decided_case(
    staff,
    *,
    received_on: date,
    decided_on: date,
    due_on: date,
    met_on: date | None = None,
    outcome: str = "grant",
    criteria: list[dict] | None = None,
    status: str = CaseStatus.DECIDED,
) -> Case:
    """A case whose decision reached the citizen on ``met_on`` (the decision day unless
    given), against its decision deadline ``due_on``."""
    citizen = make_citizen(staff.caseworker, staff.municipality)
    case = Case.objects.create(
        municipality=staff.municipality, citizen=citizen, status=status, caseworker=staff.caseworker
    )
    Application.objects.create(
        case=case, applicant="citizen", channel="digital", received_on=received_on
    )
    decision = Decision.objects.create(
        case=case,
        outcome=outcome,
        decided_on=decided_on,
        policy_id=staff.municipality.pk,
        policy_version="test",
        engine_outcome="eligible" if outcome == "grant" else "not_eligible",
        evaluation={"eligibility": {"criteria": criteria or []}},
        decided_by=staff.caseworker,
    )
    Case.objects.filter(pk=case.pk).update(decision=decision)
    Deadline.objects.create(
        case=case,
        kind=DeadlineKind.DECISION,
        due_on=due_on,
        met_on=met_on or decided_on,
        explanation="Frist for afgørelse",
    )
    return case


def appealed(case: Case, *, outcome: str, on: date, **fields) -> Complaint:
    """A complaint about the case's decision, forwarded and decided by Ankestyrelsen."""
    return Complaint.objects.create(
        case=case,
        decision=case.decisions.first(),
        received_on=fields.pop("received_on", on.replace(day=1)),
        form="written",
        status="closed",
        forwarded_on=fields.pop("forwarded_on", on.replace(day=2)),
        anke_outcome=outcome,
        anke_outcome_on=fields.pop("anke_outcome_on", on),
        **fields,
    )


def open_task(case: Case, due_on: date) -> Task:
    return Task.objects.create(
        municipality_id=case.municipality_id,
        case=case,
        kind=TaskKind.DEADLINE_SOON,
        source=f"test-{due_on}",
        due_on=due_on,
        title="Opgave",
        assigned_to=case.caseworker,
        created_on=due_on,
        status=TaskStatus.OPEN,
    )


def running(case: Case, offer, start_on: date, ended_on: date | None = None) -> Placement:
    return Placement.objects.create(
        case=case,
        offer=offer,
        start_on=start_on,
        days_per_week=4,
        contact_person="Kirsten Kontakt",
        ended_on=ended_on,
    )


def waiting(case: Case, offer, since: date) -> WaitingListEntry:
    return WaitingListEntry.objects.create(offer=offer, case=case, since=since)


def approved_month(staff, month: date, lines: list[tuple[str, str, str]], placement) -> None:
    """An approved settlement month with one line per (gross wage, the municipality's share
    of transport, takst)."""
    settlement = SettlementMonth.objects.create(
        municipality=staff.municipality, month=month, status="approved"
    )
    for i, (wage, transport, takst) in enumerate(lines):
        target = placement if i == 0 else running(placement.case, placement.offer, month)
        SettlementLine.objects.create(
            settlement=settlement,
            placement=target,
            provider=placement.offer.provider,
            citizen_name="Ada Testesen",
            planned_days=16,
            days_present=16,
            days_sick=0,
            days_notified_absence=0,
            days_unnotified_absence=0,
            days_unregistered=0,
            hours=Decimal("96"),
            hourly_wage=None,
            gross_wage=Decimal(wage),
            tax=Decimal(0),
            net_earnings=Decimal(wage),
            transport_total=Decimal(transport),
            transport_cap=None,
            citizen_pays=Decimal(0),
            municipality_pays=Decimal(transport),
            provider_amount=Decimal(takst),
        )

"""A case's deadlines, rewritten from the engine after every step.

The engine says when each deadline falls; the case's rows say whether it has been met. A
deadline that no longer applies (no active placement, say) is removed. This is the only
writer of Deadline rows, and with them of ``Case.next_due_on``, the earliest open deadline
the municipality must meet, which the work list orders by.
"""

from collections.abc import Iterable
from datetime import date

from bb103.cases.engine.deadlines import computed_deadlines
from bb103.cases.engine.facts import CaseFacts, case_facts
from bb103.cases.models import (
    Case,
    CaseStatus,
    Deadline,
    DeadlineKind,
    HearingStatus,
    Reassessment,
)


def deadlines_recompute(*, case: Case, today: date) -> list[Deadline]:
    if case.status == CaseStatus.CLOSED:
        return _closed(case)
    facts = case_facts(case)
    decision = facts.decision
    computed = computed_deadlines(facts, today=today)
    if decision is not None and not decision.with_klagevejledning:
        # Retssikkerhedsloven § 67: the complaint deadline runs only after a proper
        # klagevejledning, so there is none to show.
        computed = [c for c in computed if c.kind != DeadlineKind.COMPLAINT]
    existing = {d.kind: d for d in case.deadlines.all()}
    kept = []
    for item in computed:
        row = existing.pop(item.kind, None) or Deadline(case=case, kind=item.kind)
        now = (item.due_on, _met_on(item.kind, facts), item.explanation, item.sources)
        # Written only where it changed: most steps leave most deadlines as they were.
        if row.pk is None or (row.due_on, row.met_on, row.explanation, row.sources) != now:
            row.due_on, row.met_on, row.explanation, row.sources = now
            row.save()
        kept.append(row)
    if existing:
        Deadline.objects.filter(pk__in=[d.pk for d in existing.values()]).delete()
    # Written where it changed; every caller hands in the case row it has just read or
    # locked (a step's locked row, a new case), so its value is the stored one.
    due = next_open_work_due(kept)
    if due != case.next_due_on:
        case.next_due_on = due
        Case.objects.filter(pk=case.pk).update(next_due_on=due)
    return kept


def _closed(case: Case) -> list[Deadline]:
    """A closed case waits for nothing: its open deadlines end with it (the closure keeps
    them), and the deadlines it met stay as its history."""
    case.deadlines.filter(met_on__isnull=True).delete()
    if case.next_due_on is not None:
        case.next_due_on = None
        Case.objects.filter(pk=case.pk).update(next_due_on=None)
    return list(case.deadlines.all())


def next_open_work_due(deadlines: Iterable[Deadline]) -> date | None:
    """The earliest open deadline the municipality must meet: the citizen's own complaint
    period is not one (once it has run out there is nothing to do)."""
    return min(
        (d.due_on for d in deadlines if d.met_on is None and d.kind != DeadlineKind.COMPLAINT),
        default=None,
    )


def _told_since(facts: CaseFacts, start: date | None) -> date | None:
    """The first day since ``start`` a decision on the application reached the citizen:
    a deadline for deciding is met when the citizen is told (the decision letter), not when
    the decision is registered."""
    return min(
        (received for decided, received in facts.communicated if start is None or decided >= start),
        default=None,
    )


def _met_on(kind: str, facts: CaseFacts) -> date | None:
    if kind == DeadlineKind.DECISION:
        return _told_since(facts, None)
    if kind == DeadlineKind.EXPECTED_DECISION:
        return None if facts.promise is None else _told_since(facts, facts.promise[0])
    if kind == DeadlineKind.NEW_DECISION:
        return _told_since(facts, facts.reopened_on)
    if kind == DeadlineKind.PARTY_HEARING:
        hearing = facts.hearing
        return hearing.closed_on if hearing and hearing.status == HearingStatus.CLOSED else None
    complaint = facts.complaint
    if kind == DeadlineKind.COMPLAINT:
        return None if complaint is None else complaint.received_on
    if kind == DeadlineKind.FORWARD_COMPLAINT and complaint is not None:
        if complaint.reassessment == Reassessment.CHANGED:
            # The citizen got what they asked for: nothing to forward, they have their answer.
            return complaint.reassessed_on
        return complaint.forwarded_on
    # Follow-up and pension age stay open while the placement runs.
    return None

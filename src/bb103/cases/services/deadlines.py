"""A case's deadlines, rewritten from the engine after every step.

The engine says when each deadline falls; the case's rows say whether it has been met. A
deadline that no longer applies (no active placement, say) is removed.
"""

from datetime import date

from bb103.cases.engine_adapter import CaseFacts, case_facts, computed_deadlines
from bb103.cases.models import Case, Deadline, DeadlineKind, HearingStatus, Reassessment


def deadlines_recompute(*, case: Case, today: date) -> list[Deadline]:
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
        row.due_on = item.due_on
        row.met_on = _met_on(item.kind, facts)
        row.explanation = item.explanation
        row.sources = item.sources
        row.save()
        kept.append(row)
    if existing:
        Deadline.objects.filter(pk__in=[d.pk for d in existing.values()]).delete()
    return kept


def _met_on(kind: str, facts: CaseFacts) -> date | None:
    decision = facts.decision
    if kind == DeadlineKind.DECISION:
        return None if decision is None else decision.decided_on
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

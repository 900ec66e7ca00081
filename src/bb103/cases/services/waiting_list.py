"""The waiting list of a full offer: a granted case waits for a place there."""

from datetime import date

from bb103.cases.engine.evaluation import evaluate_case
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseStatus,
    Decision,
    Offer,
    Outcome,
    User,
    WaitingListEntry,
)
from bb103.cases.services.offer_rules import offer_check
from bb103.cases.services.transition import case_step
from bb103.cases.services.validation import not_future

# A granted case waits for its first place (decided) or for a move to another offer
# (active).
_WAITING_STATUSES = (CaseStatus.DECIDED, CaseStatus.ACTIVE)


def waiting_list_add(
    *,
    user: User,
    case: Case,
    offer: Offer,
    since: date,
    note: str = "",
    expected_version: int | None = None,
) -> WaitingListEntry:
    """Put the granted case on the offer's waiting list from ``since``. The offer must be
    one the case may be placed at (the same checks as the placement), so nobody waits for
    a place that could never be used."""
    with case_step(
        user=user,
        case=case,
        step="waiting_list_add",
        statuses=_WAITING_STATUSES,
        expected_version=expected_version,
    ) as step:
        decision = Decision.objects.filter(case=step.case).first()
        if decision is None or decision.outcome != Outcome.GRANT:
            raise CaseError("Kun en bevilget sag kan komme på venteliste.", field="status")
        not_future(since, step.today, field="since", label="Datoen for ventelisten")
        if since < decision.decided_on:
            raise CaseError(
                f"Borgeren kan tidligst stå på venteliste fra afgørelsen "
                f"({danish_date(decision.decided_on)}).",
                field="since",
            )
        offer_check(evaluate_case(step.case, as_of=since), offer, step.case.municipality_id)
        if step.case.placements.filter(offer=offer, ended_on__isnull=True).exists():
            raise CaseError(f"Borgeren har allerede plads i »{offer.name}«.", field="offer")
        if WaitingListEntry.objects.filter(
            case=step.case, offer=offer, left_on__isnull=True
        ).exists():
            raise CaseError(
                f"Borgeren står allerede på venteliste til »{offer.name}«.", field="offer"
            )
        entry = WaitingListEntry.objects.create(
            offer=offer, case=step.case, since=since, note=note.strip()
        )
        step.details = {"offer": offer.pk, "entry": entry.pk, "since": since.isoformat()}
    return entry


def waiting_list_leave(
    *, user: User, case: Case, offer: Offer, left_on: date, expected_version: int | None = None
) -> WaitingListEntry:
    """Take the case off the offer's waiting list (the citizen no longer waits for a place
    there). A placement at the offer does this by itself."""
    with case_step(
        user=user,
        case=case,
        step="waiting_list_leave",
        statuses=(*_WAITING_STATUSES, CaseStatus.TERMINATED),
        expected_version=expected_version,
    ) as step:
        entry = WaitingListEntry.objects.filter(
            case=step.case, offer=offer, left_on__isnull=True
        ).first()
        if entry is None:
            raise CaseError(f"Borgeren står ikke på venteliste til »{offer.name}«.", field="offer")
        not_future(left_on, step.today, field="left_on", label="Datoen")
        if left_on < entry.since:
            raise CaseError(
                f"Datoen kan ikke ligge før borgeren kom på ventelisten "
                f"({danish_date(entry.since)}).",
                field="left_on",
            )
        entry.left_on = left_on
        entry.save(update_fields=["left_on"])
        step.details = {"offer": offer.pk, "entry": entry.pk, "left_on": left_on.isoformat()}
    return entry

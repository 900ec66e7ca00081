"""Closing a case that will not go on (issue 17, item 2): the citizen withdrew the
application, it was registered by mistake or twice, the citizen moved to another
municipality or died.

Only before a placement starts: an effort that runs ends by a termination (a decision the
citizen can complain about, actions/termination.py), which has the move and the death among
its reasons. On closing, nothing is left behind: the case's open tasks are marked done, its
waiting list entries end, and its open deadlines end with it (services/deadlines.py keeps
no open deadline on a closed case, so the daily sweep makes no new task for it). The
deadlines open at the closing are kept on the closure, for the new municipality after a
move (Retssikkerhedsloven § 9 b).
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.utils import timezone

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    Case,
    CaseClosure,
    CaseStatus,
    ClosureReason,
    Role,
    Task,
    TaskStatus,
    WaitingListEntry,
)
from bb103.cases.models.limits import SHORT_TEXT, TEXT
from bb103.cases.services.validation import (
    choice,
    not_before,
    not_future,
    printable,
    required_text,
    text_within,
)

S = CaseStatus
# The note on the tasks the closing marks done.
TASK_NOTE = "Sagen er lukket"
# A running effort is ended by a termination, not by closing the case.
ENDED_BY_TERMINATION = (
    "Borgeren er i gang hos tilbuddet. En indsats, der er i gang, afsluttes med ophør "
    "(»Afslut indsatsen«, som også har årsagerne flytning og død), ikke ved at lukke sagen."
)


class CaseClose(CaseAction):
    """Close the case for ``reason`` on ``closed_on``; ``duplicate_of`` (a duplicate) and
    ``moved_to`` (a move) are needed by their reasons."""

    name = "case_close"
    label = "lukke sagen"
    title = "Luk sagen"
    roles = frozenset({Role.CASEWORKER})
    # Before a placement starts. ACTIVE is listed so its refusal can say what to do instead.
    statuses = statuses(S.RECEIVED, S.ASSESSED, S.DRAFTED, S.HEARING, S.DECIDED, S.ACTIVE)
    primary = False
    date_input = "closed_on"
    date_label = "Datoen for lukningen"
    date_named = "sagen blev lukket"

    def relevant(self, state: CaseState) -> bool:
        return state.case.status != S.ACTIVE and state.termination is None

    def not_relevant_reason(self, state: CaseState) -> str | None:
        if state.termination is not None:
            return (
                "Der er truffet afgørelse om ophør "
                f"{danish_date(state.termination.terminated_on)}; sagen afsluttes med ophøret."
            )
        return ENDED_BY_TERMINATION

    def preconditions(self, state: CaseState) -> Iterator[str]:
        complaint = state.open_complaint
        if complaint is not None:
            yield (
                f"Der er en klage under behandling (modtaget {danish_date(complaint.received_on)}"
                "). Afslut klagesagen, før sagen lukkes."
            )

    def clean(self, **inputs: Any) -> dict[str, Any]:
        reason = inputs.get("reason", "")
        choice(reason, ClosureReason, field="reason", label="Årsagen")
        for name, limit, label in (
            ("notes", TEXT, "Bemærkningerne"),
            ("handover_notes", SHORT_TEXT, "Oplysningerne til den nye kommune"),
        ):
            text_within(inputs.get(name) or "", limit, field=name, label=label)
            printable(inputs.get(name) or "", field=name, label=label)
        if reason == ClosureReason.DUPLICATE and not inputs.get("duplicate_of"):
            raise CaseError("Vælg den sag, som denne sag er en dublet af.", field="duplicate_of")
        if reason == ClosureReason.MOVED:
            inputs["moved_to"] = required_text(
                inputs.get("moved_to") or "",
                field="moved_to",
                label="Den kommune, borgeren er flyttet til,",
            )
        return inputs

    def perform(
        self,
        step: Step,
        *,
        reason: str,
        closed_on: date,
        duplicate_of: Case | None = None,
        moved_to: str = "",
        moved_on: date | None = None,
        new_address: str = "",
        handover_notes: str = "",
        notes: str = "",
    ) -> CaseClosure:
        case = step.case
        application = step.state.application
        if application is not None:
            not_before(
                closed_on,
                application.received_on,
                field="closed_on",
                label="Datoen for lukningen",
                earlier="ansøgningen blev modtaget",
            )
        moved = reason == ClosureReason.MOVED
        if reason == ClosureReason.DUPLICATE:
            if isinstance(duplicate_of, int):  # by number (the CLI): only this municipality's
                duplicate_of = Case.objects.filter(
                    pk=duplicate_of, municipality_id=case.municipality_id
                ).first()
            _check_duplicate(case, duplicate_of)
        if moved and moved_on is not None:
            not_future(moved_on, step.today, field="moved_on", label="Flyttedatoen")
        open_deadlines = [
            {
                "kind": d.kind,
                "label": d.get_kind_display(),
                "due_on": d.due_on.isoformat(),
                "due_on_da": danish_date(d.due_on),
                "explanation": d.explanation,
            }
            for d in case.deadlines.filter(met_on__isnull=True).order_by("due_on", "id")
        ]
        closure = CaseClosure.objects.create(
            case=case,
            reason=reason,
            closed_on=closed_on,
            duplicate_of=duplicate_of if reason == ClosureReason.DUPLICATE else None,
            # What a move needs is kept only for a move.
            moved_to=moved_to.strip() if moved else "",
            moved_on=moved_on if moved else None,
            new_address=new_address.strip() if moved else "",
            handover_notes=handover_notes.strip() if moved else "",
            notes=notes.strip(),
            open_deadlines=open_deadlines,
            recorded_by=step.user,
        )
        tasks = list(
            Task.objects.filter(case=case, status=TaskStatus.OPEN).values_list("pk", flat=True)
        )
        Task.objects.filter(pk__in=tasks).update(
            status=TaskStatus.DONE,
            completed_at=timezone.now(),
            completed_by=step.user,
            note=TASK_NOTE,
        )
        waiting = list(
            WaitingListEntry.objects.filter(case=case, left_on__isnull=True).values_list(
                "pk", flat=True
            )
        )
        WaitingListEntry.objects.filter(pk__in=waiting).update(left_on=closed_on)
        case.status = S.CLOSED
        step.details = {
            "closure": closure.pk,
            "reason": reason,
            "closed_on": closed_on,
            "tasks_closed": tasks,
            "waiting_left": waiting,
            **({"duplicate_of": duplicate_of.pk} if closure.duplicate_of else {}),
            **({"moved_to": closure.moved_to} if moved else {}),
        }
        return closure


def _check_duplicate(case: Case, other: Case | None) -> None:
    """The other case is the same citizen's, in the same municipality, and still stands."""
    if other is None:
        raise CaseError("Vælg den sag, som denne sag er en dublet af.", field="duplicate_of")
    if other.pk == case.pk:
        raise CaseError("En sag kan ikke være en dublet af sig selv.", field="duplicate_of")
    if other.citizen_id != case.citizen_id or other.municipality_id != case.municipality_id:
        raise CaseError(
            "Dubletten skal være en anden sag om samme borger i samme kommune.",
            field="duplicate_of",
        )
    if other.status == S.CLOSED:
        raise CaseError(
            f"Sag {other.pk} er selv lukket. Vælg den sag, der fortsætter.", field="duplicate_of"
        )


case_close = CaseClose()

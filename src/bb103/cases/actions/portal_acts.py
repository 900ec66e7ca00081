"""The steps only the citizen takes, in Min sag (issue 19, point 4): answering a
partshøring and reporting a change. The caseworker's own steps the citizen may take too (a
complaint, a document) list the role "citizen" where they are defined."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.engine.deadlines import computed_deadlines
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    CaseStatus,
    CitizenReport,
    CitizenReportKind,
    DeadlineKind,
    HearingAnswer,
    Role,
)
from bb103.cases.models.limits import LONG_TEXT
from bb103.cases.services.attachments import ReceivedFile, attachment_store
from bb103.cases.services.validation import choice, printable, required_text, text_within

S = CaseStatus


def hearing_period_ends(state: CaseState) -> date | None:
    """The last day of the partshøring's period for comments, as the case's deadline gives
    it (the engine's, moved to a working day), or None where none is known."""
    if state.open_hearing is None:
        return None
    for deadline in computed_deadlines(state.facts, today=state.today):
        if deadline.kind == DeadlineKind.PARTY_HEARING:
            return deadline.due_on
    return None


class PartyHearingAnswer(CaseAction):
    """The citizen's comments (and documents) on the draft in partshøring, within the
    period (Forvaltningsloven § 19). Kept as a row of its own: the caseworker closes the
    hearing later, and the answer stays as it came."""

    name = "party_hearing_answer"
    label = "svare på partshøringen"
    title = "Svar på partshøringen"
    roles = frozenset({Role.CITIZEN})
    statuses = statuses(S.HEARING, S.DECIDED, S.ACTIVE)
    affects_deadlines = False

    def relevant(self, state: CaseState) -> bool:
        return state.open_hearing is not None

    def preconditions(self, state: CaseState) -> Iterator[str]:
        ends = hearing_period_ends(state)
        if ends is not None and state.today > ends:
            yield (
                f"Fristen for at svare var {danish_date(ends)}. Den er gået. "
                "Ring til din rådgiver, hvis du vil sige noget til sagen."
            )

    def clean(self, **inputs: Any) -> dict[str, Any]:
        text = (inputs.get("text") or "").strip()
        files = list(inputs.get("files") or [])
        if not text and not files:
            raise CaseError("Skriv, hvad du mener, eller vælg en fil.", field="text")
        text_within(text, LONG_TEXT, field="text", label="Dine bemærkninger")
        printable(text, field="text", label="Dine bemærkninger")
        return {"text": text, "files": files}

    def perform(self, step: Step, *, text: str, files: list[ReceivedFile]) -> HearingAnswer:
        hearing = step.state.open_hearing
        assert hearing is not None
        answer = HearingAnswer.objects.create(
            case=step.case, hearing=hearing, text=text, received_on=step.today, sent_by=step.user
        )
        stored = [attachment_store(received=f, case=step.case, user=step.user) for f in files]
        answer.attachments.set(stored)
        step.details = {
            "hearing": hearing.pk,
            "answer": answer.pk,
            "with_comments": bool(text),
            "attachments": [a.pk for a in stored],
        }
        return answer


class ChangeReport(CaseAction):
    """A change the citizen reports (Retssikkerhedsloven § 11): a new address, their health,
    how they live, or that they wish to stop. It changes nothing on the case by itself; the
    caseworker reads it and takes the steps it calls for."""

    name = "change_report"
    label = "melde en ændring"
    title = "Meld en ændring"
    roles = frozenset({Role.CITIZEN})
    statuses = frozenset(s for s in S.values if s != S.CLOSED)
    primary = False
    affects_deadlines = False
    changes_case = False

    def clean(self, **inputs: Any) -> dict[str, Any]:
        kind = inputs.get("kind") or ""
        choice(kind, CitizenReportKind, field="kind", label="Hvad har ændret sig")
        text = required_text(inputs.get("text") or "", field="text", label="Beskrivelsen")
        text_within(text, LONG_TEXT, field="text", label="Beskrivelsen")
        printable(text, field="text", label="Beskrivelsen")
        return {"kind": kind, "text": text}

    def perform(self, step: Step, *, kind: str, text: str) -> CitizenReport:
        report = CitizenReport.objects.create(
            case=step.case, kind=kind, text=text, reported_on=step.today, sent_by=step.user
        )
        step.details = {"report": report.pk, "kind": kind}
        return report


party_hearing_answer = PartyHearingAnswer()
change_report = ChangeReport()

"""Journal notes (issue 17, item 3): what was said on the phone, at a meeting or in an
e-mail, or observed, written on the case the day it is known. A note is never changed; a
correction is a new note pointing to the one it corrects."""

from datetime import date
from typing import Any

from bb103.cases.actions.base import CaseAction, Step
from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import CaseStatus, JournalKind, JournalNote, Role
from bb103.cases.services.validation import choice, not_before, not_future, required_text


class JournalNoteAdd(CaseAction):
    """Write a journal note, or with ``corrects`` a note correcting an earlier one on the
    same case (each note can be corrected once; a correction can itself be corrected)."""

    name = "journal_note_add"
    label = "skrive et journalnotat"
    title = "Skriv journalnotat"
    roles = frozenset({Role.CASEWORKER, Role.MANAGER})
    # A case can be noted on in every state, also after it has ended (a call afterwards).
    statuses = frozenset(CaseStatus.values)
    primary = False
    affects_deadlines = False
    changes_case = False

    def clean(self, **inputs: Any) -> dict[str, Any]:
        choice(inputs.get("kind", ""), JournalKind, field="kind", label="Notatets art")
        inputs["text"] = required_text(inputs.get("text", ""), field="text", label="Notatet")
        return inputs

    def perform(
        self,
        step: Step,
        *,
        kind: str,
        occurred_on: date,
        text: str,
        corrects: JournalNote | None = None,
    ) -> JournalNote:
        application = step.state.application
        assert application is not None  # every case is opened by its application
        not_future(occurred_on, step.today, field="occurred_on", label="Notatets dato")
        not_before(
            occurred_on,
            application.received_on,
            field="occurred_on",
            label="Notatets dato",
            earlier="ansøgningen blev modtaget",
        )
        if corrects is not None:
            _correctable(corrects, step)
        note = JournalNote.objects.create(
            case=step.case,
            kind=kind,
            occurred_on=occurred_on,
            text=text,
            author=step.user,
            corrects=corrects,
        )
        # The text is the case's record, not the log's: the log names the note.
        step.details = {
            "note": note.pk,
            "kind": kind,
            "occurred_on": occurred_on,
            "corrects": None if corrects is None else corrects.pk,
        }
        return note


def _correctable(old: JournalNote, step: Step) -> None:
    """The note to correct is on this case and not corrected already (read under the
    case's lock, so two corrections of one note at once cannot both be written)."""
    if old.case_id != step.case.pk:
        raise CaseError("Notatet, der skal rettes, hører ikke til denne sag.", field="corrects")
    newer = JournalNote.objects.filter(corrects_id=old.pk).first()
    if newer is not None:
        raise CaseError(
            f"Notatet er allerede rettet ved notatet af {danish_date(newer.occurred_on)}. "
            "Ret det nyeste notat i stedet.",
            field="corrects",
        )


journal_note_add = JournalNoteAdd()

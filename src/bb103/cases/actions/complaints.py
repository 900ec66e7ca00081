"""Complaints (Retssikkerhedsloven §§ 66–67): always to the municipality, which reassesses
and, if it upholds the decision wholly or partly, forwards the complaint with the case file
to Ankestyrelsen. A late complaint is flagged and still forwarded; Ankestyrelsen decides
whether to excuse it. Its answer is carried out: a decision sent back or annulled is made
again (the case is reopened), a changed one is replaced by Ankestyrelsen's."""

import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any

from bb103.cases.actions.base import CaseAction, Step, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.case_file import case_file_pdf
from bb103.cases.engine.evaluation import frozen_into_decision
from bb103.cases.engine.letter_facts import complaint_deadline_from
from bb103.cases.errors import CaseError
from bb103.cases.models import (
    AnkeOutcome,
    CaseStatus,
    Complaint,
    ComplaintAbout,
    ComplaintForm,
    ComplaintStatus,
    Decision,
    DecisionKind,
    DecisionOrigin,
    Offer,
    Outcome,
    Reassessment,
    Role,
)
from bb103.cases.services.offer_rules import offer_check
from bb103.cases.services.validation import choice, not_before, required_text
from bb103.letters.kinds import LetterKind

S = CaseStatus
DECIDED = statuses(S.DECIDED, S.ACTIVE, S.TERMINATED)


class _OnOpenComplaint(CaseAction):
    """A step on the complaint under way, when it has reached ``complaint_status``."""

    complaint_status: str

    def relevant(self, state: CaseState) -> bool:
        complaint = state.open_complaint
        return complaint is not None and complaint.status == self.complaint_status

    def not_relevant_reason(self, state: CaseState) -> str | None:
        complaint = state.open_complaint
        if complaint is None:
            return "Der er ingen klage under behandling i sagen."
        return (
            f"Klagen har status »{ComplaintStatus(complaint.status).label}«; det skal være "
            f"»{ComplaintStatus(self.complaint_status).label}«."
        )


class ComplaintRegister(CaseAction):
    name = "complaint_register"
    label = "registrere en klage"
    title = "Registrér klage"
    date_input = "received_on"
    date_label = "Klagens modtagelse"
    date_named = "klagen blev modtaget"
    # The citizen complains in Min sag themself (issue 19), received the day they send it.
    roles = frozenset({Role.CASEWORKER, Role.CITIZEN})
    statuses = DECIDED
    primary = False

    def relevant(self, state: CaseState) -> bool:
        return state.decision is not None

    def preconditions(self, state: CaseState) -> Iterator[str]:
        if state.open_complaint is not None:
            yield "Der er allerede en klage under behandling i sagen."

    def clean(self, **inputs: Any) -> dict[str, Any]:
        choice(inputs.get("form", ""), ComplaintForm, field="form", label="Klagens form")
        return inputs

    def perform(self, step: Step, *, received_on: date, form: str, grounds: str = "") -> Complaint:
        state = step.state
        decision = state.decision
        assert decision is not None
        # A complaint on a case with a decision to end the effort is about that decision;
        # else about the decision in force (a change decision, or the one on the
        # application).
        about = ComplaintAbout.TERMINATION if state.termination else ComplaintAbout.APPLICATION
        if about == ComplaintAbout.APPLICATION and decision.kind == DecisionKind.CHANGE:
            about = ComplaintAbout.CHANGE
        not_before(
            received_on,
            decision.decided_on,
            field="received_on",
            label="Klagens modtagelse",
            earlier="afgørelsen",
        )
        complaint = Complaint.objects.create(
            case=step.case,
            decision=decision,
            about=about,
            received_on=received_on,
            form=form,
            grounds=grounds.strip(),
            late=_late(state, about, decision, received_on),
        )
        step.details = {
            "complaint": complaint.pk,
            "about": about,
            "received_on": received_on,
            "late": complaint.late,
        }
        return complaint


def _late(state: CaseState, about: str, decision: Decision, received_on: date) -> bool:
    """Whether the complaint came after the complaint period. The period runs from the
    citizen's receipt of the written decision, and only if it carried a proper
    klagevejledning (§ 67): before the letter, no period has started."""
    if about == ComplaintAbout.TERMINATION:
        letters = state.letters_of(LetterKind.TERMINATION)
        told_on = letters[0].sent_on if letters else None
        with_klagevejledning = True
    else:
        told_on = decision.received_on
        with_klagevejledning = decision.with_klagevejledning
    if told_on is None or not with_klagevejledning:
        return False
    deadline = complaint_deadline_from(state.case, received_on=told_on)["complaint_deadline"]
    return deadline is not None and received_on > deadline


def _reopen(step: Step, on: date) -> None:
    """The decision on the application is set aside and made again: the case goes back to
    »Udredt« (the assessment stands and may be updated; a running placement goes on)."""
    decision = step.state.decision
    assert decision is not None
    decision.set_aside_on = on
    decision.save(update_fields=["set_aside_on"])
    step.case.decision = None
    step.case.status = S.ASSESSED


class ComplaintReassess(_OnOpenComplaint):
    name = "complaint_reassess"
    label = "genvurdere afgørelsen"
    title = "Genvurdér afgørelsen"
    date_input = "reassessed_on"
    date_label = "Genvurderingen"
    date_named = "genvurderingen"
    roles = frozenset({Role.CASEWORKER})
    statuses = DECIDED
    complaint_status = ComplaintStatus.RECEIVED

    def clean(self, **inputs: Any) -> dict[str, Any]:
        choice(inputs.get("result", ""), Reassessment, field="result", label="Genvurderingen")
        inputs["notes"] = required_text(
            inputs.get("notes", ""), field="notes", label="Begrundelsen for genvurderingen"
        )
        inputs.pop("complaint", None)  # the open complaint; there is one at a time
        return inputs

    def perform(self, step: Step, *, reassessed_on: date, result: str, notes: str) -> Complaint:
        row = step.state.open_complaint
        assert row is not None
        not_before(
            reassessed_on,
            row.received_on,
            field="reassessed_on",
            label="Genvurderingen",
            earlier="klagen blev modtaget",
        )
        row.reassessed_on = reassessed_on
        row.reassessment = result
        row.reassessment_notes = notes
        changed = result == Reassessment.CHANGED
        row.status = ComplaintStatus.CLOSED if changed else ComplaintStatus.REASSESSED
        row.save()
        # The citizen is given what they asked for: the municipality decides the
        # application again (a changed decision to end the effort is not yet carried out
        # here; see the case's notes).
        if changed and row.about == ComplaintAbout.APPLICATION:
            _reopen(step, reassessed_on)
        step.details = {"complaint": row.pk, "result": result}
        return row


class ComplaintForward(_OnOpenComplaint):
    """Forward the complaint to Ankestyrelsen with the case file: the decision, the
    assessment, the hearings, the letters and the complaint, as one PDF kept as sent."""

    name = "complaint_forward"
    label = "sende klagen til Ankestyrelsen"
    title = "Send klagen til Ankestyrelsen"
    date_input = "forwarded_on"
    date_label = "Videresendelsen"
    date_named = "klagen blev sendt til Ankestyrelsen"
    roles = frozenset({Role.CASEWORKER})
    statuses = DECIDED
    complaint_status = ComplaintStatus.REASSESSED

    def clean(self, **inputs: Any) -> dict[str, Any]:
        inputs.pop("complaint", None)
        return inputs

    def perform(self, step: Step, *, forwarded_on: date) -> Complaint:
        row = step.state.open_complaint
        assert row is not None and row.reassessed_on is not None
        not_before(
            forwarded_on,
            row.reassessed_on,
            field="forwarded_on",
            label="Videresendelsen",
            earlier="genvurderingen",
        )
        row.forwarded_on = forwarded_on
        row.status = ComplaintStatus.FORWARDED
        pdf = case_file_pdf(step.case, row, user=step.user, on=forwarded_on)
        row.case_file = pdf
        row.case_file_sha256 = hashlib.sha256(pdf).hexdigest()
        row.save()
        step.details = {
            "complaint": row.pk,
            "forwarded_on": forwarded_on,
            "late": row.late,
            "case_file_sha256": row.case_file_sha256,
        }
        return row


class ComplaintOutcomeRecord(_OnOpenComplaint):
    """Ankestyrelsen's answer, carried out: stadfæstet or afvist leave the decision as it
    is; hjemvist or ophævet reopen the case for a new decision; ændret puts Ankestyrelsen's
    decision in force (``new_outcome``, and the offer where it names one)."""

    name = "complaint_outcome_record"
    label = "registrere Ankestyrelsens afgørelse"
    title = "Registrér Ankestyrelsens afgørelse"
    date_input = "received_on"
    date_label = "Ankestyrelsens svar"
    date_named = "Ankestyrelsens svar"
    roles = frozenset({Role.CASEWORKER, Role.MANAGER})
    statuses = DECIDED
    complaint_status = ComplaintStatus.FORWARDED

    def clean(self, **inputs: Any) -> dict[str, Any]:
        outcome = inputs.get("outcome", "")
        choice(outcome, AnkeOutcome, field="outcome", label="Ankestyrelsens afgørelse")
        if outcome == AnkeOutcome.CHANGED:
            choice(
                inputs.get("new_outcome") or "",
                Outcome,
                field="new_outcome",
                label="Afgørelsen, som Ankestyrelsen har ændret den til,",
            )
        else:
            inputs["new_outcome"] = ""
            inputs["offer"] = None
        inputs.pop("complaint", None)
        return inputs

    def perform(
        self,
        step: Step,
        *,
        outcome: str,
        received_on: date,
        notes: str = "",
        new_outcome: str = "",
        offer: Offer | None = None,
    ) -> Complaint:
        state = step.state
        row = state.open_complaint
        assert row is not None and row.forwarded_on is not None
        not_before(
            received_on,
            row.forwarded_on,
            field="received_on",
            label="Ankestyrelsens svar",
            earlier="klagen blev sendt",
        )
        row.anke_outcome = outcome
        row.anke_outcome_on = received_on
        row.anke_notes = notes.strip()
        row.status = ComplaintStatus.CLOSED
        row.save()
        on_application = row.about == ComplaintAbout.APPLICATION
        if on_application and outcome in (AnkeOutcome.SENT_BACK, AnkeOutcome.ANNULLED):
            _reopen(step, received_on)
        elif on_application and outcome == AnkeOutcome.CHANGED:
            _replace_with_ankestyrelsens(step, new_outcome, received_on, row.anke_notes, offer)
        step.details = {"complaint": row.pk, "outcome": outcome}
        if new_outcome:
            step.details["new_outcome"] = new_outcome
        return row


def _replace_with_ankestyrelsens(
    step: Step, outcome: str, on: date, notes: str, offer: Offer | None
) -> None:
    """Ankestyrelsen's decision is the one in force from its receipt (Ankestyrelsen sends
    it to the citizen itself, so it is received then).

    A grant by Ankestyrelsen carries the scope of the case's latest grant with one (the
    days and hours the municipality granted, or last changed them to): Ankestyrelsen's own
    letter states what it changed, and its notes are recorded; a placement then stays
    within the scope it had. Where the municipality never granted (Ankestyrelsen changed a
    refusal), there is no scope to carry and the standard's range is the limit."""
    state = step.state
    if outcome == Outcome.REFUSAL and state.placement is not None:
        raise CaseError(
            "Borgeren er i gang i beskyttet beskæftigelse. Træf afgørelse om ophør, før "
            "Ankestyrelsens afslag registreres.",
            field="new_outcome",
        )
    evaluation = state.evaluate(as_of=on)
    if offer is not None:
        offer_check(evaluation, offer, step.case.municipality_id)
    old = state.decision
    assert old is not None
    old.set_aside_on = on
    old.save(update_fields=["set_aside_on"])
    scope = None
    if outcome == Outcome.GRANT:
        scope = next(
            (
                d
                for d in reversed(state.decisions)
                if d.outcome == Outcome.GRANT and d.days_per_week is not None
            ),
            None,
        )
    decision = Decision.objects.create(
        case=step.case,
        origin=DecisionOrigin.ANKESTYRELSEN,
        outcome=outcome,
        decided_on=on,
        received_on=on,
        reasons=notes,
        offer=offer,
        days_per_week=None if scope is None else scope.days_per_week,
        hours_per_day=None if scope is None else scope.hours_per_day,
        with_klagevejledning=False,  # Ankestyrelsen's decision is final administratively
        **frozen_into_decision(evaluation),
        decided_by=step.user,
    )
    step.case.decision = decision
    if outcome == Outcome.GRANT:
        step.case.status = S.ACTIVE if state.placement is not None else S.DECIDED
    else:
        step.case.status = S.DECIDED


complaint_register = ComplaintRegister()
complaint_reassess = ComplaintReassess()
complaint_forward = ComplaintForward()
complaint_outcome_record = ComplaintOutcomeRecord()

"""Sending a letter to the citizen: one action per kind of letter, each with the states it
fits. The letter is made from the case as it is now, dated today, and stored unchangeable
with its data, policy version, PDF and SHA-256.

A decision letter is the written decision: the citizen has received the decision on the
day it is sent (Digital Post), and the complaint period runs from then. A notice of delay
promises a date (Retssikkerhedsloven § 3, stk. 2), which becomes a deadline of the case.
"""

import hashlib
from datetime import date
from typing import Any

from django.utils import timezone

from bb103.cases.actions.base import AlreadyDone, CaseAction, Step, statuses
from bb103.cases.actions.state import CaseState
from bb103.cases.errors import CaseError
from bb103.cases.letter_data import letter_data, representatives_copied
from bb103.cases.models import (
    Case,
    CaseStatus,
    ClosureReason,
    ComplaintStatus,
    Decision,
    DecisionKind,
    DecisionOrigin,
    DelayNotice,
    Letter,
    LetterCopy,
    LetterDelivery,
    Representative,
    Role,
    TerminationReason,
    User,
)
from bb103.cases.models.limits import SHORT_TEXT
from bb103.cases.services.delivery import delivery_create
from bb103.cases.services.validation import printable, text_within
from bb103.letters.kinds import DECISION_LETTERS, LetterKind
from bb103.letters.render import render_pdf

S = CaseStatus
BEFORE_DECISION = statuses(S.RECEIVED, S.ASSESSED, S.DRAFTED, S.HEARING)
DECIDED = statuses(S.DECIDED, S.ACTIVE, S.TERMINATED)


def letter_store(
    *,
    case: Case,
    user: User,
    today: date,
    data: dict[str, Any],
    decision: Decision | None = None,
    request_key: str = "",
) -> tuple[Letter, list[Representative], LetterDelivery]:
    """The letter made from ``data`` and stored as sent today, in the caller's transaction:
    its PDF and SHA-256, the copies to the representatives who get them, and its delivery
    row (Digital Post, or the print batch). Every letter is stored this way: the letter
    actions', and the receipts of what a citizen sends in Min sag (issue 19)."""
    # The data names them too (letter_data), so the letter says to whom it went.
    copied = representatives_copied(case, on=today)
    pdf = render_pdf(data["kind"], data)
    letter = Letter.objects.create(
        case=case,
        kind=data["kind"],
        decision=decision,
        title=data["title"],
        data=data,
        policy_id=data["policy"]["id"],
        policy_version=data["policy"]["version"],
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        sent_on=today,
        sent_at=timezone.now(),
        sent_by=user,
        request_key=request_key,
    )
    LetterCopy.objects.bulk_create(
        LetterCopy(
            letter=letter,
            representative=r,
            name=r.name,
            relation=r.relation,
            contact=r.contact,
            sent_on=today,
        )
        for r in copied
    )
    # On its way to the citizen (Digital Post, or the print batch for a citizen exempt
    # from it): the row now, the delivery itself by the job queue after the commit.
    delivery = delivery_create(letter=letter, citizen=case.citizen)
    return letter, copied, delivery


class LetterSend(CaseAction):
    """Send the letter of ``kind``. ``extra_text`` is the caseworker's own text (for a
    notice of delay: why; ``expected_on`` is then the expected decision date)."""

    kind: LetterKind
    roles = frozenset({Role.CASEWORKER})
    label = "sende et brev til borgeren"
    audit_action = "letter_send"
    primary = False
    # Only the decision letters (the citizen's receipt) and the notice of delay (a promised
    # date) bear on a deadline.
    affects_deadlines = False

    def perform(
        self,
        step: Step,
        *,
        extra_text: str = "",
        expected_on: date | None = None,
        request_key: str = "",
    ) -> Letter:
        """``request_key`` names the form the letter is sent from: sent once, however many
        times the same form is submitted (the case row is locked meanwhile, and the
        database holds the key unique per case)."""
        # The text goes into the letter's data (JSON), which no column limit guards, and
        # into a PDF a citizen must read: refused before anything is rendered.
        text_within(extra_text, SHORT_TEXT, field="extra_text", label="Brevets tekst")
        printable(extra_text, field="extra_text", label="Brevets tekst")
        request_key = request_key.strip()
        if request_key:
            sent = Letter.objects.filter(case=step.case, request_key=request_key).first()
            if sent is not None:
                raise AlreadyDone(sent)
        data = letter_data(
            self.kind,
            step.case,
            user=step.user,
            on=step.today,
            extra_text=extra_text,
            expected_on=expected_on,
        )
        decision = step.state.decision if self.kind in DECISION_LETTERS else None
        letter, copied, delivery = letter_store(
            case=step.case,
            user=step.user,
            today=step.today,
            data=data,
            decision=decision,
            request_key=request_key,
        )
        digest = letter.sha256
        if decision is not None and decision.received_on is None:
            # The written decision reaches the citizen today (Digital Post): the complaint
            # period starts, and the decision deadline is met (Retssikkerhedsloven § 67).
            decision.received_on = step.today
            decision.save(update_fields=["received_on"])
        if self.kind == LetterKind.DELAY:
            assert expected_on is not None  # letter_data refuses a notice without its date
            DelayNotice.objects.create(
                case=step.case,
                letter=letter,
                sent_on=step.today,
                expected_on=expected_on,
                reason=extra_text.strip(),
            )
        # The letter's date and title go into the entry too, so the case page lists the
        # sent letters from the audit trail it already reads (no query of its own).
        step.details = {
            "letter": letter.pk,
            "kind": letter.kind,
            "title": letter.title,
            "sent_on": step.today,
            "sha256": digest,
            "delivery": delivery.channel,
            # The representatives a copy went to (issue 17, item 8), by id: the trail
            # holds no names, and the case page reads the copies only where there are any.
            **({"copies": [r.pk for r in copied]} if copied else {}),
            **({"expected_on": expected_on} if expected_on else {}),
        }
        return letter


class ReceiptSend(LetterSend):
    name = "letter_send_receipt"
    title = "Kvitteringsskrivelse"
    kind = LetterKind.RECEIPT
    statuses = BEFORE_DECISION


class HearingLetterSend(LetterSend):
    name = "letter_send_hearing"
    title = "Partshøring (forvaltningsloven § 19)"
    kind = LetterKind.HEARING
    statuses = statuses(S.HEARING, S.DECIDED, S.ACTIVE)

    def relevant(self, state: CaseState) -> bool:
        return state.open_hearing is not None


class DelaySend(LetterSend):
    name = "letter_send_delay"
    title = "Besked om forsinkelse (retssikkerhedsloven § 3)"
    kind = LetterKind.DELAY
    affects_deadlines = True
    statuses = BEFORE_DECISION


class DecisionGrantSend(LetterSend):
    name = "letter_send_decision_grant"
    title = "Afgørelse: bevilling"
    kind = LetterKind.DECISION_GRANT
    affects_deadlines = True
    statuses = DECIDED

    def relevant(self, state: CaseState) -> bool:
        decision = state.decision
        return (
            state.granted
            and decision is not None
            and decision.origin == DecisionOrigin.MUNICIPALITY
            and decision.kind == DecisionKind.APPLICATION
        )


class DecisionRefusalSend(LetterSend):
    name = "letter_send_decision_refusal"
    title = "Afgørelse: afslag"
    kind = LetterKind.DECISION_REFUSAL
    affects_deadlines = True
    statuses = DECIDED

    def relevant(self, state: CaseState) -> bool:
        decision = state.decision
        return (
            state.refused
            and decision is not None
            and decision.origin == DecisionOrigin.MUNICIPALITY
        )


ALL_STATUSES = frozenset(S.values)


class ComplaintReceiptSend(LetterSend):
    name = "letter_send_complaint_receipt"
    title = "Kvittering for klage"
    kind = LetterKind.COMPLAINT_RECEIPT
    statuses = ALL_STATUSES

    def relevant(self, state: CaseState) -> bool:
        return state.latest_complaint is not None


class ComplaintForwardedSend(LetterSend):
    name = "letter_send_complaint_forwarded"
    title = "Klagen er sendt til Ankestyrelsen"
    kind = LetterKind.COMPLAINT_FORWARDED
    statuses = ALL_STATUSES

    def relevant(self, state: CaseState) -> bool:
        complaint = state.latest_complaint
        return complaint is not None and complaint.status == ComplaintStatus.FORWARDED


class TerminationSend(LetterSend):
    name = "letter_send_termination"
    title = "Afgørelse: ophør"
    kind = LetterKind.TERMINATION
    statuses = statuses(S.DECIDED, S.ACTIVE, S.TERMINATED)

    def relevant(self, state: CaseState) -> bool:
        # No letter to a citizen who has died.
        ended = state.termination
        return ended is not None and ended.reason != TerminationReason.DIED


class _ClosedSend(LetterSend):
    """A letter on a case closed for ``reason`` (issue 17, item 2)."""

    statuses = statuses(S.CLOSED)
    reason: ClosureReason

    def relevant(self, state: CaseState) -> bool:
        closure = state.closure
        return closure is not None and closure.reason == self.reason


class WithdrawalConfirmationSend(_ClosedSend):
    name = "letter_send_withdrawal_confirmation"
    title = "Bekræftelse af tilbagetrukket ansøgning"
    kind = LetterKind.WITHDRAWAL_CONFIRMATION
    reason = ClosureReason.WITHDRAWN


class CaseMovedSend(_ClosedSend):
    name = "letter_send_case_moved"
    title = "Sagen er sendt til den nye kommune"
    kind = LetterKind.CASE_MOVED
    reason = ClosureReason.MOVED


class DecisionChangeSend(LetterSend):
    name = "letter_send_decision_change"
    title = "Afgørelse: ændring"
    kind = LetterKind.DECISION_CHANGE
    affects_deadlines = True
    statuses = DECIDED

    def relevant(self, state: CaseState) -> bool:
        decision = state.decision
        return decision is not None and decision.kind == DecisionKind.CHANGE


LETTER_ACTIONS: dict[str, LetterSend] = {
    action.kind.value: action
    for action in (
        ReceiptSend(),
        HearingLetterSend(),
        DelaySend(),
        DecisionGrantSend(),
        DecisionRefusalSend(),
        ComplaintReceiptSend(),
        ComplaintForwardedSend(),
        TerminationSend(),
        WithdrawalConfirmationSend(),
        CaseMovedSend(),
        DecisionChangeSend(),
    )
}


def letter_send(*, user: Any, case: Any, kind: str, **inputs: Any) -> Letter:
    """Send the letter of ``kind`` through its action."""
    try:
        action = LETTER_ACTIONS[kind]
    except KeyError:
        raise CaseError(f"Ukendt brevtype: {kind}.", field="kind") from None
    return action(user=user, case=case, **inputs)


def letter_rerender(letter: Letter) -> bytes:
    """The letter rendered again from its stored data: the same bytes as sent."""
    return render_pdf(letter.kind, letter.data)

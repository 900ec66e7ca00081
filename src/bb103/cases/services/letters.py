"""Sending a letter to the citizen: render it from the case, store it unchangeable, audit."""

import hashlib
from datetime import date

from django.db import transaction
from django.utils import timezone

from bb103.cases.errors import CaseError
from bb103.cases.letter_data import letter_data
from bb103.cases.models import Case, CaseStatus, Decision, Letter, User
from bb103.cases.permissions import require_step
from bb103.cases.services.audit import audit_write
from bb103.cases.services.deadlines import deadlines_recompute
from bb103.letters.kinds import LetterKind
from bb103.letters.render import render_pdf


def letter_send(
    *,
    user: User,
    case: Case,
    kind: str,
    extra_text: str = "",
    expected_on: date | None = None,
) -> Letter:
    """Make letter ``kind`` from the case as it is now, dated today, and store it with its
    data, policy version, PDF and SHA-256. ``extra_text`` is the caseworker's own text (for a
    notice of delay: why; ``expected_on`` is the expected decision date). Sending does not
    change the case's status, so any open or closed case can receive a letter."""
    with transaction.atomic():
        locked = (
            Case.objects.select_for_update(of=("self",))
            .select_related("municipality", "citizen", "caseworker")
            .get(pk=case.pk)
        )
        require_step(user, "letter_send", locked.municipality_id)
        if locked.status not in CaseStatus.values:
            raise CaseError("Sagen har en ukendt status.", field="status")
        today = timezone.localdate()
        data = letter_data(
            kind, locked, user=user, on=today, extra_text=extra_text, expected_on=expected_on
        )
        pdf = render_pdf(data["kind"], data)
        digest = hashlib.sha256(pdf).hexdigest()
        letter = Letter.objects.create(
            case=locked,
            kind=data["kind"],
            title=data["title"],
            data=data,
            policy_id=data["policy"]["id"],
            policy_version=data["policy"]["version"],
            pdf=pdf,
            sha256=digest,
            sent_on=today,
            sent_at=timezone.now(),
            sent_by=user,
        )
        if letter.kind in (LetterKind.DECISION_GRANT, LetterKind.DECISION_REFUSAL):
            _received_with_letter(locked, today)
        audit_write(
            actor=user,
            municipality_id=locked.municipality_id,
            action="letter_send",
            case=locked,
            # The letter's date and title go into the entry too, so the case page lists the
            # sent letters from the audit trail it already reads (no query of its own).
            details={
                "letter": letter.pk,
                "kind": letter.kind,
                "title": letter.title,
                "sent_on": today,
                "sha256": digest,
            },
        )
    return letter


def _received_with_letter(case: Case, on: date) -> None:
    """The decision letter is the written decision: a citizen who gets it on ``on`` has
    received the decision then, if not before. The complaint deadline on the case follows
    the one the letter states (Retssikkerhedsloven § 67, stk. 1)."""
    decision = Decision.objects.get(case=case)
    if decision.received_on < on:
        decision.received_on = on
        decision.save(update_fields=["received_on"])
        deadlines_recompute(case=case, today=on)


def letter_rerender(letter: Letter) -> bytes:
    """The letter rendered again from its stored data: the same bytes as sent."""
    return render_pdf(letter.kind, letter.data)

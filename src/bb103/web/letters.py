"""The letters a case page offers: the URL slug, the Danish label, what the caseworker may
add, and when the letter fits the case. Whether the letter can be made is still
``letter_data``'s decision (it raises a Danish CaseError); this only decides which letters
to show. Everything here works on rows the case page has already read: no queries."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from bb103.cases.models import (
    AuditEntry,
    CaseStatus,
    ComplaintStatus,
    Outcome,
    TerminationReason,
)
from bb103.cases.permissions import CASE_READERS, STEPS
from bb103.cases.selectors import CasePage
from bb103.letters.kinds import LetterKind

S = CaseStatus
BEFORE_DECISION = frozenset({S.RECEIVED, S.ASSESSED, S.DRAFTED, S.HEARING})


def _before_decision(page: CasePage) -> bool:
    return page.case.status in BEFORE_DECISION and hasattr(page.case, "application")


def _in_hearing(page: CasePage) -> bool:
    return page.case.status == S.HEARING


def _decided(outcome: str):
    def when(page: CasePage) -> bool:
        decision = getattr(page.case, "decision", None)
        return decision is not None and decision.outcome == outcome

    return when


def _latest_complaint(page: CasePage):
    # The letter is about the latest complaint, as letter_data takes it.
    return max(page.complaints, key=lambda c: (c.received_on, c.pk), default=None)


def _complaint_received(page: CasePage) -> bool:
    return _latest_complaint(page) is not None


def _complaint_forwarded(page: CasePage) -> bool:
    complaint = _latest_complaint(page)
    return complaint is not None and complaint.status == ComplaintStatus.FORWARDED


def _terminated(page: CasePage) -> bool:
    ended = getattr(page.case, "termination", None)
    # No letter to a citizen who has died.
    return ended is not None and ended.reason != TerminationReason.DIED


@dataclass(frozen=True)
class LetterSpec:
    slug: str
    kind: LetterKind
    label: str  # what the caseworker sees on the case page
    when: Any  # Callable[[CasePage], bool]
    extra_label: str | None = None  # the caseworker's own text, where the letter takes it
    extra_required: bool = False
    expected_on: bool = False  # the notice of delay: the expected decision date

    @property
    def title(self) -> str:
        return self.kind.title


OWN_REASONS = "Din egen tekst til begrundelsen (valgfri)"
OWN_NOTES = "Bemærkninger til borgeren (valgfri)"

LETTER_SPECS: tuple[LetterSpec, ...] = (
    LetterSpec("kvittering", LetterKind.RECEIPT, "Kvitteringsskrivelse", _before_decision),
    LetterSpec(
        "partshoering", LetterKind.HEARING, "Partshøring (forvaltningsloven § 19)", _in_hearing,
        extra_label=OWN_REASONS,
    ),
    LetterSpec(
        "forsinkelse", LetterKind.DELAY, "Besked om forsinkelse (retssikkerhedsloven § 3)",
        _before_decision, extra_label="Hvorfor tager sagen længere tid?", extra_required=True,
        expected_on=True,
    ),
    LetterSpec(
        "bevilling", LetterKind.DECISION_GRANT, "Afgørelse: bevilling", _decided(Outcome.GRANT),
        extra_label=OWN_REASONS,
    ),
    LetterSpec(
        "afslag", LetterKind.DECISION_REFUSAL, "Afgørelse: afslag", _decided(Outcome.REFUSAL),
        extra_label=OWN_REASONS,
    ),
    LetterSpec(
        "klagekvittering", LetterKind.COMPLAINT_RECEIPT, "Kvittering for klage",
        _complaint_received,
    ),
    LetterSpec(
        "klage-videresendt", LetterKind.COMPLAINT_FORWARDED,
        "Klagen er sendt til Ankestyrelsen", _complaint_forwarded, extra_label=OWN_NOTES,
    ),
    LetterSpec(
        "ophoer", LetterKind.TERMINATION, "Afgørelse: ophør", _terminated,
        extra_label=OWN_NOTES,
    ),
)  # fmt: skip

LETTER_BY_SLUG = {spec.slug: spec for spec in LETTER_SPECS}
SLUG_BY_KIND = {spec.kind.value: spec.slug for spec in LETTER_SPECS}


@dataclass(frozen=True)
class SentLetter:
    letter_id: int
    kind: str
    title: str
    sent_on: date
    entry: AuditEntry  # who sent it and when


def _sent_on(details: dict, at: datetime) -> date:
    try:
        return date.fromisoformat(str(details["sent_on"]))
    except (KeyError, ValueError):
        return timezone.localdate(at)


def sent_letters(audit: list[AuditEntry]) -> list[SentLetter]:
    """The letters sent on the case, oldest first, from the audit entries ``letter_send``
    writes in the same transaction as the letter (so the list costs no query)."""
    sent = []
    for e in audit:
        if e.action != "letter_send":
            continue
        kind = str(e.details.get("kind", ""))
        try:
            title = e.details.get("title") or LetterKind(kind).title
        except ValueError:
            title = kind
        sent.append(SentLetter(int(e.details["letter"]), kind, title, _sent_on(e.details, e.at), e))
    return sent


@dataclass(frozen=True)
class LetterOffer:
    spec: LetterSpec
    sent: list[SentLetter]  # earlier letters of this kind on the case


def letters_for(page: CasePage) -> list[LetterOffer]:
    """The letters that fit the case's state now, each with the ones already sent."""
    sent = sent_letters(page.audit)
    return [
        LetterOffer(spec, [s for s in sent if s.kind == spec.kind.value])
        for spec in LETTER_SPECS
        if spec.when(page)
    ]


def letters_context(page: CasePage) -> dict[str, Any]:
    """The case page's letters section: the letters to offer (``None`` for a user who may
    not send letters) and the sent letters (``None`` for provider staff, who see the case
    but not what the municipality wrote to the citizen)."""
    may_send = bool(STEPS["letter_send"][1] & page.roles)
    return {
        "letter_offers": letters_for(page) if may_send else None,
        "sent_letters": sent_letters(page.audit) if page.roles & CASE_READERS else None,
    }

"""How the letters look on the case page: the URL slug, the Danish label, what the
caseworker may add. Which letters fit the case now is each letter action's answer
(:mod:`bb103.cases.actions.letters`); everything here works on rows the case page has
already read: no queries."""

from dataclasses import dataclass
from typing import Any

from bb103.cases import selectors
from bb103.cases.actions import LETTER_ACTIONS, Verdict
from bb103.cases.actions.letters import LetterSend
from bb103.cases.models import Letter
from bb103.cases.selectors import CasePage
from bb103.letters.kinds import LetterKind


@dataclass(frozen=True)
class LetterSpec:
    slug: str
    kind: LetterKind
    label: str  # what the caseworker sees on the case page
    extra_label: str | None = None  # the caseworker's own text, where the letter takes it
    extra_required: bool = False
    expected_on: bool = False  # the notice of delay: the expected decision date

    @property
    def title(self) -> str:
        return self.kind.title

    @property
    def action(self) -> LetterSend:
        return LETTER_ACTIONS[self.kind.value]


OWN_REASONS = "Din egen tekst til begrundelsen (valgfri)"
OWN_NOTES = "Bemærkninger til borgeren (valgfri)"

LETTER_SPECS: tuple[LetterSpec, ...] = (
    LetterSpec("kvittering", LetterKind.RECEIPT, "Kvitteringsskrivelse"),
    LetterSpec(
        "partshoering", LetterKind.HEARING, "Partshøring (forvaltningsloven § 19)",
        extra_label=OWN_REASONS,
    ),
    LetterSpec(
        "forsinkelse", LetterKind.DELAY, "Besked om forsinkelse (retssikkerhedsloven § 3)",
        extra_label="Hvorfor tager sagen længere tid?", extra_required=True, expected_on=True,
    ),
    LetterSpec(
        "bevilling", LetterKind.DECISION_GRANT, "Afgørelse: bevilling", extra_label=OWN_REASONS
    ),
    LetterSpec(
        "afslag", LetterKind.DECISION_REFUSAL, "Afgørelse: afslag", extra_label=OWN_REASONS
    ),
    LetterSpec("klagekvittering", LetterKind.COMPLAINT_RECEIPT, "Kvittering for klage"),
    LetterSpec(
        "klage-videresendt", LetterKind.COMPLAINT_FORWARDED,
        "Klagen er sendt til Ankestyrelsen", extra_label=OWN_NOTES,
    ),
    LetterSpec("ophoer", LetterKind.TERMINATION, "Afgørelse: ophør", extra_label=OWN_NOTES),
    LetterSpec(
        "tilbagetrukket", LetterKind.WITHDRAWAL_CONFIRMATION,
        "Bekræftelse af tilbagetrukket ansøgning", extra_label=OWN_NOTES,
    ),
    LetterSpec(
        "flyttet", LetterKind.CASE_MOVED, "Sagen er sendt til den nye kommune",
        extra_label=OWN_NOTES,
    ),
    LetterSpec(
        "aendring", LetterKind.DECISION_CHANGE, "Afgørelse: ændring", extra_label=OWN_REASONS
    ),
)  # fmt: skip

LETTER_BY_SLUG = {spec.slug: spec for spec in LETTER_SPECS}
SLUG_BY_KIND = {spec.kind.value: spec.slug for spec in LETTER_SPECS}


@dataclass(frozen=True)
class LetterOffer:
    spec: LetterSpec
    verdict: Verdict
    sent: list[Letter]  # earlier letters of this kind on the case


def letters_for(page: CasePage) -> list[LetterOffer]:
    """The letters the case's letter actions offer the user now, each with the ones
    already sent."""
    sent = page.state.letters
    by_action = {v.action.name: v for v in page.verdicts}
    return [
        LetterOffer(spec, by_action[spec.action.name], [s for s in sent if s.kind == spec.kind])
        for spec in LETTER_SPECS
        if spec.action.name in by_action
    ]


def letters_context(page: CasePage) -> dict[str, Any]:
    """The case page's letters section: the letters to offer (None for a user who may not
    send letters) and the sent letters."""
    may_send = any(spec.action.role_allows(page.roles) for spec in LETTER_SPECS)
    return {
        "letter_offers": letters_for(page) if may_send else None,
        "sent_letters": page.sent_letters,
        # Whom each letter's copy went to (issue 17, item 8): read only where the page's
        # entries say a letter had copies, so a case without them costs no query.
        "letter_copies": selectors.letter_copies_for_case(
            case=page.case,
            letter_ids=[
                e.details["letter"]
                for e in page.audit
                if e.action == "letter_send" and e.details.get("copies")
            ],
        ),
    }

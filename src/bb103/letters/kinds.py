"""The letters the system writes to a citizen, one template each."""

from enum import StrEnum


class LetterKind(StrEnum):
    RECEIPT = "receipt"
    HEARING = "hearing"
    DECISION_GRANT = "decision_grant"
    DECISION_REFUSAL = "decision_refusal"
    DELAY = "delay"
    COMPLAINT_RECEIPT = "complaint_receipt"
    COMPLAINT_FORWARDED = "complaint_forwarded"
    TERMINATION = "termination"
    WITHDRAWAL_CONFIRMATION = "withdrawal_confirmation"
    CASE_MOVED = "case_moved"
    DECISION_CHANGE = "decision_change"
    # Issue 19: what the citizen sent in Min sag, and when we got it.
    PORTAL_RECEIPT = "portal_receipt"

    @property
    def title(self) -> str:
        """The letter's heading, in Danish, as the citizen reads it."""
        return TITLES[self]


TITLES = {
    LetterKind.RECEIPT: "Vi har fået din ansøgning",
    LetterKind.HEARING: "Vi vil høre din mening, før vi beslutter",
    LetterKind.DECISION_GRANT: "Afgørelse: Du får beskyttet beskæftigelse",
    LetterKind.DECISION_REFUSAL: "Afgørelse: Du får ikke beskyttet beskæftigelse",
    LetterKind.DELAY: "Dit svar bliver forsinket",
    LetterKind.COMPLAINT_RECEIPT: "Vi har fået din klage",
    LetterKind.COMPLAINT_FORWARDED: "Vi har sendt din klage til Ankestyrelsen",
    LetterKind.TERMINATION: "Afgørelse: Din beskyttede beskæftigelse stopper",
    LetterKind.WITHDRAWAL_CONFIRMATION: "Bekræftelse: Du har trukket din ansøgning tilbage",
    LetterKind.CASE_MOVED: "Vi har sendt din sag til din nye kommune",
    LetterKind.DECISION_CHANGE: "Afgørelse: Din beskyttede beskæftigelse bliver ændret",
    LetterKind.PORTAL_RECEIPT: "Kvittering fra Min sag",
}

# Letters that are decisions (afgørelser) and so carry klagevejledning (Forvaltningsloven
# § 25) and, where they refuse or end something, reasons (§§ 22, 24).
DECISIONS = frozenset(
    {
        LetterKind.DECISION_GRANT,
        LetterKind.DECISION_REFUSAL,
        LetterKind.TERMINATION,
        LetterKind.DECISION_CHANGE,
    }
)

# The letters that communicate the decision in force (on the application, or a change of
# it): the complaint period runs from the citizen's receipt of one (Retssikkerhedsloven
# § 67).
DECISION_LETTERS = frozenset(
    {LetterKind.DECISION_GRANT, LetterKind.DECISION_REFUSAL, LetterKind.DECISION_CHANGE}
)

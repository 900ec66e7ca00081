"""Explanations: each determination with its rule, inputs, parameters and a Danish text."""

from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from bb103.rules.dates import format_da
from bb103.rules.formulas import RULES
from bb103.rules.policy.model import Param


class Explanation(NamedTuple):
    """Why the engine answered as it did, fit for a caseworker's screen and a letter.

    Immutable; a named tuple because every evaluation makes a dozen or more of them, and a
    tuple is made in half the time of a frozen dataclass."""

    rule: str
    label: str
    text: str
    inputs: dict[str, Any]
    parameters: tuple[Param, ...]

    @property
    def sources(self) -> list[str]:
        """The legal sources behind this result: the rule's own, then each parameter's."""
        found = [p.provenance.source for p in self.parameters]
        own = RULES[self.rule].reference
        if own and not any(source.startswith(own) for source in found):
            found.insert(0, own)
        return list(dict.fromkeys(found))


def explanation(rule: str, text: str, inputs: dict[str, Any], *params: Param | None) -> Explanation:
    return Explanation(rule, RULES[rule].label, text, inputs, tuple(filter(None, params)))


# Python groups thousands with "," and writes "." before decimals; Danish the other way.
_DANISH_SEPARATORS = str.maketrans(",.", ".,")


def kr(amount: Decimal) -> str:
    """Danish money: ``1.120,50 kr.``"""
    return f"{amount:,.2f}".translate(_DANISH_SEPARATORS) + " kr."


def num(value: Decimal | int) -> str:
    """A number in Danish notation without trailing zeros: ``14``, ``12,5``."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def pct(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",") + " %"


def d(value: date | None) -> str:
    return "ukendt dato" if value is None else format_da(value)


MET_DA = {True: "Opfyldt", False: "Ikke opfyldt", None: "Ikke afklaret"}

OUTCOME_DA = {
    "eligible": "Borgeren ser ud til at være i målgruppen for beskyttet beskæftigelse",
    "not_eligible": "Borgeren ser ikke ud til at være i målgruppen for beskyttet beskæftigelse",
    "needs_assessment": "Det kræver en nærmere vurdering, om borgeren er i målgruppen",
}

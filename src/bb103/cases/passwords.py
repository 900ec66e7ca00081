"""Password validators beside Django's own (issue 14, point 11): a password of few distinct
characters (``aaaaaaaaaaaa``) passes a length check but not a guess, and Django's list of
common passwords is English; Danes pick Danish words (``sommerfugl2024``)."""

import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError

_LIST = Path(__file__).resolve().parents[1] / "data" / "passwords" / "almindelige.txt"
# What people put around a word to meet a rule: digits, punctuation, spaces.
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")
# The usual letter-for-digit swaps (p4ssw0rd), read back as letters.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a"})


class DistinctCharactersValidator:
    """At least ``min_distinct`` different characters, and no character more than half the
    password."""

    def __init__(self, min_distinct: int = 5) -> None:
        self.min_distinct = min_distinct

    def validate(self, password: str, user: object = None) -> None:
        most = max((password.count(ch) for ch in set(password)), default=0)
        if len(set(password)) < self.min_distinct or most * 2 > len(password):
            raise ValidationError(
                "Adgangskoden gentager de samme tegn for meget. Brug mindst "
                f"{self.min_distinct} forskellige tegn, fx flere ord sat sammen.",
                code="password_too_repetitive",
            )

    def get_help_text(self) -> str:
        return f"Adgangskoden skal have mindst {self.min_distinct} forskellige tegn."


@cache
def _common() -> frozenset[str]:
    lines = _LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class DanishCommonPasswordValidator:
    """Not a common Danish password, nor a common word with digits or signs around it."""

    def validate(self, password: str, user: object = None) -> None:
        lowered = password.lower().strip()
        bare = _DECORATION.sub("", lowered)
        candidates = {lowered, bare, lowered.translate(_LEET), bare.translate(_LEET)}
        if candidates & _common():
            raise ValidationError(
                "Adgangskoden er for almindelig og let at gætte. Vælg en anden, fx tre-fire "
                "tilfældige ord sat sammen.",
                code="password_too_common_da",
            )

    def get_help_text(self) -> str:
        return "Adgangskoden må ikke være et almindeligt ord eller en almindelig adgangskode."

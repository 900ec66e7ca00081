"""Checks of input shared by the services; each error names the field and says it in Danish."""

from datetime import date, timedelta

from django.db import models
from django.utils.text import capfirst

from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import VumLevel
from bb103.cases.models.limits import TOO_LONG, limit_of
from bb103.letters.render import CONTROL_CHARACTERS


def not_future(value: date, today: date, *, field: str, label: str) -> date:
    if value > today:
        raise CaseError(f"{label} kan ikke ligge efter i dag ({danish_date(today)}).", field=field)
    return value


def at_most_a_year_ahead(value: date, today: date, *, field: str, label: str) -> date:
    """A day agreed ahead (a start, a meeting), but not further than a year: the standard
    in force then is not known, and further ahead is more often a typing error (2062 for
    2026)."""
    latest = today + timedelta(days=365)
    if value > latest:
        raise CaseError(
            f"{label} kan højst ligge et år frem, dvs. senest {danish_date(latest)}.",
            field=field,
        )
    return value


def not_before(value: date, earliest: date, *, field: str, label: str, earlier: str) -> date:
    if value < earliest:
        raise CaseError(
            f"{label} ({danish_date(value)}) kan ikke ligge før {earlier} "
            f"({danish_date(earliest)}).",
            field=field,
        )
    return value


def required_text(value: str, *, field: str, label: str) -> str:
    text = value.strip()
    if not text:
        raise CaseError(f"{label} skal udfyldes.", field=field)
    return text


# CVR numbers (Det Centrale Virksomhedsregister): eight digits whose weighted sum with these
# weights is divisible by 11 (modulus 11), the first digit never 0.
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_valid(digits: str) -> bool:
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit() or digits[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11 == 0


def fictitious_cvr(seed: int) -> str:
    """A made-up CVR number that passes modulus 11, for the demo and the tests: seven digits
    from ``seed`` (from 1000000 up) and the check digit; a seed whose check digit would be 10
    takes the next. Not looked up in the register, so it may be some real company's."""
    base = 1_000_000 + seed
    while True:
        digits = f"{base:07d}"[-7:]
        rest = sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=False)) % 11
        check = (11 - rest) % 11
        if check < 10 and digits[0] != "0":
            return digits + str(check)
        base += 1


def cvr_number(value: str, *, field: str = "cvr", required: bool = False) -> str:
    """A CVR number as eight digits (spaces and a leading "DK" allowed in the input), or ""
    where none is given and none is required; else CaseError naming the field."""
    text = value.strip().upper().removeprefix("DK").replace(" ", "")
    if not text:
        if required:
            raise CaseError("CVR-nummer skal udfyldes.", field=field)
        return ""
    if not cvr_valid(text):
        raise CaseError(
            "CVR-nummeret skal være 8 cifre, der består modulus 11-kontrollen "
            "(tjek for tastefejl).",
            field=field,
        )
    return text


def choice(value: str, choices: type[models.TextChoices], *, field: str, label: str) -> str:
    if value not in choices.values:
        allowed = ", ".join(str(c.label) for c in choices)
        raise CaseError(f"{label} skal være en af: {allowed}.", field=field)
    return value


def valid_vum_level(value: int | None) -> int | None:
    """A VUM level (Voksenudredningsmetoden's scale 0-4), or None: not assessed."""
    if value is not None and value not in VumLevel.values:
        raise CaseError("VUM-niveauet skal være 0, 1, 2, 3 eller 4.", field="vum_level")
    return value


def text_within(value: str, limit: int, *, field: str, label: str) -> str:
    """A text of at most ``limit`` characters, in the forms' words if it is longer."""
    if len(value) > limit:
        message = TOO_LONG % {"limit_value": limit, "show_value": len(value)}
        raise CaseError(f"{label}: {message}", field=field)
    return value


def printable(value: str, *, field: str, label: str) -> str:
    """A text without control characters (a NUL byte, say): nothing a person types, and
    nothing a letter can print (issue 14, point 5)."""
    if CONTROL_CHARACTERS.search(value):
        raise CaseError(
            f"{label}: Teksten indeholder et usynligt kontroltegn (fx et nul-tegn), som ikke "
            "kan gemmes. Slet det, og prøv igen.",
            field=field,
        )
    return value


def within_limits(row: models.Model) -> None:
    """Every text of the row within its column's limit (``bb103.cases.models.limits``).

    Checked before every save of the case system's rows (connected in ``apps.py``), so a
    service called from the CLI, a script or a later API refuses an over-long text as the
    form does, on SQLite (which stores any length) and PostgreSQL (whose error would be a
    server error) alike. Rows written with ``update()`` or ``bulk_create()`` are the
    system's own (blanked or computed texts) and are not checked here."""
    for f in row._meta.concrete_fields:
        limit = limit_of(f) if isinstance(f, models.CharField | models.TextField) else None
        value = getattr(row, f.attname)
        if limit is not None and isinstance(value, str):
            text_within(value, limit, field=f.name, label=capfirst(f.verbose_name))

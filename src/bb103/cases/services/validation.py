"""Checks of input shared by the services; each error names the field and says it in Danish."""

from datetime import date

from django.db import models

from bb103.cases.engine.formatting import danish_date
from bb103.cases.errors import CaseError
from bb103.cases.models import VumLevel


def not_future(value: date, today: date, *, field: str, label: str) -> date:
    if value > today:
        raise CaseError(f"{label} kan ikke ligge efter i dag ({danish_date(today)}).", field=field)
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

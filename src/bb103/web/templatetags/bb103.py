from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from django import template
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

from bb103.cases import selectors
from bb103.cases.engine.formatting import danish_kr, danish_num, masked_cpr

register = template.Library()


@register.filter
def cpr_masked(cpr: str) -> str:
    """010190-1234 -> 010190-xxxx: the form CPR numbers take in lists."""
    return masked_cpr(cpr) if cpr else ""


@register.filter
def cpr_partial(query: str) -> bool:
    """A search of digits that are not a whole CPR number (refused, not searched)."""
    digits = query.replace("-", "").replace(" ", "")
    return digits.isdigit() and len(digits) != 10


@register.filter
def explanation(evaluation: dict[str, Any], rule: str) -> dict[str, Any] | None:
    """One of the engine's explanations (contract JSON) by its rule."""
    return next((x for x in evaluation.get("explanations", []) if x["rule"] == rule), None)


@register.filter
def short_date(value: date | None) -> str:
    """The lists' short date, as ``|date:"j. b. Y"`` renders it (2. jan. 2026), cached per
    day and language: the work list has a few hundred dates a page, most of them recurring
    from request to request, and Django's date formatting is a large part of its render."""
    return "" if value is None else _short_date(value, get_language())


def short_dates() -> Callable[[date | None], str]:
    """``short_date`` for a whole list: the language is looked up once, not per date (a
    lookup in the request's thread-local state, a tenth of the work list's CPU with a few
    hundred dates a page)."""
    language = get_language()
    return lambda value: "" if value is None else _short_date(value, language)


@lru_cache(maxsize=8192)
def _short_date(value: date, language: str | None) -> str:
    return date_format(value, "j. b. Y")


@register.filter
def kr(value: Decimal | None) -> str:
    """Danish money for the screens: ``1.920,00 kr.``, rounded half up to øre; empty for
    no amount."""
    if value is None:
        return ""
    return danish_kr(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@register.filter
def danish_number(value: Decimal | None) -> str:
    """A number with a decimal comma and no trailing zeros: ``96``, ``7,5``."""
    return "" if value is None else danish_num(Decimal(value))


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """A dict's value in a template (a target group's Danish label, say)."""
    return mapping.get(key, key)


@register.filter
def delivery_of(letter: Any) -> Any:
    """A sent letter's delivery state (Digital Post, print), read with the letter."""
    return selectors.letter_delivery_status(letter)


_WEEKDAYS = {"1": "man", "2": "tir", "3": "ons", "4": "tor", "5": "fre", "6": "lør", "7": "søn"}


@register.filter
def weekday_names(weekdays: str) -> str:
    """A placement's weekdays ("1234") as short Danish names: "man, tir, ons, tor"."""
    return ", ".join(_WEEKDAYS.get(c, c) for c in weekdays)


@register.filter
def duration_da(value: timedelta | None) -> str:
    """A period in Danish words: 15 minutter, 1 time og 30 minutter (not 0:15:00)."""
    if value is None:
        return ""
    minutes = max(round(value.total_seconds() / 60), 1)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} time" if hours == 1 else f"{hours} timer")
    if minutes:
        parts.append(f"{minutes} minut" if minutes == 1 else f"{minutes} minutter")
    return " og ".join(parts)

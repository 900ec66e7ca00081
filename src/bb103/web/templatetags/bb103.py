from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django import template
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

from bb103.cases.engine_adapter import masked_cpr

register = template.Library()


@register.filter
def cpr_masked(cpr: str) -> str:
    """010190-1234 -> 010190-xxxx: the form CPR numbers take in lists."""
    return masked_cpr(cpr) if cpr else ""


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


@lru_cache(maxsize=8192)
def _short_date(value: date, language: str | None) -> str:
    return date_format(value, "j. b. Y")


@register.filter
def kr(value: Decimal | None) -> str:
    """Danish money for the screens: ``1.920,00 kr.``; empty for no amount."""
    if value is None:
        return ""
    return f"{Decimal(value):,.2f}".translate(str.maketrans(",.", ".,")) + " kr."


@register.filter
def danish_number(value: Decimal | None) -> str:
    """A number with a decimal comma and no trailing zeros: ``96``, ``7,5``."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}".replace(".", ",")

"""Dates, amounts and CPR numbers in the engine's Danish forms, for the case system's own
texts, so they read like the engine's explanations."""

from datetime import date

from bb103.rules import explain as _explain
from bb103.rules.cpr import mask_cpr
from bb103.rules.dates import DANISH_MONTHS, format_da, format_month_da


def danish_date(value: date) -> str:
    return format_da(value)


# The engine's Danish number forms: "1.120,50 kr.", "12,5", "5 %".
danish_kr = _explain.kr
danish_num = _explain.num
danish_pct = _explain.pct


# "januar" … "december", as the engine writes them.
danish_months = DANISH_MONTHS


def danish_month(value: date) -> str:
    """``december 2026``."""
    return format_month_da(value)


def masked_cpr(cpr: str) -> str:
    return mask_cpr(cpr)

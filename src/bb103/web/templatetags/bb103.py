from typing import Any

from django import template

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

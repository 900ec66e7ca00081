"""``{% case_acts case %}``: the acts a Min sag login may take on the case (issue 19)."""

from typing import Any

from django import template

from bb103.cases.selectors.portal_acts import portal_case_acts

register = template.Library()


@register.inclusion_tag("portal/case_acts.html", takes_context=True)
def case_acts(context: dict[str, Any], case: Any) -> dict[str, Any]:
    return {"case": case, "acts": portal_case_acts(user=context["request"].user, case=case)}

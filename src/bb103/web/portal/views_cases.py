"""Min sag's pages about the citizen's cases (issue 19, points 2, 3 and 6): Mine sager, a
case with its decision and letters, and a letter's PDF as it was sent."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from bb103.cases.engine.policy import municipality_letterheads
from bb103.cases.models import Case
from bb103.cases.selectors.portal import (
    portal_case_page_for_user,
    portal_home_for_user,
    portal_letter_for_user,
)
from bb103.cases.selectors.portal_apply import portal_apply_choices
from bb103.web.portal import presenters
from bb103.web.portal.access import portal_view


def _summary(case: Case, heads: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """What both Mine sager and the case page say about a case (``heads``: the
    municipalities' contact data, read once for a list)."""
    return {
        "case": case,
        "state": presenters.state_words(case),
        "promise": presenters.promise(case),
        "next": presenters.next_step(case),
        "contact": presenters.contact(case, heads),
    }


@portal_view
def portal_home(request: HttpRequest) -> HttpResponse:
    """Mine sager: the person's own cases first, then those of each citizen they represent."""
    found = portal_home_for_user(user=request.user)
    heads = municipality_letterheads(c.municipality_id for _, _, cases in found for c in cases)
    groups = [
        {"citizen": citizen, "is_self": is_self, "cases": [_summary(c, heads) for c in cases]}
        for citizen, is_self, cases in found
    ]
    may_apply = portal_apply_choices(user=request.user).may_apply
    return render(
        request, "portal/home.html", {"groups": groups, "may_apply": may_apply, "nav": "sager"}
    )


@portal_view
def portal_case(request: HttpRequest, case_id: int) -> HttpResponse:
    """A case: its state, the promise, the next step, the contact, the decision and the
    letters, and what the login may do on it now (the template tag ``case_acts``)."""
    case, letters = portal_case_page_for_user(user=request.user, case_id=case_id)
    context = {
        **_summary(case),
        "decision": presenters.decision(case),
        "letters": [(letter, presenters.format_date(letter.sent_on)) for letter in letters],
        "nav": "sager",
    }
    return render(request, "portal/case.html", context)


@portal_view
@never_cache  # a letter carries sensitive personal data: no copy in any cache
def portal_letter_pdf(request: HttpRequest, case_id: int, letter_id: int) -> HttpResponse:
    """The letter's PDF as stored when it was sent (never rendered again)."""
    letter = portal_letter_for_user(user=request.user, case_id=case_id, letter_id=letter_id)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="brev-{letter.case_id}-{letter.pk}-{letter.sent_on:%Y-%m-%d}.pdf"'
    )
    return response

"""Min sag's pages about the citizen's cases."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bb103.cases.selectors.portal import portal_cases_for_user
from bb103.web.portal.access import portal_view


@portal_view
def portal_home(request: HttpRequest) -> HttpResponse:
    """Mine sager: each case with its state in words."""
    cases = list(portal_cases_for_user(user=request.user))
    return render(request, "portal/home.html", {"cases": cases})

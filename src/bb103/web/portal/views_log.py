"""Hvem har set mine oplysninger (issue 19, point 5): the citizen's own view of the reads
of their data, as sundhed.dk's "Min log" shows it: who by role and organisation, when, why."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bb103.cases.selectors.portal import portal_access_log_for_user
from bb103.web.portal import presenters
from bb103.web.portal.access import portal_view


@portal_view
def portal_log(request: HttpRequest) -> HttpResponse:
    groups = [
        {
            "citizen": citizen,
            "rows": [(row.at, presenters.who_read(row), row.what) for row in rows],
        }
        for citizen, rows in portal_access_log_for_user(user=request.user)
    ]
    return render(request, "portal/log.html", {"groups": groups, "nav": "log"})

"""The audit log: the manager's search, and a citizen's log of who has looked."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from bb103.cases import selectors
from bb103.web.forms.audit import AuditSearchForm


@sensitive_post_parameters("cpr")
@sensitive_variables("data", "search")
def audit_search(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.POST or None)
    search = selectors.AuditSearch()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        search = selectors.AuditSearch(
            cpr=(data["cpr"] or "").strip(),
            actor=data["actor"].strip(),
            kind=data["kind"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            page=data["page"] or 1,
        )
    page = selectors.audit_search_for_user(user=request.user, search=search)
    return render(request, "web/audit_search.html", {"form": form, "page": page})


def citizen_access_log(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen, entries = selectors.citizen_access_log_for_user(
        user=request.user, citizen_id=citizen_id
    )
    return render(request, "web/citizen_access_log.html", {"citizen": citizen, "entries": entries})

"""Handing over and dividing the work (issue 17, item 6): the leader's team page with the
form that moves one caseworker's open cases to another, and the form that assigns one
case; and the handover to a new municipality after a move (issue 17, item 2)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from bb103.cases import actions, selectors, services
from bb103.cases.errors import AccessDenied
from bb103.web.forms.team import CaseAssignForm, CaseloadTransferForm
from bb103.web.views.common import render_form, submit


def team(request: HttpRequest) -> HttpResponse:
    """Each caseworker of the municipalities the user manages, with their open cases, open
    tasks and overdue tasks, and the transfer form. 404 for anyone who manages none."""
    municipalities = selectors.team_for_user(user=request.user, today=timezone.localdate())
    forms = [
        (
            m,
            CaseloadTransferForm(
                user=request.user,
                municipality_id=m.municipality.pk,
                auto_id=f"{m.municipality.pk}_%s",
            ),
        )
        for m in municipalities
    ]
    return render(request, "web/team.html", {"municipalities": forms})


def caseload_transfer(request: HttpRequest, municipality: str) -> HttpResponse:
    """Move one caseworker's open cases, with their open tasks, to another."""
    # 404 where the user reads no case, 403 where they do but do not lead, before
    # anything else.
    if municipality not in selectors.case_municipalities_for_user(user=request.user):
        raise Http404("Siden findes ikke.")
    actions.action("caseload_transfer").require(request.user, municipality)
    form = CaseloadTransferForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        municipality_id=municipality,
    )
    response = submit(
        request,
        form,
        lambda kwargs: services.caseload_transfer(
            user=request.user, municipality_id=municipality, **kwargs
        ),
        success=lambda result: reverse("team"),
        message="Sagerne er flyttet.",
    )
    if response is not None:
        return response
    return render_form(
        request,
        {"title": "Flyt en rådgivers sager", "form": form, "back_url": reverse("team")},
    )


def case_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    """Give the case to a caseworker (the leader), or take an unassigned one (a
    caseworker)."""
    page = selectors.case_page_for_user(user=request.user, case_id=case_id)
    action = actions.action("case_assign")
    if not action.role_allows(page.roles):
        raise AccessDenied(action.role_message())
    form = CaseAssignForm(
        request.POST if request.method == "POST" else None, user=request.user, case=page.case
    )
    case_url = reverse("case", args=[case_id])
    response = submit(
        request,
        form,
        lambda kwargs: services.case_assign(user=request.user, case=page.case, **kwargs),
        success=lambda result: case_url,
        message="Sagen har fået ny rådgiver.",
    )
    if response is not None:
        return response
    return render_form(
        request,
        {
            "title": "Fordel sagen",
            "intro": "Sagens åbne opgaver følger med til den nye rådgiver.",
            "form": form,
            "case": page.case,
            "back_url": case_url,
        },
    )


def handover(request: HttpRequest, case_id: int) -> HttpResponse:
    """What goes to the new municipality after a move (Retssikkerhedsloven § 9 b)."""
    data = selectors.handover_for_user(user=request.user, case_id=case_id)
    return render(request, "web/handover.html", {"h": data, "case": data.case})

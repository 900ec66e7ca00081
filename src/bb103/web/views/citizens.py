from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from bb103.cases import actions, selectors, services
from bb103.cases.errors import AccessDenied
from bb103.web.forms.citizens import (
    ApplicationForm,
    CitizenCorrectForm,
    CitizenForm,
    RepresentativeCorrectForm,
    RepresentativeForm,
)
from bb103.web.views.common import render_form, submit

MAX_QUERY = 100


@sensitive_post_parameters("q")
@sensitive_variables("query")
def citizen_search(request: HttpRequest) -> HttpResponse:
    """Search by name or a whole CPR number; CPR numbers are masked in the list. The search
    is posted, never put in the address, so a CPR number does not land in the browser's
    history or a server's access log."""
    query = request.POST.get("q", "") if request.method == "POST" else ""
    if len(query) > MAX_QUERY or any(ord(c) < 32 for c in query):
        # A name is short and has no control characters; a 100 kB pattern is too much for
        # the database's LIKE, and PostgreSQL refuses a NUL byte.
        messages.error(request, f"Søg på et navn eller et CPR-nummer (højst {MAX_QUERY} tegn).")
        query = ""
    citizens = selectors.citizen_search_for_user(user=request.user, query=query)
    template = "web/citizen_search.html#results" if request.htmx else "web/citizen_search.html"
    return render(request, template, {"query": query, "citizens": citizens})


def citizen_detail(request: HttpRequest, citizen_id: int) -> HttpResponse:
    page = selectors.citizen_page_for_user(user=request.user, citizen_id=citizen_id)
    corrections = selectors.corrections_for_citizen(citizen=page.citizen)
    return render(
        request,
        "web/citizen.html",
        {"page": page, "citizen": page.citizen, "corrections": corrections},
    )


@sensitive_post_parameters("cpr")
def citizen_create(request: HttpRequest) -> HttpResponse:
    form = CitizenForm(request.POST or None, user=request.user)
    if not form.municipalities:
        raise AccessDenied(
            "Du har ikke adgang til at registrere en borger. Det kræver rollen rådgiver."
        )
    response = submit(
        request,
        form,
        lambda kwargs: services.citizen_register(user=request.user, **kwargs),
        success=lambda citizen: _warned(request, citizen, reverse("citizen", args=[citizen.pk])),
        message="Borgeren er registreret.",
    )
    return response or render_form(
        request,
        {"title": "Registrér borger", "form": form, "back_url": reverse("citizen-search")},
    )


def application_create(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = selectors.citizen_read_for_user(
        user=request.user, citizen_id=citizen_id, page="application_register"
    )
    actions.action("application_register").require(request.user, citizen.municipality_id)
    form = ApplicationForm(request.POST or None, user=request.user, citizen=citizen)
    response = submit(
        request,
        form,
        lambda kwargs: services.application_register(user=request.user, citizen=citizen, **kwargs),
        success=lambda case: reverse("case", args=[case.pk]),
        message="Ansøgningen er registreret, og fristen for afgørelsen løber.",
    )
    return response or render_form(
        request,
        {
            "title": f"Registrér ansøgning for {citizen}",
            "form": form,
            "back_url": reverse("citizen", args=[citizen.pk]),
        },
    )


@sensitive_post_parameters("cpr")
def representative_create(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = selectors.citizen_read_for_user(
        user=request.user, citizen_id=citizen_id, page="representative_register"
    )
    actions.action("representative_register").require(request.user, citizen.municipality_id)
    form = RepresentativeForm(request.POST or None, user=request.user, citizen=citizen)
    response = submit(
        request,
        form,
        lambda kwargs: services.representative_register(
            user=request.user, citizen=citizen, **kwargs
        ),
        success=lambda _: reverse("citizen", args=[citizen.pk]),
        message="Repræsentanten er registreret.",
    )
    return response or render_form(
        request,
        {
            "title": f"Registrér repræsentant for {citizen}",
            "form": form,
            "back_url": reverse("citizen", args=[citizen.pk]),
        },
    )


@sensitive_post_parameters("cpr")
def citizen_correct(request: HttpRequest, citizen_id: int) -> HttpResponse:
    """Correct the citizen's data with a reason (issue 17, item 1); the deadlines the
    correction moved are shown with the success message."""
    citizen = selectors.citizen_read_for_user(
        user=request.user, citizen_id=citizen_id, page="citizen_correct"
    )
    actions.action("citizen_correct").require(request.user, citizen.municipality_id)
    form = CitizenCorrectForm(request.POST or None, user=request.user, citizen=citizen)
    url = reverse("citizen", args=[citizen.pk])
    response = submit(
        request,
        form,
        lambda kwargs: services.citizen_correct(user=request.user, citizen=citizen, **kwargs),
        success=lambda correction: _warned(request, correction, url),
        message="Borgerens oplysninger er rettet.",
    )
    return response or render_form(
        request, {"title": f"Ret oplysninger om {citizen}", "form": form, "back_url": url}
    )


@sensitive_post_parameters("cpr")
def representative_correct(
    request: HttpRequest, citizen_id: int, representative_id: int
) -> HttpResponse:
    """Correct a representative and their consent with a reason (issue 17, item 1)."""
    representative = selectors.representative_get_for_user(
        user=request.user, citizen_id=citizen_id, representative_id=representative_id
    )
    citizen = representative.citizen
    actions.action("representative_correct").require(request.user, citizen.municipality_id)
    form = RepresentativeCorrectForm(
        request.POST or None, user=request.user, citizen=citizen, representative=representative
    )
    url = reverse("citizen", args=[citizen.pk])
    response = submit(
        request,
        form,
        lambda kwargs: services.representative_correct(
            user=request.user, representative=representative, **kwargs
        ),
        success=lambda _: url,
        message="Repræsentanten er rettet.",
    )
    return response or render_form(
        request,
        {"title": f"Ret {representative} for {citizen}", "form": form, "back_url": url},
    )


@sensitive_variables("result")
def _warned(request: HttpRequest, result: object, url: str) -> str:
    """What the caseworker should check (an implausible age) and the deadlines a
    correction moved, beside the success message."""
    for warning in getattr(result, "warnings", ()):
        messages.warning(request, warning)
    for moved in getattr(result, "deadlines", ()):
        messages.info(request, f"Frist beregnet igen: {moved}.")
    return url

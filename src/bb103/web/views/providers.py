from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bb103.cases import selectors


def provider_list(request: HttpRequest) -> HttpResponse:
    """The providers and their offers, with occupied and free places."""
    providers = selectors.provider_overview_for_user(user=request.user)
    return render(request, "web/providers.html", {"providers": providers})

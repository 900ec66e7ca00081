"""Who is in Min sag: a request whose user logged in through the portal (MitID, or the
development login). Such a user reaches only ``/min-sag/`` (and the static files and the
public pages); staff never reach Min sag as a citizen."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.debug import sensitive_variables

from bb103.cases.request_context import origin
from bb103.cases.services.citizens import normalise_cpr
from bb103.web.request_origin import client_ip

SESSION_FLAG = "bb103_portal"
# The CPR number the login was made with (MitID's, or the development login's), kept in the
# server-side session only, to register the person if they apply and are not known yet.
# Never logged, never shown; Django's logout flushes the session, and it with it.
SESSION_CPR = "bb103_portal_cpr"
PREFIX = "/min-sag/"


@sensitive_variables("cpr")
def portal_session_start(request: HttpRequest, cpr: str) -> None:
    """Mark the (just logged-in) session as Min sag's, with the person's CPR number."""
    request.session[SESSION_FLAG] = True
    if cpr:
        request.session[SESSION_CPR] = normalise_cpr(cpr)
    else:
        request.session.pop(SESSION_CPR, None)


def portal_session_cpr(request: HttpRequest) -> str:
    """The CPR number the login was made with ("" if the session has none)."""
    return str(request.session.get(SESSION_CPR) or "")


def in_portal(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated and request.session.get(SESSION_FLAG))


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of Min sag: only for a portal login (else to the portal's login page), and
    every change and read it causes is logged with the channel "borger"."""

    @login_not_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not in_portal(request):
            return redirect("portal-login")
        request.portal_user = True  # type: ignore[attr-defined]
        with origin(client_ip(request), "borger"):
            return view(request, *args, **kwargs)

    return wrapped


class PortalOnlyMiddleware:
    """A portal login stays in Min sag: any other page of the case system sends it home.
    Its user has no memberships, so the staff's pages would show it nothing anyway; this
    makes it say so plainly instead of a 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        static = settings.STATIC_URL
        self.open = (PREFIX, static if static.startswith("/") else "/" + static)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if in_portal(request) and not request.path.startswith(self.open):
            return redirect("portal-home")
        return self.get_response(request)

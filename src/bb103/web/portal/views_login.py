"""Logging in to and out of Min sag: MitID through NemLog-in, or, outside production only,
a development login that picks a demo citizen (issue 19, point 1)."""

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_POST

from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.selectors.portal import dev_login_citizens, dev_login_representatives
from bb103.cases.services.portal import portal_login_user
from bb103.web.demo_correct import REPRESENTATIVE_CPRS
from bb103.web.portal.access import in_portal, portal_session_start
from bb103.web.portal.nemlogin import enabled as nemlogin_enabled

_BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_not_required
def portal_login(request: HttpRequest) -> HttpResponse:
    if in_portal(request):
        return redirect("portal-home")
    return render(
        request,
        "portal/login.html",
        {
            "mitid": nemlogin_enabled(),
            "dev_login": settings.BB103_CITIZEN_DEV_LOGIN,
            "failed": request.GET.get("fejl") == "mitid",
        },
    )


@login_not_required
@sensitive_variables("cpr")
def portal_dev_login(request: HttpRequest) -> HttpResponse:
    """Pick a demo citizen and be logged in as them, without MitID. Only with the
    development settings on; production refuses to start with it (production.py)."""
    if not settings.BB103_CITIZEN_DEV_LOGIN:
        raise Http404("Findes ikke.")
    people = {f"c{c.pk}": c for c in dev_login_citizens()}
    # The demo's representatives by the CPR numbers the demo gave them (as MitID would).
    known = {cpr_search_key(cpr): cpr for cpr in REPRESENTATIVE_CPRS}
    helpers = {f"r{r.pk}": r for r in dev_login_representatives(keys=known)}
    if request.method == "POST":
        chosen = request.POST.get("person", "")
        cpr = None
        if chosen in people:
            cpr = people[chosen].cpr
        elif chosen in helpers:
            cpr = known[helpers[chosen].cpr_key]
        if cpr is not None:
            logout(request)
            login(request, portal_login_user(cpr=cpr), backend=_BACKEND)
            portal_session_start(request, cpr)
            return redirect("portal-home")
    return render(
        request,
        "portal/dev_login.html",
        {"people": people.items(), "helpers": helpers.items()},
    )


@login_not_required
@require_POST
def portal_logout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal-login")

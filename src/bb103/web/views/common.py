"""Shared by the views: run a form through its service, answer htmx with a partial."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from bb103.cases.errors import CaseError
from bb103.web.forms.base import StepForm


def submit(
    request: HttpRequest,
    form: StepForm,
    call: Callable[[dict[str, Any]], Any],
    *,
    success: Callable[[Any], str],
    message: str,
) -> HttpResponse | None:
    """On a valid POST, call the service; on success redirect (htmx: a client redirect).
    A CaseError lands on the form next to its field; AccessDenied becomes HTTP 403."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(form.service_kwargs())
    except CaseError as exc:
        form.add_service_error(exc)
        return None
    messages.success(request, message)
    url = success(result)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


def render_form(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    """The whole form page, or only its form partial when htmx asks (errors in place)."""
    template = "web/form_page.html"
    if getattr(request, "htmx", False):
        template += "#form"
    # Errors keep status 200: htmx swaps only successful responses by default.
    return render(request, template, context)


def local_path(request: HttpRequest, target: str) -> str:
    """``target`` if it is a path on this site ("/..."), else "": a posted ``next`` is the
    client's own claim. A bare word would be taken by ``redirect`` for a URL name (a server
    error), and a control character does not belong in a Location header."""
    if not target.startswith("/") or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return ""
    return target

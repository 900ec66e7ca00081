"""Confirming a one-time code after the password, and enrolling an authenticator app."""

import segno
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user
from django_otp import login as otp_login

from bb103.cases.services.audit import audit_security_event
from bb103.cases.services.second_factor import (
    enrolment_code_redeem,
    totp_device_confirm,
    totp_device_for_enrolment,
)
from bb103.web.second_factor import OIDC_BACKEND
from bb103.web.views.common import local_path

# The user whose enrolment code this session has accepted (issue 14, point 6).
_ENROLMENT_ALLOWED = "bb103_enrolment_code_accepted"


class CodeForm(forms.Form):
    code = forms.RegexField(
        label="Engangskode",
        regex=r"^\s*[0-9]{6}\s*$",
        error_messages={
            "required": "Skriv den 6-cifrede kode fra din app.",
            "invalid": "Koden er 6 cifre, fx 123456.",
        },
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label="Tilknytningskode",
        max_length=40,
        help_text="Koden på 12 tegn, du har fået af din administrator, fx ABCD-EFGH-JKLM.",
        error_messages={"required": "Skriv den tilknytningskode, du har fået."},
    )


def _next(request: HttpRequest) -> str:
    return local_path(request, request.POST.get("next") or request.GET.get("next") or "") or "/"


def second_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the code; a user without a confirmed device enrols one first."""
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('second-factor-setup')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        for device in devices:
            if device.verify_token(code):
                otp_login(request, device)
                return redirect(_next(request))
        form.add_error("code", "Koden passer ikke. Prøv igen med den kode, appen viser nu.")
        audit_security_event(request=request, action="second_factor_failed")
    return render(
        request, "registration/second_factor.html", {"form": form, "next": _next(request)}
    )


def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show a new device's key as a QR code and as text; a correct code confirms it."""
    if any(devices_for_user(request.user, confirmed=True)):
        return redirect(f"{reverse('second-factor')}?{urlencode({'next': _next(request)})}")
    if not _enrolment_allowed(request):
        return _enrolment_code(request)
    device = totp_device_for_enrolment(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device=device, code=form.cleaned_data["code"].strip()):
            otp_login(request, device)
            request.session.pop(_ENROLMENT_ALLOWED, None)
            audit_security_event(request=request, action="second_factor_enrolled")
            messages.success(request, "Din godkendelsesapp er nu tilknyttet.")
            return redirect(_next(request))
        form.add_error("code", "Koden passer ikke. Tjek, at telefonens ur går rigtigt.")
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title="QR-kode til godkendelsesappen"
    )
    secret = _base32(device.bin_key)
    return render(
        request,
        "registration/second_factor_setup.html",
        {"form": form, "qr": qr, "secret": secret, "next": _next(request)},
    )


def _enrolment_allowed(request: HttpRequest) -> bool:
    """A password alone does not let a user enrol a device: an administrator's one-time
    code must have been given in this session, unless the login came through the
    municipality's identity provider, which vouched for the person itself."""
    if request.session.get("_auth_user_backend") == OIDC_BACKEND:
        return True
    return request.session.get(_ENROLMENT_ALLOWED) == request.user.pk


def _enrolment_code(request: HttpRequest) -> HttpResponse:
    form = EnrolmentCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if enrolment_code_redeem(user=request.user, code=form.cleaned_data["enrolment_code"]):
            request.session[_ENROLMENT_ALLOWED] = request.user.pk
            return redirect(
                f"{reverse('second-factor-setup')}?{urlencode({'next': _next(request)})}"
            )
        form.add_error(
            "enrolment_code",
            "Koden passer ikke, eller den er brugt eller udløbet. Bed din administrator om en ny.",
        )
        audit_security_event(request=request, action="enrolment_code_failed")
    return render(
        request,
        "registration/second_factor_enrolment_code.html",
        {"form": form, "next": _next(request)},
    )


def _base32(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))

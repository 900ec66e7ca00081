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
from bb103.cases.services.second_factor import totp_device_confirm, totp_device_for_enrolment
from bb103.web.views.common import local_path


class CodeForm(forms.Form):
    code = forms.RegexField(
        label="Engangskode",
        regex=r"^\s*[0-9]{6}\s*$",
        error_messages={
            "required": "Skriv den 6-cifrede kode fra din app.",
            "invalid": "Koden er 6 cifre, fx 123456.",
        },
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
    device = totp_device_for_enrolment(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_device_confirm(device=device, code=form.cleaned_data["code"].strip()):
            otp_login(request, device)
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


def _base32(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))

"""The second factor for staff: after the password, a one-time code from an authenticator
app (TOTP, django-otp). With ``BB103_REQUIRE_OTP`` on, a logged-in user whose session is not
verified reaches only the pages that verify it (or enrol a device) and logging out.

A login through the municipality's own identity provider counts as verified when
``BB103_OIDC_COUNTS_AS_SECOND_FACTOR`` is on: the IdP then carries the second factor.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

OIDC_BACKEND = "bb103.web.portal.nemlogin.StaffOIDCBackend"
_OPEN_URL_NAMES = ("login", "logout", "second-factor", "second-factor-setup")


def session_verified(request: HttpRequest) -> bool:
    user = request.user
    # Min sag's logins are MitID's (two factors of their own) or the development login.
    if request.session.get("bb103_portal"):
        return True
    if getattr(user, "is_verified", lambda: False)():
        return True
    return bool(
        getattr(settings, "BB103_OIDC_COUNTS_AS_SECOND_FACTOR", False)
        and request.session.get("_auth_user_backend") == OIDC_BACKEND
    )


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            getattr(settings, "BB103_REQUIRE_OTP", False)
            and request.user.is_authenticated
            and not session_verified(request)
            and not self._open(request)
        ):
            return redirect(f"{reverse('second-factor')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        match = request.resolver_match
        if match is None:
            from django.urls import Resolver404, resolve

            try:
                match = resolve(request.path_info)
            except Resolver404:
                return False
        return match.url_name in _OPEN_URL_NAMES or request.path.startswith(
            settings.STATIC_URL
            if settings.STATIC_URL.startswith("/")
            else "/" + settings.STATIC_URL
        )

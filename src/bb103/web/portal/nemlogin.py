"""Logging in to Min sag with MitID through NemLog-in's OpenID Connect broker (issue 19).

The municipality registers BB103 as a service provider at NemLog-in and sets
``BB103_NEMLOGIN_CLIENT_ID``, ``BB103_NEMLOGIN_CLIENT_SECRET``, ``BB103_NEMLOGIN_ISSUER``
(and, where they are not below the issuer, ``BB103_NEMLOGIN_*_ENDPOINT``). The broker's ID
token carries the person's CPR number (claim ``BB103_NEMLOGIN_CPR_CLAIM``, by default the
OIO claim ``https://data.gov.dk/model/core/eid/cprNumber``); it is never typed. The staff's
own OIDC (bb103.site.oidc) is a second, separate configuration of the same library, and each
backend answers only on its own side's callback, so neither tries the other's code."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.views.decorators.debug import sensitive_variables
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from bb103.cases.models import User
from bb103.cases.services.portal import portal_login_user
from bb103.web.portal.access import PREFIX, portal_session_start


def enabled() -> bool:
    return bool(getattr(settings, "BB103_NEMLOGIN", {}))


def nemlogin_setting(attr: str, *default: Any) -> Any:
    """NemLog-in's own value of a mozilla-django-oidc setting, else the shared one."""
    own = getattr(settings, "BB103_NEMLOGIN", {})
    if attr in own:
        return own[attr]
    return import_from_settings(attr, *default)


class NemLogInBackend(OIDCAuthenticationBackend):
    """Authenticates on Min sag's callback only; the user is the person with the CPR number
    of the broker's token (services.portal_login_user)."""

    get_settings = staticmethod(nemlogin_setting)

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        if request is None or not request.path.startswith(PREFIX) or not enabled():
            return None
        return super().authenticate(request, **kwargs)  # type: ignore[no-any-return]

    @sensitive_variables("claims")
    def get_or_create_user(self, access_token: str, id_token: str, payload: dict) -> User:  # type: ignore[type-arg]
        claims = {**payload, **(self.get_userinfo(access_token, id_token, payload) or {})}
        user = user_from_claims(claims)
        # Kept on this request until the login is made (the callback then puts it in the
        # new session: logging in may flush the session it had before).
        self.request.bb103_portal_cpr = cpr_from_claims(claims)
        return user


@sensitive_variables("claims", "cpr")
def cpr_from_claims(claims: Mapping[str, Any]) -> str:
    cpr = claims.get(settings.BB103_NEMLOGIN_CPR_CLAIM)
    if not isinstance(cpr, str) or not cpr.strip():
        # A login without a CPR number (a business MitID) has no Min sag.
        raise SuspiciousOperation("NemLog-in gave no CPR number")
    return cpr


@sensitive_variables("claims")
def user_from_claims(claims: Mapping[str, Any]) -> User:
    return portal_login_user(cpr=cpr_from_claims(claims))


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """The staff's SSO (bb103.site.oidc), which never answers on Min sag's callback."""

    def authenticate(self, request: Any, **kwargs: Any) -> User | None:
        if request is not None and request.path.startswith(PREFIX):
            return None
        return super().authenticate(request, **kwargs)  # type: ignore[no-any-return]


class NemLogInRequestView(OIDCAuthenticationRequestView):
    get_settings = staticmethod(nemlogin_setting)


class NemLogInCallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(nemlogin_setting)

    def login_success(self) -> Any:
        response = super().login_success()
        portal_session_start(self.request, getattr(self.request, "bb103_portal_cpr", ""))
        return response


def _only_when_set_up(view: Any) -> Any:
    """The MitID pages exist only where NemLog-in is set up (else 404, not a crash)."""

    @login_not_required
    def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
        if not enabled():
            raise Http404("MitID er ikke sat op.")
        return view(request, *args, **kwargs)

    return wrapped


mitid_start = _only_when_set_up(NemLogInRequestView.as_view())
mitid_callback = _only_when_set_up(NemLogInCallbackView.as_view())

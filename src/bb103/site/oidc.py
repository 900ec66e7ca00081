"""Settings for logging in through the municipality's OpenID Connect identity provider
(mozilla-django-oidc), taken from the environment so an installation switches to its SSO
without a code change.

- ``BB103_OIDC_CLIENT_ID``, ``BB103_OIDC_CLIENT_SECRET``: the client registered at the IdP.
- ``BB103_OIDC_ISSUER``: the IdP's base URL; the standard endpoints below it are used unless
  ``BB103_OIDC_AUTHORIZATION_ENDPOINT``, ``..._TOKEN_ENDPOINT``, ``..._USER_ENDPOINT`` and
  ``..._JWKS_ENDPOINT`` say otherwise.
- ``BB103_OIDC_SIGN_ALGO``: ``RS256`` unless set.

Without a client id, nothing of this is installed and users log in with a password. Users
are not created on first login (``OIDC_CREATE_USER = False``): an administrator creates the
user and its roles, and the IdP's ``preferred_username``/e-mail must match it.
"""

from collections.abc import Mapping
from typing import Any


def enabled(env: Mapping[str, str] | None = None) -> bool:
    import os

    env = os.environ if env is None else env
    return bool(env.get("BB103_OIDC_CLIENT_ID", "").strip())


def installed_apps() -> list[str]:
    return ["mozilla_django_oidc"] if enabled() else []


def authentication_backends() -> list[str]:
    # The library's backend, told to leave Min sag's callback to NemLog-in's (issue 19).
    return ["bb103.web.portal.nemlogin.StaffOIDCBackend"] if enabled() else []


def settings_from_env(env: Mapping[str, str]) -> dict[str, Any]:
    if not enabled(env):
        return {"BB103_OIDC_ENABLED": False}
    issuer = env.get("BB103_OIDC_ISSUER", "").rstrip("/")

    def endpoint(name: str, default_path: str) -> str:
        return env.get(f"BB103_OIDC_{name}_ENDPOINT", "") or f"{issuer}{default_path}"

    return {
        "BB103_OIDC_ENABLED": True,
        "OIDC_RP_CLIENT_ID": env["BB103_OIDC_CLIENT_ID"],
        "OIDC_RP_CLIENT_SECRET": env.get("BB103_OIDC_CLIENT_SECRET", ""),
        "OIDC_RP_SIGN_ALGO": env.get("BB103_OIDC_SIGN_ALGO", "RS256"),
        "OIDC_OP_AUTHORIZATION_ENDPOINT": endpoint("AUTHORIZATION", "/authorize"),
        "OIDC_OP_TOKEN_ENDPOINT": endpoint("TOKEN", "/token"),
        "OIDC_OP_USER_ENDPOINT": endpoint("USER", "/userinfo"),
        "OIDC_OP_JWKS_ENDPOINT": endpoint("JWKS", "/jwks"),
        "OIDC_RP_SCOPES": "openid email profile",
        "OIDC_CREATE_USER": False,
        # The IdP's own second factor counts as the staff's second factor.
        "BB103_OIDC_COUNTS_AS_SECOND_FACTOR": env.get("BB103_OIDC_MFA", "1") == "1",
    }


# Min sag (issue 19): the citizens' login with MitID through NemLog-in's OpenID Connect
# broker, a configuration of its own beside the staff's (bb103.web.portal.nemlogin).
CPR_CLAIM = "https://data.gov.dk/model/core/eid/cprNumber"


def nemlogin_settings_from_env(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """NemLog-in's settings, in mozilla-django-oidc's names; empty without a client id."""
    import os

    env = os.environ if env is None else env
    client_id = env.get("BB103_NEMLOGIN_CLIENT_ID", "").strip()
    if not client_id:
        return {}
    issuer = env.get("BB103_NEMLOGIN_ISSUER", "").rstrip("/")

    def endpoint(name: str, path: str) -> str:
        return env.get(f"BB103_NEMLOGIN_{name}_ENDPOINT", "") or f"{issuer}{path}"

    return {
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": env.get("BB103_NEMLOGIN_CLIENT_SECRET", ""),
        "OIDC_RP_SIGN_ALGO": env.get("BB103_NEMLOGIN_SIGN_ALGO", "RS256"),
        "OIDC_OP_AUTHORIZATION_ENDPOINT": endpoint("AUTHORIZATION", "/connect/authorize"),
        "OIDC_OP_TOKEN_ENDPOINT": endpoint("TOKEN", "/connect/token"),
        "OIDC_OP_USER_ENDPOINT": endpoint("USER", "/connect/userinfo"),
        "OIDC_OP_JWKS_ENDPOINT": endpoint("JWKS", "/.well-known/openid-configuration/jwks"),
        "OIDC_RP_SCOPES": "openid mitid",
        "OIDC_USE_PKCE": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "portal-nemlogin-callback",
        "LOGIN_REDIRECT_URL": "/min-sag/",
        "LOGIN_REDIRECT_URL_FAILURE": "/min-sag/log-ind/?fejl=mitid",
    }


def nemlogin_backends(env: Mapping[str, str] | None = None) -> list[str]:
    return ["bb103.web.portal.nemlogin.NemLogInBackend"] if nemlogin_settings_from_env(env) else []

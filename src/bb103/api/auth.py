"""A system client authenticates with its API key: ``Authorization: Bearer bb103_…``.

The request then acts as the client's own user (its memberships are the roles the
administrator gave it), so the actions and selectors need nothing new to know about it."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from bb103.cases import services
from bb103.cases.models import ApiClient, User


class ApiKeyAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiClient] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise AuthenticationFailed("Authorization: Bearer <key>")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed("key") from None
        client = services.api_key_authenticate(secret)
        if client is None:
            # The same answer for an unknown, an expired and a revoked key.
            raise AuthenticationFailed("key")
        return client.user, client

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) with WWW-Authenticate when no key is given.
        return f'{self.keyword} realm="bb103"'


class ApiKeyScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "bb103.api.auth.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "bb103_<id>_<hemmelighed>",
            "description": (
                "En systemklients API-nøgle, udstedt af kommunens administrator "
                "(bb103 manage api_client). / A system client's API key."
            ),
        }

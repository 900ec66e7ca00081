"""Fixtures for the API: two municipalities' staff (from the case system's fixtures), and
system clients registered by each municipality's administrator."""

import json
from types import SimpleNamespace

import pytest
from django.test import Client

from bb103.cases import services
from tests.cases.conftest import (  # noqa: F401  (fixtures)
    ballerup,
    citizen_of,
    lejre,
    municipalities,
    roskilde,
    vejen,
)


class ApiCaller:
    """A system client's calls: JSON in and out, its key on every request."""

    def __init__(self, secret: str, client=None) -> None:
        self.http = Client()
        self.secret = secret
        self.client = client

    def _headers(self, headers):
        return {"Authorization": f"Bearer {self.secret}", **(headers or {})}

    def get(self, path, headers=None, **params):
        return self.http.get(path, params, headers=self._headers(headers))

    def post(self, path, body=None, headers=None):
        return self.http.post(
            path,
            json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self._headers(headers),
        )


@pytest.fixture
def register_client():
    """``register_client(staff, *roles, provider=None)``: a client of ``staff``'s
    municipality registered by its administrator, as an ApiCaller."""

    def register(staff, *roles, provider=None, rate=10_000, name=None):
        issued = services.api_client_register(
            user=staff.admin,
            municipality=staff.municipality,
            name=name or f"System {'+'.join(roles)}",
            roles=roles,
            provider=provider,
            rate_per_minute=rate,
        )
        return ApiCaller(issued.secret, issued.client)

    return register


@pytest.fixture
def two(ballerup, roskilde, register_client):  # noqa: F811
    """Ballerup's and Roskilde's caseworker systems."""
    return SimpleNamespace(
        ballerup=ballerup,
        roskilde=roskilde,
        b=register_client(ballerup, "caseworker"),
        r=register_client(roskilde, "caseworker"),
    )

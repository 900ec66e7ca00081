"""Fixtures for Min sag: two municipalities' staff (the case system's fixtures) and a
logged-in portal client for a citizen."""

import pytest
from django.test import Client

from tests.cases.conftest import (  # noqa: F401  (fixtures)
    ballerup,
    citizen_of,
    municipalities,
    roskilde,
    vejen,
)


@pytest.fixture
def portal_login():
    """``portal_login(citizen)``: a browser session logged in to Min sag as that citizen
    through the development login (the way the demo and the tests log in)."""

    def login(citizen) -> Client:
        client = Client()
        response = client.post("/min-sag/log-ind/udvikling/", {"person": f"c{citizen.pk}"})
        assert response.status_code == 302, response.content[:300]
        return client

    return login

"""Fixtures for the screens: the case system's fixtures (at least two municipalities, each
with its own staff and offer) and a logged-in client per user."""

from datetime import date

import pytest
from django.test import Client

from bb103.cases.models import Role
from tests.cases.conftest import (
    ballerup,
    citizen_of,
    lejre,
    municipalities,
    roskilde,
    soenderborg,
    vejen,
)
from tests.cases.factories import assess, grant, heard, make_user, open_case, placed, reviewed

__all__ = ["ballerup", "citizen_of", "lejre", "municipalities", "roskilde", "soenderborg", "vejen"]


@pytest.fixture
def client_for():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def world(ballerup, vejen, citizen_of):
    """An active case in Ballerup (placed with Ballerup's offer) and a Vejen case reviewed
    by its visitation committee, plus Ballerup provider staff at that offer's provider."""
    b_case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, b_case)
    heard(ballerup.caseworker, b_case)
    grant(ballerup.caseworker, b_case, offer=ballerup.offer)
    placed(ballerup.caseworker, b_case, ballerup.offer)
    v_case = open_case(vejen.caseworker, citizen_of(vejen), received_on=date(2025, 3, 12))
    assess(vejen.caseworker, v_case)
    reviewed(vejen.committee, v_case)
    staff = make_user(
        "ballerup-kontakt", ballerup.municipality, Role.PROVIDER_STAFF, ballerup.offer.provider
    )
    return b_case, v_case, staff


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Password hashing is slow on purpose; the tests only need it to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

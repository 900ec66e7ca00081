"""Fixtures for the case system: every test has at least two municipalities, each with its
own caseworker, committee member, manager, administrator and offer."""

from types import SimpleNamespace

import pytest

from bb103.cases.models import Role
from bb103.cases.services import municipalities_sync
from tests.cases.factories import make_citizen, make_offer, make_user


@pytest.fixture
def municipalities(db):
    return {m.id: m for m in municipalities_sync()}


def _staff(municipalities, mid: str) -> SimpleNamespace:
    m = municipalities[mid]
    admin = make_user(f"{mid}-admin", m, Role.ADMINISTRATOR)
    return SimpleNamespace(
        municipality=m,
        caseworker=make_user(f"{mid}-raadgiver", m, Role.CASEWORKER),
        committee=make_user(f"{mid}-udvalg", m, Role.COMMITTEE_MEMBER),
        manager=make_user(f"{mid}-leder", m, Role.MANAGER),
        admin=admin,
        offer=make_offer(admin, m),
    )


@pytest.fixture
def ballerup(municipalities):
    return _staff(municipalities, "ballerup")


@pytest.fixture
def vejen(municipalities):
    return _staff(municipalities, "vejen")


@pytest.fixture
def roskilde(municipalities):
    return _staff(municipalities, "roskilde")


@pytest.fixture
def lejre(municipalities):
    return _staff(municipalities, "lejre")


@pytest.fixture
def soenderborg(municipalities):
    return _staff(municipalities, "soenderborg")


@pytest.fixture
def citizen_of():
    def make(staff, **kwargs):
        return make_citizen(staff.caseworker, staff.municipality, **kwargs)

    return make

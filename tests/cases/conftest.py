"""Fixtures for the case system: every test has at least two municipalities, each with its
own caseworker, committee member, manager, administrator and offer."""

from types import SimpleNamespace

import pytest

from bb103.cases.models import Membership, Offer, Provider, ProviderKind, Role, TargetGroup, User
from bb103.cases.services import municipalities_sync
from bb103.cases.services.validation import fictitious_cvr
from tests.cases.factories import _serial, make_citizen


@pytest.fixture
def municipalities(db):
    return {m.id: m for m in municipalities_sync()}


_ROLES = {
    "caseworker": ("raadgiver", Role.CASEWORKER),
    "committee": ("udvalg", Role.COMMITTEE_MEMBER),
    "manager": ("leder", Role.MANAGER),
    "admin": ("admin", Role.ADMINISTRATOR),
}


def _staff(municipalities, mid: str, *, socialtilsyn_approved: bool = False) -> SimpleNamespace:
    """The municipality's caseworker, committee member, manager and administrator, and an
    offer of its own, written in a handful of queries (every test of the case system makes
    two or more of these; the services that register users and offers are tested in their
    own tests)."""
    m = municipalities[mid]
    names = {key: f"{mid}-{suffix}" for key, (suffix, _) in _ROLES.items()}
    User.objects.bulk_create([User(username=n) for n in names.values()], ignore_conflicts=True)
    users = {u.username: u for u in User.objects.filter(username__in=names.values())}
    Membership.objects.bulk_create(
        [
            Membership(user=users[names[key]], municipality=m, role=role)
            for key, (_, role) in _ROLES.items()
        ]
    )
    n = next(_serial)
    provider = Provider.objects.create(
        municipality=m,
        name=f"Værkstedet {n}",
        kind=ProviderKind.OWN_MUNICIPAL,
        cvr=fictitious_cvr(n),
    )
    offer = Offer.objects.create(
        provider=provider,
        name="Montage og pakkeri",
        tilbudsportalen_id="TP-1001",
        socialtilsyn_approved=socialtilsyn_approved,
        target_groups=[TargetGroup.HANDICAP],
        section_103=True,
        collective_agreement="industriens_overenskomst",
    )
    return SimpleNamespace(
        municipality=m, offer=offer, **{key: users[name] for key, name in names.items()}
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

"""Min sag's login (issue 19, point 1): the development login only with the development
settings, production refuses it; a portal login reaches only Min sag, and only its own
cases; MitID's CPR number comes from the broker's claim."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client

from bb103.cases.models import PortalIdentity
from tests.cases.factories import open_case


def test_a_citizen_logs_in_and_sees_only_their_own_cases(ballerup, citizen_of, portal_login):
    mine, theirs = citizen_of(ballerup), citizen_of(ballerup)
    my_case, their_case = (
        open_case(ballerup.caseworker, mine),
        open_case(ballerup.caseworker, theirs),
    )
    portal = portal_login(mine)
    home = portal.get("/min-sag/")
    assert home.status_code == 200
    assert f"Sag {my_case.pk}" in home.content.decode()
    assert f"Sag {their_case.pk}" not in home.content.decode()
    # The CPR number is kept as its keyed hash only.
    assert PortalIdentity.objects.get().cpr_key == mine.cpr_key


def test_a_portal_login_reaches_no_staff_page(ballerup, citizen_of, portal_login):
    portal = portal_login(citizen_of(ballerup))
    for path in ("/", "/sager/1/", "/api/v1/cases", "/borgere/1/"):
        response = portal.get(path)
        assert response.status_code in (302, 401), path
        if response.status_code == 302:
            assert response["Location"] == "/min-sag/"


def test_staff_are_not_in_min_sag(ballerup):
    staff = Client()
    staff.force_login(ballerup.caseworker)
    response = staff.get("/min-sag/")
    assert response.status_code == 302 and response["Location"] == "/min-sag/log-ind/"


def test_the_development_login_is_gone_without_the_development_settings(
    ballerup, citizen_of, settings
):
    settings.BB103_CITIZEN_DEV_LOGIN = False
    response = Client().post("/min-sag/log-ind/udvikling/", {"person": "c1"})
    assert response.status_code == 404


def test_production_settings_refuse_the_development_login(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("BB103_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("BB103_CPR_HASH_KEY", "9f2c4e7a1b8d3f6e0a5c2b9d8e7f1a3c4b6d8e0f2a4c6e8b")
    monkeypatch.setenv("BB103_CITIZEN_DEV_LOGIN", "1")
    sys.modules.pop("bb103.site.production", None)
    with pytest.raises(ImproperlyConfigured, match="BB103_CITIZEN_DEV_LOGIN"):
        importlib.import_module("bb103.site.production")
    sys.modules.pop("bb103.site.production", None)


def test_mitid_gives_the_cpr_number_in_its_claim_and_a_login_without_one_is_refused(
    ballerup, citizen_of
):
    from bb103.web.portal.nemlogin import user_from_claims

    citizen = citizen_of(ballerup)
    claim = "https://data.gov.dk/model/core/eid/cprNumber"
    user = user_from_claims({claim: citizen.cpr.replace("-", "")})
    assert user.portal_identity.cpr_key == citizen.cpr_key
    assert user_from_claims({claim: citizen.cpr}) == user  # the same person next time
    with pytest.raises(SuspiciousOperation):
        user_from_claims({"sub": "virksomhed"})


def test_the_login_pages_are_plain_danish(ballerup, citizen_of, portal_login):
    """Issue 19: LIX ≤ 40 on every portal page (here: logging in, and Mine sager)."""
    from tests.portal.readability import assert_readable

    citizen = citizen_of(ballerup)
    open_case(ballerup.caseworker, citizen)
    assert_readable(Client().get("/min-sag/log-ind/").content.decode(), "/min-sag/log-ind/")
    portal = portal_login(citizen)
    assert_readable(portal.get("/min-sag/").content.decode(), "/min-sag/")

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


# A file the attachment rules take as PDF (its first bytes), for uploads in the tests.
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def case_in_hearing_now(staff, citizen):
    """A case of ``citizen`` whose partshøring was sent three days ago with 14 days to
    answer (Forvaltningsloven § 19): the citizen may answer it in Min sag today."""
    from datetime import timedelta

    from django.utils import timezone

    from bb103.cases import services
    from tests.cases.factories import assess, draft, open_case

    today = timezone.localdate()
    case = open_case(staff.caseworker, citizen, received_on=today - timedelta(days=10))
    assess(staff.caseworker, case, on=today - timedelta(days=5))
    draft(staff.caseworker, case, on=today - timedelta(days=4))
    services.party_hearing_send(
        user=staff.caseworker, case=case, sent_on=today - timedelta(days=3), days=14
    )
    case.refresh_from_db()
    return case

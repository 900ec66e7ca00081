"""Issue 17, item 1, on screen: the citizen page links to the correction of the citizen and
of each representative; the forms are prefilled, need a reason, and show what the
correction moved and what to check (a CPR number that makes the citizen over 100)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases import services
from bb103.cases.models import AuditEntry, Representative
from tests.cases.factories import assess, grant, heard, open_case, placed

pytestmark = pytest.mark.django_db


def test_citizen_correction_page_prefills_and_needs_a_reason(client_for, ballerup, citizen_of):
    citizen = citizen_of(ballerup)
    client = client_for(ballerup.caseworker)
    url = reverse("citizen-correct", args=[citizen.pk])
    assert url in client.get(reverse("citizen", args=[citizen.pk])).text
    page = client.get(url)
    assert page.status_code == 200 and f'value="{citizen.first_name}"' in page.text
    # The CPR number is not put in the page; it is typed only to correct it.
    assert citizen.cpr not in page.text
    data = {
        "first_name": citizen.first_name,
        "last_name": citizen.last_name,
        "living_situation": "with_family",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and 'id="id_reason_error"' in refused.text
    done = client.post(url, {**data, "reason": "Borgeren bor hos sine forældre."}, follow=True)
    assert done.status_code == 200 and "Borgerens oplysninger er rettet." in done.text
    citizen.refresh_from_db()
    assert citizen.living_situation == "with_family"
    # The citizen page lists the correction, old and new, and the reason.
    assert "Rettede oplysninger" in done.text
    assert "Boform fra »Egen bolig« til »Hos familien«" in done.text


def test_a_cpr_correction_shows_the_moved_pension_date(client_for, ballerup, citizen_of):
    citizen = citizen_of(ballerup, birth=date(1990, 5, 17))
    case = open_case(ballerup.caseworker, citizen)
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    placed(ballerup.caseworker, case, ballerup.offer)
    client = client_for(ballerup.caseworker)
    response = client.post(
        reverse("citizen-correct", args=[citizen.pk]),
        {
            "cpr": "0101001234",
            "first_name": citizen.first_name,
            "last_name": citizen.last_name,
            "living_situation": citizen.living_situation,
            "reason": "CPR-nummeret var tastet forkert.",
        },
        follow=True,
    )
    assert "Frist beregnet igen" in response.text and f"Sag {case.pk}" in response.text
    assert "1. januar 1900" in response.text  # the warning: over 100 years old


def test_registration_shows_the_age_warning(client_for, ballerup):
    response = client_for(ballerup.caseworker).post(
        reverse("citizen-create"),
        {"cpr": "010100-1234", "first_name": "Meget", "last_name": "Gammel"},
        follow=True,
    )
    # Born 1 January 1900 (CPR's century digit): as old as the year is past 1900.
    age = timezone.localdate().year - 1900
    assert "Borgeren er registreret." in response.text and f"{age} år" in response.text


def test_registration_refuses_a_cpr_number_born_in_the_future(client_for, ballerup):
    response = client_for(ballerup.caseworker).post(
        reverse("citizen-create"),
        {"cpr": "010130-4000", "first_name": "Fremtidig", "last_name": "Borger"},
    )
    assert 'id="id_cpr_error"' in response.text and "2030" in response.text


def test_representative_correction_through_its_form(client_for, ballerup, vejen, citizen_of):
    citizen = citizen_of(ballerup)
    rep = services.representative_register(
        user=ballerup.caseworker, citizen=citizen, name="Ole Værgesen", relation="guardian"
    )
    url = reverse("representative-correct", args=[citizen.pk, rep.pk])
    client = client_for(ballerup.caseworker)
    assert url in client.get(reverse("citizen", args=[citizen.pk])).text
    assert 'value="Ole Værgesen"' in client.get(url).text
    response = client.post(
        url,
        {
            "name": "Ole Værgesen",
            "relation": "guardian",
            "consent_given_on": "2024-09-02",
            "receives_letters": "on",
            "reason": "Værgemålet er fra 2. september 2024.",
        },
        follow=True,
    )
    assert "Repræsentanten er rettet." in response.text and "får kopi af breve" in response.text
    rep.refresh_from_db()
    assert rep.receives_letters and rep.consent_given_on == date(2024, 9, 2)
    assert AuditEntry.objects.filter(action="representative_correct").count() == 1
    # Another citizen's id with this representative is not found, nor is Vejen's.
    other = citizen_of(ballerup)
    assert client.get(reverse("representative-correct", args=[other.pk, rep.pk])).status_code == 404
    assert client_for(vejen.caseworker).get(url).status_code == 404
    assert Representative.objects.get(pk=rep.pk).name == "Ole Værgesen"


def test_the_case_history_reads_the_correction_from_its_row(client_for, ballerup, citizen_of):
    """Issue 17, item 1, and GDPR art. 5, stk. 1, litra e: the case page's history shows
    which facts of the assessment were corrected and why; the reason comes from the
    Correction row (anonymised with the citizen), not from the append-only audit entry."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    reason = "Jobcentret har oplyst, at borgeren kan arbejde på normale vilkår."
    services.assessment_correct(
        user=ballerup.caseworker, case=case, reason=reason, can_work_on_normal_terms=True
    )
    entry = AuditEntry.objects.get(action="assessment_correct")
    assert reason not in str(entry.details)
    page = client_for(ballerup.caseworker).get(reverse("case", args=[case.pk]))
    assert "Udredning rettet" in page.text
    assert "Rettet: kan opnå eller fastholde beskæftigelse på normale vilkår." in page.text
    assert f"Begrundelse: {reason}" in page.text

"""The caseworker records a representative's access to Min sag (issue 19, point 6): the
CPR number is typed once, kept only as its keyed search hash, never shown back, and not
written to the audit trail; access needs a recorded consent."""

from datetime import date

from django.test import Client
from django.urls import reverse

from bb103.cases import services
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.models import AuditEntry, Correction, Representative
from tests.cases.factories import fictitious_cpr


def staff_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_form_keeps_the_representatives_cpr_number_only_as_its_search_key(
    ballerup, vejen, citizen_of
):
    citizen = citizen_of(ballerup)
    cpr = fictitious_cpr(date(1968, 6, 7))
    client = staff_client(ballerup.caseworker)
    url = reverse("representative-create", args=[citizen.pk])
    form = {"name": "Ole Værgesen", "relation": "guardian", "cpr": cpr, "portal_access": "read"}
    # No consent recorded: no access to Min sag, said on the field, and the number typed
    # is not put back in the page.
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "Adgang til Min sag kræver et samtykke" in refused.text
    assert cpr not in refused.text and cpr.replace("-", "") not in refused.text
    assert not Representative.objects.exists()
    response = client.post(url, {**form, "consent_given_on": "2024-09-02"})
    assert response.status_code == 302
    rep = Representative.objects.get()
    assert rep.cpr_key == cpr_search_key(cpr) and rep.portal_access == "read"
    for value in Representative.objects.filter(pk=rep.pk).values().first().values():
        assert cpr not in str(value)
    entry = AuditEntry.objects.get(action="representative_register")
    assert cpr not in str(entry.details) and rep.cpr_key not in str(entry.details)
    # Nor does the correction form show it; it says one is recorded.
    correct = reverse("representative-correct", args=[citizen.pk, rep.pk])
    page = client.get(correct).text
    assert cpr not in page and "Der er registreret et CPR-nummer til Min sag" in page


def test_a_bad_cpr_number_is_named_on_its_field(ballerup, citizen_of):
    citizen = citizen_of(ballerup)
    client = staff_client(ballerup.caseworker)
    url = reverse("representative-create", args=[citizen.pk])
    response = client.post(
        url, {"name": "Ole", "relation": "guardian", "cpr": "12345", "portal_access": "none"}
    )
    assert response.status_code == 200
    assert "CPR-nummeret skal være 10 cifre" in response.text
    assert 'value="12345"' not in response.text


def test_correcting_the_access_and_the_cpr_number_records_that_it_changed_not_the_number(
    ballerup, citizen_of
):
    citizen = citizen_of(ballerup)
    rep = services.representative_register(
        user=ballerup.caseworker,
        citizen=citizen,
        name="Ole Værgesen",
        relation="guardian",
        consent_given_on=date(2024, 1, 1),
    )
    cpr = fictitious_cpr(date(1969, 3, 4))
    services.representative_correct(
        user=ballerup.caseworker,
        representative=rep,
        reason="Værgen skal kunne følge sagen i Min sag.",
        name="Ole Værgesen",
        relation="guardian",
        consent_given_on=date(2024, 1, 1),
        cpr=cpr,
        portal_access="act",
    )
    rep.refresh_from_db()
    assert rep.cpr_key == cpr_search_key(cpr) and rep.portal_access == "act"
    correction = Correction.objects.get(representative=rep)
    assert correction.changes["cpr_key"] == {"old": "", "new": "nyt CPR-nummer"}
    assert rep.cpr_key not in str(correction.changes)
    entry = AuditEntry.objects.filter(action="representative_correct").latest("id")
    assert rep.cpr_key not in str(entry.details) and cpr not in str(entry.details)

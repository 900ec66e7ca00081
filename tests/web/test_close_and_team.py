"""Issue 17, items 2 and 6 on screen: a closed case's page and its letters, the handover
to the new municipality, assigning a case from its page, and the leader's team page with
the form that moves a caseworker's cases."""

from datetime import date

import pytest
from django.urls import reverse

from bb103.cases import services
from bb103.cases.models import AuditEntry, Case, Role
from tests.cases.factories import assess, make_user, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(ballerup):
    user = make_user("ballerup-raadgiver-2", ballerup.municipality, Role.CASEWORKER)
    user.first_name, user.last_name = "Anna", "Afløser"
    user.save()
    return user


def test_closed_case_page_offers_the_withdrawal_letter(client_for, ballerup, citizen_of):
    """Issue 17, item 2: the closed case shows why and when, and offers the confirmation."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    services.case_close(
        user=ballerup.caseworker, case=case, reason="withdrawn", closed_on=date(2025, 3, 20)
    )
    client = client_for(ballerup.caseworker)
    page = client.get(reverse("case", args=[case.pk]))
    assert page.status_code == 200
    assert "Lukket" in page.text and "Borgeren har trukket ansøgningen tilbage" in page.text
    letter_url = reverse("case-letter", args=[case.pk, "tilbagetrukket"])
    assert letter_url in page.text
    preview = client.get(letter_url)
    assert preview.status_code == 200
    assert "Du kan altid søge igen" in preview.text


def test_handover_page_for_a_move(client_for, ballerup, vejen, citizen_of):
    """Retssikkerhedsloven § 9 b: the page for the new municipality lists the case's data;
    another municipality's staff get 404."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    services.case_close(
        user=ballerup.caseworker,
        case=case,
        reason="moved",
        closed_on=date(2025, 3, 20),
        moved_to="Aarhus Kommune",
        new_address="Nyvej 2, 8000 Aarhus C",
    )
    url = reverse("case-handover", args=[case.pk])
    assert url in client_for(ballerup.caseworker).get(reverse("case", args=[case.pk])).text
    page = client_for(ballerup.caseworker).get(url)
    assert page.status_code == 200
    for text in ("Aarhus Kommune", "Nyvej 2, 8000 Aarhus C", "10. marts 2025", "Afgørelse"):
        assert text in page.text
    assert client_for(vejen.caseworker).get(url).status_code == 404


def test_the_manager_assigns_from_the_case_page(client_for, ballerup, second, citizen_of):
    """Issue 17, item 6: the leader gives the case to another caseworker by its form."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    client = client_for(ballerup.manager)
    url = reverse("case-assign", args=[case.pk])
    assert url in client.get(reverse("case", args=[case.pk])).text
    form = client.get(url)
    assert form.status_code == 200 and "Anna Afløser" in form.text
    response = client.post(url, {"caseworker": second.pk, "expected_version": case.version})
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).caseworker == second
    timeline = client.get(reverse("case", args=[case.pk])).text
    assert "Ny rådgiver på sagen" in timeline and "til Anna Afløser" in timeline


def test_the_committee_cannot_assign(client_for, ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assert (
        client_for(ballerup.committee).get(reverse("case-assign", args=[case.pk])).status_code
        == 403
    )


def test_team_page_and_transfer(client_for, ballerup, vejen, second, citizen_of):
    """Issue 17, item 6: the leader's team page counts each caseworker's work and moves one
    caseworker's open cases to another; a caseworker is refused, another municipality's
    leader does not find it."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    client = client_for(ballerup.manager)
    page = client.get(reverse("team"))
    assert page.status_code == 200
    assert "Anna Afløser" in page.text and str(case.citizen) not in page.text
    url = reverse("caseload-transfer", args=["ballerup"])
    assert url in page.text
    response = client.post(
        url, {"from_caseworker": ballerup.caseworker.pk, "to_caseworker": second.pk}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).caseworker == second
    assert AuditEntry.objects.filter(action="caseload_transfer", case=case).exists()
    assert client_for(ballerup.caseworker).get(reverse("team")).status_code == 404
    assert client_for(ballerup.caseworker).get(url).status_code == 403
    assert client_for(vejen.manager).get(url).status_code == 404

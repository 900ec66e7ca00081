"""The monthly settlement screen (issue 6, point 4): run, read, approve, download; only the
municipality's caseworkers and managers reach it, provider staff never."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bb103.cases.models import Role, SettlementMonth, SettlementStatus
from bb103.cases.selectors.settlement import settlement_page_of
from bb103.cases.settlement_export import csv_bytes
from tests.cases.factories import make_user
from tests.cases.settlement_world import (
    attend,
    hourly_wage,
    per_km,
    placement_for,
    price,
    tax_card,
    weekdays_of,
)

pytestmark = pytest.mark.django_db

SEPT_DAYS = weekdays_of(date(2025, 9, 1), date(2025, 9, 30))


def _urls(municipality="ballerup", month="2025-09"):
    kw = {"municipality": municipality, "month": month}
    return {
        name: reverse(name, kwargs=kw)
        for name in (
            "settlement",
            "settlement-run",
            "settlement-approve",
            "settlement-csv",
            "settlement-xlsx",
        )
    }


@pytest.fixture
def placed(ballerup, citizen_of):
    """16 days × 6 h × 20,00 = 1.920,00; 38 % tax; 8 km: the citizen 357,12, the
    municipality 154,88; 500 × 18 planned days = 9.000,00 to the provider."""
    p = placement_for(ballerup, citizen_of)
    attend(p, ballerup.caseworker, SEPT_DAYS[:16])
    hourly_wage(p, ballerup.caseworker, "20.00")
    tax_card(p, "38")
    per_km(p, "8", "2.00")
    price(ballerup.offer, "day", "500")
    return p


def test_caseworker_runs_manager_approves_and_both_download(client_for, ballerup, placed):
    urls = _urls()
    worker = client_for(ballerup.caseworker)
    page = worker.get(urls["settlement"])
    assert page.status_code == 200 and "ikke beregnet endnu" in page.text
    response = worker.post(urls["settlement-run"], follow=True)
    assert "er beregnet (1 placeringer)" in response.text
    assert "1.920,00 kr." in response.text and "154,88 kr." in response.text
    assert "9.000,00 kr." in response.text  # the line, the sum and the provider's total
    assert "BEK nr. 483 af 19/05/2011 § 2" in response.text  # the explanation's sources
    assert "2 planlagte dage uden registreret fremmøde" in response.text
    assert "Godkend og lås" not in response.text  # caseworkers do not approve
    assert worker.post(urls["settlement-approve"]).status_code == 403

    manager = client_for(ballerup.manager)
    response = manager.post(urls["settlement-approve"], follow=True)
    assert "er godkendt og låst" in response.text and "Godkendt og låst" in response.text
    assert SettlementMonth.objects.get().status == SettlementStatus.APPROVED
    assert "Beregn igen" not in response.text

    download = worker.get(urls["settlement-csv"])
    assert download["Content-Type"].startswith("text/csv")
    assert 'filename="afregning-ballerup-2025-09.csv"' in download["Content-Disposition"]
    assert download.content == csv_bytes(
        settlement_page_of(ballerup.municipality, date(2025, 9, 1))
    )
    xlsx = manager.get(urls["settlement-xlsx"])
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Afregning", "Leverandører"]


def test_the_index_goes_to_the_chosen_month(client_for, ballerup):
    client = client_for(ballerup.manager)
    assert client.get("/afregning/").status_code == 200
    response = client.get("/afregning/", {"kommune": "ballerup", "maaned": "2025-09"})
    assert response["Location"] == "/afregning/ballerup/2025-09/"
    assert client.get("/afregning/ballerup/2025-13/").status_code == 404
    assert client.get("/afregning/ballerup/sept/").status_code == 404


def test_provider_staff_committee_and_admin_never_reach_it(client_for, ballerup, placed):
    """Provider staff never see the settlement, not even of their own municipality; nor
    do the committee and the administrator. Every URL is 404; the menu's page says why."""
    staff = make_user(
        "b-kontakt", ballerup.municipality, Role.PROVIDER_STAFF, ballerup.offer.provider
    )
    client_for(ballerup.caseworker).post(_urls()["settlement-run"])
    for user in (staff, ballerup.committee, ballerup.admin):
        client = client_for(user)
        for url in _urls().values():
            assert client.get(url).status_code == 404, (user.username, url)
            assert client.post(url).status_code == 404, (user.username, url)
        assert client.get("/afregning/").status_code == 403


def test_a_month_not_begun_has_no_run_button(client_for, ballerup):
    page = client_for(ballerup.caseworker).get(_urls(month="2099-01")["settlement"])
    assert page.status_code == 200
    assert "Måneden er ikke begyndt endnu" in page.text and "Beregn måneden" not in page.text


# --- the finance posting file (issue 18, item 5) ------------------------------------------------
def test_approved_month_offers_the_finance_file_byte_for_byte(client_for, ballerup, placed):
    """ "Hent bogføringsfil" on an approved month: the stored file, byte for byte, as a CSV
    download named by municipality and month; logged as a read of each case in it."""
    from bb103.cases.models import AuditEntry, FinanceFile

    urls = _urls()
    finance = reverse("settlement-finance", kwargs={"municipality": "ballerup", "month": "2025-09"})
    manager = client_for(ballerup.manager)
    manager.post(urls["settlement-run"])
    assert finance not in manager.get(urls["settlement"]).content.decode()
    opened = manager.get(finance, follow=True)  # not approved: back to the page, with why
    assert "godkendt og låst" in opened.content.decode()
    manager.post(urls["settlement-approve"])
    page = manager.get(urls["settlement"]).content.decode()
    assert "Hent bogføringsfil" in page and finance in page
    stored = FinanceFile.objects.get()
    assert stored.sha256 in page
    response = client_for(ballerup.caseworker).get(finance)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="bogfoering-ballerup-2025-09.csv"' in response["Content-Disposition"]
    assert response.content == bytes(stored.content)
    assert AuditEntry.objects.filter(
        action="finance_file_exported", actor=ballerup.caseworker, case=placed.case
    ).exists()


def test_finance_file_of_another_municipality_is_404(client_for, ballerup, vejen, placed):
    """Scoping: Vejen's manager, Ballerup's committee member and administrator get 404."""
    urls = _urls()
    manager = client_for(ballerup.manager)
    manager.post(urls["settlement-run"])
    manager.post(urls["settlement-approve"])
    finance = reverse("settlement-finance", kwargs={"municipality": "ballerup", "month": "2025-09"})
    for user in (vejen.manager, vejen.caseworker, ballerup.committee, ballerup.admin):
        assert client_for(user).get(finance).status_code == 404, user.username

"""Browser test of the settlement journey (issue 6, "Done when"): a caseworker picks the
month, computes it, reads the totals and downloads the CSV for payroll; the CSV's rows add
up to the total row and to the page. Headless system Chromium, as in test_browser.py."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from tests.cases.settlement_world import (
    attend,
    hourly_wage,
    per_km,
    placement_for,
    price,
    tax_card,
    weekdays_of,
)
from tests.web.test_browser import CHROMIUM, chromium_page

pytestmark = [
    # A walk through the screens in Chromium: the SQLite pass of .ci/run only.
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no system Chromium at /usr/bin/chromium (apt-get install -y chromium)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _danish(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", ".") or "0")


def test_caseworker_settles_and_exports_a_month_that_adds_up(live_server, ballerup, vejen,
                                                             citizen_of):  # fmt: skip
    days = weekdays_of(date(2025, 9, 1), date(2025, 9, 30))
    price(ballerup.offer, "day", "575.50")
    for km, pct in (("6", "38"), ("14", "40"), ("22.5", "37")):
        placement = placement_for(ballerup, citizen_of)
        attend(placement, ballerup.caseworker, days[:-2])
        hourly_wage(placement, ballerup.caseworker, Decimal("18.40"))
        tax_card(placement, pct, deduction="1000")
        per_km(placement, km, "2.10")
    attend(placement_for(vejen, citizen_of), vejen.caseworker, days)  # another municipality's
    worker = ballerup.caseworker
    worker.set_password("demo-adgang")
    worker.save()
    with chromium_page() as page:
        page.goto(f"{live_server.url}/log-ind/")
        page.fill("#id_username", worker.username)
        page.fill("#id_password", "demo-adgang")
        page.get_by_role("button", name="Log ind").click()
        page.get_by_role("link", name="Afregning").click()
        page.fill("#maaned", "2025-09")
        page.get_by_role("button", name="Vis afregningen").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Beregn måneden").click()
        assert "Placeringer (3)" in page.inner_text("main")
        with page.expect_download() as download:
            page.get_by_role("link", name="Hent CSV (Excel)").click()
        text = download.value.path().read_bytes().decode("utf-8-sig")
        page_total = page.inner_text("table.settlement tfoot")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    lines, total = rows[:-1], rows[-1]
    assert len(lines) == 3 and total["Sag"] == "I alt"
    for column in ("Bruttoløn", "A-skat", "Befordring i alt", "Borgerens andel",
                   "Kommunens andel", "Til leverandøren"):  # fmt: skip
        assert sum(_danish(r[column]) for r in lines) == _danish(total[column]), column
    for r in lines:
        assert _danish(r["Borgerens andel"]) + _danish(r["Kommunens andel"]) == _danish(
            r["Befordring i alt"]
        )
        assert _danish(r["Bruttoløn"]) - _danish(r["A-skat"]) == _danish(r["Indtjening efter skat"])
    assert total["Bruttoløn"].replace(".", "") in page_total.replace(".", "")
    print(f"\nsettlement CSV: {len(lines)} lines, gross {total['Bruttoløn']} kr.")


def test_manager_approves_and_fetches_the_finance_file(live_server, ballerup, citizen_of):
    """Issue 18, item 5: approve the month, then "Hent bogføringsfil": the file the
    approval made, one posting for the provider, its amount what the page says it is owed."""
    from bb103.cases.models import FinanceFile

    price(ballerup.offer, "day", "575.50")
    for _ in range(2):
        placement_for(ballerup, citizen_of)
    manager = ballerup.manager
    manager.set_password("demo-adgang")
    manager.save()
    with chromium_page() as page:
        page.goto(f"{live_server.url}/log-ind/")
        page.fill("#id_username", manager.username)
        page.fill("#id_password", "demo-adgang")
        page.get_by_role("button", name="Log ind").click()
        page.goto(f"{live_server.url}/afregning/ballerup/2025-09/")
        with page.expect_navigation():
            page.get_by_role("button", name="Beregn måneden").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Godkend og lås").click()
        assert "Bogføringsfilen" in page.inner_text("main")
        with page.expect_download() as download:
            page.get_by_role("link", name="Hent bogføringsfil").click()
        body = download.value.path().read_bytes()
        assert download.value.suggested_filename == "bogfoering-ballerup-2025-09.csv"
    assert body == bytes(FinanceFile.objects.get().content)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8")), delimiter=";"))
    # 575,50 × 18 planned days × 2 placements = 20.718,00.
    assert [(r["CVR"], r["Beløb"], r["Placeringer"]) for r in rows] == [
        (ballerup.offer.provider.cvr, "20718,00", "2")
    ]

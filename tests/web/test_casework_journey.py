"""Issue 17's browser journey: the everyday casework between the main steps, in one walk
through headless Chromium as a Ballerup caseworker.

1. Correct what was registered: the citizen's living situation (which moves Ballerup's
   range of days from 1-4 to 1-5, "Indsatsens omfang"), with a reason, audited old/new.
3. Journal notes: a phone call noted, then corrected by a new note pointing to the old.
4. Plan ahead: the placement starts in two weeks; a follow-up meeting is booked.
5. Scope in the decision and a change decision: five days granted (possible only after the
   correction), then cut to four: refused without partshøring (forvaltningsloven § 19),
   decided after it, and its letter sent with klagevejledning.

It drives the system's Chromium (``apt-get install chromium``); without one it is skipped.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from bb103.cases.engine.formatting import danish_date
from bb103.cases.models import (
    AuditEntry,
    Case,
    CaseStatus,
    Citizen,
    DecisionKind,
    FollowUpBooking,
    JournalNote,
    Letter,
    Placement,
)
from tests.letters.pdf_text import pdf_text
from tests.web import chromium
from tests.web.test_browser import IN_CHROMIUM, chromium_page

pytestmark = IN_CHROMIUM


def test_caseworker_corrects_notes_plans_ahead_and_changes_a_decision(
    live_server, ballerup, citizen_of
):
    # The ORM only outside the browser session (Playwright's event loop refuses it).
    citizen = citizen_of(ballerup, living_situation="own_home")
    session = chromium.session_of(ballerup.caseworker)
    offer = str(ballerup.offer.pk)
    today = timezone.localdate()
    start = today + timedelta(days=14)
    meeting = today + timedelta(days=60)
    change_on = today + timedelta(days=30)
    with chromium_page() as page:
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        _journey(page, live_server.url, citizen.pk, offer, start, meeting, change_on)

    citizen = Citizen.objects.get(pk=citizen.pk)
    assert citizen.living_situation == "with_family"
    case = Case.objects.get(citizen=citizen)
    assert case.status == CaseStatus.ACTIVE
    # Item 3: the old note stands, marked by the note that corrects it.
    first, second = JournalNote.objects.filter(case=case).order_by("id")
    assert second.corrects_id == first.pk and "Moren" in first.text
    # Item 4: the placement lies ahead; the meeting is booked.
    placements = Placement.objects.filter(case=case).order_by("start_on", "id")
    assert placements[0].start_on == start
    assert FollowUpBooking.objects.get(case=case).planned_on == meeting
    # Item 5: the grant's five days, then a change decision to four, told by letter.
    change = case.decision
    assert change.kind == DecisionKind.CHANGE and change.days_per_week == 4
    assert change.previous.days_per_week == 5
    grant = pdf_text(Letter.objects.get(case=case, kind="decision_grant").pdf)
    assert "5 dage om ugen" in grant
    letter = Letter.objects.get(case=case, kind="decision_change")
    assert change.received_on == letter.sent_on
    text = pdf_text(letter.pdf)
    assert "4 dage om ugen" in text and "Ankestyrelsen" in text
    # Item 1: the correction is in the audit trail with its reason.
    assert AuditEntry.objects.filter(action="citizen_correct", citizen=citizen).exists()


def _journey(page, base, citizen_id, offer, start, meeting, change_on) -> None:
    def step(link: str, fill=lambda: None, *, expect_error: str | None = None) -> None:
        page.get_by_role("link", name=link).first.click()
        page.wait_for_selector("#trinformular")
        fill()
        page.get_by_role("button", name="Gem").click()
        if expect_error is not None:
            page.wait_for_selector(".error-summary")
            assert expect_error in page.inner_text("main"), page.inner_text("main")
            page.get_by_role("link", name="Annullér").click()
            page.wait_for_selector("h1")
            return
        page.wait_for_selector(".messages")

    def send_letter(case_url: str, slug: str) -> None:
        page.goto(f"{case_url}breve/{slug}/")
        page.wait_for_selector(".letter-preview")
        page.get_by_role("button", name="Send brev").click()
        page.wait_for_selector(".messages")
        assert "Brevet er sendt" in page.inner_text(".messages")

    # Item 1: the living situation was registered wrongly (own home; the citizen lives
    # with the family), corrected with a reason.
    page.goto(f"{base}/borgere/{citizen_id}/")
    page.get_by_role("link", name="Ret oplysninger").click()
    page.select_option("#id_living_situation", "with_family")
    page.fill("#id_reason", "Borgeren bor hos sine forældre; tastet forkert ved registreringen.")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_selector(".messages")

    page.get_by_role("link", name="Registrér ansøgning").click()
    page.select_option("#id_channel", "digital")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/sager/*/")

    def assessment() -> None:
        page.select_option("#id_vum_level", "3")
        page.check("input[name=significant_reduced_function][value=ja]")
        page.check("input[name=can_work_on_normal_terms][value=nej]")
        page.check("input[name=other_legislation_exhausted][value=ja]")

    step("Registrér udredning", assessment)

    # Item 3: a note of a phone call, then a correction that points to it.
    def note() -> None:
        page.select_option("#id_kind", "phone")
        page.fill("#id_text", "Moren ringede: borgeren glæder sig til at starte.")

    step("Skriv journalnotat", note)

    def correction() -> None:
        page.select_option("#id_kind", "phone")
        page.select_option("#id_corrects", index=1)
        page.fill("#id_text", "Rettelse: det var faren, der ringede.")

    step("Skriv journalnotat", correction)
    assert "Rettet" in page.inner_text("main")

    step("Udarbejd udkast til afgørelse", lambda: page.select_option("#id_offer", offer))
    step("Send udkastet i partshøring")
    step("Afslut partshøringen", lambda: page.fill("#id_comments", "Jeg er enig."))

    # Item 5: five days a week, within Ballerup's 1-5 for a citizen living with the
    # family (after the correction; own home would allow 1-4).
    def decision() -> None:
        page.select_option("#id_offer", offer)
        page.fill("#id_days_per_week", "5")
        page.fill("#id_hours_per_day", "6")

    step("Træf afgørelse", decision)
    case_url = page.url
    send_letter(case_url, "bevilling")

    # Item 4: the placement starts in two weeks, Monday to Friday.
    def placement() -> None:
        page.check("input[name=weekdays][value='5']")
        page.fill("#id_start_on", start.isoformat())
        page.fill("#id_hours_per_day", "6")
        page.fill("#id_contact_person", "Karen Kontakt")

    step("Start beskæftigelsen", placement)
    assert f"Starter {danish_date(start)}" in page.inner_text("main")

    def booking() -> None:
        page.fill("#id_planned_on", meeting.isoformat())
        page.fill("#id_place", "Værkstedet")

    step("Aftal opfølgningsmøde", booking)

    # Item 5: fewer days is to the citizen's disadvantage: not without partshøring.
    def change(reasons: str) -> None:
        page.fill("#id_effective_on", change_on.isoformat())
        page.fill("#id_days_per_week", "4")
        page.fill("#id_reasons", reasons)

    step(
        "Træf afgørelse om ændring",
        lambda: change("Du har brug for en fridag."),
        expect_error="forvaltningsloven § 19",
    )
    step("Udkast til ændring (partshøring)", lambda: change("Du har brug for en fridag."))
    step("Send udkastet i partshøring")
    step("Afslut partshøringen", lambda: page.fill("#id_comments", "Det er i orden."))
    step("Træf afgørelse om ændring", lambda: change("Du har brug for en fridag."))

    send_letter(case_url, "aendring")

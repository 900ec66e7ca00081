"""The walkthrough of issue 13 in a real browser (the system's Chromium, htmx on): each case
that the legal safeguards were found missing on behaves as the law says, as a caseworker
meets it on the screens.

1. Lejre, VUM 2, not motivated, every criterion of § 103, stk. 1 met: "Afslag" without an
   individual assessment is refused at the field; with one, the letter cites only it.
2. Vejen: granting another offer than the committee supported asks for the reason, which
   the case page then shows.
3. A decision dated back without a letter is not "Overholdt" and starts no complaint
   period; the decision letter does both (and a deadline met late says so).
4. Sønderborg: the date promised in the notice of delay becomes a deadline of the case.
5. Ending because the goals are reached, the same day, is refused without partshøring; an
   ending at the citizen's wish may lie ahead and shows as such.
6. Ankestyrelsen's "Hjemvist" reopens the case for a new decision.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bb103.cases import services
from bb103.cases.models import Case, CaseStatus, DeadlineKind, Decision
from tests.cases.factories import (
    assess,
    grant,
    heard,
    make_offer,
    open_case,
    placed,
    reviewed,
    tell,
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

PASSWORD = "demo-adgang-123"


def _login(page, base: str, username: str, path: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}{path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"**{path}")


def _cases(ballerup, vejen, lejre, soenderborg, citizen_of) -> dict[str, Case]:
    for staff in (ballerup, vejen, lejre, soenderborg):
        staff.caseworker.set_password(PASSWORD)
        staff.caseworker.save()
    lejre_case = open_case(lejre.caseworker, citizen_of(lejre))
    assess(lejre.caseworker, lejre_case, vum_level=2, motivated=False)
    heard(lejre.caseworker, lejre_case, outcome="refusal", days=14)

    vejen.platform = make_offer(vejen.admin, vejen.municipality)
    vejen_case = open_case(vejen.caseworker, citizen_of(vejen))
    assess(vejen.caseworker, vejen_case)
    heard(vejen.caseworker, vejen_case, days=14)
    reviewed(vejen.committee, vejen_case, vejen.offer)  # Elmegade, say

    untold = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, untold)
    heard(ballerup.caseworker, untold)
    grant(ballerup.caseworker, untold, offer=ballerup.offer, on=date(2025, 3, 26))

    delayed = open_case(soenderborg.caseworker, citizen_of(soenderborg))

    working = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, working)
    heard(ballerup.caseworker, working)
    grant(ballerup.caseworker, working, offer=ballerup.offer)
    tell(ballerup.caseworker, working, on=date(2025, 4, 1))
    placed(ballerup.caseworker, working, ballerup.offer)

    forwarded = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, forwarded, significant_reduced_function=False)
    heard(ballerup.caseworker, forwarded, outcome="refusal")
    services.decision_make(
        user=ballerup.caseworker, case=forwarded, outcome="refusal", decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )  # fmt: skip
    tell(ballerup.caseworker, forwarded, on=date(2025, 4, 1))
    services.complaint_register(
        user=ballerup.caseworker, case=forwarded, received_on=date(2025, 4, 10), form="written"
    )
    services.complaint_reassess(
        user=ballerup.caseworker, case=forwarded, reassessed_on=date(2025, 4, 11),
        result="upheld", notes="Fastholdt.",
    )  # fmt: skip
    services.complaint_forward(
        user=ballerup.caseworker, case=forwarded, forwarded_on=date(2025, 4, 12)
    )
    return {
        "lejre": lejre_case,
        "vejen": vejen_case,
        "untold": untold,
        "delayed": delayed,
        "working": working,
        "forwarded": forwarded,
    }


def test_the_walkthrough_cases_behave_as_the_law_says(
    live_server, ballerup, vejen, lejre, soenderborg, citizen_of
):
    cases = _cases(ballerup, vejen, lejre, soenderborg, citizen_of)
    platform = str(vejen.platform.pk)
    today = timezone.localdate()
    ahead = today + timedelta(days=21)
    expected = today + timedelta(days=40)
    base = live_server.url
    with chromium_page() as page:

        def case_page(case: Case) -> str:
            page.goto(f"{base}/sager/{case.pk}/")
            return page.inner_text("main")

        def open_step(name: str) -> None:
            page.locator(f'[data-action="{name}"]').click()
            page.wait_for_selector("#trinformular")

        def save() -> None:
            page.get_by_role("button", name="Gem").click()

        # 1. Lejre: a refusal on the standard's starting points alone.
        c = cases["lejre"]
        _login(page, base, lejre.caseworker.username, f"/sager/{c.pk}/")
        open_step("decision_make")
        page.select_option("#id_outcome", "refusal")
        page.fill("#id_reasons", "Borgeren er vurderet til VUM-niveau 2.")
        save()
        page.wait_for_selector("#felt-individual_assessment .field-error")
        assert "kan ikke alene føre til afslag" in page.inner_text("#felt-individual_assessment")
        page.fill(
            "#id_individual_assessment",
            "Borgeren har i samtalen sagt nej og ønsker aktivitetstilbud i botilbuddet.",
        )
        save()
        page.wait_for_selector(".messages")
        page.goto(f"{base}/sager/{c.pk}/breve/afslag/")
        page.wait_for_selector(".letter-preview")
        letter = page.inner_text(".letter-preview")
        assert "Vi har vurderet din situation konkret" in letter
        assert "Du skal opfylde alle krav" not in letter
        assert "483" not in letter and "§ 105" not in letter

        # 2. Vejen: against the committee's recommendation only with a recorded reason.
        c = cases["vejen"]
        _login(page, base, vejen.caseworker.username, f"/sager/{c.pk}/")
        open_step("decision_make")
        page.select_option("#id_outcome", "grant")
        page.select_option("#id_offer", platform)
        page.fill("#id_days_per_week", "5")
        save()
        page.wait_for_selector("#felt-committee_deviation_reason .field-error")
        assert "går imod udvalgets indstilling" in page.inner_text(
            "#felt-committee_deviation_reason"
        )
        page.fill("#id_committee_deviation_reason", "Borgeren kan selv komme til værkstedet.")
        save()
        page.wait_for_selector(".messages")
        text = page.inner_text("main")
        assert "Afgørelsen går imod udvalgets indstilling" in text
        assert "Borgeren kan selv komme til værkstedet." in text

        # 3. A decision dated back without a letter: not "Overholdt", no complaint period.
        c = cases["untold"]
        _login(page, base, ballerup.caseworker.username, f"/sager/{c.pk}/")
        decided = page.locator(".deadline-list li", has_text="Afgørelse: senest")
        assert "Overholdt" not in decided.inner_text()
        assert "Klagefrist" not in page.inner_text(".deadline-list")
        assert "ikke sendt til borgeren endnu" in page.inner_text("main")
        page.locator('[data-action="letter_send_decision_grant"]').click()
        page.wait_for_selector(".letter-preview")
        page.get_by_role("button", name="Send brev").click()
        page.wait_for_selector(".messages")
        decided = page.locator(".deadline-list li", has_text="Afgørelse: senest")
        # Met the day the letter went out, long after the deadline: said as it is.
        assert f"For sent: {today.day}." in decided.inner_text()
        assert "Klagefrist" in page.inner_text(".deadline-list")

        # 4. Sønderborg: the promised date is tracked.
        c = cases["delayed"]
        _login(page, base, soenderborg.caseworker.username, f"/sager/{c.pk}/")
        assert "Ingen frister" in page.inner_text("main")
        page.locator('[data-action="letter_send_delay"]').click()
        page.wait_for_selector(".letter-preview-box")
        page.fill("#id_extra_text", "Vi venter på en udtalelse fra din læge.")
        page.fill("#id_expected_on", expected.isoformat())
        page.get_by_role("button", name="Send brev").click()
        page.wait_for_selector(".messages")
        deadlines = page.inner_text(".deadline-list")
        assert "Afgørelse (dato lovet borgeren)" in deadlines
        assert "Retssikkerhedsloven § 3, stk. 2" in deadlines

        # 5. No same-day ending for a reason the citizen may dispute, without partshøring;
        # an ending ahead shows as such.
        c = cases["working"]
        _login(page, base, ballerup.caseworker.username, f"/sager/{c.pk}/")
        open_step("case_terminate")
        page.select_option("#id_reason", "goals_reached")
        save()
        page.wait_for_selector(".field-error")
        assert "forvaltningsloven § 19" in page.inner_text("#trinformular")
        page.select_option("#id_reason", "citizen_wish")
        page.fill("#id_terminated_on", ahead.isoformat())
        save()
        page.wait_for_selector(".messages")
        text = page.inner_text("main")
        assert "I beskyttet beskæftigelse" in text and "Ophører" in text
        assert "træder først i kraft den dag" in text

        # 6. Hjemvist: the case is reopened for a new decision.
        c = cases["forwarded"]
        _login(page, base, ballerup.caseworker.username, f"/sager/{c.pk}/")
        open_step("complaint_outcome_record")
        page.select_option("#id_outcome", "sent_back")
        save()
        page.wait_for_selector(".messages")
        text = page.inner_text("main")
        assert "Udredt" in text and "Ny afgørelse efter hjemvisning" in text
        assert page.locator('[data-action="draft_decision_create"]').count() == 1
        assert page.locator('[data-action="assessment_record"]').count() == 1

    cases["lejre"].refresh_from_db()
    assert cases["lejre"].decision.individual_assessment
    assert Decision.objects.get(case=cases["vejen"]).committee_deviation_reason
    assert cases["untold"].deadlines.get(kind=DeadlineKind.DECISION).met_on == today
    assert cases["delayed"].deadlines.get(kind=DeadlineKind.EXPECTED_DECISION).due_on == expected
    cases["working"].refresh_from_db()
    assert cases["working"].status == CaseStatus.ACTIVE
    assert cases["working"].termination.terminated_on == ahead
    cases["forwarded"].refresh_from_db()
    assert cases["forwarded"].status == CaseStatus.ASSESSED

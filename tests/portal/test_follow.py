"""Min sag: following one's own case (issue 19, points 2, 3, 5 and 6): Mine sager, the case
page with its decision and letters, the PDF as sent, "Hvem har set mine oplysninger", and a
representative's view. Every page rendered here is measured by LIX (≤ 40)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bb103.cases import selectors, services
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.engine.formatting import danish_date as format_da
from bb103.cases.engine.policy import municipality_letterhead
from bb103.cases.models import (
    AuditEntry,
    Case,
    CaseStatus,
    Deadline,
    DeadlineKind,
    Letter,
    PortalAccess,
    Representative,
)
from bb103.cases.services.portal import portal_login_user
from bb103.web.portal import presenters
from bb103.web.portal.access import SESSION_FLAG
from tests.cases.factories import (
    assess,
    fictitious_cpr,
    grant,
    heard,
    on_day,
    open_case,
    tell,
)
from tests.portal.readability import assert_readable


def representative_client(cpr: str) -> Client:
    """A browser logged in to Min sag as the person with ``cpr`` (as MitID would assert
    it): the way a representative arrives."""
    client = Client()
    client.force_login(portal_login_user(cpr=cpr))
    session = client.session
    session[SESSION_FLAG] = True
    session.save()
    return client


def page(client: Client, path: str, where: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (where, response.status_code)
    html = response.content.decode()
    assert_readable(html, where)
    return html


@pytest.mark.parametrize("status", list(CaseStatus))
def test_every_state_has_one_plain_sentence_for_the_citizen(status):
    """Issue 19, point 2: the state in words ("Vi behandler din ansøgning")."""
    words = presenters.STATE_WORDS[status]
    assert words.endswith(".") and "  " not in words
    assert len(words.split()) <= 15


def test_states_in_words_on_mine_sager_per_status(ballerup, citizen_of, portal_login):
    """Every status the citizen's case passes through reads as its plain sentence."""
    anne = citizen_of(ballerup)
    case = open_case(ballerup.caseworker, anne)
    client = portal_login(anne)
    for status in CaseStatus:
        Case.objects.filter(pk=case.pk).update(status=status)
        html = page(client, "/min-sag/", f"Mine sager, status {status}")
        assert presenters.STATE_WORDS[status] in html


@pytest.mark.parametrize(
    ("staff_name", "standard"),
    [
        # Ballerup, serviceniveau: Sagsbehandlingstid (op til 30 hverdage)
        ("ballerup", "Sagsbehandlingstid (op til 30 hverdage)"),
        # Vejen, kvalitetsstandard afsnit 4.1 Sagsbehandlingstid (6 uger)
        ("vejen", "afsnit 4.1 Sagsbehandlingstid"),
    ],
)
def test_the_promised_date_is_the_decision_deadline_of_the_municipalitys_standard(
    request, staff_name, standard, citizen_of, portal_login
):
    """Ballerup's serviceniveau (30 working days) and Vejen's standard, afsnit 4.1 (6 weeks):
    the date Mine sager promises is the case's decision deadline, with its source."""
    staff = request.getfixturevalue(staff_name)
    citizen = citizen_of(staff)
    with on_day(date(2025, 3, 10)):
        case = open_case(staff.caseworker, citizen, received_on=date(2025, 3, 10))
    deadline = Deadline.objects.get(case=case, kind=DeadlineKind.DECISION)
    # Counted by hand: 30 working days from 10 March 2025 skip Easter (17, 18 and 21 April)
    # and end on 24 April; 6 weeks end on Easter Monday, 21 April, moved to the 22nd.
    expected = {"ballerup": date(2025, 4, 24), "vejen": date(2025, 4, 22)}[staff_name]
    assert deadline.due_on == expected
    html = page(portal_login(citizen), "/min-sag/", f"Mine sager, {staff_name}")
    assert f"Du får svar senest {format_da(deadline.due_on)}." in html
    assert standard in html


def test_where_the_standard_sets_no_deadline_the_page_says_what_the_law_promises(
    roskilde, ballerup, citizen_of, portal_login
):
    """Roskilde's standard sets no decision deadline: Retssikkerhedsloven § 3, stk. 2."""
    bo = citizen_of(roskilde)
    open_case(roskilde.caseworker, bo)
    assert not Deadline.objects.filter(case__citizen=bo, kind=DeadlineKind.DECISION).exists()
    html = page(portal_login(bo), "/min-sag/", "Mine sager, Roskilde (ingen frist)")
    assert presenters.LAW_PROMISE in html
    assert "Retssikkerhedsloven § 3, stk. 2" in html
    # The municipality's contact data as its standard gives them; nothing invented.
    head = municipality_letterhead("roskilde")["municipality"]
    if head["phone"] is None:
        assert "Telefon:" not in html


def test_mine_sager_takes_the_same_number_of_queries_for_one_case_as_for_five(
    ballerup, citizen_of, portal_login
):
    anne = citizen_of(ballerup)
    open_case(ballerup.caseworker, anne)
    client = portal_login(anne)
    with CaptureQueriesContext(connection) as one:
        client.get("/min-sag/")
    for _ in range(4):
        # One open case at a time: the earlier ones are closed (a test's shortcut).
        Case.objects.filter(citizen=anne).update(status=CaseStatus.CLOSED)
        open_case(ballerup.caseworker, anne)
    with CaptureQueriesContext(connection) as five:
        client.get("/min-sag/")
    assert len(five) == len(one), [q["sql"] for q in five.captured_queries]
    assert len(one) <= 15


def decided_and_told(staff, citizen) -> tuple[Case, Letter]:
    case = open_case(staff.caseworker, citizen)
    assess(staff.caseworker, case)
    heard(staff.caseworker, case, days=14)
    grant(staff.caseworker, case, offer=staff.offer, on=date(2025, 4, 1))
    letter = tell(staff.caseworker, case, on=date(2025, 4, 1))
    return case, letter


def test_the_case_page_shows_the_decision_the_complaint_period_and_the_letters(
    ballerup, citizen_of, portal_login
):
    """Issue 19, point 3: every letter with the date it was sent; the PDF is the stored one,
    byte for byte (the letter as sent is never rendered again)."""
    anne = citizen_of(ballerup)
    case, letter = decided_and_told(ballerup, anne)
    client = portal_login(anne)
    with on_day(date(2025, 4, 2)):
        html = page(client, f"/min-sag/sager/{case.pk}/", "Sag med afgørelse og breve")
    assert presenters.OUTCOME_WORDS["grant"] in html
    assert "1. april 2025" in html
    complaint = Deadline.objects.get(case=case, kind=DeadlineKind.COMPLAINT)
    assert f"Du kan klage til og med {format_da(complaint.due_on)}" in html
    for sent in Letter.objects.filter(case=case):
        assert sent.title in html
        assert f"/min-sag/sager/{case.pk}/breve/{sent.pk}/pdf/" in html
    response = client.get(f"/min-sag/sager/{case.pk}/breve/{letter.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(Letter.objects.get(pk=letter.pk).pdf)
    # The citizen's own read is logged, as theirs, through the channel "borger".
    read = AuditEntry.objects.filter(action="letter_read", case=case).latest("id")
    assert read.via == "borger" and read.details == {"letter": letter.pk}


def test_another_citizens_letter_is_not_found(ballerup, vejen, citizen_of, portal_login):
    anne, bent = citizen_of(ballerup), citizen_of(vejen)
    case, letter = decided_and_told(ballerup, anne)
    bents_case = open_case(vejen.caseworker, bent)
    bent_client = portal_login(bent)
    assert bent_client.get(f"/min-sag/sager/{case.pk}/breve/{letter.pk}/pdf/").status_code == 404
    # Nor through his own case's address.
    path = f"/min-sag/sager/{bents_case.pk}/breve/{letter.pk}/pdf/"
    assert bent_client.get(path).status_code == 404
    assert bent_client.get(f"/min-sag/sager/{case.pk}/").status_code == 404


def test_the_access_log_shows_a_caseworkers_read_by_role_and_municipality_not_by_name(
    ballerup, vejen, citizen_of, portal_login
):
    """GDPR art. 15(1)(c): the recipients or categories of recipients; the staff member's
    name and username are not shown (docs/portal.md says why)."""
    anne, bent = citizen_of(ballerup), citizen_of(vejen)
    case = open_case(ballerup.caseworker, anne)
    worker = ballerup.caseworker
    worker.first_name, worker.last_name = "Rasmus", "Rådgiversen"
    worker.save()
    selectors.case_page_for_user(user=worker, case_id=case.pk)
    bents_case = open_case(vejen.caseworker, bent)
    selectors.case_page_for_user(user=vejen.caseworker, case_id=bents_case.pk)
    html = page(portal_login(anne), "/min-sag/log/", "Hvem har set mine oplysninger")
    assert "En rådgiver i Ballerup Kommune" in html
    assert "Så sagen" in html
    assert "Rasmus" not in html and "Rådgiversen" not in html
    assert worker.username not in html
    assert "Vejen" not in html and bent.last_name not in html
    assert AuditEntry.objects.filter(citizen=anne, action="access_log_read").exists()


def _representative(citizen, cpr: str, access: str, consent: date | None) -> Representative:
    return Representative.objects.create(
        citizen=citizen,
        name="Birgitte Værgesen",
        relation="guardian",
        consent_given_on=consent,
        cpr_key=cpr_search_key(cpr),
        portal_access=access,
    )


def test_a_representative_with_read_access_sees_the_case_but_may_not_act(
    ballerup, citizen_of, portal_login
):
    """Issue 19, point 6: a værge recorded with access "read" sees the citizen's case and
    letters; the citizen's log shows the værge by relation; the role "citizen" (acting) is
    not theirs."""
    from bb103.cases.permissions import acts_for_citizen

    anne = citizen_of(ballerup)
    case, letter = decided_and_told(ballerup, anne)
    cpr = fictitious_cpr(date(1970, 1, 2))
    _representative(anne, cpr, PortalAccess.READ, date(2024, 1, 1))
    client = representative_client(cpr)
    html = page(client, "/min-sag/", "Mine sager som værge")
    assert f"Sager for {anne.first_name} {anne.last_name}" in html
    page(client, f"/min-sag/sager/{case.pk}/", "Sagen som værge")
    path = f"/min-sag/sager/{case.pk}/breve/{letter.pk}/pdf/"
    assert client.get(path).status_code == 200
    user = portal_login_user(cpr=cpr)
    assert not acts_for_citizen(user, anne.pk)
    html = page(portal_login(anne), "/min-sag/log/", "Hvem har set mine oplysninger, værge")
    assert "Din værge" in html and "Birgitte" not in html


@pytest.mark.parametrize(
    ("access", "consent"),
    [
        (PortalAccess.NONE, date(2024, 1, 1)),
        (PortalAccess.ACT, None),
    ],
    ids=["access none", "no consent"],
)
def test_a_representative_without_access_or_consent_sees_nothing(
    ballerup, citizen_of, access, consent
):
    anne = citizen_of(ballerup)
    case, letter = decided_and_told(ballerup, anne)
    cpr = fictitious_cpr(date(1970, 1, 3))
    _representative(anne, cpr, access, consent)
    client = representative_client(cpr)
    html = page(client, "/min-sag/", f"Mine sager, repræsentant uden adgang ({access})")
    assert anne.last_name not in html
    assert client.get(f"/min-sag/sager/{case.pk}/").status_code == 404
    assert client.get(f"/min-sag/sager/{case.pk}/breve/{letter.pk}/pdf/").status_code == 404
    assert anne.last_name not in page(client, "/min-sag/log/", "log uden adgang")


def test_a_withdrawn_consent_ends_the_access(ballerup, citizen_of):
    anne = citizen_of(ballerup)
    case = open_case(ballerup.caseworker, anne)
    cpr = fictitious_cpr(date(1970, 1, 4))
    rep = _representative(anne, cpr, PortalAccess.ACT, date(2024, 1, 1))
    rep.consent_withdrawn_on = timezone.localdate() - timedelta(days=1)
    rep.save()
    client = representative_client(cpr)
    assert client.get(f"/min-sag/sager/{case.pk}/").status_code == 404


def test_the_representatives_cpr_number_is_kept_only_as_its_search_key(ballerup, citizen_of):
    """A representative's CPR number for Min sag is stored only as its keyed hash, and the
    audit entry holds neither."""
    anne = citizen_of(ballerup)
    cpr = fictitious_cpr(date(1971, 2, 3))
    rep = services.representative_register(
        user=ballerup.caseworker,
        citizen=anne,
        name="Birgitte Værgesen",
        relation="guardian",
        consent_given_on=date(2024, 1, 1),
        cpr=cpr.replace("-", ""),
        portal_access=PortalAccess.READ,
    )
    rep.refresh_from_db()
    assert rep.cpr_key == cpr_search_key(cpr)
    digits = cpr.replace("-", "")
    for value in Representative.objects.filter(pk=rep.pk).values().first().values():
        assert digits not in str(value).replace("-", "")
    entry = AuditEntry.objects.filter(action="representative_register").latest("id")
    assert digits not in str(entry.details).replace("-", "")
    assert rep.cpr_key not in str(entry.details)

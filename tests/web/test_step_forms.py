"""Every step form renders and posts through its service: the refusal and complaint path
in Roskilde (partshøring left out with a § 19, stk. 2 reason) and the steps after the
start in Ballerup. Together with test_views' main journey, every step slug is used."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases.models import CaseStatus, ComplaintStatus
from bb103.web.steps import STEP_VIEWS
from tests.cases.factories import assess, grant, heard, make_offer, on_day, open_case

pytestmark = pytest.mark.django_db


def _post(client, case, slug, **data):
    url = reverse("case-step", args=[case.pk, slug])
    page = client.get(url)
    assert page.status_code == 200 and 'id="trinformular"' in page.text
    response = client.post(url, data)
    assert response.status_code == 302, response.text
    case.refresh_from_db()


def test_refusal_and_complaint_through_the_forms(client_for, roskilde, citizen_of):
    today = timezone.localdate().isoformat()
    case = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, case, can_work_on_normal_terms=True, vum_level=1)
    client = client_for(roskilde.caseworker)
    reasons = "Borgeren kan arbejde på normale vilkår."
    _post(client, case, "udkast", created_on=today, proposed_outcome="refusal", reasons=reasons)
    # Roskilde's standard sets no partshøring period of its own, so it may be left out.
    assert (
        reverse("case-step", args=[case.pk, "partshoering-undlad"])
        in client.get(reverse("case", args=[case.pk])).text
    )
    _post(client, case, "partshoering-undlad", reason="Borgeren har selv givet oplysningerne.")
    _post(client, case, "afgoerelse", outcome="refusal", decided_on=today, reasons=reasons,
          with_klagevejledning="on")  # fmt: skip
    assert case.status == CaseStatus.DECIDED
    _post(client, case, "klage", received_on=today, form="oral", grounds="Uenig.")
    _post(client, case, "klage-genvurdering", reassessed_on=today, result="upheld",
          notes="Afgørelsen fastholdes.")  # fmt: skip
    _post(client, case, "klage-videresend", forwarded_on=today)
    _post(client, case, "klage-ankestyrelsen", outcome="upheld", received_on=today)
    assert case.complaints.get().status == ComplaintStatus.CLOSED
    page = client.get(reverse("case", args=[case.pk])).text
    for title in ("Klage modtaget", "Klagen sendt til Ankestyrelsen", "Stadfæstet"):
        assert title in page
    # One complaint closed: a new one may be registered.
    assert reverse("case-step", args=[case.pk, "klage"]) in page


def test_after_the_start_through_the_forms(client_for, ballerup, world):
    today = timezone.localdate().isoformat()
    case = world[0]
    client = client_for(ballerup.caseworker)
    _post(client, case, "handleplan", status="accepted", offered_on=today,
          purpose="Fastholde arbejdslivet.", effort="Beskyttet beskæftigelse.",
          expected_duration="Et år.", other_matters="Ingen")  # fmt: skip
    _post(client, case, "opfoelgning", held_on=today, vum_level="2", notes="Går godt.")
    # Forvaltningsloven § 19: ending the effort because the goals are reached is heard first.
    _post(client, case, "ophoer-udkast", created_on=today, reason="goals_reached",
          effective_on=today, reasons="Målene i handleplanen er nået.")  # fmt: skip
    _post(client, case, "partshoering", sent_on=today)
    _post(client, case, "partshoering-afslut", closed_on=today, comments="Jeg er enig.")
    _post(client, case, "ophoer", reason="goals_reached", terminated_on=today)
    assert case.status == CaseStatus.TERMINATED
    page = client.get(reverse("case", args=[case.pk])).text
    assert "Målene er nået" in page and "Tilbudt og udarbejdet" in page


def test_waiting_list_through_the_forms(client_for, ballerup, world):
    """Issue 6: a granted case waits for a place at another offer, and leaves the list."""
    today = timezone.localdate().isoformat()
    case = world[0]
    other = make_offer(ballerup.admin, ballerup.municipality, places=1)
    client = client_for(ballerup.caseworker)
    page = client.get(reverse("case", args=[case.pk])).text
    assert reverse("case-step", args=[case.pk, "venteliste-afmeld"]) not in page
    _post(client, case, "venteliste", offer=other.pk, since=today, note="Ønsker gartneri.")
    entry = case.waiting_list.get()
    assert entry.offer == other and entry.left_on is None
    _post(client, case, "venteliste-afmeld", offer=other.pk, left_on=today)
    entry.refresh_from_db()
    assert entry.left_on == timezone.localdate()


def test_placement_form_weekdays_outside_the_standard(client_for, ballerup, citizen_of):
    """Ballerup, serviceniveau: egen bolig 1-4 dage; five weekdays ticked is refused next
    to the weekdays (the days per week are the weekdays chosen)."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    url = reverse("case-step", args=[case.pk, "placering"])
    response = client_for(ballerup.caseworker).post(
        url,
        {
            "offer": ballerup.offer.pk,
            "start_on": timezone.localdate().isoformat(),
            "weekdays": ["1", "2", "3", "4", "5"],
            "hours_per_day": "6",
            "contact_person": "Karen Kontakt",
        },
    )
    assert 'id="id_weekdays_error"' in response.text and "1-4 dage om ugen" in response.text


def test_handleplan_contents_are_required_when_accepted(client_for, ballerup, world):
    url = reverse("case-step", args=[world[0].pk, "handleplan"])
    response = client_for(ballerup.caseworker).post(
        url, {"status": "accepted", "offered_on": timezone.localdate().isoformat()}
    )
    assert 'id="id_purpose_error"' in response.text and "§ 141, stk. 3" in response.text


def test_closing_through_the_form(client_for, ballerup, citizen_of):
    """Issue 17, item 2: a case closed through its form; a duplicate without the case that
    goes on is refused next to the field."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    client = client_for(ballerup.caseworker)
    url = reverse("case-step", args=[case.pk, "luk"])
    today = timezone.localdate().isoformat()
    response = client.post(url, {"reason": "duplicate", "closed_on": today})
    assert 'id="id_duplicate_of_error"' in response.text
    _post(client, case, "luk", reason="withdrawn", closed_on=today, notes="Ringede ind.")
    assert case.status == CaseStatus.CLOSED


def test_a_follow_up_meeting_is_booked_through_its_form(client_for, ballerup, world):
    """Issue 17, item 4: the booking form needs a place; with one, the meeting is booked."""
    url = reverse("case-step", args=[world[0].pk, "opfoelgning-aftal"])
    client = client_for(ballerup.caseworker)
    day = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = client.post(url, {"planned_on": day, "place": ""})
    assert 'id="id_place_error"' in response.text
    assert client.post(url, {"planned_on": day, "place": "Værkstedet"}).status_code == 302
    # Called off through its own form ("opfoelgning-aflys"): a reason is asked for.
    cancel = reverse("case-step", args=[world[0].pk, "opfoelgning-aflys"])
    assert 'id="id_reason_error"' in client.post(cancel, {"reason": ""}).text
    assert client.post(cancel, {"reason": "Borgeren er syg."}).status_code == 302


def test_every_step_has_a_form_test():
    """Each step slug is posted by a test here or in test_views (the main journey and the
    visitation committee), so a new step cannot go untested."""
    here = Path(__file__).parent
    text = (here / "test_step_forms.py").read_text() + (here / "test_views.py").read_text()
    assert [s.slug for s in STEP_VIEWS if f'"{s.slug}"' not in text] == []


def test_decision_receipt_and_an_ending_ahead_through_the_forms(client_for, ballerup, world):
    """Retssikkerhedsloven § 67: a later known receipt of the decision letter is recorded
    after the letter; an ending decided for a day ahead takes effect on that day
    (issue 13)."""
    today = timezone.localdate()
    case = world[0]
    client = client_for(ballerup.caseworker)
    page = client.get(reverse("case", args=[case.pk])).text
    assert 'data-action-blocked="decision_receipt_record"' in page
    assert "Afgørelsesbrevet er ikke sendt endnu" in page
    response = client.post(reverse("case-letter", args=[case.pk, "bevilling"]), {"extra_text": ""})
    assert response.status_code == 302
    _post(client, case, "afgoerelse-modtaget", received_on=today.isoformat())
    assert case.decision.received_on == today
    ahead = today + timedelta(days=10)
    _post(client, case, "ophoer", reason="citizen_wish", terminated_on=ahead.isoformat())
    assert case.status == CaseStatus.ACTIVE
    page = client.get(reverse("case", args=[case.pk])).text
    assert "Ophører" in page and 'data-action-blocked="termination_effect"' in page
    assert "træder først i kraft den dag" in page
    with on_day(ahead):  # a new login: the session of ten days ago has expired
        _post(client_for(ballerup.caseworker), case, "ophoer-i-kraft")
    assert case.status == CaseStatus.TERMINATED


def test_journal_note_through_its_form(client_for, ballerup, world):
    """Issue 17, item 3: the note form ("notat") writes a note; a bad date is refused on
    the form, naming the field."""
    from bb103.cases.models import JournalNote

    url = reverse("case-step", args=[world[0].pk, "notat"])
    client = client_for(ballerup.caseworker)
    bad = client.post(url, {"kind": "meeting", "occurred_on": "2025-01-01", "text": "Møde."})
    assert 'id="id_occurred_on_error"' in bad.text
    done = client.post(url, {"kind": "meeting", "occurred_on": "2025-05-02", "text": "Møde."})
    assert done.status_code == 302
    assert JournalNote.objects.get(case=world[0]).get_kind_display() == "Møde"


def test_change_decision_through_the_forms(client_for, ballerup, world):
    """Issue 17, item 5 (forvaltningsloven § 19): fewer days is heard on a draft first;
    the change decided for a later day takes effect on that day; its letter is sent."""
    today = timezone.localdate()
    ahead = today + timedelta(days=10)
    case = world[0]
    client = client_for(ballerup.caseworker)
    url = reverse("case-step", args=[case.pk, "aendring"])
    response = client.post(
        url, {"decided_on": today.isoformat(), "effective_on": ahead.isoformat(),
              "days_per_week": "3", "reasons": "Færre dage."},
    )  # fmt: skip
    assert response.status_code == 200 and "forvaltningsloven § 19" in response.text
    _post(client, case, "aendring-udkast", created_on=today.isoformat(),
          effective_on=ahead.isoformat(), days_per_week="3",
          reasons="Du har været syg mange dage.")  # fmt: skip
    _post(client, case, "partshoering", sent_on=today.isoformat())
    _post(client, case, "partshoering-afslut", closed_on=today.isoformat(), comments="Uenig.")
    _post(client, case, "aendring", decided_on=today.isoformat(), effective_on=ahead.isoformat(),
          days_per_week="3", reasons="Du har været syg mange dage.")  # fmt: skip
    assert case.decision.kind == "change" and case.decision.days_per_week == 3
    page = client.get(reverse("case", args=[case.pk])).text
    assert 'data-action-blocked="change_effect"' in page
    response = client.post(reverse("case-letter", args=[case.pk, "aendring"]), {"extra_text": ""})
    assert response.status_code == 302
    case.decision.refresh_from_db()
    assert case.decision.received_on == today
    with on_day(ahead):
        _post(client_for(ballerup.caseworker), case, "aendring-i-kraft")
    assert case.placements.get(ended_on__isnull=True).days_per_week == 3


def test_the_assessment_is_corrected_through_its_form(client_for, ballerup, world):
    """Issue 17, item 1: the form is prefilled with the latest assessment's facts; the
    corrected fact is saved, with the reason, and the caseworker is warned that the
    decision was made on the old facts."""
    case = world[0]
    client = client_for(ballerup.caseworker)
    url = reverse("case-step", args=[case.pk, "udredning-ret"])
    page = client.get(url)
    # Prefilled: the factory's assessment says the citizen cannot work on normal terms.
    assert re.search(r'name="can_work_on_normal_terms" value="nej"[^>]*checked', page.text)
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    data.update(vum_level="2", reason="VUM-niveauet var tastet forkert.")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert case.assessments.get().vum_level == 2
    assert "genvurderes" in response.text
    assert "Udredning rettet" in client.get(reverse("case", args=[case.pk])).text

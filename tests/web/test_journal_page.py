"""Issue 17, item 3 on screen: the case page's journal notes (corrected ones marked and
pointing to the correction), the search of them, and the note form with its correction."""

from datetime import date

import pytest
from django.urls import reverse

from bb103.cases import services
from bb103.cases.models import AuditEntry, JournalNote
from tests.cases.factories import open_case

pytestmark = pytest.mark.django_db


def test_case_page_shows_notes_and_marks_the_corrected(client_for, ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    old = services.journal_note_add(
        user=ballerup.caseworker,
        case=case,
        kind="phone",
        occurred_on=date(2025, 3, 11),
        text="Borgeren ringede om kørsel.",
    )
    new = services.journal_note_add(
        user=ballerup.caseworker,
        case=case,
        kind="phone",
        occurred_on=date(2025, 3, 12),
        text="Det var værgen, der ringede om kørsel.",
        corrects=old,
    )
    page = client_for(ballerup.caseworker).get(reverse("case", args=[case.pk])).text
    assert "Journalnotater" in page and "Telefonsamtale" in page
    assert "Borgeren ringede om kørsel." in page  # the old note stays as written
    assert f'<a href="#notat-{new.pk}">notat af 12. marts 2025</a>' in page
    assert "Rettet</strong> ved" in page
    assert f'<a href="#notat-{old.pk}">notatet af 11. marts 2025</a>' in page
    # Only the newest may be corrected, from a link to the note form.
    step = reverse("case-step", args=[case.pk, "notat"])
    assert f"{step}?retter={new.pk}" in page and f"{step}?retter={old.pk}" not in page
    assert "Journalnotat skrevet" in page  # the timeline


def test_search_of_the_notes_filters_and_is_logged(client_for, ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    for kind, text in (("meeting", "Møde på værkstedet."), ("email", "Mail om kørsel.")):
        services.journal_note_add(
            user=ballerup.caseworker, case=case, kind=kind, occurred_on=date(2025, 3, 12), text=text
        )
    client = client_for(ballerup.caseworker)
    url = reverse("case", args=[case.pk])
    page = client.get(url, {"q": "kørsel"}).text
    assert "Mail om kørsel." in page and "Møde på værkstedet." not in page
    assert "1 notat med »kørsel«" in page
    assert AuditEntry.objects.filter(case=case, action="journal_searched").count() == 1
    none = client.get(url, {"q": "ingenting"}).text
    assert "Ingen notater med »ingenting«" in none
    bad = client.get(url, {"q": "a\x00b"})
    assert bad.status_code == 200 and "højst 100 tegn" in bad.text
    assert "Mail om kørsel." in bad.text  # not searched: every note is shown


def test_note_form_writes_a_note_and_a_correction(client_for, ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    client = client_for(ballerup.caseworker)
    url = reverse("case-step", args=[case.pk, "notat"])
    form = client.get(url).text
    assert "Telefonsamtale" in form and "Observation" in form and "Andet" in form
    done = client.post(
        url, {"kind": "observation", "occurred_on": "2025-03-12", "text": "Virkede træt."}
    )
    assert done.status_code == 302
    note = JournalNote.objects.get(case=case)
    form = client.get(url, {"retter": note.pk}).text
    assert f'<option value="{note.pk}" selected>' in form
    client.post(
        url,
        {
            "kind": "observation",
            "occurred_on": "2025-03-12",
            "text": "Virkede veloplagt.",
            "corrects": note.pk,
        },
    )
    assert JournalNote.objects.get(corrects=note).text == "Virkede veloplagt."
    future = client.post(url, {"kind": "phone", "occurred_on": "2099-01-01", "text": "x"})
    assert future.status_code == 200 and "kan ikke ligge efter i dag" in future.text


def test_committee_member_sees_notes_but_no_note_form(client_for, vejen, citizen_of):
    case = open_case(vejen.caseworker, citizen_of(vejen))
    services.journal_note_add(
        user=vejen.caseworker,
        case=case,
        kind="phone",
        occurred_on=date(2025, 3, 12),
        text="Opringning.",
    )
    client = client_for(vejen.committee)
    page = client.get(reverse("case", args=[case.pk])).text
    assert "Opringning." in page and "Skriv journalnotat" not in page
    assert client.get(reverse("case-step", args=[case.pk, "notat"])).status_code == 403

"""Issue 17, item 3: journal notes on a case (offentlighedsloven § 13, notatpligt): dated,
by kind and author, never changed in place (a correction is a new note pointing to the
old one), written and searched with an audit entry, and without making others' open forms
out of date."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bb103.cases import actions, selectors, services
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import AuditEntry, AuditKind, CaseStatus, JournalNote, Role
from tests.cases.factories import assess, grant, heard, make_user, open_case

pytestmark = pytest.mark.django_db


def _note(user, case, **inputs):
    values = {"kind": "phone", "occurred_on": date(2025, 3, 12), "text": "Borgeren ringede."}
    return services.journal_note_add(user=user, case=case, **{**values, **inputs})


def test_caseworker_writes_a_note_with_date_kind_and_author(ballerup, citizen_of):
    """Issue 17, item 3: a note has its date, kind and author, and the write is audited
    (naming the note, not its text)."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    note = _note(ballerup.caseworker, case, text="  Borgeren ringede om mødet.  ")
    assert (note.kind, note.occurred_on, note.author) == (
        "phone",
        date(2025, 3, 12),
        ballerup.caseworker,
    )
    assert note.get_kind_display() == "Telefonsamtale"
    assert note.text == "Borgeren ringede om mødet."
    entry = AuditEntry.objects.get(case=case, action="journal_note_add")
    assert entry.kind == AuditKind.WRITE and entry.details["note"] == note.pk
    assert "ringede" not in str(entry.details)


def test_manager_may_write_a_note_too(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assert _note(ballerup.manager, case, kind="meeting").author == ballerup.manager


@pytest.mark.parametrize("role", ["committee", "admin"])
def test_other_roles_may_not_write_a_note(ballerup, citizen_of, role):
    """Issue 17, item 3: the caseworker's (and the manager's) record; the committee and the
    administrator refused with the Danish role message."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    with pytest.raises(AccessDenied) as err:
        _note(getattr(ballerup, role), case)
    assert "skrive et journalnotat" in str(err.value)
    assert not JournalNote.objects.exists()


def test_another_municipalitys_caseworker_may_not_write_a_note(ballerup, vejen, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    with pytest.raises(AccessDenied):
        _note(vejen.caseworker, case)


def test_a_note_may_be_written_in_every_status(ballerup, citizen_of):
    """Issue 17, item 3: notes belong to the case in every state, the ended ones too."""
    assert actions.journal_note_add.statuses == frozenset(CaseStatus.values)
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    assert _note(ballerup.caseworker, case, occurred_on=date(2025, 4, 2)).pk


@pytest.mark.parametrize(
    ("inputs", "field", "words"),
    [
        ({"kind": "letter"}, "kind", "Notatets art skal være en af"),
        ({"text": "   "}, "text", "Notatet skal udfyldes"),
        ({"occurred_on": date(2025, 3, 9)}, "occurred_on", "før ansøgningen blev modtaget"),
        ({"text": "x" * 10_001}, "text", "højst være 10000 tegn"),
    ],
)
def test_bad_input_is_refused_naming_the_field(ballerup, citizen_of, inputs, field, words):
    """Issue 17, item 3: a note not before the application was received (10 March), of a
    known kind, with a text within the limit; each refusal in Danish naming the field."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    with pytest.raises(CaseError) as err:
        _note(ballerup.caseworker, case, **inputs)
    assert err.value.field == field and words in err.value.message
    assert not JournalNote.objects.exists()


def test_a_note_cannot_be_dated_in_the_future(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(CaseError) as err:
        _note(ballerup.caseworker, case, occurred_on=tomorrow)
    assert err.value.field == "occurred_on" and "efter i dag" in err.value.message


def test_a_note_is_never_changed_in_place(ballerup, citizen_of):
    """Issue 17, item 3: the row refuses an update; a correction is a new note."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    note = _note(ballerup.caseworker, case)
    note.text = "Noget andet."
    with pytest.raises(ValueError, match="kan ikke ændres"):
        note.save()
    assert JournalNote.objects.get(pk=note.pk).text == "Borgeren ringede."


def test_a_correction_is_a_new_note_pointing_to_the_old(ballerup, citizen_of):
    """Issue 17, item 3: the old note stays as written, marked as corrected by the new
    one; a correction can itself be corrected, but a note only once."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    old = _note(ballerup.caseworker, case)
    new = _note(ballerup.caseworker, case, text="Det var værgen, der ringede.", corrects=old)
    old.refresh_from_db()
    assert new.corrects == old and old.correction == new
    assert old.text == "Borgeren ringede."
    entry = AuditEntry.objects.get(case=case, details__note=new.pk)
    assert entry.details["corrects"] == old.pk
    with pytest.raises(CaseError) as err:
        _note(ballerup.caseworker, case, corrects=old)
    assert err.value.field == "corrects" and "allerede rettet" in err.value.message
    assert _note(ballerup.caseworker, case, corrects=new).corrects == new
    assert list(selectors.journal_notes_correctable(user=ballerup.caseworker, case=case)) == [
        JournalNote.objects.get(corrects=new)
    ]


def test_a_correction_of_another_cases_note_is_refused(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    other = open_case(ballerup.caseworker, citizen_of(ballerup))
    note = _note(ballerup.caseworker, other)
    with pytest.raises(CaseError) as err:
        _note(ballerup.caseworker, case, corrects=note)
    assert err.value.field == "corrects" and "hører ikke til denne sag" in err.value.message


def test_a_note_does_not_make_open_forms_out_of_date(ballerup, citizen_of):
    """Issue 17, item 3: a note is not a change of the case: its version stays, so a form
    another user opened before it is still accepted; nor is a note refused because a step
    was taken after its form was opened."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    shown = case.version
    _note(ballerup.manager, case, expected_version=shown)
    case.refresh_from_db()
    assert case.version == shown
    services.assessment_record(
        user=ballerup.caseworker, case=case, assessed_on=date(2025, 3, 17), expected_version=shown
    )
    case.refresh_from_db()
    assert case.version == shown + 1
    assert _note(ballerup.manager, case, expected_version=shown).pk


def test_searching_a_cases_notes_is_a_logged_read(ballerup, vejen, citizen_of):
    """Issue 17, item 3: the notes are searchable by words and kind; the search is logged
    as a read of the case (without the words), an unsearched list is not logged again."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    phone = _note(ballerup.caseworker, case, text="Borgeren ringede om kørsel.")
    meeting = _note(ballerup.caseworker, case, kind="meeting", text="Møde med værkstedet.")
    other = open_case(vejen.caseworker, citizen_of(vejen))
    _note(vejen.caseworker, other, text="Kørsel aftalt.", occurred_on=date(2025, 3, 11))
    find = selectors.journal_notes_for_case
    assert find(user=ballerup.caseworker, case=case) == [meeting, phone]
    assert not AuditEntry.objects.filter(action="journal_searched").exists()
    assert find(user=ballerup.caseworker, case=case, query="kørsel") == [phone]
    assert find(user=ballerup.caseworker, case=case, query="MØDE") == [meeting]
    assert find(user=ballerup.caseworker, case=case, query="telefonsamtale") == [phone]
    entry = AuditEntry.objects.filter(action="journal_searched").last()
    assert entry.kind == AuditKind.READ and entry.case == case
    assert "telefon" not in str(entry.details)
    # Another municipality's caseworker handed the case reads none of its notes.
    assert find(user=vejen.caseworker, case=case) == []


def test_provider_staff_read_no_notes(ballerup, citizen_of):
    """Data minimisation: the notes are the case file, not the placement's pages."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    _note(ballerup.caseworker, case)
    staff = make_user(
        "ballerup-notat-staff", ballerup.municipality, Role.PROVIDER_STAFF, ballerup.offer.provider
    )
    assert selectors.journal_notes_for_case(user=staff, case=case) == []

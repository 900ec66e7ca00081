"""Issue 17, item 8: a letter to a citizen with a representative goes to the
representative too, as the consent recorded says. A fuldmagt or partsrepræsentant gets a
copy while the citizen's consent holds (Forvaltningsloven § 8: a partsrepræsentant acts on
a fuldmagt); a værge from the appointment, recorded as the consent date. The letter itself
says to whom the copy went, and the copy is recorded with the letter."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bb103.cases import services
from bb103.cases.actions.letters import LETTER_ACTIONS, letter_rerender
from bb103.cases.models import AuditEntry, LetterCopy
from tests.cases.factories import open_case
from tests.letters.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def _represented(staff, citizen_of, **consent):
    citizen = citizen_of(staff)
    case = open_case(staff.caseworker, citizen)
    rep = services.representative_register(
        user=staff.caseworker,
        citizen=citizen,
        name="Ole Værgesen",
        relation=consent.pop("relation", "guardian"),
        contact="Værgevej 1, 2750 Ballerup",
        **consent,
    )
    return case, rep


def test_a_guardian_with_copies_gets_a_copy_named_in_the_letter(ballerup, citizen_of):
    case, rep = _represented(
        ballerup, citizen_of, consent_given_on=date(2024, 9, 2), receives_letters=True
    )
    letter = services.letter_send(user=ballerup.caseworker, case=case, kind="receipt")
    copy = LetterCopy.objects.get(letter=letter)
    assert (copy.representative, copy.name, copy.relation) == (rep, "Ole Værgesen", "guardian")
    assert copy.contact == "Værgevej 1, 2750 Ballerup"
    assert copy.sent_on == timezone.localdate()
    assert letter.data["copies"] == [{"name": "Ole Værgesen", "relation": "værge"}]
    assert "Kopi sendt til: Ole Værgesen (værge)" in pdf_text(letter.pdf)
    # Letters are unchangeable: the stored data render the same bytes again.
    assert letter_rerender(letter) == bytes(letter.pdf)
    entry = AuditEntry.objects.filter(action="letter_send").latest("id")
    # The trail holds the representative's id, not the name.
    assert entry.details["copies"] == [rep.pk]


def test_no_copy_without_a_valid_consent_or_the_wish_for_copies(ballerup, citizen_of):
    today = timezone.localdate()
    cases = [
        # Withdrawn before the letter's date.
        _represented(
            ballerup,
            citizen_of,
            relation="partsrepraesentant",
            consent_given_on=date(2024, 1, 2),
            receives_letters=True,
        ),
        # No consent recorded.
        _represented(ballerup, citizen_of, receives_letters=True),
        # A valid consent, but no copies asked for.
        _represented(ballerup, citizen_of, consent_given_on=date(2024, 1, 2)),
    ]
    withdrawn = cases[0][1]
    services.representative_correct(
        user=ballerup.caseworker,
        representative=withdrawn,
        reason="Borgeren har trukket fuldmagten tilbage.",
        name=withdrawn.name,
        relation=withdrawn.relation,
        contact=withdrawn.contact,
        consent_given_on=withdrawn.consent_given_on,
        consent_withdrawn_on=today - timedelta(days=1),
        receives_letters=True,
    )
    for case, _ in cases:
        letter = services.letter_send(user=ballerup.caseworker, case=case, kind="receipt")
        assert not LetterCopy.objects.filter(letter=letter).exists()
        assert "copies" not in letter.data
        assert "Kopi sendt til" not in pdf_text(letter.pdf)


def test_the_consent_is_read_on_the_letters_date(ballerup, citizen_of):
    """A consent given after the letter's date (a letter dated in the past, as the demo
    sends them) does not cover it."""
    case, _ = _represented(
        ballerup, citizen_of, consent_given_on=date(2025, 3, 20), receives_letters=True
    )
    letter = LETTER_ACTIONS["receipt"].as_on(date(2025, 3, 12), user=ballerup.caseworker, case=case)
    assert not LetterCopy.objects.filter(letter=letter).exists()


def test_the_case_page_lists_the_copy(ballerup, citizen_of, client):
    case, _ = _represented(
        ballerup, citizen_of, consent_given_on=date(2024, 9, 2), receives_letters=True
    )
    services.letter_send(user=ballerup.caseworker, case=case, kind="receipt")
    client.force_login(ballerup.caseworker)
    page = client.get(reverse("case", args=[case.pk])).content.decode()
    assert "Ole Værgesen (værge)" in page
    # The sending page's preview says it too.
    preview = client.get(reverse("case-letter", args=[case.pk, "kvittering"])).content.decode()
    assert "Kopi sendt til" in preview


def test_anonymisation_blanks_the_copys_name_and_contact(ballerup, citizen_of):
    """GDPR art. 5(1)(e): when the citizen's data are anonymised after the retention period,
    the representative named on a copy is too (as the representative's own row is)."""
    from bb103.cases.services.retention import ANONYMOUS, _anonymise

    case, _ = _represented(
        ballerup, citizen_of, consent_given_on=date(2024, 9, 2), receives_letters=True
    )
    services.letter_send(user=ballerup.caseworker, case=case, kind="receipt")
    _anonymise(case.citizen, timezone.localdate())
    copy = LetterCopy.objects.get(letter__case=case)
    assert (copy.name, copy.contact) == (ANONYMOUS, "")

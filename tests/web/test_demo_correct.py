"""Issue 17, items 1 and 8, in the demo: a citizen corrected with a reason, and a citizen
with a værge who gets a copy of the letters; loading twice changes nothing."""

import pytest
from django.utils import timezone

from bb103.cases.models import AuditEntry, Citizen, Correction, LetterCopy
from bb103.web import demo_correct

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_correction_and_a_copy_to_a_guardian(ballerup, vejen):
    demo_correct.load(today=timezone.localdate())
    demo_correct.load(today=timezone.localdate())
    corrected = Citizen.objects.get(last_name="Rettesen")
    assert corrected.living_situation == "with_family"
    entry = AuditEntry.objects.get(action="citizen_correct", citizen=corrected)
    assert sorted(entry.details["fields"]) == ["address", "living_situation"]
    kept = Correction.objects.get(pk=entry.details["correction"])
    assert kept.changes["living_situation"]["old"] == "own_home"
    assert AuditEntry.objects.filter(action="assessment_correct").count() == 1
    copy = LetterCopy.objects.get()
    assert copy.name == "Birgitte Værgesen" and copy.letter.case.citizen.last_name == "Kopisen"
    assert copy.letter.data["copies"] == [{"name": "Birgitte Værgesen", "relation": "værge"}]

"""Issue 17, item 1: correcting what was registered. A citizen's data, a representative and
their consent, and the facts of the latest assessment are corrected with a reason; the old
and the new values and the reason are kept in a Correction row (anonymised with the
citizen), the append-only audit entry names the row and the changed fields only (GDPR art.
5, stk. 1, litra c and e), and the deadlines and the engine's recommendation follow the
corrected facts. A CPR number that
says the citizen is not yet born is refused; one that says they are over 100 is warned of."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bb103.cases import services
from bb103.cases.cpr_index import cpr_search_key
from bb103.cases.engine.evaluation import evaluate_case
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import (
    AuditEntry,
    Correction,
    CorrectionSubject,
    Deadline,
    DeadlineKind,
    TerminationReason,
)
from bb103.cases.services.citizens import normalise_cpr
from bb103.cases.services.retention import retention_apply
from tests.cases.factories import (
    assess,
    fictitious_cpr,
    grant,
    heard,
    open_case,
    placed,
    running_placement,
)

pytestmark = pytest.mark.django_db

REASON = "Borgeren har oplyst det rigtige ved samtalen."


def _entry(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


def _kept(entry: AuditEntry) -> Correction:
    """The correction the audit entry names; the entry itself holds no value and no reason."""
    assert set(entry.details) <= {"citizen", "representative", "assessment", "correction",
                                  "fields", "recommendation"}  # fmt: skip
    correction = Correction.objects.get(pk=entry.details["correction"])
    assert entry.details["fields"] == correction.fields == sorted(correction.changes)
    assert correction.municipality_id == entry.municipality_id
    assert correction.corrected_by_id == entry.actor_id
    return correction


# --- CPR numbers at registration --------------------------------------------------------


def test_a_cpr_number_born_in_the_future_is_refused():
    """Issue 17, item 1: 010130-4000 reads as born 1 January 2030 (7th digit 4, year 30:
    CPR-kontoret's century rule), a day that has not come."""
    with pytest.raises(CaseError) as refused:
        normalise_cpr("010130-4000", today=date(2026, 12, 3))
    assert refused.value.field == "cpr"
    assert "1. januar 2030" in refused.value.message
    assert "ikke kommet endnu" in refused.value.message
    # The same number with 7th digit 0 is born 1930: valid.
    assert normalise_cpr("0101300000", today=date(2026, 12, 3)) == "010130-0000"


def test_registration_refuses_a_citizen_not_yet_born(ballerup):
    with pytest.raises(CaseError) as refused:
        services.citizen_register(
            user=ballerup.caseworker,
            municipality=ballerup.municipality,
            cpr=f"0101{(timezone.localdate().year + 3) % 100:02d}-4000",
            first_name="Fremtidig",
            last_name="Borger",
        )
    assert refused.value.field == "cpr"


def test_registration_warns_of_an_implausible_age(ballerup):
    """Born 1900 is 126 years old: possible to register, but the caseworker is warned."""
    citizen = services.citizen_register(
        user=ballerup.caseworker,
        municipality=ballerup.municipality,
        cpr="010100-1234",
        first_name="Meget",
        last_name="Gammel",
    )
    assert len(citizen.warnings) == 1
    assert "1. januar 1900" in citizen.warnings[0] and "år" in citizen.warnings[0]
    ordinary = services.citizen_register(
        user=ballerup.caseworker,
        municipality=ballerup.municipality,
        cpr=fictitious_cpr(date(1990, 5, 17)),
        first_name="Almindelig",
        last_name="Alder",
    )
    assert ordinary.warnings == []


# --- the citizen ----------------------------------------------------------------------


def test_correcting_the_living_situation_changes_ballerups_days_range(ballerup, citizen_of):
    """Ballerup's standard: own home 1-4 days a week, with the family 1-5. The engine reads
    the corrected living situation; the entry holds old, new and the reason."""
    citizen = citizen_of(ballerup, living_situation="own_home")
    case = open_case(ballerup.caseworker, citizen)
    assess(ballerup.caseworker, case)
    assert evaluate_case(case, as_of=timezone.localdate()).days_per_week.max == 4
    correction = services.citizen_correct(
        user=ballerup.caseworker,
        citizen=citizen,
        reason=REASON,
        living_situation="with_family",
        address="Ny Vej 2, 2750 Ballerup",
    )
    assert correction.changes["living_situation"] == {"old": "own_home", "new": "with_family"}
    case.refresh_from_db()
    assert evaluate_case(case, as_of=timezone.localdate()).days_per_week.max == 5
    entry = _entry("citizen_correct")
    assert entry.citizen_id == citizen.pk and entry.municipality_id == "ballerup"
    assert sorted(entry.details["fields"]) == ["address", "living_situation"]
    assert "Ny Vej" not in str(entry.details) and REASON not in str(entry.details)
    kept = _kept(entry)
    assert kept.subject == CorrectionSubject.CITIZEN and kept.citizen_id == citizen.pk
    assert kept.case_id is None
    assert kept.changes["address"] == {"old": "", "new": "Ny Vej 2, 2750 Ballerup"}
    assert kept.reason == REASON


def test_correcting_the_cpr_number_moves_the_pension_age_date(ballerup, citizen_of):
    """The pension-age date follows the CPR number (Serviceloven § 103: until folkepension);
    the audit trail holds only the birth-date part, the search key follows the number."""
    citizen = citizen_of(ballerup, birth=date(1990, 5, 17))
    case = open_case(ballerup.caseworker, citizen)
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    placed(ballerup.caseworker, case, ballerup.offer)
    before = Deadline.objects.get(case=case, kind=DeadlineKind.PENSION_AGE).due_on
    new_cpr = "170580-1234"
    correction = services.citizen_correct(
        user=ballerup.caseworker, citizen=citizen, reason=REASON, cpr=new_cpr
    )
    after = Deadline.objects.get(case=case, kind=DeadlineKind.PENSION_AGE).due_on
    assert after.year == before.year - 10
    assert [(d.case_id, d.old, d.new) for d in correction.deadlines] == [(case.pk, before, after)]
    citizen.refresh_from_db()
    assert citizen.cpr == new_cpr and citizen.cpr_key == cpr_search_key(new_cpr)
    entry = _entry("citizen_correct")
    # The audit entry names the field only: not even the masked birth date, nor the
    # pension-age date that moved (it tells the birth date too).
    assert entry.details["fields"] == ["cpr"]
    assert "1705" not in str(entry.details) and str(after.year) not in str(entry.details)
    kept = _kept(entry)
    assert kept.changes["cpr"] == {"old": "170590-xxxx", "new": "170580-xxxx"}
    assert new_cpr not in str(kept.changes) and "1234" not in str(kept.changes)
    assert kept.deadlines == [
        {"case": case.pk, "deadline": "Ophør ved folkepensionsalderen", "old": before.isoformat(),
         "new": after.isoformat()}
    ]  # fmt: skip


def test_a_corrected_cpr_number_must_be_unique_in_the_municipality(ballerup, vejen, citizen_of):
    first, second = citizen_of(ballerup), citizen_of(ballerup)
    with pytest.raises(CaseError) as refused:
        services.citizen_correct(
            user=ballerup.caseworker, citizen=second, reason=REASON, cpr=first.cpr
        )
    assert refused.value.field == "cpr"
    # Another municipality's citizen may have the same number.
    other = citizen_of(vejen)
    services.citizen_correct(user=vejen.caseworker, citizen=other, reason=REASON, cpr=first.cpr)


def test_a_citizen_correction_is_refused_without_reason_change_or_role(ballerup, citizen_of):
    citizen = citizen_of(ballerup)
    with pytest.raises(CaseError) as no_reason:
        services.citizen_correct(user=ballerup.caseworker, citizen=citizen, reason=" ", phone="1")
    assert no_reason.value.field == "reason" and "Begrundelsen" in no_reason.value.message
    with pytest.raises(CaseError) as nothing:
        services.citizen_correct(
            user=ballerup.caseworker, citizen=citizen, reason=REASON, first_name=citizen.first_name
        )
    assert nothing.value.field == "reason" and "ikke ændret" in nothing.value.message
    with pytest.raises(CaseError) as future:
        services.citizen_correct(
            user=ballerup.caseworker, citizen=citizen, reason=REASON, cpr="010130-4000"
        )
    assert future.value.field == "cpr"
    with pytest.raises(CaseError) as living:
        services.citizen_correct(
            user=ballerup.caseworker, citizen=citizen, reason=REASON, living_situation="slot"
        )
    assert living.value.field == "living_situation"
    with pytest.raises(AccessDenied):
        services.citizen_correct(user=ballerup.manager, citizen=citizen, reason=REASON, phone="1")
    assert not AuditEntry.objects.filter(action="citizen_correct").exists()
    assert not Correction.objects.exists()


def test_a_corrected_cpr_number_over_100_years_warns(ballerup, citizen_of):
    citizen = citizen_of(ballerup)
    correction = services.citizen_correct(
        user=ballerup.caseworker, citizen=citizen, reason=REASON, cpr="010100-1234"
    )
    assert correction.warnings and "1900" in correction.warnings[0]


# --- representatives ------------------------------------------------------------------


def test_correcting_a_representatives_consent_is_audited(ballerup, citizen_of):
    citizen = citizen_of(ballerup)
    rep = services.representative_register(
        user=ballerup.caseworker,
        citizen=citizen,
        name="Hanne Fuldmagt",
        relation="partsrepraesentant",
        consent_given_on=date(2025, 1, 6),
    )
    services.representative_correct(
        user=ballerup.caseworker,
        representative=rep,
        reason="Borgeren har trukket fuldmagten tilbage.",
        name="Hanne Fuldmagt",
        relation="partsrepraesentant",
        consent_given_on=date(2025, 1, 6),
        consent_withdrawn_on=date(2025, 6, 1),
        receives_letters=True,
    )
    rep.refresh_from_db()
    assert rep.consent_withdrawn_on == date(2025, 6, 1) and rep.receives_letters
    assert not rep.has_consent_on(date(2025, 6, 1))
    entry = _entry("representative_correct")
    assert entry.details["representative"] == rep.pk
    kept = _kept(entry)
    assert kept.subject == CorrectionSubject.REPRESENTATIVE and kept.representative_id == rep.pk
    assert kept.changes["consent_withdrawn_on"] == {"old": None, "new": "2025-06-01"}
    assert kept.reason == "Borgeren har trukket fuldmagten tilbage."


def test_a_representative_correction_is_refused_on_bad_dates_or_role(ballerup, citizen_of):
    citizen = citizen_of(ballerup)
    rep = services.representative_register(
        user=ballerup.caseworker, citizen=citizen, name="Ole Værge", relation="guardian"
    )
    base = {"representative": rep, "reason": REASON, "name": "Ole Værge", "relation": "guardian"}
    with pytest.raises(CaseError) as without_given:
        services.representative_correct(
            user=ballerup.caseworker, consent_withdrawn_on=date(2025, 1, 1), **base
        )
    assert without_given.value.field == "consent_withdrawn_on"
    with pytest.raises(CaseError) as before_given:
        services.representative_correct(
            user=ballerup.caseworker,
            consent_given_on=date(2025, 2, 1),
            consent_withdrawn_on=date(2025, 1, 1),
            **base,
        )
    assert before_given.value.field == "consent_withdrawn_on"
    with pytest.raises(CaseError) as future:
        services.representative_correct(
            user=ballerup.caseworker,
            consent_given_on=timezone.localdate() + timedelta(days=1),
            **base,
        )
    assert future.value.field == "consent_given_on"
    with pytest.raises(AccessDenied):
        services.representative_correct(user=ballerup.committee, name="X", **{
            k: v for k, v in base.items() if k != "name"})  # fmt: skip


# --- the assessment -------------------------------------------------------------------


def test_correcting_the_assessment_changes_the_recommendation(ballerup, citizen_of):
    """Serviceloven § 103, stk. 1: a citizen who can work on normal terms is not in the
    target group. The fact was typed wrong: corrected in place, old and new audited."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    assert evaluate_case(case, as_of=timezone.localdate()).outcome == "eligible"
    assessment = services.assessment_correct(
        user=ballerup.caseworker,
        case=case,
        reason="Jobcentret har oplyst, at borgeren kan arbejde på normale vilkår.",
        can_work_on_normal_terms=True,
    )
    assert case.assessments.count() == 1
    assessment.refresh_from_db()
    assert assessment.can_work_on_normal_terms is True
    assert evaluate_case(case, as_of=timezone.localdate()).outcome == "not_eligible"
    entry = _entry("assessment_correct")
    assert entry.case_id == case.pk
    assert entry.details["fields"] == ["can_work_on_normal_terms"]
    assert entry.details["recommendation"] == {"old": "eligible", "new": "not_eligible"}
    kept = _kept(entry)
    assert kept.subject == CorrectionSubject.ASSESSMENT
    assert (kept.case_id, kept.assessment_id, kept.citizen_id) == (
        case.pk, assessment.pk, case.citizen_id)  # fmt: skip
    assert kept.changes == {"can_work_on_normal_terms": {"old": False, "new": True}}
    assert kept.reason.startswith("Jobcentret")


def test_an_assessment_correction_after_the_decision_warns(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    assessment = services.assessment_correct(
        user=ballerup.caseworker, case=case, reason=REASON, vum_level=2
    )
    assert any("genvurderes" in w for w in assessment.warnings)


def test_an_assessment_correction_is_refused_where_it_does_not_fit(ballerup, citizen_of):
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    with pytest.raises(CaseError) as no_assessment:
        services.assessment_correct(user=ballerup.caseworker, case=case, reason=REASON)
    assert no_assessment.value.field == "status"
    assess(ballerup.caseworker, case)
    with pytest.raises(CaseError) as nothing:
        services.assessment_correct(user=ballerup.caseworker, case=case, reason=REASON,
                                    vum_level=3)  # fmt: skip
    assert nothing.value.field == "reason"
    with pytest.raises(CaseError) as no_reason:
        services.assessment_correct(user=ballerup.caseworker, case=case, reason="", vum_level=1)
    assert no_reason.value.field == "reason"
    with pytest.raises(CaseError) as future:
        services.assessment_correct(
            user=ballerup.caseworker,
            case=case,
            reason=REASON,
            assessed_on=timezone.localdate() + timedelta(days=1),
        )
    assert future.value.field == "assessed_on"
    with pytest.raises(AccessDenied):
        services.assessment_correct(user=ballerup.manager, case=case, reason=REASON, vum_level=1)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    services.case_terminate(
        user=ballerup.caseworker, case=case, reason="citizen_wish", terminated_on=date(2025, 4, 1)
    )
    with pytest.raises(CaseError) as ended:
        services.assessment_correct(user=ballerup.caseworker, case=case, reason=REASON,
                                    vum_level=1)  # fmt: skip
    assert ended.value.field == "status" and "Ophørt" in ended.value.message


# --- anonymisation --------------------------------------------------------------------


def test_anonymisation_leaves_no_corrected_value_behind(ballerup, vejen, citizen_of):
    """GDPR art. 5, stk. 1, litra e, and issue 17, item 1: when the retention period has
    run out, no old or new name, address, phone number, CPR part or reason of a correction
    survives, neither in the (append-only) audit log nor in the Correction rows; which
    fields were corrected, when and by whom stays. Another municipality's correction is
    left as it is."""
    placement = running_placement(ballerup, citizen_of)
    case, citizen = placement.case, placement.case.citizen
    old_name, old_address = citizen.first_name, "Gammel Vej 1, 2750 Ballerup"
    services.citizen_correct(
        user=ballerup.caseworker, citizen=citizen, reason="Adressen.", address=old_address
    )
    services.citizen_correct(
        user=ballerup.caseworker,
        citizen=citizen,
        reason=f"{old_name} hedder Karoline.",
        first_name="Karoline",
        address="Ny Vej 2, 2750 Ballerup",
        phone="12 34 56 78",
        cpr="170580-1234",
    )
    rep = services.representative_register(
        user=ballerup.caseworker, citizen=citizen, name="Ole Værgesen", relation="guardian"
    )
    services.representative_correct(
        user=ballerup.caseworker,
        representative=rep,
        reason="Navnet var stavet forkert.",
        name="Ole Værgesøn",
        relation="guardian",
    )
    services.assessment_correct(
        user=ballerup.caseworker, case=case, reason="Bor hos Karoline.", vum_notes="Karoline"
    )
    services.case_terminate(
        user=ballerup.caseworker,
        case=case,
        reason=TerminationReason.CITIZEN_WISH,
        terminated_on=date(2025, 6, 30),
    )
    other = citizen_of(vejen)
    services.citizen_correct(user=vejen.caseworker, citizen=other, reason=REASON, phone="87")

    assert retention_apply(today=date(2030, 7, 1)).anonymised == [citizen.pk]

    gone = [old_name, "Karoline", "Gammel Vej", "Ny Vej", "12 34 56 78", "1705", "Værges",
            "Adressen", "stavet forkert"]  # fmt: skip
    kept = list(Correction.objects.filter(citizen=citizen).order_by("id"))
    assert len(kept) == 4
    entries = AuditEntry.objects.filter(citizen=citizen, action__endswith="_correct")
    assert entries.count() == 4
    for text in (*(str(e.details) for e in entries), *(str(c.changes) for c in kept)):
        assert not [g for g in gone if g in text], text
    for correction in kept:
        assert correction.reason == "" and correction.deadlines == []
        assert all(v == {"old": None, "new": None} for v in correction.changes.values())
    assert sorted(kept[1].changes) == ["address", "cpr", "first_name", "phone"]
    untouched = Correction.objects.get(citizen=other)
    assert untouched.reason == REASON and untouched.changes["phone"]["new"] == "87"

"""Issue 17, item 5: the scope (days per week, hours per day) in the decision, within the
standard's range; and change decisions (ændringsafgørelser): partshøring where the change
is to the citizen's disadvantage (forvaltningsloven § 19), a letter with klagevejledning,
and their own complaint period from its receipt (retssikkerhedsloven § 67)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bb103.cases import actions, services
from bb103.cases.errors import AccessDenied, CaseError
from bb103.cases.models import (
    CaseStatus,
    ComplaintAbout,
    Deadline,
    DeadlineKind,
    Decision,
    DecisionKind,
    Placement,
    WageAgreement,
)
from bb103.cases.services.sweep import sweep_run
from tests.cases.factories import (
    assess,
    heard,
    make_offer,
    on_day,
    open_case,
    placed,
    reviewed,
    running_placement,
    tell,
)
from tests.letters.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def _ready(staff, citizen_of, **citizen):
    """A case assessed and heard on a draft to grant (and, in Vejen, reviewed by the
    committee), ready for the decision."""
    case = open_case(staff.caseworker, citizen_of(staff, **citizen))
    assess(staff.caseworker, case)
    heard(staff.caseworker, case, days=14)
    if staff.municipality.pk == "vejen":
        reviewed(staff.committee, case, staff.offer)
    return case


def _grant(staff, case, days=None, hours=None):
    return services.decision_make(
        user=staff.caseworker,
        case=case,
        outcome="grant",
        decided_on=date(2025, 4, 1),
        offer=staff.offer,
        days_per_week=days,
        hours_per_day=hours,
    )


# -- the scope in the decision --------------------------------------------------------------
@pytest.mark.parametrize(
    ("mid", "living", "days", "allowed"),
    [
        ("vejen", "own_home", 5, True),  # "udgangspunktet er 5 dage om ugen"
        ("vejen", "own_home", 3, True),  # fewer by individual assessment
        ("ballerup", "own_home", 4, True),
        ("ballerup", "own_home", 5, False),  # own home: 1-4
        ("ballerup", "botilbud", 5, False),  # botilbud: 1-4
        ("ballerup", "with_family", 5, True),  # with family: 1-5 by special consideration
        ("roskilde", "own_home", 5, True),  # 1-5 dage ugentligt
        ("lejre", "own_home", 1, True),  # deltid
        ("soenderborg", "own_home", 5, True),  # the law's 1-5
    ],
)
def test_grant_days_within_the_standards_range(
    request, citizen_of, mid, living, days, allowed
):  # fmt: skip
    """Issue 17, item 5: a grant's days per week lie in the range the standard gives for
    the citizen's living situation; a refusal names the range and the standard's source."""
    staff = request.getfixturevalue(mid)
    if mid == "lejre":
        staff.offer.socialtilsyn_approved = True
        staff.offer.save()
    case = _ready(staff, citizen_of, living_situation=living)
    if allowed:
        decision = _grant(staff, case, days=days, hours=Decimal("6"))
        assert decision.days_per_week == days and decision.hours_per_day == Decimal("6")
        return
    with pytest.raises(CaseError) as err:
        _grant(staff, case, days=days)
    assert err.value.field == "days_per_week"
    assert "1-4 dage om ugen" in err.value.message
    assert "Ballerup, serviceniveau: Indsatsens omfang" in err.value.message
    assert not Decision.objects.filter(case=case).exists()


def test_grant_days_need_the_living_situation_where_the_range_depends_on_it(ballerup, citizen_of):
    """Issue 17, item 5: Ballerup's maximum depends on where the citizen lives; without it
    no number of days can be granted."""
    case = _ready(ballerup, citizen_of, living_situation="")
    with pytest.raises(CaseError) as err:
        _grant(ballerup, case, days=3)
    assert err.value.field == "days_per_week" and "boform" in err.value.message


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"days_per_week": 0}, "days_per_week"),
        ({"days_per_week": 6}, "days_per_week"),
        ({"days_per_week": 4, "hours_per_day": Decimal("0")}, "hours_per_day"),
        ({"days_per_week": 4, "hours_per_day": Decimal("60")}, "hours_per_day"),
    ],
)
def test_grant_scope_bad_input_names_the_field(roskilde, citizen_of, inputs, field):
    """Issue 17, item 5: days Monday to Friday (1-5), hours more than 0 and at most 12."""
    case = _ready(roskilde, citizen_of)
    with pytest.raises(CaseError) as err:
        services.decision_make(
            user=roskilde.caseworker,
            case=case,
            outcome="grant",
            decided_on=date(2025, 4, 1),
            **inputs,
        )
    assert err.value.field == field


def test_a_refusal_grants_no_scope(roskilde, citizen_of):
    case = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, case, significant_reduced_function=False)
    heard(roskilde.caseworker, case, outcome="refusal", days=14)
    decision = services.decision_make(
        user=roskilde.caseworker,
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
        days_per_week=4,
    )
    assert decision.days_per_week is None and decision.hours_per_day is None


def test_grant_letter_states_the_granted_scope(ballerup, citizen_of):
    """Issue 17, item 5: the grant letter (the PDF the citizen gets) says the days and
    hours granted, not the standard's range."""
    case = _ready(ballerup, citizen_of)
    _grant(ballerup, case, days=4, hours=Decimal("6"))
    letter = tell(ballerup.caseworker, case)
    text = pdf_text(bytes(letter.pdf))
    assert "Du får beskyttet beskæftigelse 4 dage om ugen, 6 timer om dagen." in text
    assert "1 til 4 dage om ugen" not in text


def test_placement_plans_no_more_than_granted(roskilde, citizen_of):
    """Issue 17, item 5: the placement plans no more days, nor longer days, than the
    decision grants."""
    case = _ready(roskilde, citizen_of)
    _grant(roskilde, case, days=3, hours=Decimal("5"))
    with pytest.raises(CaseError) as err:
        placed(roskilde.caseworker, case, roskilde.offer, days=4)
    assert err.value.field == "days_per_week" and "3 dage om ugen" in err.value.message
    with pytest.raises(CaseError) as err:
        services.placement_start(
            user=roskilde.caseworker,
            case=case,
            offer=roskilde.offer,
            start_on=date(2025, 5, 1),
            days_per_week=3,
            hours_per_day=Decimal("6"),
            contact_person="Kirsten Kontakt",
        )
    assert err.value.field == "hours_per_day"
    placement = services.placement_start(
        user=roskilde.caseworker,
        case=case,
        offer=roskilde.offer,
        start_on=date(2025, 5, 1),
        days_per_week=2,
        hours_per_day=Decimal("5"),
        contact_person="Kirsten Kontakt",
    )
    assert placement.days_per_week == 2


# -- change decisions -------------------------------------------------------------------------
def _running(staff, citizen_of):
    """Roskilde: granted 1 April 2025 (no scope recorded), placed 1 May 2025 on Monday to
    Thursday, 6 hours a day; the grant letter sent 1 April."""
    placement = running_placement(staff, citizen_of)
    tell(staff.caseworker, placement.case)
    placement.case.refresh_from_db()
    return placement


def _change(staff, case, **inputs):
    return services.change_decision_make(
        user=staff.caseworker,
        case=case,
        decided_on=inputs.pop("decided_on", date(2025, 9, 15)),
        effective_on=inputs.pop("effective_on", date(2025, 10, 1)),
        **inputs,
    )


def _hear_fewer_days(staff, case, days=3):
    services.change_draft_create(
        user=staff.caseworker,
        case=case,
        created_on=date(2025, 9, 1),
        effective_on=date(2025, 10, 1),
        days_per_week=days,
        reasons="Du har været syg mange dage. Vi vil give dig færre dage, så du kan følge med.",
    )
    services.party_hearing_send(user=staff.caseworker, case=case, sent_on=date(2025, 9, 1), days=14)
    services.party_hearing_close(
        user=staff.caseworker,
        case=case,
        closed_on=date(2025, 9, 10),
        comments="Jeg vil hellere have fire dage.",
    )


def test_change_to_disadvantage_refused_without_hearing(roskilde, citizen_of):
    """Forvaltningsloven § 19, stk. 1: fewer days, not asked for, rest on the
    municipality's assessment; the citizen is heard on a draft first."""
    placement = _running(roskilde, citizen_of)
    with pytest.raises(CaseError) as err:
        _change(roskilde, placement.case, days_per_week=3, reasons="Færre dage.")
    assert err.value.field == "at_citizens_request"
    assert "§ 19" in err.value.message and "færre dage (4 til 3)" in err.value.message
    assert not Decision.objects.filter(case=placement.case, kind=DecisionKind.CHANGE).exists()


def test_change_to_disadvantage_allowed_after_hearing(roskilde, citizen_of):
    """Forvaltningsloven § 19: after the hearing on the draft is closed, the change is
    decided; it is a new decision in force, pointing to the one it changes, and from its
    day the placement follows (the old one ends the day before; history kept)."""
    placement = _running(roskilde, citizen_of)
    case = placement.case
    WageAgreement.objects.create(
        placement=placement,
        valid_from=date(2025, 5, 1),
        basis="hourly_wage",
        hourly_amount=Decimal("15.00"),
        set_by=roskilde.caseworker,
    )
    old = case.decision
    _hear_fewer_days(roskilde, case)
    with pytest.raises(CaseError) as err:  # further than the draft
        _change(roskilde, case, days_per_week=2, reasons="Færre dage.")
    assert "går videre end udkastet" in err.value.message
    with pytest.raises(CaseError) as err:  # §§ 22 and 24
        _change(roskilde, case, days_per_week=3)
    assert err.value.field == "reasons"
    decision = _change(roskilde, case, days_per_week=3, reasons="Du har været syg meget.")
    case.refresh_from_db()
    assert case.decision_id == decision.pk and case.status == CaseStatus.ACTIVE
    assert decision.kind == DecisionKind.CHANGE and decision.previous_id == old.pk
    assert decision.draft is not None and decision.evaluation
    assert (decision.days_per_week, decision.hours_per_day) == (3, Decimal("6.00"))
    placement.refresh_from_db()
    assert placement.ended_on == date(2025, 9, 30)
    new = Placement.objects.get(case=case, ended_on__isnull=True)
    assert (new.start_on, new.days_per_week, new.weekdays) == (date(2025, 10, 1), 3, "123")
    assert new.wages.get().hourly_amount == Decimal("15.00")  # the wage goes on
    # The placement now plans no more than the change grants.
    assert not actions.change_effect.verdict(
        actions.case_state_load(case, today=date(2025, 10, 2)), {"caseworker"}
    ).shown


def test_change_to_advantage_needs_no_hearing(roskilde, citizen_of):
    """Forvaltningsloven § 19: more days is no disadvantage; no draft is needed (and none
    can be made for it)."""
    placement = _running(roskilde, citizen_of)
    with pytest.raises(CaseError) as err:
        services.change_draft_create(
            user=roskilde.caseworker,
            case=placement.case,
            created_on=date(2025, 9, 1),
            effective_on=date(2025, 10, 1),
            days_per_week=5,
            reasons="Flere dage.",
        )
    assert "kræver ikke partshøring" in err.value.message
    decision = _change(roskilde, placement.case, days_per_week=5)
    assert decision.days_per_week == 5 and decision.draft is None
    assert Placement.objects.get(case=placement.case, ended_on__isnull=True).weekdays == "12345"


def test_change_of_offer_at_the_citizens_wish_needs_no_hearing(roskilde, citizen_of):
    """Forvaltningsloven § 19, stk. 2, nr. 1: another offer the citizen asked for needs no
    hearing; one the citizen did not ask for does."""
    placement = _running(roskilde, citizen_of)
    other = make_offer(roskilde.admin, roskilde.municipality)
    with pytest.raises(CaseError) as err:
        _change(roskilde, placement.case, offer=other, reasons="Et andet sted.")
    assert "et andet tilbud" in err.value.message
    decision = _change(roskilde, placement.case, offer=other, at_citizens_request=True)
    assert decision.offer == other and decision.at_citizens_request
    new = Placement.objects.get(case=placement.case, ended_on__isnull=True)
    assert new.offer == other and new.days_per_week == 4


def test_change_refused_wrong_role_state_and_nothing_changed(roskilde, citizen_of):
    """Issue 17, item 5: only a caseworker, only on a granted case, and only a change."""
    placement = _running(roskilde, citizen_of)
    with pytest.raises(AccessDenied):
        services.change_decision_make(
            user=roskilde.committee,
            case=placement.case,
            decided_on=date(2025, 9, 15),
            effective_on=date(2025, 10, 1),
            days_per_week=5,
        )
    with pytest.raises(CaseError) as err:
        _change(roskilde, placement.case, days_per_week=4)
    assert "ændrer ikke noget" in err.value.message
    with pytest.raises(CaseError) as err:
        _change(roskilde, placement.case, days_per_week=5, effective_on=date(2025, 9, 1))
    assert err.value.field == "effective_on"
    refused = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, refused, significant_reduced_function=False)
    heard(roskilde.caseworker, refused, outcome="refusal", days=14)
    services.decision_make(
        user=roskilde.caseworker,
        case=refused,
        outcome="refusal",
        decided_on=date(2025, 4, 1),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )
    with pytest.raises(CaseError) as err:
        _change(roskilde, refused, days_per_week=3)
    assert err.value.field == "status" and "afslag" in err.value.message


def test_change_letter_has_klagevejledning_and_its_own_complaint_deadline(roskilde, citizen_of):
    """Retssikkerhedsloven § 67, forvaltningsloven § 25: the change letter states the new
    scope, the reasons and klagevejledning; its receipt starts the complaint period of the
    change (4 weeks), and a complaint is about the change decision in force."""
    placement = _running(roskilde, citizen_of)
    case = placement.case
    _hear_fewer_days(roskilde, case)
    decision = _change(roskilde, case, days_per_week=3, reasons="Du har været syg meget.")
    assert not actions.LETTER_ACTIONS["decision_grant"].relevant(
        actions.case_state_load(case, today=date(2025, 9, 16))
    )
    with on_day(date(2025, 9, 16)):
        letter = services.letter_send(user=roskilde.caseworker, case=case, kind="decision_change")
    text = pdf_text(bytes(letter.pdf))
    for part in (
        "Vi har ændret din beskyttede beskæftigelse",
        "Det gælder fra 1. oktober 2025",
        "Du får beskyttet beskæftigelse 3 dage om ugen, 6 timer om dagen.",
        "Før fik du beskyttet beskæftigelse 4 dage om ugen, 6 timer om dagen.",
        "Du har været syg meget.",
        "Vi har læst dit svar fra 10. september 2025",
        "Sådan klager du",
        "senest 14. oktober 2025",
        "Forvaltningsloven § 25",
    ):
        assert part in text, part
    decision.refresh_from_db()
    assert decision.received_on == date(2025, 9, 16)
    deadline = Deadline.objects.get(case=case, kind=DeadlineKind.COMPLAINT)
    assert deadline.due_on == date(2025, 10, 14)  # 28 days from the receipt
    late = services.complaint_register(
        user=roskilde.caseworker, case=case, received_on=date(2025, 10, 15), form="oral"
    )
    assert late.decision_id == decision.pk and late.about == ComplaintAbout.CHANGE
    assert late.late


def test_change_in_time_from_its_own_letter(roskilde, citizen_of):
    """Retssikkerhedsloven § 67: a complaint about the change, in time from the change
    letter, is in time though long after the grant's own period ran out."""
    placement = _running(roskilde, citizen_of)
    case = placement.case
    _change(roskilde, case, days_per_week=5)
    with on_day(date(2025, 9, 16)):
        services.letter_send(user=roskilde.caseworker, case=case, kind="decision_change")
    complaint = services.complaint_register(
        user=roskilde.caseworker, case=case, received_on=date(2025, 10, 1), form="written"
    )
    assert not complaint.late and complaint.about == ComplaintAbout.CHANGE


def test_a_later_change_takes_effect_on_its_day_through_the_sweep(roskilde, citizen_of):
    """Issue 17, item 5: a change decided for a later day leaves the placement as it is
    until then; the daily sweep carries it out on the day."""
    placement = _running(roskilde, citizen_of)
    case = placement.case
    actions.change_decision_make.as_on(
        date(2025, 9, 15),
        user=roskilde.caseworker,
        case=case,
        decided_on=date(2025, 9, 15),
        effective_on=date(2025, 10, 1),
        days_per_week=5,
    )
    assert Placement.objects.get(case=case, ended_on__isnull=True).pk == placement.pk
    with pytest.raises(CaseError) as err:
        actions.change_effect.run_as_system(
            case=case, actor=roskilde.caseworker, today=date(2025, 9, 30)
        )
    assert "1. oktober 2025" in err.value.message
    with pytest.raises(CaseError):  # no second change while one waits for its day
        actions.change_decision_make.as_on(
            date(2025, 9, 16),
            user=roskilde.caseworker,
            case=case,
            decided_on=date(2025, 9, 16),
            effective_on=date(2025, 10, 1),
            hours_per_day=Decimal("7"),
        )
    sweep_run(today=date(2025, 10, 1), municipality_id="roskilde")
    new = Placement.objects.get(case=case, ended_on__isnull=True)
    assert (new.start_on, new.days_per_week) == (date(2025, 10, 1), 5)
    placement.refresh_from_db()
    assert placement.ended_on == date(2025, 10, 1) - timedelta(days=1)


def test_hearing_letter_on_a_change_draft_states_the_proposal(roskilde, citizen_of):
    """Forvaltningsloven § 19: the hearing letter on a change draft says what is proposed
    from which day, and why."""
    placement = _running(roskilde, citizen_of)
    case = placement.case
    services.change_draft_create(
        user=roskilde.caseworker,
        case=case,
        created_on=date(2025, 9, 1),
        effective_on=date(2025, 10, 1),
        days_per_week=3,
        hours_per_day=Decimal("5"),
        reasons="Du har været syg mange dage.",
    )
    services.party_hearing_send(
        user=roskilde.caseworker, case=case, sent_on=date(2025, 9, 1), days=14
    )
    with on_day(date(2025, 9, 1)):
        letter = services.letter_send(user=roskilde.caseworker, case=case, kind="hearing")
    text = pdf_text(bytes(letter.pdf))
    assert "Vi foreslår at ændre din beskyttede beskæftigelse fra 1. oktober 2025." in text
    assert "Du får beskyttet beskæftigelse 3 dage om ugen, 5 timer om dagen." in text
    assert "Du har været syg mange dage." in text
    # While the citizen is heard, no change (nor ending) can be decided.
    with pytest.raises(CaseError) as err:
        _change(roskilde, case, days_per_week=3, reasons="Syg.")
    assert "partshøring" in err.value.message

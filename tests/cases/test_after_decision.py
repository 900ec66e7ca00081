"""After a grant: handleplan, placement, follow-up and termination."""

from datetime import date

import pytest

from bb103.cases import services
from bb103.cases.errors import CaseError
from bb103.cases.models import CaseStatus, DeadlineKind
from tests.cases.factories import assess, end, grant, heard, make_offer, open_case, placed

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted(ballerup, citizen_of):
    """A Ballerup citizen born 10 January 1959: folkepensionsalder 67, on 10 January 2026."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup, birth=date(1959, 1, 10)))
    assess(ballerup.caseworker, case)
    heard(ballerup.caseworker, case)
    grant(ballerup.caseworker, case, offer=ballerup.offer)
    return case


@pytest.fixture
def refused(roskilde, citizen_of):
    case = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, case, significant_reduced_function=False)
    heard(roskilde.caseworker, case, outcome="refusal", days=14)
    services.decision_make(
        user=roskilde.caseworker,
        case=case,
        outcome="refusal",
        decided_on=date(2025, 4, 10),
        reasons="Funktionsevnen er ikke betydeligt nedsat.",
    )
    return case


def test_ballerup_days_per_week_by_living_situation(ballerup, granted):
    """Ballerup, serviceniveau: Indsatsens omfang: egen bolig eller botilbud 1-4 dage."""
    with pytest.raises(CaseError) as err:
        placed(ballerup.caseworker, granted, ballerup.offer, days=5)
    assert err.value.field == "days_per_week"
    assert "1-4 dage om ugen" in err.value.message
    placement = placed(ballerup.caseworker, granted, ballerup.offer, days=4)
    assert placement.days_per_week == 4
    granted.refresh_from_db()
    assert granted.status == CaseStatus.ACTIVE


def test_placement_gives_follow_up_and_pension_age_deadlines(ballerup, granted):
    """Serviceloven § 148 (opfølgning 12 måneder efter start); lov om social pension § 1 a."""
    placed(ballerup.caseworker, granted, ballerup.offer)
    deadlines = {d.kind: d for d in granted.deadlines.all()}
    assert deadlines[DeadlineKind.FOLLOW_UP].due_on == date(2026, 5, 1)
    assert deadlines[DeadlineKind.PENSION_AGE].due_on == date(2026, 1, 10)


def test_follow_up_moves_the_next_one_12_months_on(ballerup, granted):
    placed(ballerup.caseworker, granted, ballerup.offer)
    with pytest.raises(CaseError) as err:
        services.follow_up_record(user=ballerup.caseworker, case=granted, held_on=date(2025, 4, 2))
    assert err.value.field == "held_on"
    services.follow_up_record(
        user=ballerup.caseworker,
        case=granted,
        held_on=date(2025, 11, 3),
        participants="Borger, rådgiver, kontaktperson",
        vum_level=2,
    )
    next_one = granted.deadlines.get(kind=DeadlineKind.FOLLOW_UP)
    assert next_one.due_on == date(2026, 11, 3)


def test_offer_without_free_places_is_refused(roskilde, citizen_of):
    full = make_offer(roskilde.admin, roskilde.municipality, places=1)
    cases = []
    for _ in range(2):
        case = open_case(roskilde.caseworker, citizen_of(roskilde))
        assess(roskilde.caseworker, case)
        grant(roskilde.caseworker, case)
        cases.append(case)
    placed(roskilde.caseworker, cases[0], full)
    with pytest.raises(CaseError) as err:
        placed(roskilde.caseworker, cases[1], full)
    assert "ingen ledige pladser" in err.value.message


def test_a_refused_case_cannot_start_or_get_a_handleplan(roskilde, refused):
    with pytest.raises(CaseError):
        placed(roskilde.caseworker, refused, roskilde.offer)
    with pytest.raises(CaseError) as err:
        services.handleplan_record(
            user=roskilde.caseworker, case=refused, status="declined", offered_on=date(2025, 4, 11)
        )
    assert "§ 141, stk. 2" in err.value.message


def test_handleplan_accepted_needs_the_contents_of_141_stk_3(ballerup, granted):
    """Serviceloven § 141, stk. 3: purpose, effort, expected duration, other matters."""
    with pytest.raises(CaseError) as err:
        services.handleplan_record(
            user=ballerup.caseworker,
            case=granted,
            status="accepted",
            offered_on=date(2025, 4, 2),
            purpose="Stabil hverdag med arbejde",
        )
    assert err.value.field == "effort"
    plan = services.handleplan_record(
        user=ballerup.caseworker,
        case=granted,
        status="accepted",
        offered_on=date(2025, 4, 2),
        purpose="Stabil hverdag med arbejde",
        effort="Beskyttet beskæftigelse 4 dage om ugen",
        expected_duration="2 år",
        other_matters="Ingen",
    )
    assert plan.get_status_display() == "Tilbudt og udarbejdet"
    declined = services.handleplan_record(
        user=ballerup.caseworker, case=granted, status="declined", offered_on=date(2025, 4, 3)
    )
    assert declined.purpose == ""


def test_termination_ends_the_placement_and_its_open_deadlines(ballerup, granted):
    placement = placed(ballerup.caseworker, granted, ballerup.offer)
    end(ballerup.caseworker, granted, "goals_reached", on=date(2025, 9, 30))
    placement.refresh_from_db()
    assert placement.ended_on == date(2025, 9, 30)
    assert not granted.deadlines.filter(
        kind__in=[DeadlineKind.FOLLOW_UP, DeadlineKind.PENSION_AGE]
    ).exists()
    granted.refresh_from_db()
    assert granted.status == CaseStatus.TERMINATED


def test_termination_at_the_latest_on_reaching_folkepensionsalder(ballerup, granted):
    """Serviceloven § 103, stk. 1; lov om social pension § 1 a: born 10 January 1959,
    folkepensionsalder 67, reached 10 January 2026."""
    placed(ballerup.caseworker, granted, ballerup.offer)
    with pytest.raises(CaseError) as err:
        services.case_terminate(
            user=ballerup.caseworker,
            case=granted,
            reason="citizen_wish",
            terminated_on=date(2026, 2, 2),
        )
    assert "10. januar 2026" in err.value.message
    with pytest.raises(CaseError) as err:
        services.case_terminate(
            user=ballerup.caseworker,
            case=granted,
            reason="pension_age",
            terminated_on=date(2026, 1, 9),
        )
    assert err.value.field == "terminated_on"
    termination = services.case_terminate(
        user=ballerup.caseworker,
        case=granted,
        reason="pension_age",
        terminated_on=date(2026, 1, 10),
    )
    assert termination.get_reason_display() == "Borgeren har nået folkepensionsalderen"
    assert granted.deadlines.filter(kind=DeadlineKind.DECISION).exists()

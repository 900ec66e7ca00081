"""Issue 17, item 5, two loose ends: a grant states its days per week in the action itself,
whichever channel grants; and the yearly follow-up clock (Serviceloven § 148, stk. 1; the
standards' yearly follow-up) runs on across a change decision's new placement."""

from datetime import date

import pytest

from bb103.cases import services
from bb103.cases.actions.state import case_state_load
from bb103.cases.engine.facts import case_facts
from bb103.cases.errors import CaseError
from bb103.cases.models import Case, Deadline, DeadlineKind, Decision, Placement
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

pytestmark = pytest.mark.django_db


def _ready(staff, citizen_of):
    """Assessed and heard on a draft to grant (and, in Vejen, reviewed by the committee)."""
    case = open_case(staff.caseworker, citizen_of(staff))
    assess(staff.caseworker, case)
    heard(staff.caseworker, case, days=14)
    if staff.municipality.pk == "vejen":
        reviewed(staff.committee, case, staff.offer)
    return case


def _decide(staff, case, **inputs):
    return services.decision_make(
        user=staff.caseworker,
        case=case,
        outcome="grant",
        decided_on=date(2025, 4, 1),
        offer=staff.offer,
        **inputs,
    )


# -- a grant states its days ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("mid", "range_text", "source"),
    [
        ("vejen", "som udgangspunkt 5", "Vejen"),
        ("ballerup", "1-4 dage om ugen", "Ballerup, serviceniveau: Indsatsens omfang"),
    ],
)
def test_a_grant_without_days_is_refused_naming_the_range_and_its_source(
    request, citizen_of, mid, range_text, source
):
    """Issue 17, item 5: the decision grants days per week within the standard's range
    (Vejen: 5 as the rule), and the letter states them; the action refuses a grant without
    days, whichever channel calls it, naming the field, the range and its source."""
    staff = request.getfixturevalue(mid)
    case = _ready(staff, citizen_of)
    with pytest.raises(CaseError) as err:
        _decide(staff, case)
    assert err.value.field == "days_per_week"
    assert "dage om ugen der bevilges" in err.value.message
    assert range_text in err.value.message and source in err.value.message
    assert not Decision.objects.filter(case=case).exists()


@pytest.mark.parametrize(("mid", "days"), [("vejen", 5), ("vejen", 3), ("ballerup", 4)])
def test_a_grant_with_days_in_the_range_is_made_without_hours(request, citizen_of, mid, days):
    """Issue 17, item 5: days within the standard's range are granted. Hours are optional:
    no standard and no law sets a number of hours per day (Vejen: "reduceret
    arbejdsdage/timer" by individual assessment)."""
    staff = request.getfixturevalue(mid)
    case = _ready(staff, citizen_of)
    decision = _decide(staff, case, days_per_week=days)
    assert (decision.days_per_week, decision.hours_per_day) == (days, None)


def test_ankestyrelsens_changed_grant_carries_the_scope_granted(roskilde, citizen_of):
    """Retssikkerhedsloven § 68: Ankestyrelsen changes a grant (here: another offer); its
    decision in force carries the days the municipality granted, so the placement stays
    within them."""
    case = open_case(roskilde.caseworker, citizen_of(roskilde))
    assess(roskilde.caseworker, case)
    heard(roskilde.caseworker, case, days=14)
    grant(roskilde.caseworker, case, offer=roskilde.offer, days=3)
    tell(roskilde.caseworker, case)
    services.complaint_register(
        user=roskilde.caseworker, case=case, received_on=date(2025, 4, 10), form="written"
    )
    services.complaint_reassess(
        user=roskilde.caseworker,
        case=case,
        reassessed_on=date(2025, 4, 11),
        result="upheld",
        notes="Fastholdt.",
    )
    services.complaint_forward(user=roskilde.caseworker, case=case, forwarded_on=date(2025, 4, 12))
    other = make_offer(roskilde.admin, roskilde.municipality, tilbudsportalen_id="TP-2002")
    services.complaint_outcome_record(
        user=roskilde.caseworker,
        case=case,
        outcome="changed",
        received_on=date(2025, 8, 1),
        new_outcome="grant",
        offer=other,
        notes="Ankestyrelsen: borgeren skal have tilbuddet tæt på sin bopæl.",
    )
    case.refresh_from_db()
    decision = case.decision
    assert (decision.origin, decision.offer_id, decision.days_per_week) == (
        "ankestyrelsen",
        other.pk,
        3,
    )
    with pytest.raises(CaseError) as err:
        placed(roskilde.caseworker, case, other, days=4, on=date(2025, 8, 4))
    assert err.value.field == "days_per_week"


# -- the follow-up clock across a change decision -------------------------------------------
def _placed_1_march(staff, citizen_of) -> Case:
    """Granted 4 days a week on 20 January 2025 (no hearing: the standard sets none for a
    grant), placed from 1 March 2025."""
    case = open_case(staff.caseworker, citizen_of(staff), received_on=date(2025, 1, 6))
    assess(staff.caseworker, case, on=date(2025, 1, 13))
    grant(staff.caseworker, case, offer=staff.offer, on=date(2025, 1, 20), days=4)
    tell(staff.caseworker, case, on=date(2025, 1, 20))
    placed(staff.caseworker, case, staff.offer, days=4, on=date(2025, 3, 1))
    return case


def _more_days_from_1_december(staff, case) -> None:
    """The citizen asked for five days: a change to their advantage, effective 1 December
    2025, carried out at once (it was decided in the past)."""
    services.change_decision_make(
        user=staff.caseworker,
        case=case,
        decided_on=date(2025, 11, 17),
        effective_on=date(2025, 12, 1),
        days_per_week=5,
        at_citizens_request=True,
    )
    running = Placement.objects.get(case=case, ended_on__isnull=True)
    assert running.start_on == date(2025, 12, 1)


def _follow_up_from(case: Case) -> tuple[date | None, date | None]:
    """What both readers of the case's facts count the follow-up from."""
    case = Case.objects.get(pk=case.pk)
    state = case_state_load(case, today=date(2025, 12, 2))
    return case_facts(case).follow_up_from, state.facts.follow_up_from


@pytest.mark.parametrize("mid", ["roskilde", "soenderborg"])
def test_follow_up_runs_from_the_last_follow_up_across_a_change(request, citizen_of, mid):
    """Serviceloven § 148, stk. 1 and the standards' yearly follow-up: a change decision
    ends the placement and starts a new one, but the follow-up held on 1 September 2025
    still sets the deadline: 12 months after it, not after the change on 1 December."""
    staff = request.getfixturevalue(mid)
    case = _placed_1_march(staff, citizen_of)
    services.follow_up_record(
        user=staff.caseworker,
        case=case,
        held_on=date(2025, 9, 1),
        participants="Borger, rådgiver, kontaktperson",
    )
    _more_days_from_1_december(staff, case)
    assert _follow_up_from(case) == (date(2025, 9, 1), date(2025, 9, 1))
    deadline = Deadline.objects.get(case=case, kind=DeadlineKind.FOLLOW_UP, met_on__isnull=True)
    assert deadline.due_on == date(2026, 9, 1)
    assert "sidste opfølgning 1. september 2025" in deadline.explanation


@pytest.mark.parametrize("mid", ["roskilde", "soenderborg"])
def test_follow_up_without_one_held_runs_from_the_first_start(request, citizen_of, mid):
    """Serviceloven § 148, stk. 1: with no follow-up held, the yearly clock runs from the
    first placement's start (1 March 2025), not from the change's new placement."""
    staff = request.getfixturevalue(mid)
    case = _placed_1_march(staff, citizen_of)
    before = Deadline.objects.get(case=case, kind=DeadlineKind.FOLLOW_UP, met_on__isnull=True)
    _more_days_from_1_december(staff, case)
    assert _follow_up_from(case) == (date(2025, 3, 1), date(2025, 3, 1))
    deadline = Deadline.objects.get(case=case, kind=DeadlineKind.FOLLOW_UP, met_on__isnull=True)
    # 1 March 2026 is a Sunday: the deadline is the next working day.
    assert deadline.due_on == before.due_on == date(2026, 3, 2)
    assert "start 1. marts 2025" in deadline.explanation

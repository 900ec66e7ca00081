"""``CaseAction.as_on``: a step taken as if today were an earlier day, for loading a case's
history (issue 15, item 14: the demo sends each letter on the day of its step). It must give
what taking the step on that day gives, and be checked as any step is."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bb103.cases.actions import LETTER_ACTIONS
from bb103.cases.errors import AccessDenied
from bb103.cases.models import Case, Letter
from tests.cases.factories import granted_case, on_day, open_case, tell

pytestmark = pytest.mark.django_db

# What differs between two citizens' letters of the same kind on the same day.
OWN = ("case_ref", "recipient")


def _same_letter(a: Letter, b: Letter) -> None:
    assert a.sent_on == b.sent_on
    assert {k: v for k, v in a.data.items() if k not in OWN} == {
        k: v for k, v in b.data.items() if k not in OWN
    }


def _deadlines(case: Case) -> dict[str, tuple]:
    return {d.kind: (d.due_on, d.met_on) for d in case.deadlines.all()}


def test_a_receipt_sent_as_on_a_day_is_the_receipt_sent_that_day(roskilde, citizen_of):
    """Issue 15, item 14: the receipt taken as on the day the application came in is dated
    that day and says what the receipt sent that day says (the promised answer date)."""
    day = date(2025, 3, 10)
    moved = open_case(roskilde.caseworker, citizen_of(roskilde), received_on=day)
    with on_day(day):
        sent = LETTER_ACTIONS["receipt"](user=roskilde.caseworker, case=moved)
    case = open_case(roskilde.caseworker, citizen_of(roskilde), received_on=day)
    letter = LETTER_ACTIONS["receipt"].as_on(day, user=roskilde.caseworker, case=case)
    assert letter.sent_on == day and letter.data["date"] == {"year": 2025, "month": 3, "day": 10}
    _same_letter(letter, sent)


def test_a_decision_letter_sent_as_on_the_decision_day_starts_the_complaint_period_then(
    ballerup, citizen_of
):
    """Issue 15, item 14: the decision letter taken as on the decision day reaches the
    citizen that day (Digital Post), as one sent that day does: the same letter, the same
    receipt of the decision and the same deadlines (Retssikkerhedsloven § 67)."""
    day = date(2025, 4, 1)
    told = granted_case(ballerup, citizen_of)
    sent = tell(ballerup.caseworker, told, on=day)
    case = granted_case(ballerup, citizen_of)
    letter = LETTER_ACTIONS["decision_grant"].as_on(day, user=ballerup.caseworker, case=case)
    _same_letter(letter, sent)
    case.refresh_from_db()
    told.refresh_from_db()
    assert case.decision.received_on == told.decision.received_on == day
    assert _deadlines(case) == _deadlines(told)


def test_as_on_is_checked_as_a_step_taken_today(ballerup, vejen, citizen_of):
    """Only the roles of the step, in the case's municipality; never a day after today."""
    case = open_case(ballerup.caseworker, citizen_of(ballerup))
    receipt = LETTER_ACTIONS["receipt"]
    with pytest.raises(AccessDenied):
        receipt.as_on(date(2025, 3, 10), user=ballerup.committee, case=case)
    with pytest.raises(AccessDenied):
        receipt.as_on(date(2025, 3, 10), user=vejen.caseworker, case=case)
    with pytest.raises(ValueError, match="after today"):
        receipt.as_on(timezone.localdate() + timedelta(days=1), user=ballerup.caseworker, case=case)
    assert not Letter.objects.filter(case=case).exists()
